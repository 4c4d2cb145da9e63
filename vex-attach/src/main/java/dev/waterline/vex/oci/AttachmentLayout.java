package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Where an attestation sits relative to its image. Waterline writes the first three and reads all.
 */
@API(status = STABLE, since = "0.1.0")
public enum AttachmentLayout {
  /**
   * An OCI 1.1 referrer holding one Sigstore bundle (cosign ≥ 3): empty config, {@code
   * artifactType} and layer {@code application/vnd.dev.sigstore.bundle.v0.3+json}, annotations
   * {@code dev.sigstore.bundle.content: dsse-envelope} and {@code
   * dev.sigstore.bundle.predicateType}. Read by cosign ≥ 3 and Trivy ≥ 0.73.
   */
  SIGSTORE_BUNDLE_REFERRER(true),
  /**
   * cosign's legacy tag {@code sha256-<hex>.att}: an image whose layers are DSSE envelopes, one per
   * attestation, annotated {@code dev.cosignproject.cosign/signature: ""} and {@code
   * predicateType}. Read by every cosign and Trivy ≥ 0.54.
   */
  COSIGN_ATT_TAG(true),
  /**
   * An OCI 1.1 referrer holding a bare in-toto statement ({@code artifactType
   * application/vnd.in-toto+json}), as Docker Scout and Docker Hardened Images write. Unsigned.
   */
  STATEMENT_REFERRER(true),
  /** An OCI 1.1 referrer holding a DSSE envelope layer (other tools write it; read only). */
  DSSE_REFERRER(false),
  /**
   * A BuildKit attestation manifest listed in the image index ({@code vnd.docker.reference.type:
   * attestation-manifest}), one in-toto statement per layer (read only).
   */
  BUILDKIT_ATTESTATION_MANIFEST(false);

  private final boolean writable;

  AttachmentLayout(boolean writable) {
    this.writable = writable;
  }

  /** Whether Waterline writes this layout (the others are read only). */
  public boolean isWritable() {
    return writable;
  }
}
