package dev.waterline.vex.formats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.VexDocument;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A VEX document read from any dialect: the OpenVEX model of it, the dialect it was written in, and
 * what the model could not carry. Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class ReadResult {
  private final VexFormat format;
  private final boolean yaml;
  private final VexDocument document;
  private final List<ConversionWarning> warnings;

  private ReadResult(
      VexFormat format, boolean yaml, VexDocument document, List<ConversionWarning> warnings) {
    this.format = Objects.requireNonNull(format, "format");
    this.yaml = yaml;
    this.document = Objects.requireNonNull(document, "document");
    this.warnings = List.copyOf(warnings);
  }

  /**
   * A result; for tools that read VEX some other way and want to hand it on in this form.
   *
   * @param format the dialect the document was written in
   * @param yaml whether it was written as YAML (OpenVEX only)
   * @param document the document in the OpenVEX model
   * @param warnings what the model could not carry, in input order
   */
  public static ReadResult of(
      VexFormat format, boolean yaml, VexDocument document, List<ConversionWarning> warnings) {
    return new ReadResult(format, yaml, document, warnings);
  }

  /** The dialect the input was written in. */
  public VexFormat format() {
    return format;
  }

  /** Whether the input was OpenVEX written as YAML. */
  public boolean yaml() {
    return yaml;
  }

  /**
   * The document in the OpenVEX model. Read from CSAF or CycloneDX, it is valid OpenVEX: what
   * OpenVEX requires and the input did not say (an author, a timestamp, an {@code @id}, the impact
   * statement of a {@code not_affected} statement without justification, the action statement of an
   * {@code affected} one) is filled in with a fixed value and warned.
   */
  public VexDocument document() {
    return document;
  }

  /**
   * What the OpenVEX model could not carry, in input order, then what was filled in (see {@link
   * #document()}); empty for OpenVEX input.
   */
  public List<ConversionWarning> warnings() {
    return warnings;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ReadResult
        && format == ((ReadResult) o).format
        && yaml == ((ReadResult) o).yaml
        && document.equals(((ReadResult) o).document)
        && warnings.equals(((ReadResult) o).warnings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, yaml, document, warnings);
  }

  /** For example {@code ReadResult[csaf, 12 statements, 2 warnings]}. */
  @Override
  public String toString() {
    int n = document.statements().size();
    return "ReadResult["
        + format
        + (yaml ? " (YAML)" : "")
        + ", "
        + n
        + (n == 1 ? " statement, " : " statements, ")
        + warnings.size()
        + (warnings.size() == 1 ? " warning]" : " warnings]");
  }
}
