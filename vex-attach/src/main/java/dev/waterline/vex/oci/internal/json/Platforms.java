package dev.waterline.vex.oci.internal.json;

import dev.waterline.vex.oci.MediaTypes;
import java.util.Optional;

/** Picks a platform's manifest out of an image index. */
public final class Platforms {
  private Platforms() {}

  /**
   * The first runnable entry of {@code index} for {@code wanted}: same os and architecture; a
   * wanted variant must be equal, except that {@code arm64} without a variant also means {@code
   * v8}; BuildKit attestation entries and {@code unknown/unknown} are never picked.
   */
  public static Optional<Descriptor> select(ImageIndex index, Platform wanted) {
    for (Descriptor d : index.manifests()) {
      if (d.platform().isEmpty()
          || d.platform().get().isUnknown()
          || d.annotation(MediaTypes.ANNOTATION_DOCKER_REFERENCE_TYPE).isPresent()) {
        continue;
      }
      Platform p = d.platform().get();
      if (p.os().equals(wanted.os())
          && p.architecture().equals(wanted.architecture())
          && variantMatches(p, wanted)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  private static boolean variantMatches(Platform have, Platform wanted) {
    if (wanted.variant() == null) {
      return true;
    }
    String h = have.variant();
    if (h == null && have.architecture().equals("arm64")) {
      h = "v8";
    }
    return wanted.variant().equals(h);
  }
}
