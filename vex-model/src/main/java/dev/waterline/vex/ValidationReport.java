package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The findings of validating one document, in document order. A document is valid when it has no
 * errors; in strict mode, when it has no findings at all.
 */
@API(status = STABLE, since = "0.1.0")
public final class ValidationReport {
  private final List<ValidationFinding> findings;

  private ValidationReport(List<ValidationFinding> findings) {
    this.findings = List.copyOf(findings);
  }

  /** A report holding these findings. */
  public static ValidationReport of(List<ValidationFinding> findings) {
    return new ValidationReport(findings);
  }

  /** Every finding, errors and warnings, in document order. */
  public List<ValidationFinding> findings() {
    return findings;
  }

  /** The errors only. */
  public List<ValidationFinding> errors() {
    return findings.stream()
        .filter(f -> f.severity() == ValidationSeverity.ERROR)
        .collect(Collectors.toUnmodifiableList());
  }

  /** The warnings only. */
  public List<ValidationFinding> warnings() {
    return findings.stream()
        .filter(f -> f.severity() == ValidationSeverity.WARNING)
        .collect(Collectors.toUnmodifiableList());
  }

  /** Whether the document has no errors. */
  public boolean isValid() {
    return errors().isEmpty();
  }

  /** Whether the document has no errors, and in strict mode no warnings either. */
  public boolean isValid(boolean strict) {
    return strict ? findings.isEmpty() : isValid();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValidationReport && findings.equals(((ValidationReport) o).findings);
  }

  @Override
  public int hashCode() {
    return findings.hashCode();
  }

  /** For example {@code valid, 1 warning: [warning at /foo: unknown field 'foo']}. */
  @Override
  public String toString() {
    int e = errors().size();
    int w = findings.size() - e;
    String head =
        (e == 0 ? "valid" : "invalid, " + e + (e == 1 ? " error" : " errors"))
            + (w == 0 ? "" : ", " + w + (w == 1 ? " warning" : " warnings"));
    return findings.isEmpty() ? head : head + ": " + findings;
  }
}
