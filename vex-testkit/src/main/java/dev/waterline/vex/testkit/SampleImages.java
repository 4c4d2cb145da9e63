package dev.waterline.vex.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.ImageReference;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.OciLayout;
import dev.waterline.vex.oci.internal.json.Platform;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.LayoutStore;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Small but real images for tests: per platform a gzipped tar layer holding one file, {@code
 * hello.txt}, an image config whose {@code diff_ids} name the layer, and a manifest; with several
 * platforms, an image index over them. Same tag and platforms, same digests, so a test can name
 * them.
 *
 * <pre>{@code
 * var layout = OciLayout.create(tempDir);
 * Digest image = SampleImages.write(layout, "1.0");                          // one manifest
 * Digest index = SampleImages.write(layout, "2.0", "linux/amd64", "linux/arm64"); // an index
 * Attachments.on(layout).attach("1.0", attestation);
 * }</pre>
 *
 * <p>These are the images that the deprecated {@code OciLayout.writeSampleImage} wrote, byte for
 * byte.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class SampleImages {
  private SampleImages() {}

  /**
   * Writes a sample image into the layout and tags it.
   *
   * @param layout the layout to write to
   * @param tag the tag (an OCI tag: letters, digits, {@code _ . -}, at most 128 characters)
   * @param platforms {@code os/arch[/variant]}; none means {@code linux/amd64}, several write an
   *     image index over one manifest each
   * @return the digest of the manifest or index
   * @throws dev.waterline.vex.oci.OciException when the tag or a platform cannot be parsed or the
   *     layout cannot be written
   */
  @CanIgnoreReturnValue
  public static Digest write(OciLayout layout, String tag, String... platforms) {
    String t = ImageReference.parse("oci:" + layout.path() + ":" + tag).tag().orElseThrow();
    List<String> p = platforms.length == 0 ? List.of("linux/amd64") : List.of(platforms);
    for (String platform : p) {
      try {
        Platform.parse(platform);
      } catch (OciException e) {
        throw new OciException(
            String.valueOf(e.getMessage()), "oci:" + layout.path() + ":" + t, null, null, null);
      }
    }
    return ImageWriter.write(
            LayoutStore.open(layout.path()), t, "hello.txt", "hello from " + tag, p)
        .digest();
  }
}
