package dev.waterline.vex.oci;

import dev.waterline.vex.oci.internal.store.LayoutStore;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.SampleImages;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An OCI image layout on disk ({@code oci-layout}, {@code index.json}, {@code blobs/}): images and
 * their attestations, as a registry would hold them, with no registry. Tags are {@code
 * org.opencontainers.image.ref.name} entries of {@code index.json}; referrers are listed there
 * without a name and found by their {@code subject}. Writers in this process and in others are
 * serialised with a lock file, {@code .waterline.lock}.
 *
 * <pre>{@code
 * var layout = OciLayout.create(Path.of("/tmp/demo"));
 * layout.writeSampleImage("1.0", "linux/amd64", "linux/arm64");
 * Attachments.on(layout).attach("1.0", Attestation.read(Path.of("vex.sigstore.json")));
 * }</pre>
 */
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

  /** The digest a tag or digest names, if the layout has it. */
  public Optional<Digest> resolve(String tagOrDigest) {
    return store.manifest(tagOrDigest).map(StoredManifest::digest);
  }

  /**
   * Writes a small real image and tags it: per platform a gzipped tar layer with one file {@code
   * hello.txt}, an image config and a manifest; with several platforms, an image index over them.
   *
   * @param tag the tag
   * @param platforms {@code os/arch[/variant]}; none means {@code linux/amd64}
   * @return the digest of the manifest or index
   */
  public Digest writeSampleImage(String tag, String... platforms) {
    String t = ImageReference.parse("oci:" + store.root() + ":" + tag).tag().orElseThrow();
    List<String> p = platforms.length == 0 ? List.of("linux/amd64") : List.of(platforms);
    return SampleImages.write(store, t, "hello.txt", "hello from " + tag, p).digest();
  }

  OciStore store() {
    return store;
  }

  @Override
  public String toString() {
    return "OciLayout[" + store.root() + "]";
  }
}
