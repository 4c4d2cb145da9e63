package dev.waterline.vex;

/** How serious a validation finding is. */
public enum ValidationSeverity {
  /** The document breaks the OpenVEX spec or schema. */
  ERROR,
  /** The document is valid but questionable (unknown fields, a justification on {@code fixed}). */
  WARNING;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
