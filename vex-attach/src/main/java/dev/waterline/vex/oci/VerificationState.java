package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** What verifying a fetched attestation under a {@link FetchPolicy} found. */
@API(status = STABLE, since = "0.1.0")
public enum VerificationState {
  /** Signed, and the signature verified under the policy; the statement names the image. */
  VERIFIED,
  /**
   * Signed but not verified (bad or untrusted signature, altered payload, wrong identity), or a
   * statement that does not name the digest it was found on; see {@link
   * VerifiedAttestation#failure()}.
   */
  FAILED,
  /**
   * A bare in-toto statement (no signature): counts only when the policy accepts unsigned
   * statements, with a reason ({@link VerifiedAttestation#isAccepted()}).
   */
  UNSIGNED;

  /** {@code verified}, {@code failed} or {@code unsigned}, as the CLI prints it. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
