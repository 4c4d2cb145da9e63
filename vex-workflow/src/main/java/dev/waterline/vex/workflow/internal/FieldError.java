package dev.waterline.vex.workflow.internal;

import dev.waterline.vex.VexException;

/**
 * A decision field that is missing or wrong; readers turn it into a {@code DecisionException} with
 * the line and column of that field.
 */
public final class FieldError extends VexException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String detail;

  /** Creates the error for {@code field} (its name as in a CSV header: {@code justification}). */
  public FieldError(String field, String detail) {
    super(field + ": " + detail);
    this.field = field;
    this.detail = detail;
  }

  /** The field. */
  public String field() {
    return field;
  }

  /** What was expected and what was found. */
  public String detail() {
    return detail;
  }
}
