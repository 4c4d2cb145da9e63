package dev.waterline.vex.sign;

import dev.waterline.vex.VexException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An in-toto subject: a name (for images, the repository without tag or digest, as cosign writes
 * it) and a digest set (algorithm → lowercase hex), e.g. {@code registry.local/app} with {@code
 * sha256 → 4f…}.
 *
 * @param name the subject name (may be empty when a v1 statement leaves it out)
 * @param digest algorithm → lowercase hex; at least one entry
 */
public record Subject(String name, Map<String, String> digest) {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /** Validates and copies; digests are kept sorted by algorithm. */
  public Subject {
    if (digest.isEmpty()) {
      throw new VexException("subject '" + name + "' has no digest");
    }
    digest = java.util.Collections.unmodifiableMap(new TreeMap<>(digest));
  }

  /** A subject with one sha256 digest (64 lowercase hex characters, no {@code sha256:}). */
  public static Subject of(String name, String sha256Hex) {
    if (!SHA256_HEX.matcher(sha256Hex).matches()) {
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
   * index.docker.io/library/alpine}).
   *
   * @throws VexException when the reference has no digest; the message says how to get one
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
    String repo = dockerHub(stripTag(ref.substring(0, at)));
    String digest = ref.substring(at + 1);
    if (repo.isEmpty()) {
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
    if (!SHA256_HEX.matcher(hex).matches()) {
      throw new VexException(
          "subject '"
              + ref
              + "': expected a sha256 digest of 64 lowercase hex characters but was '"
              + hex
              + "'");
    }
    return of(repo, hex);
  }

  /**
   * Docker Hub names as cosign writes them (go-containerregistry): {@code alpine} → {@code
   * index.docker.io/library/alpine}, {@code docker.io/x/y} → {@code index.docker.io/x/y}.
   */
  private static String dockerHub(String repo) {
    if (repo.isEmpty()) {
      return repo;
    }
    int slash = repo.indexOf('/');
    String first = slash < 0 ? "" : repo.substring(0, slash);
    boolean hasRegistry =
        slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
    if (hasRegistry) {
      return first.equals("docker.io") ? "index.docker.io" + repo.substring(slash) : repo;
    }
    return "index.docker.io/" + (slash < 0 ? "library/" + repo : repo);
  }

  private static String stripTag(String repo) {
    int slash = repo.lastIndexOf('/');
    int colon = repo.lastIndexOf(':');
    return colon > slash ? repo.substring(0, colon) : repo;
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
