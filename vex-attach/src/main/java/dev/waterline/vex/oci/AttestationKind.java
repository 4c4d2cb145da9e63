package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** What the bytes of an attestation are. */
@API(status = STABLE, since = "0.1.0")
public enum AttestationKind {
  /**
   * A Sigstore bundle (v0.3: {@code application/vnd.dev.sigstore.bundle.v0.3+json}) holding a DSSE
   * envelope: cosign ≥ 3, GitHub attestations, {@code waterline attest --format bundle}.
   */
  SIGSTORE_BUNDLE(MediaTypes.SIGSTORE_BUNDLE_V03),
  /** A DSSE envelope ({@code application/vnd.dsse.envelope.v1+json}): cosign's {@code .att}. */
  DSSE_ENVELOPE(MediaTypes.DSSE_ENVELOPE),
  /**
   * A bare, unsigned in-toto statement ({@code application/vnd.in-toto+json}): BuildKit, Docker
   * Scout, Docker Hardened Images.
   */
  IN_TOTO_STATEMENT(MediaTypes.IN_TOTO);

  private final String mediaType;

  AttestationKind(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The layer media type this kind is stored under. */
  public String mediaType() {
    return mediaType;
  }

  /** Whether the bytes carry a signature (bundle or envelope); statements do not. */
  public boolean isSigned() {
    return this != IN_TOTO_STATEMENT;
  }
}
