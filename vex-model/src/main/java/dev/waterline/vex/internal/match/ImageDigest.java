package dev.waterline.vex.internal.match;

import dev.waterline.vex.internal.image.ImageText;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An image (or any artifact) known by its sha256 digest, with the repository and the short name it
 * was given where the source says so.
 *
 * <p>Sources, and what each yields:
 *
 * <ul>
 *   <li>a bare digest {@code sha256:<64 hex>}: the digest only;
 *   <li>an image reference {@code [registry/]repo[:tag]@sha256:<64 hex>}: the digest, the
 *       repository (tag dropped, Docker Hub defaults applied: {@code nginx} is {@code
 *       index.docker.io/library/nginx}) and its last path segment as the name;
 *   <li>an OCI purl {@code pkg:oci/<name>@sha256%3A<64 hex>[?repository_url=<repo>]}: the digest,
 *       the name, and the repository when {@code repository_url} is given;
 *   <li>a {@code sha-256} hash of a component: the digest only.
 * </ul>
 *
 * <p>Two of them are the same image when the digests are equal, and, where both sides name a
 * repository, the repositories are equal, and where both sides name the image, the names are equal
 * (so {@code ghcr.io/a/app@sha256:X} is not {@code ghcr.io/b/app@sha256:X}). Two OCI purls are
 * never compared this way: purl against purl is go-vex's purl rule alone.
 */
public final class ImageDigest {
  private final String hex;
  // The repository as written; normalised on first use (queries rarely need it), "" when invalid.
  private final @Nullable String repositoryReference;
  private @Nullable String repository;
  private final @Nullable String name;
  private final boolean fromPurl;

  private ImageDigest(
      String hex, @Nullable String repositoryReference, @Nullable String name, boolean fromPurl) {
    this.hex = hex;
    this.repositoryReference = repositoryReference;
    this.name = name;
    this.fromPurl = fromPurl;
  }

  /** Fills the lazy fields now, for digests shared between threads. */
  void warm() {
    repository();
  }

  /** The normalised repository; null when none was given, "" when it is not a repository. */
  private @Nullable String repository() {
    if (repositoryReference == null) {
      return null;
    }
    String r = repository;
    if (r == null) {
      String normal = repository(repositoryReference);
      r = normal == null ? "" : normal;
      repository = r;
    }
    return r;
  }

  /** The digest in a bare {@code sha256:<hex>} or an image reference {@code repo@sha256:<hex>}. */
  public static @Nullable ImageDigest ofText(String text) {
    if (text.startsWith("sha256:")) {
      return isHex64(text, 7) ? new ImageDigest(text.substring(7), null, null, false) : null;
    }
    int at = text.lastIndexOf("@sha256:");
    if (at <= 0 || !isHex64(text, at + 8) || text.startsWith("pkg:")) {
      return null;
    }
    String repository = repository(text.substring(0, at));
    if (repository == null) {
      return null;
    }
    ImageDigest d =
        new ImageDigest(
            text.substring(at + 8),
            repository,
            repository.substring(repository.lastIndexOf('/') + 1),
            false);
    d.repository = repository;
    return d;
  }

  /** The digest of an OCI purl whose version is {@code sha256:<hex>}. */
  public static @Nullable ImageDigest ofPurl(Purl purl) {
    String v = purl.version();
    if (!purl.type().equals("oci") || v == null || !v.startsWith("sha256:") || !isHex64(v, 7)) {
      return null;
    }
    return new ImageDigest(
        v.substring(7),
        purl.qualifier("repository_url"),
        purl.name().toLowerCase(Locale.ROOT),
        true);
  }

  /** The digest in a {@code sha-256} hash value (hex, either case). */
  public static @Nullable ImageDigest ofSha256Hash(String value) {
    String hex = value.toLowerCase(Locale.ROOT);
    return isHex64(hex, 0) ? new ImageDigest(hex, null, null, false) : null;
  }

  /** Whether this digest was read from a purl. */
  public boolean fromPurl() {
    return fromPurl;
  }

  /** The lowercase hex digest (without {@code sha256:}). */
  public String hex() {
    return hex;
  }

  /** Whether this and {@code other} name the same image; see the class comment. */
  public boolean sameImage(ImageDigest other) {
    return !(fromPurl && other.fromPurl)
        && hex.equals(other.hex)
        && sameRepository(repository(), other.repository())
        && (name == null || other.name == null || name.equals(other.name));
  }

  private static boolean sameRepository(@Nullable String a, @Nullable String b) {
    if ((a != null && a.isEmpty()) || (b != null && b.isEmpty())) {
      return false;
    }
    return a == null || b == null || a.equals(b);
  }

  /**
   * A repository name as matching compares it ({@link ImageText#lenientRepository(String)}): {@code
   * nginx} and {@code docker.io/library/nginx} become {@code index.docker.io/library/nginx}. Null
   * when nothing is left.
   */
  static @Nullable String repository(String reference) {
    return ImageText.lenientRepository(reference);
  }

  private static boolean isHex64(String s, int from) {
    return s.length() == from + ImageText.SHA256_HEX_LENGTH
        && ImageText.isLowerHex(s, from, ImageText.SHA256_HEX_LENGTH);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ImageDigest
        && hex.equals(((ImageDigest) o).hex)
        && Objects.equals(repository(), ((ImageDigest) o).repository())
        && Objects.equals(name, ((ImageDigest) o).name)
        && fromPurl == ((ImageDigest) o).fromPurl;
  }

  @Override
  public int hashCode() {
    return Objects.hash(hex, repository(), name, fromPurl);
  }

  @Override
  public String toString() {
    String r = repository();
    return (r == null || r.isEmpty() ? (name == null ? "" : name) : r) + "@sha256:" + hex;
  }
}
