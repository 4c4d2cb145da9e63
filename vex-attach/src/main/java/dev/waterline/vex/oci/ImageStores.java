package dev.waterline.vex.oci;

import dev.waterline.vex.oci.internal.store.OciStore;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Opens the store an image reference names: an OCI layout on disk or a registry repository. */
final class ImageStores {
  private ImageStores() {}

  /**
   * An opened image.
   *
   * @param target the tag or digest to ask the store for (null: a target with none, to be tagged by
   *     digest only)
   * @param registry the registry, for a registry reference
   */
  record Opened(OciStore store, @Nullable String target, @Nullable Registry registry) {}

  /**
   * The image to read: it must exist; a layout reference with neither tag nor digest names the
   * layout's one image tag.
   */
  static Opened source(ImageReference ref, RegistryOptions options) {
    if (ref.isLayout()) {
      OciLayout layout = OciLayout.open(ref);
      String t = ref.target().orElseGet(() -> onlyTag(layout, ref));
      return new Opened(layout.store(), t, null);
    }
    Registry r = Registry.of(ref, options);
    return new Opened(r.store(ref.repository()), ref.target().orElseThrow(), r);
  }

  /** Where to write: a layout (created if missing) with a tag, or a registry repository and tag. */
  static Opened destination(ImageReference ref, RegistryOptions options) {
    if (ref.digest().isPresent()) {
      throw new OciException(
          "cannot write to " + ref + ": a target is named by tag, not by digest",
          ref.toString(),
          null,
          null,
          null);
    }
    if (ref.isLayout()) {
      OciLayout layout = OciLayout.create(ref.layoutPath().orElseThrow());
      String tag =
          ref.tag()
              .orElseThrow(
                  () ->
                      new OciException(
                          "cannot write to " + ref + ": name the new image's tag (oci:PATH:TAG)",
                          ref.toString(),
                          null,
                          null,
                          null));
      return new Opened(layout.store(), tag, null);
    }
    Registry r = Registry.of(ref, options);
    return new Opened(r.store(ref.repository()), ref.tag().orElseThrow(), r);
  }

  private static String onlyTag(OciLayout layout, ImageReference ref) {
    List<String> tags =
        layout.tags().stream()
            .filter(t -> !t.startsWith("sha256-") && !t.startsWith("sha512-"))
            .collect(Collectors.toList());
    if (tags.size() == 1) {
      return tags.get(0);
    }
    throw new OciException(
        ref
            + " names no tag or digest, and the layout has "
            + (tags.isEmpty() ? "no image tags" : "several image tags " + tags)
            + "; name one as oci:PATH:TAG or oci:PATH@DIGEST",
        ref.toString(),
        null,
        null,
        null);
  }
}
