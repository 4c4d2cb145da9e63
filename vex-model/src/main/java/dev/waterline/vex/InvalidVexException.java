package dev.waterline.vex;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A builder was asked to make a statement or document that validation would refuse: a {@code
 * not_affected} statement without a justification or an impact statement, an {@code affected} one
 * without an action statement, a product whose package URL does not parse, a document without
 * statements, … The message names the first error's rule and the JSON pointer of the field at
 * fault; {@link #report()} holds every finding. Build with {@code buildLenient()} to make the value
 * anyway (to read, show or repair what another tool wrote).
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class InvalidVexException extends VexException {
  private static final long serialVersionUID = 1L;

  private final transient ValidationReport report;

  /**
   * Creates the exception.
   *
   * @param what what was being built, e.g. {@code statement} or {@code document}
   * @param report the validation report, with at least one error
   */
  public InvalidVexException(String what, ValidationReport report) {
    super(message(what, report));
    this.report = Objects.requireNonNull(report, "report");
  }

  private static String message(String what, ValidationReport report) {
    List<ValidationFinding> errors = report.errors();
    if (errors.isEmpty()) {
      return "invalid OpenVEX " + what;
    }
    ValidationFinding first = errors.get(0);
    String at = first.pointer().isEmpty() ? "the " + what : first.pointer();
    return "invalid OpenVEX "
        + what
        + ": at "
        + at
        + ": "
        + first.message()
        + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : "")
        + "; buildLenient() builds it anyway";
  }

  /** The findings of validating what was built: its errors, and any warnings. */
  public ValidationReport report() {
    return report;
  }
}
