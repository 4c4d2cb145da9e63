package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** How serious a validation finding is. */
@API(status = STABLE, since = "0.1.0")
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
