package dev.waterline.vex.formats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.internal.io.Chunks;
import dev.waterline.vex.internal.io.Failures;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A VEX document written in one dialect: its bytes (UTF-8 JSON, 2-space indent, {@code \n} line
 * ends, the same bytes for the same input) and what the dialect could not carry. Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class WriteResult {
  private final VexFormat format;
  private final Chunks content;
  private final List<ConversionWarning> warnings;

  private WriteResult(VexFormat format, Chunks content, List<ConversionWarning> warnings) {
    this.format = Objects.requireNonNull(format, "format");
    this.content = content.seal();
    this.warnings = List.copyOf(warnings);
  }

  /**
   * A result.
   *
   * @param format the dialect written
   * @param bytes the document as written
   * @param warnings what the dialect could not carry, in input order
   */
  public static WriteResult of(VexFormat format, byte[] bytes, List<ConversionWarning> warnings) {
    Chunks content = new Chunks();
    content.write(Objects.requireNonNull(bytes, "bytes"), 0, bytes.length);
    return new WriteResult(format, content, warnings);
  }

  /**
   * A result that takes over {@code content}, which no one else holds: for this package's writers,
   * whose output is held in the chunks it was written in and joined only when asked for.
   */
  static WriteResult owning(VexFormat format, Chunks content, List<ConversionWarning> warnings) {
    return new WriteResult(format, content, warnings);
  }

  /** The dialect written. */
  public VexFormat format() {
    return format;
  }

  /** The document as UTF-8 bytes (a new array on each call). */
  public byte[] bytes() {
    return content.toByteArray();
  }

  /** The document's length in bytes. */
  public long size() {
    return content.size();
  }

  /** The document as text. */
  public String text() {
    return content.text();
  }

  /**
   * Writes the document's bytes to {@code out} (which is neither flushed nor closed) without
   * joining them into one array first: for a large document, half the memory of {@code
   * out.write(bytes())}.
   *
   * @throws dev.waterline.vex.VexException when {@code out} throws an {@link IOException} (its
   *     cause)
   */
  public void writeTo(OutputStream out) {
    try {
      content.writeTo(out);
    } catch (IOException e) {
      throw Failures.writing("the " + format + " document", e);
    }
  }

  /**
   * What could not be carried, in input order: each with the JSON pointer of what was lost in the
   * document that was read (for {@link VexFormats#write}, the OpenVEX document as {@code
   * VexDocument.toJson()} writes it).
   */
  public List<ConversionWarning> warnings() {
    return warnings;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof WriteResult
        && format == ((WriteResult) o).format
        && content.contentEquals(((WriteResult) o).content)
        && warnings.equals(((WriteResult) o).warnings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, content.contentHash(), warnings);
  }

  /** For example {@code WriteResult[cyclonedx, 5123 bytes, 0 warnings]}. */
  @Override
  public String toString() {
    return "WriteResult["
        + format
        + ", "
        + content.size()
        + " bytes, "
        + warnings.size()
        + (warnings.size() == 1 ? " warning]" : " warnings]");
  }
}
