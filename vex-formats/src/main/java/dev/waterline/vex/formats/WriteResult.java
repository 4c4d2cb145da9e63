package dev.waterline.vex.formats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.charset.StandardCharsets;
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
  private final byte[] bytes;
  private final List<ConversionWarning> warnings;

  private WriteResult(VexFormat format, byte[] bytes, List<ConversionWarning> warnings) {
    this.format = Objects.requireNonNull(format, "format");
    this.bytes = Objects.requireNonNull(bytes, "bytes");
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
    return new WriteResult(format, bytes.clone(), warnings);
  }

  /**
   * A result that takes over {@code bytes}, which no one else holds: for this package's writers.
   */
  static WriteResult owning(VexFormat format, byte[] bytes, List<ConversionWarning> warnings) {
    return new WriteResult(format, bytes, warnings);
  }

  /** The dialect written. */
  public VexFormat format() {
    return format;
  }

  /** The document as UTF-8 bytes (a copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The document as text. */
  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
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
        && java.util.Arrays.equals(bytes, ((WriteResult) o).bytes)
        && warnings.equals(((WriteResult) o).warnings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, java.util.Arrays.hashCode(bytes), warnings);
  }

  /** For example {@code WriteResult[cyclonedx, 5123 bytes, 0 warnings]}. */
  @Override
  public String toString() {
    return "WriteResult["
        + format
        + ", "
        + bytes.length
        + " bytes, "
        + warnings.size()
        + (warnings.size() == 1 ? " warning]" : " warnings]");
  }
}
