package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One attestation taken off an image by {@link Attachments#detach}, {@link Attachments#prune} or
 * {@link Attachments#attachReplacing}: where it was, which document it held, and what became of its
 * manifest.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class Removal {
  /** What became of the manifest that held the attestation. */
  public enum Outcome {
    /** The referrer manifest was deleted (the registry allows {@code DELETE}). */
    DELETED,
    /**
     * The registry refused {@code DELETE} (405 / {@code UNSUPPORTED}): the referrer is no longer
     * listed (fallback index rewritten, removal marker tagged), so fetch skips it, but the manifest
     * stays stored until the registry's operator deletes it.
     */
    LEFT_DANGLING,
    /** OCI layout: its {@code index.json} entry is gone; its blobs stay in {@code blobs/}. */
    UNLISTED,
    /** Its layer left cosign's {@code .att} manifest, which was rewritten without it. */
    LAYER_REMOVED
  }

  private final AttachmentLayout layout;
  private final Digest subject;
  private final Digest manifest;
  private final Digest layer;
  private final @Nullable String documentId;
  private final int version;
  private final Outcome outcome;

  Removal(
      AttachmentLayout layout,
      Digest subject,
      Digest manifest,
      Digest layer,
      @Nullable String documentId,
      int version,
      Outcome outcome) {
    this.layout = layout;
    this.subject = subject;
    this.manifest = manifest;
    this.layer = layer;
    this.documentId = documentId;
    this.version = version;
    this.outcome = outcome;
  }

  /** The layout it was in. */
  public AttachmentLayout layout() {
    return layout;
  }

  /** The digest it hung off (the image, or one of its platform manifests). */
  public Digest subject() {
    return subject;
  }

  /** The referrer manifest, or the {@code .att} manifest it was a layer of. */
  public Digest manifest() {
    return manifest;
  }

  /** The attestation's own digest (the layer). */
  public Digest layer() {
    return layer;
  }

  /** The OpenVEX document's {@code @id}, when it had one and could be read. */
  public Optional<String> documentId() {
    return Optional.ofNullable(documentId);
  }

  /** The OpenVEX document's {@code version} (0 when it could not be read). */
  public int version() {
    return version;
  }

  /** What became of the manifest. */
  public Outcome outcome() {
    return outcome;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Removal)) {
      return false;
    }
    Removal r = (Removal) o;
    return layout == r.layout
        && subject.equals(r.subject)
        && manifest.equals(r.manifest)
        && layer.equals(r.layer)
        && Objects.equals(documentId, r.documentId)
        && version == r.version
        && outcome == r.outcome;
  }

  @Override
  public int hashCode() {
    return Objects.hash(layout, subject, manifest, layer, documentId, version, outcome);
  }

  @Override
  public String toString() {
    return layout
        + " "
        + manifest
        + (layout == AttachmentLayout.COSIGN_ATT_TAG ? " layer " + layer : "")
        + (documentId == null ? "" : " " + documentId + " v" + version)
        + " "
        + outcome;
  }
}
