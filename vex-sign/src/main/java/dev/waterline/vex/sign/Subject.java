package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.ContentDigest;
import dev.waterline.vex.ImageName;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.image.ImageText;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * An in-toto subject: a name (for images, the repository without tag or digest, as cosign writes
 * it) and a digest set (algorithm → lowercase hex), e.g. {@code registry.local/app} with {@code
 * sha256 → 4f…}.
 *
 * @param name the subject name (may be empty when a v1 statement leaves it out)
 * @param digest algorithm → lowercase hex; at least one entry
 */
@API(status = STABLE, since = "0.1.0")
public record Subject(String name, Map<String, String> digest) {
  /** Validates and copies; digests are kept sorted by algorithm. */
  public Subject {
    if (digest.isEmpty()) {
      throw new VexException("subject '" + name + "' has no digest");
    }
    digest = java.util.Collections.unmodifiableMap(new TreeMap<>(digest));
  }

  /** A subject with one sha256 digest (64 lowercase hex characters, no {@code sha256:}). */
  public static Subject of(String name, String sha256Hex) {
    if (!ImageText.isSha256Hex(sha256Hex)) {
      throw new VexException(
          "subject '"
              + name
              + "': expected a sha256 digest of 64 lowercase hex characters but was '"
              + sha256Hex
              + "'");
    }
    return new Subject(name, Map.of("sha256", sha256Hex));
  }

  /**
   * Parses an image reference by digest, {@code registry.local/app@sha256:<64 hex>} (a tag before
   * the digest, {@code app:1.0@sha256:…}, is dropped). The name is the repository without tag;
   * Docker Hub names are written in full as cosign does ({@code alpine} → {@code
   * index.docker.io/library/alpine}). The name is read by {@link ImageName#parse(String)}, the same
   * parser every module uses.
   *
   * @throws VexException when the reference has no digest (the message says how to get one); an
   *     {@link dev.waterline.vex.ImageParseException} (a VexException) naming the part that is
   *     wrong when it is not a valid image reference
   */
  public static Subject parse(String imageAtDigest) {
    String ref = imageAtDigest.strip();
    int at = ref.indexOf('@');
    if (at < 0) {
      throw new VexException(
          "subject '"
              + ref
              + "' has no digest: an attestation names the image by digest"
              + " (REPOSITORY@sha256:<64 hex>); get it with 'crane digest "
              + ref
              + "' or 'docker buildx imagetools inspect "
              + ref
              + "'");
    }
    String digest = ref.substring(at + 1);
    if (at == 0) {
      throw new VexException("subject '" + ref + "' has no repository name before '@'");
    }
    if (!digest.startsWith("sha256:")) {
      throw new VexException(
          "subject '"
              + ref
              + "': expected a sha256 digest (sha256:<64 hex>) but was '"
              + digest
              + "'");
    }
    String hex = digest.substring("sha256:".length());
    if (!ImageText.isSha256Hex(hex)) {
      throw new VexException(
          "subject '"
              + ref
              + "': expected a sha256 digest of 64 lowercase hex characters but was '"
              + hex
              + "'");
    }
    return of(ImageName.parse(ref));
  }

  /**
   * The subject of an image pinned by a sha256 digest: its name without tag ({@link
   * ImageName#name()}, Docker Hub names in full as cosign writes them) and the digest.
   *
   * @throws VexException when the image has no sha256 digest
   */
  public static Subject of(ImageName image) {
    ContentDigest d =
        image
            .digest()
            .filter(x -> x.algorithm().equals(ContentDigest.SHA256))
            .orElseThrow(
                () ->
                    new VexException(
                        "subject '"
                            + image
                            + "': expected a sha256 digest (sha256:<64 hex>); an attestation names"
                            + " the image by digest"));
    return new Subject(image.name(), Map.of(ContentDigest.SHA256, d.hex()));
  }

  /** The sha256 digest in hex, when there is one. */
  public Optional<String> sha256() {
    return Optional.ofNullable(digest.get("sha256"));
  }

  /** For example {@code registry.local/app@sha256:4f…} (the first digest of the set). */
  @Override
  public String toString() {
    Map.Entry<String, String> first = digest.entrySet().iterator().next();
    String d =
        digest.containsKey("sha256")
            ? "sha256:" + digest.get("sha256")
            : first.getKey() + ":" + first.getValue();
    return name + "@" + d;
  }
}
