package dev.waterline.vex.oci.internal.store;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import java.util.Optional;

/** How a manifest appears in a referrers list. */
public final class Referrers {
  private Referrers() {}

  /** A referrer: the subject it names and its descriptor in a referrers list. */
  public record Referrer(Digest subject, Descriptor descriptor) {}

  /**
   * The referrers-list entry for {@code m} if it has a {@code subject}: media type, digest, size,
   * {@code artifactType} (else the config media type for a manifest) and all its annotations, as
   * the distribution spec requires.
   */
  public static Optional<Referrer> of(StoredManifest m, String where) {
    String what = "manifest " + m.digest() + " in " + where;
    if (m.isIndex()) {
      ImageIndex index = OciJson.parseIndex(m.bytes(), what, m.digest());
      if (index.subject() == null) {
        return Optional.empty();
      }
      return Optional.of(
          new Referrer(
              index.subject().digest(),
              m.descriptor()
                  .withArtifactType(index.artifactType())
                  .withAnnotations(index.annotations())));
    }
    if (!m.isManifest()) {
      return Optional.empty();
    }
    ImageManifest manifest = OciJson.parseManifest(m.bytes(), what, m.digest());
    if (manifest.subject() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Referrer(
            manifest.subject().digest(),
            m.descriptor()
                .withArtifactType(manifest.effectiveArtifactType())
                .withAnnotations(manifest.annotations())));
  }
}
