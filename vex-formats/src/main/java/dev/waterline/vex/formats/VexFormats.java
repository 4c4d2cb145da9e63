package dev.waterline.vex.formats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.formats.internal.Formats;
import dev.waterline.vex.formats.internal.Writing;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The front door for every VEX dialect: detect, read, write, convert and validate OpenVEX, CSAF 2.0
 * VEX and CycloneDX VEX. The dialect of an input is always detected from its content (CSAF: {@code
 * document.csaf_version}; CycloneDX: {@code bomFormat} {@code CycloneDX}; OpenVEX: an {@code
 * @context} under {@code https://openvex.dev/ns}, as JSON or as YAML), never from a file name;
 * every method that reads also takes the dialect to force it.
 *
 * <pre>{@code
 * ReadResult r = VexFormats.read(bytes);                       // any dialect, as OpenVEX
 * WriteResult csaf = VexFormats.write(r.document(), VexFormat.CSAF);
 * WriteResult cdx = VexFormats.convert(bytes, VexFormat.CYCLONEDX);
 * cdx.warnings();       // what CycloneDX could not carry, each with its pointer in the input
 * }</pre>
 *
 * <p>The mapping between the dialects is the table in {@code docs/formats.md}. What a dialect
 * cannot carry is never dropped silently: it is a {@link ConversionWarning} of the result.
 * Everything written is valid: CSAF against the CSAF 2.0 schema and the mandatory tests, CycloneDX
 * against the schema of the version written.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class VexFormats {
  private VexFormats() {}

  /** The dialect of the input, detected from its content; empty when it is none of them. */
  public static Optional<VexFormat> detect(byte[] input) {
    return Optional.ofNullable(Formats.detect(input));
  }

  /**
   * Reads a VEX document of any dialect, detected from the content, into the OpenVEX model.
   *
   * @throws VexParseException when the input is not a VEX document, or not a valid one of its
   *     dialect (with the JSON pointer of the problem)
   */
  public static ReadResult read(byte[] input) {
    return Formats.read(input, null).result();
  }

  /**
   * Reads a VEX document of the given dialect (OpenVEX also as YAML) into the OpenVEX model.
   *
   * @throws VexParseException when the input is not a valid document of that dialect
   */
  public static ReadResult read(byte[] input, VexFormat format) {
    return Formats.read(input, format).result();
  }

  /**
   * Writes a document in a dialect with the default options; the warnings point into the document
   * as {@link VexDocument#toJson()} writes it.
   *
   * @throws dev.waterline.vex.VexException when the document cannot be written in that dialect at
   *     all (CSAF VEX needs at least one statement with a product)
   */
  public static WriteResult write(VexDocument document, VexFormat format) {
    return write(document, WriteOptions.of(format));
  }

  /**
   * Writes a document as the options say.
   *
   * @throws dev.waterline.vex.VexException when the document cannot be written in that dialect at
   *     all
   */
  public static WriteResult write(VexDocument document, WriteOptions options) {
    Writing w = Formats.write(document, Formats.pointers(document), Map.of(), options);
    return WriteResult.owning(options.format(), w.content(), w.warnings());
  }

  /**
   * Converts a document of any dialect (detected) into another: the warnings of reading and of
   * writing, each pointing into the input.
   *
   * @throws VexParseException when the input is not a valid VEX document
   */
  public static WriteResult convert(byte[] input, VexFormat to) {
    return convert(input, null, WriteOptions.of(to));
  }

  /**
   * Converts a document of the dialect {@code from} (detected when null) as the options say.
   *
   * @throws VexParseException when the input is not a valid document of that dialect
   */
  public static WriteResult convert(byte[] input, @Nullable VexFormat from, WriteOptions to) {
    Writing w = Formats.convert(input, from, to);
    return WriteResult.owning(to.format(), w.content(), w.warnings());
  }

  /**
   * Validates a document of any dialect (detected): OpenVEX against its schema and rules, CSAF
   * against the CSAF 2.0 schema and the mandatory tests that concern VEX, CycloneDX against the
   * schema of its {@code specVersion}. Never throws on bad input: each problem is a finding with
   * its JSON pointer.
   */
  public static ValidationReport validate(byte[] input) {
    return Formats.validate(input, null);
  }

  /** Validates a document as the given dialect; see {@link #validate(byte[])}. */
  public static ValidationReport validate(byte[] input, VexFormat format) {
    return Formats.validate(input, format);
  }
}
