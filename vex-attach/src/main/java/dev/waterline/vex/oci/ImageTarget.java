package dev.waterline.vex.oci;

import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What an image name asks one store for: a tag or a digest ({@code ref}) and, when a tag was
 * written beside the digest ({@code TAG@DIGEST}, {@code app:1.0@sha256:…}), that tag. The digest
 * names the image, as in Docker; the tag is checked against it.
 */
record ImageTarget(String ref, @Nullable String tag) {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  /** A bare tag, a bare digest, or {@code TAG@DIGEST}; empty for anything else. */
  static Optional<ImageTarget> bare(String text) {
    if (Digest.isDigest(text) || TAG.matcher(text).matches()) {
      return Optional.of(new ImageTarget(text, null));
    }
    int at = text.indexOf('@');
    if (at > 0
        && TAG.matcher(text.substring(0, at)).matches()
        && Digest.isDigest(text.substring(at + 1))) {
      return Optional.of(new ImageTarget(text.substring(at + 1), text.substring(0, at)));
    }
    return Optional.empty();
  }

  /** The target of a reference that names a tag or a digest. */
  static Optional<ImageTarget> of(ImageReference ref) {
    if (ref.digest().isPresent()) {
      return Optional.of(new ImageTarget(ref.digest().get().toString(), ref.tag().orElse(null)));
    }
    return ref.tag().map(t -> new ImageTarget(t, null));
  }

  /** {@code TAG@DIGEST}, {@code DIGEST} or {@code TAG}: what {@link #bare} reads back. */
  String text() {
    return tag == null ? ref : tag + "@" + ref;
  }

  /**
   * When a tag was written beside the digest and does not name the image found by the digest (nor
   * an index listing it): a sentence saying what the tag names and that the digest was used.
   */
  Optional<String> disagreement(OciStore store, String image, Digest used) {
    if (tag == null) {
      return Optional.empty();
    }
    Optional<StoredManifest> tagged;
    try {
      tagged = store.manifest(tag);
    } catch (OciException e) {
      return Optional.of(
          image
              + ": the tag "
              + tag
              + " could not be read ("
              + String.valueOf(e.getMessage())
              + "); used the digest "
              + used);
    }
    if (tagged.isEmpty()) {
      return Optional.of(
          image
              + ": the tag "
              + tag
              + " is not in "
              + store.describe()
              + "; used the digest "
              + used
              + " (a digest names the image, the tag beside it is only shown)");
    }
    StoredManifest t = tagged.get();
    if (t.digest().equals(used) || (t.isIndex() && lists(t, used, store))) {
      return Optional.empty();
    }
    return Optional.of(
        image
            + ": the tag "
            + tag
            + " names "
            + t.digest()
            + ", not "
            + used
            + "; used the digest "
            + used
            + " (a digest names the image, the tag beside it is only shown)");
  }

  private static boolean lists(StoredManifest index, Digest d, OciStore store) {
    try {
      return OciJson.parseIndexKeepingUnreadable(
              index.bytes(), "the image index " + index.digest() + " in " + store.describe(), null)
          .manifests()
          .stream()
          .map(Descriptor::digest)
          .anyMatch(d::equals);
    } catch (OciException e) {
      return false;
    }
  }

  /**
   * The message for a digest that is not in the store, naming what the tag beside it names, if any.
   */
  OciException notFound(OciStore store, String image, OciException cause) {
    if (tag == null) {
      return cause;
    }
    String tagged;
    try {
      tagged =
          store
              .manifest(tag)
              .map(m -> "the tag " + tag + " beside it names " + m.digest())
              .orElse("the tag " + tag + " beside it is not there either");
    } catch (OciException e) {
      tagged = "the tag " + tag + " beside it could not be read either";
    }
    return new OciException(
        String.valueOf(cause.getMessage())
            + " ("
            + image
            + "); "
            + tagged
            + ", but a digest names the image, so nothing was done with the tag",
        image,
        ref,
        null,
        cause);
  }
}
