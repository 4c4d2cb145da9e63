package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One attestation found next to an image, with where it was found. Nothing here is verified: pass
 * {@link #bytes()} to vex-sign's verifier under a policy (or accept an unsigned statement
 * explicitly).
 */
@API(status = STABLE, since = "0.1.0")
public final class FetchedAttestation {
  private final AttachmentLayout layout;
  private final Digest subject;
  private final Digest manifest;
  private final Digest layer;
  private final String mediaType;
  private final Attestation attestation;

  FetchedAttestation(
      AttachmentLayout layout,
      Digest subject,
      Digest manifest,
      Digest layer,
      String mediaType,
      Attestation attestation) {
    this.layout = layout;
    this.subject = subject;
    this.manifest = manifest;
    this.layer = layer;
    this.mediaType = mediaType;
    this.attestation = attestation;
  }

  /** Where it was found. */
  public AttachmentLayout layout() {
    return layout;
  }

  /** The digest it is attached to: the image asked for, or one of its platform manifests. */
  public Digest subject() {
    return subject;
  }

  /** The manifest holding it (referrer, {@code .att} image or BuildKit attestation manifest). */
  public Digest manifest() {
    return manifest;
  }

  /** The layer holding it (the digest of {@link #bytes()}). */
  public Digest layer() {
    return layer;
  }

  /** The layer's media type. */
  public String mediaType() {
    return mediaType;
  }

  /** The attestation: kind, bytes, statement, predicate type. */
  public Attestation attestation() {
    return attestation;
  }

  /** Bundle, envelope or bare statement. */
  public AttestationKind kind() {
    return attestation.kind();
  }

  /** The statement's predicate type. */
  public String predicateType() {
    return attestation.predicateType();
  }

  /** The exact bytes of the layer. */
  public byte[] bytes() {
    return attestation.bytes();
  }

  /** The in-toto statement (the DSSE payload, or the bytes of a bare statement). */
  public byte[] statement() {
    return attestation.statement();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FetchedAttestation)) {
      return false;
    }
    FetchedAttestation f = (FetchedAttestation) o;
    return layout == f.layout
        && subject.equals(f.subject)
        && manifest.equals(f.manifest)
        && layer.equals(f.layer)
        && mediaType.equals(f.mediaType)
        && attestation.equals(f.attestation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(layout, subject, manifest, layer, mediaType, attestation);
  }

  @Override
  public String toString() {
    return "FetchedAttestation["
        + layout
        + " "
        + kind()
        + " predicateType="
        + predicateType()
        + " subject="
        + subject
        + " manifest="
        + manifest
        + "]";
  }
}
