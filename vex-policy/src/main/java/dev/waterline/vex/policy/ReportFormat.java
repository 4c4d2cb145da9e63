package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** The kind of scanner report a {@link ScanReport} was read from. */
@API(status = STABLE, since = "0.1.0")
public enum ReportFormat {
  /** {@code grype -o json}. */
  GRYPE_JSON,
  /** {@code trivy image -f json} (schema version 2). */
  TRIVY_JSON,
  /** SARIF 2.1.0 written by Grype. */
  GRYPE_SARIF,
  /** SARIF 2.1.0 written by Trivy. */
  TRIVY_SARIF,
  /** SARIF 2.1.0 written by Snyk. */
  SNYK_SARIF,
  /** SARIF 2.1.0 from another tool; findings are read generically. */
  SARIF;

  /** True for the SARIF formats. */
  public boolean isSarif() {
    return this == GRYPE_SARIF || this == TRIVY_SARIF || this == SNYK_SARIF || this == SARIF;
  }
}
