package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.internal.image.ImageText;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.json.Platform;
import dev.waterline.vex.oci.internal.json.Platforms;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An image's configuration blob as stored: its platform and its layers' {@code rootfs.diff_ids}
 * (what the waterline is made of), with the digests of the platform manifest and of the config.
 * Read with {@link #read(ImageReference, String, RegistryOptions)}, {@link
 * OciLayout#imageConfig(String, String)} or {@link Registry#imageConfig(String, String)}: for an
 * image index, the manifest of the platform asked for; every manifest and blob checked against its
 * digest, the config refused above {@link #MAX_CONFIG_BYTES}.
 *
 * <pre>{@code
 * ImageConfig base = ImageConfig.read(ImageReference.parse("dhi.io/node:22"), "linux/amd64",
 *     RegistryOptions.defaults());
 * base.diffIds();   // [sha256:…, sha256:…]
 * }</pre>
 */
@API(status = STABLE, since = "0.1.0")
public final class ImageConfig {
  /** The largest config blob read (real ones are a few KB; long histories some hundred KB). */
  public static final int MAX_CONFIG_BYTES = 4 * 1024 * 1024;

  private final String image;
  private final Digest manifest;
  private final Digest digest;
  private final String os;
  private final String architecture;
  private final @Nullable String variant;
  private final List<String> diffIds;
  private final byte[] bytes;

  private ImageConfig(
      String image,
      Digest manifest,
      Digest digest,
      String os,
      String architecture,
      @Nullable String variant,
      List<String> diffIds,
      byte[] bytes) {
    this.image = image;
    this.manifest = manifest;
    this.digest = digest;
    this.os = os;
    this.architecture = architecture;
    this.variant = variant;
    this.diffIds = Collections.unmodifiableList(new ArrayList<>(diffIds));
    this.bytes = bytes.clone();
  }

  /**
   * Reads the config of the image a reference names, in a registry or an OCI layout ({@code
   * oci:PATH[:TAG|@DIGEST]}; without a tag or digest, the layout's only image tag).
   *
   * @param platform {@code os/arch[/variant]}, the manifest to take from an image index
   * @param options the registry options (ignored for a layout)
   * @throws OciException if the image, its platform's manifest or its config is missing, does not
   *     match its digest, is too large, or is not a valid config with {@code rootfs.diff_ids}
   */
  public static ImageConfig read(ImageReference image, String platform, RegistryOptions options) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(platform, "platform");
    if (image.isLayout()) {
      OciLayout layout = OciLayout.open(image);
      return read(layout.store(), layout.target(image), platform, image.toString());
    }
    return Registry.of(image, options).imageConfig(image.toString(), platform);
  }

  /** Reads the config of {@code tagOrDigest} in a store (see {@link #read}). */
  static ImageConfig read(OciStore store, String tagOrDigest, String platform, String display) {
    Platform wanted = Platform.parse(platform);
    String where = display + " (" + store.describe() + ")";
    StoredManifest top =
        store
            .manifest(tagOrDigest)
            .orElseThrow(
                () ->
                    new OciException(
                        "Tried to read the config of "
                            + where
                            + " but there is no image "
                            + tagOrDigest,
                        display,
                        null,
                        null,
                        null));
    StoredManifest m = top;
    if (top.isIndex()) {
      ImageIndex index = OciJson.parseIndex(top.bytes(), "the image index " + where, top.digest());
      Descriptor d =
          Platforms.select(index, wanted)
              .orElseThrow(
                  () ->
                      new OciException(
                          "Tried to read the config of "
                              + where
                              + " for "
                              + wanted
                              + " but its index "
                              + top.digest()
                              + " has no manifest for that platform (it has "
                              + platforms(index)
                              + ")",
                          display,
                          top.digest().toString(),
                          null,
                          null));
      m =
          store
              .manifest(d.digest().toString())
              .orElseThrow(
                  () ->
                      new OciException(
                          "Tried to read the "
                              + wanted
                              + " manifest "
                              + d.digest()
                              + " of "
                              + where
                              + " but it is missing",
                          display,
                          d.digest().toString(),
                          null,
                          null));
    }
    if (!m.isManifest()) {
      throw new OciException(
          "Tried to read the config of "
              + where
              + " but "
              + m.digest()
              + " is a "
              + m.mediaType()
              + ", not an image manifest",
          display,
          m.digest().toString(),
          null,
          null);
    }
    String what = "the manifest " + m.digest() + " of " + where;
    ImageManifest manifest = OciJson.parseManifest(m.bytes(), what, m.digest());
    Descriptor config = manifest.config();
    if (config.size() > MAX_CONFIG_BYTES) {
      throw tooLarge(display, where, config.digest(), config.size());
    }
    byte[] blob = store.requiredBlob(config.digest(), what, "config", display);
    if (blob.length > MAX_CONFIG_BYTES) {
      throw tooLarge(display, where, config.digest(), blob.length);
    }
    String configWhat = "the config " + config.digest() + " of " + where;
    JsonNode tree = OciJson.tree(blob, configWhat);
    List<String> diffIds = diffIds(tree, configWhat, display, config.digest());
    if (diffIds.size() != manifest.layers().size()) {
      throw new OciException(
          configWhat
              + " lists "
              + diffIds.size()
              + " diff_ids but its manifest "
              + m.digest()
              + " has "
              + manifest.layers().size()
              + " layers",
          display,
          config.digest().toString(),
          "/rootfs/diff_ids",
          null);
    }
    JsonNode variant = tree.get("variant");
    return new ImageConfig(
        display,
        m.digest(),
        config.digest(),
        tree.path("os").asText(""),
        tree.path("architecture").asText(""),
        variant != null && variant.isTextual() ? variant.textValue() : null,
        diffIds,
        blob);
  }

  private static List<String> diffIds(
      JsonNode tree, String what, String display, Digest configDigest) {
    if (!tree.isObject()) {
      throw new OciException(
          what + " is not a JSON object", display, configDigest.toString(), "", null);
    }
    JsonNode array = tree.path("rootfs").get("diff_ids");
    if (array == null || !array.isArray()) {
      throw new OciException(
          what + " has no rootfs.diff_ids array",
          display,
          configDigest.toString(),
          "/rootfs/diff_ids",
          null);
    }
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode v = array.get(i);
      if (!v.isTextual() || !ImageText.isSha256Digest(v.textValue())) {
        throw new OciException(
            what
                + " at /rootfs/diff_ids/"
                + i
                + ": expected sha256:<64 lower-case hex> but found "
                + clip(v.toString()),
            display,
            configDigest.toString(),
            "/rootfs/diff_ids/" + i,
            null);
      }
      out.add(v.textValue());
    }
    return out;
  }

  private static OciException tooLarge(String display, String where, Digest digest, long size) {
    return new OciException(
        "Tried to read the config "
            + digest
            + " of "
            + where
            + " but it is "
            + size
            + " bytes, more than the limit of "
            + MAX_CONFIG_BYTES,
        display,
        digest.toString(),
        null,
        null);
  }

  private static String platforms(ImageIndex index) {
    return index.manifests().stream()
        .map(d -> d.platform().map(Platform::toString).orElse("no platform"))
        .collect(Collectors.joining(", "));
  }

  private static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /** The image as it was named. */
  public String image() {
    return image;
  }

  /** The digest of the platform manifest whose config this is. */
  public Digest manifest() {
    return manifest;
  }

  /** The digest of the config blob (the image ID). */
  public Digest digest() {
    return digest;
  }

  /** The config's {@code os}, e.g. {@code linux}. */
  public String os() {
    return os;
  }

  /** The config's {@code architecture}, e.g. {@code amd64}. */
  public String architecture() {
    return architecture;
  }

  /** The config's {@code variant}, if any. */
  public Optional<String> variant() {
    return Optional.ofNullable(variant);
  }

  /** {@code os/architecture[/variant]}. */
  public String platform() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }

  /** The layers' diffIDs ({@code sha256:<hex>}), lowest first. */
  public List<String> diffIds() {
    return diffIds;
  }

  /** The config blob's exact bytes (verified against {@link #digest()}). */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ImageConfig
        && image.equals(((ImageConfig) o).image)
        && manifest.equals(((ImageConfig) o).manifest)
        && Arrays.equals(bytes, ((ImageConfig) o).bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(image, manifest, digest);
  }

  /** For example {@code ImageConfig[dhi.io/node:22 linux/amd64, manifest sha256:…, 3 layers]}. */
  @Override
  public String toString() {
    return "ImageConfig["
        + image
        + " "
        + platform()
        + ", manifest "
        + manifest
        + ", config "
        + digest
        + ", "
        + diffIds.size()
        + (diffIds.size() == 1 ? " layer]" : " layers]");
  }
}
