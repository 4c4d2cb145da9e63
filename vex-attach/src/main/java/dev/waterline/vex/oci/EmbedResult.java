package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The image {@link VexEmbedding#embed} wrote: its digest, the VEX layer's digest and diff ID, the
 * files in that layer and, per platform, the new manifest over the base's.
 */
@API(status = STABLE, since = "0.1.0")
public final class EmbedResult {
  /** Which code built the image. */
  public enum Builder {
    /** jib-core's {@code Jib.from(RegistryImage)…containerize(Containerizer.to(RegistryImage))}. */
    JIB,
    /** Waterline's own writer over the store (layouts, and registries when jib is not used). */
    WATERLINE
  }

  /**
   * One platform manifest of the new image.
   *
   * @param platform {@code os/arch[/variant]}, when the index or config names one
   * @param digest the new manifest
   * @param base the base image's manifest it was built on
   * @param layer the VEX layer (compressed blob)
   * @param diffId the VEX layer's diff ID (uncompressed), the last of the config's {@code
   *     rootfs.diff_ids}
   */
  public record Manifest(
      Optional<String> platform, Digest digest, Digest base, Digest layer, Digest diffId) {
    /** Checks for nulls. */
    public Manifest {
      Objects.requireNonNull(platform, "platform");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(layer, "layer");
      Objects.requireNonNull(diffId, "diffId");
    }
  }

  private final ImageReference image;
  private final Digest digest;
  private final ImageReference base;
  private final Digest baseDigest;
  private final List<String> paths;
  private final List<Manifest> manifests;
  private final Builder builder;

  EmbedResult(
      ImageReference image,
      Digest digest,
      ImageReference base,
      Digest baseDigest,
      List<String> paths,
      List<Manifest> manifests,
      Builder builder) {
    this.image = image;
    this.digest = digest;
    this.base = base;
    this.baseDigest = baseDigest;
    this.paths = List.copyOf(paths);
    this.manifests = List.copyOf(manifests);
    this.builder = builder;
  }

  /** The new image, as named (with its tag). */
  public ImageReference image() {
    return image;
  }

  /** The new image's digest (a manifest, or an index for a multi-platform base). */
  public Digest digest() {
    return digest;
  }

  /** The base image as named. */
  public ImageReference base() {
    return base;
  }

  /** The base image's digest. */
  public Digest baseDigest() {
    return baseDigest;
  }

  /** The absolute paths of the files in the VEX layer, sorted. */
  public List<String> paths() {
    return paths;
  }

  /** The new platform manifests (one for a single-platform base). */
  public List<Manifest> manifests() {
    return manifests;
  }

  /**
   * The VEX layer's digest. With the own writer it is the same layer on every platform; with jib,
   * the first platform's.
   */
  public Digest layerDigest() {
    return manifests.get(0).layer();
  }

  /** The VEX layer's diff ID (as {@link #layerDigest()}). */
  public Digest diffId() {
    return manifests.get(0).diffId();
  }

  /** Which code built the image. */
  public Builder builder() {
    return builder;
  }

  /** The new image pinned to its digest. */
  public ImageReference pinned() {
    return image.withDigest(digest);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof EmbedResult)) {
      return false;
    }
    EmbedResult r = (EmbedResult) o;
    return image.equals(r.image)
        && digest.equals(r.digest)
        && base.equals(r.base)
        && baseDigest.equals(r.baseDigest)
        && paths.equals(r.paths)
        && manifests.equals(r.manifests)
        && builder == r.builder;
  }

  @Override
  public int hashCode() {
    return Objects.hash(image, digest, base, baseDigest, paths, manifests, builder);
  }

  @Override
  public String toString() {
    return "EmbedResult["
        + image
        + "@"
        + digest
        + " = "
        + base
        + "@"
        + baseDigest
        + " + layer "
        + layerDigest()
        + " "
        + paths
        + (manifests.size() > 1
            ? " platforms "
                + manifests.stream()
                    .map(m -> m.platform().orElse("?"))
                    .collect(Collectors.joining(", ", "[", "]"))
            : "")
        + " by "
        + builder
        + "]";
  }
}
