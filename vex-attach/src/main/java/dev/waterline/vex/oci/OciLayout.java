package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.json.Platform;
import dev.waterline.vex.oci.internal.json.Platforms;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.LayoutStore;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * An OCI image layout on disk ({@code oci-layout}, {@code index.json}, {@code blobs/}): images and
 * their attestations, as a registry would hold them, with no registry. Tags are {@code
 * org.opencontainers.image.ref.name} entries of {@code index.json}; referrers are listed there
 * without a name and found by their {@code subject}. Writers in this process and in others are
 * serialised with a lock file, {@code .waterline.lock}.
 *
 * <pre>{@code
 * var layout = OciLayout.create(Path.of("/tmp/demo"));
 * Attachments.on(layout).attach("1.0", Attestation.read(Path.of("vex.sigstore.json")));
 * }</pre>
 */
@API(status = STABLE, since = "0.1.0")
public final class OciLayout {
  private final LayoutStore store;

  private OciLayout(LayoutStore store) {
    this.store = store;
  }

  /**
   * Opens an existing layout.
   *
   * @throws OciException if {@code dir} has no {@code oci-layout} or a broken {@code index.json}
   */
  public static OciLayout open(Path dir) {
    return new OciLayout(LayoutStore.open(dir));
  }

  /**
   * Creates a layout in {@code dir} (made if missing; it must be empty if it exists), or opens the
   * one already there.
   */
  public static OciLayout create(Path dir) {
    return new OciLayout(LayoutStore.create(dir));
  }

  /** Opens the layout an {@code oci:PATH…} reference names. */
  public static OciLayout open(ImageReference reference) {
    return open(
        reference
            .layoutPath()
            .orElseThrow(
                () ->
                    new OciException(
                        reference + " is not an OCI layout reference (oci:PATH[:TAG|@DIGEST])",
                        reference.toString(),
                        null,
                        null,
                        null)));
  }

  /** The layout directory. */
  public Path path() {
    return store.root();
  }

  /** Every tag in the layout, sorted (including {@code .att} and referrers tags). */
  public List<String> tags() {
    return store.tags();
  }

  /**
   * The digest a tag, a digest or {@code TAG@DIGEST} names, if the layout has it. With a tag and a
   * digest the digest names the image (as in Docker) and the tag is not consulted; {@link
   * Attachments} checks it and says when it names something else.
   */
  public Optional<Digest> resolve(String tagOrDigest) {
    return store.manifest(lookup(tagOrDigest)).map(StoredManifest::digest);
  }

  /**
   * The digest of one platform's manifest: for an image index, the entry for {@code platform}
   * ({@code os/arch[/variant]}, e.g. {@code linux/arm64}); for a single manifest, its own digest
   * when its config names that platform.
   *
   * @throws OciException if {@code platform} is not of the form {@code os/arch[/variant]}
   */
  public Optional<Digest> resolve(String tagOrDigest, String platform) {
    Platform wanted = Platform.parse(platform);
    Optional<StoredManifest> m = store.manifest(lookup(tagOrDigest));
    if (m.isEmpty()) {
      return Optional.empty();
    }
    String what = "the image " + tagOrDigest + " in " + store.describe();
    if (m.get().isIndex()) {
      ImageIndex index = OciJson.parseIndex(m.get().bytes(), what, m.get().digest());
      return Platforms.select(index, wanted).map(Descriptor::digest);
    }
    ImageManifest manifest = OciJson.parseManifest(m.get().bytes(), what, m.get().digest());
    byte[] config = store.requiredBlob(manifest.config().digest(), what, "config", tagOrDigest);
    var tree = OciJson.tree(config, "the config of " + what);
    Platform have =
        new Platform(
            tree.path("architecture").asText(""),
            tree.path("os").asText(""),
            tree.hasNonNull("variant") ? tree.get("variant").asText() : null,
            null,
            List.of());
    ImageIndex single = ImageIndex.of(List.of(m.get().descriptor().withPlatform(have)));
    return Platforms.select(single, wanted).map(Descriptor::digest);
  }

  /**
   * The config of an image in this layout: for an image index, the manifest of {@code platform}
   * ({@code os/arch[/variant]}); digests verified, size limited (see {@link ImageConfig}).
   *
   * @throws OciException if the image, the platform's manifest or the config is missing or invalid
   */
  public ImageConfig imageConfig(String tagOrDigest, String platform) {
    return ImageConfig.read(
        store,
        tagOrDigest,
        platform,
        "oci:" + store.root() + (Digest.isDigest(tagOrDigest) ? "@" : ":") + tagOrDigest);
  }

  /**
   * What a tag, a digest or {@code TAG@DIGEST} asks the store for: with both, the digest (it names
   * the image, as in Docker; the tag is not consulted).
   */
  private static String lookup(String tagOrDigest) {
    return ImageTarget.bare(tagOrDigest).map(ImageTarget::ref).orElse(tagOrDigest);
  }

  /**
   * What an {@code oci:PATH[:TAG|@DIGEST]} reference asks this layout for: its digest or tag, else
   * the layout's only image tag.
   */
  String target(ImageReference reference) {
    if (reference.target().isPresent()) {
      return reference.target().get();
    }
    List<String> images =
        store.tags().stream()
            .filter(t -> !t.startsWith("sha256-") && !t.startsWith("sha512-"))
            .collect(java.util.stream.Collectors.toList());
    if (images.size() == 1) {
      return images.get(0);
    }
    throw new OciException(
        reference
            + " names no tag or digest, and "
            + store.describe()
            + " has "
            + (images.isEmpty() ? "no image tags" : "several image tags " + images)
            + "; name one as oci:PATH:TAG or oci:PATH@DIGEST",
        reference.toString(),
        null,
        null,
        null);
  }

  /**
   * Writes a small real image and tags it: per platform a gzipped tar layer with one file {@code
   * hello.txt}, an image config and a manifest; with several platforms, an image index over them.
   *
   * @param tag the tag
   * @param platforms {@code os/arch[/variant]}; none means {@code linux/amd64}
   * @return the digest of the manifest or index
   * @deprecated test code in the library: use {@code
   *     dev.waterline.vex.testkit.SampleImages.write(layout, tag, platforms...)} from the {@code
   *     dev.waterline:vex-testkit} module (test scope), which writes the same image with the same
   *     digests. This method will be removed in a later release.
   */
  @CanIgnoreReturnValue
  @Deprecated(since = "0.2.0", forRemoval = true)
  public Digest writeSampleImage(String tag, String... platforms) {
    String t = ImageReference.parse("oci:" + store.root() + ":" + tag).tag().orElseThrow();
    List<String> p = platforms.length == 0 ? List.of("linux/amd64") : List.of(platforms);
    return ImageWriter.write(store, t, "hello.txt", "hello from " + tag, p).digest();
  }

  OciStore store() {
    return store;
  }

  @Override
  public String toString() {
    return "OciLayout[" + store.root() + "]";
  }
}
