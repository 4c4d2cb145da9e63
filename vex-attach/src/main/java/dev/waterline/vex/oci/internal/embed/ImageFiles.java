package dev.waterline.vex.oci.internal.embed;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads the files under one directory of an image's filesystem, layer by layer as a container
 * runtime would stack them: a later layer's file replaces an earlier one, whiteouts ({@code
 * .wh.NAME}) and opaque whiteouts ({@code .wh..wh..opq}) delete what lower layers put there, and a
 * non-directory over a directory hides its contents. Every layer is checked against its digest (by
 * the store) and its diff ID (here); a link at or above the directory, or any entry leaving the
 * root, is refused.
 */
public final class ImageFiles {
  /** One file found. */
  public record Found(
      String path, Digest layer, @Nullable String platform, Digest manifest, byte[] content) {}

  /** Everything found in the image (for an index: in each platform manifest). */
  public record Outcome(Digest image, List<Found> files) {}

  /**
   * Limits.
   *
   * @param maxUncompressedLayerBytes the most one layer may inflate to
   * @param maxFileBytes the largest file read under the directory
   * @param maxFiles the most files read under the directory
   */
  public record Limits(long maxUncompressedLayerBytes, long maxFileBytes, int maxFiles) {}

  private final OciStore store;
  private final String dir;
  private final Limits limits;

  /**
   * @param dir the directory, relative (e.g. {@code usr/share/vex})
   */
  public ImageFiles(OciStore store, String dir, Limits limits) {
    this.store = store;
    this.dir = dir;
    this.limits = limits;
  }

  /** Reads the image {@code tagOrDigest}; an index is read platform by platform. */
  public Outcome read(String tagOrDigest, String image) {
    StoredManifest m =
        store
            .manifest(tagOrDigest)
            .orElseThrow(
                () ->
                    new OciException(
                        "the image " + image + " is not in " + store.describe(),
                        image,
                        null,
                        null,
                        null));
    String what = "the image " + image;
    List<Found> out = new ArrayList<>();
    if (m.isIndex()) {
      ImageIndex index = OciJson.parseIndex(m.bytes(), what, m.digest());
      for (Descriptor e : index.manifests()) {
        if (e.annotation(MediaTypes.ANNOTATION_DOCKER_REFERENCE_TYPE).isPresent()
            || e.mediaType().equals(MediaTypes.OCI_INDEX)
            || e.mediaType().equals(MediaTypes.DOCKER_MANIFEST_LIST)) {
          continue;
        }
        StoredManifest pm =
            store
                .manifest(e.digest().toString())
                .orElseThrow(
                    () ->
                        new OciException(
                            what + " lists the manifest " + e.digest() + ", which is missing",
                            image,
                            e.digest().toString(),
                            null,
                            null));
        String platform = e.platform().map(Object::toString).orElse(null);
        out.addAll(
            readManifest(
                pm,
                what + " (" + (platform == null ? e.digest() : platform) + ")",
                image,
                platform));
      }
    } else {
      out.addAll(readManifest(m, what, image, null));
    }
    return new Outcome(m.digest(), out);
  }

  private List<Found> readManifest(
      StoredManifest m, String what, String image, @Nullable String platform) {
    ImageManifest manifest = OciJson.parseManifest(m.bytes(), what, m.digest());
    byte[] config = store.requiredBlob(manifest.config().digest(), what, "config", image);
    var diffIds = OciJson.tree(config, "the config of " + what).path("rootfs").path("diff_ids");
    String prefix = dir + "/";
    Map<String, Found> files = new TreeMap<>();
    int i = 0;
    for (Descriptor layer : manifest.layers()) {
      String lwhat = "the layer " + layer.digest() + " of " + what;
      byte[] blob =
          store
              .blob(layer.digest())
              .orElseThrow(
                  () ->
                      new OciException(
                          lwhat + " is missing", image, layer.digest().toString(), null, null));
      TarScanner.Scan scan;
      try {
        scan =
            TarScanner.scan(
                blob,
                limits.maxUncompressedLayerBytes(),
                n -> n.startsWith(prefix) && n.endsWith(".json"),
                limits.maxFileBytes());
      } catch (TarScanner.LayerException e) {
        throw new OciException(
            "cannot read " + lwhat + ": " + e.getMessage(),
            image,
            layer.digest().toString(),
            null,
            e);
      }
      String expected = diffIds.path(i).asText("");
      if (!expected.equals(scan.diffId().toString())) {
        throw new OciException(
            lwhat
                + " uncompresses to "
                + scan.diffId()
                + ", but the config's rootfs.diff_ids["
                + i
                + "] is "
                + (expected.isEmpty() ? "missing" : expected),
            image,
            layer.digest().toString(),
            "/rootfs/diff_ids/" + i,
            null);
      }
      // whiteouts of this layer apply to the lower layers
      for (TarScanner.Entry e : scan.entries()) {
        String name = e.name();
        int slash = name.lastIndexOf('/');
        String parent = slash < 0 ? "" : name.substring(0, slash);
        String base = name.substring(slash + 1);
        if (base.equals(".wh..wh..opq")) {
          String p = parent.isEmpty() ? "" : parent + "/";
          files.keySet().removeIf(k -> k.startsWith(p));
        } else if (base.startsWith(".wh.")) {
          String gone = (parent.isEmpty() ? "" : parent + "/") + base.substring(4);
          files.keySet().removeIf(k -> k.equals(gone) || k.startsWith(gone + "/"));
        }
      }
      for (TarScanner.Entry e : scan.entries()) {
        String name = e.name();
        if (name.isEmpty() || name.substring(name.lastIndexOf('/') + 1).startsWith(".wh.")) {
          continue;
        }
        boolean link = e.type() == TarScanner.Type.SYMLINK || e.type() == TarScanner.Type.HARDLINK;
        if (link && (name.equals(dir) || dir.startsWith(name + "/") || name.startsWith(prefix))) {
          throw new OciException(
              "refusing "
                  + lwhat
                  + ": /"
                  + name
                  + " is a "
                  + (e.type() == TarScanner.Type.SYMLINK ? "symbolic" : "hard")
                  + " link (to "
                  + e.link()
                  + ") at or above the VEX directory /"
                  + dir,
              image,
              layer.digest().toString(),
              null,
              null);
        }
        if (e.type() != TarScanner.Type.DIRECTORY) {
          files.keySet().removeIf(k -> k.startsWith(name + "/"));
        }
        if (e.content() != null) {
          files.put(name, new Found("/" + name, layer.digest(), platform, m.digest(), e.content()));
          if (files.size() > limits.maxFiles()) {
            throw new OciException(
                what + " has more than " + limits.maxFiles() + " files under /" + dir,
                image,
                m.digest().toString(),
                null,
                null);
          }
        } else {
          files.remove(name);
        }
      }
      i++;
    }
    checkDiffIdCount(diffIds.size(), manifest, what, image);
    return new ArrayList<>(files.values());
  }

  /**
   * Fails unless the config lists one diff ID per layer of {@code manifest}.
   *
   * @throws OciException naming the config's digest and {@code /rootfs/diff_ids}
   */
  static void checkDiffIdCount(
      int diffIds, ImageManifest manifest, String what, @Nullable String image) {
    if (diffIds != manifest.layers().size()) {
      throw new OciException(
          "the config of "
              + what
              + " names "
              + diffIds
              + " diff IDs for "
              + manifest.layers().size()
              + " layers",
          image,
          manifest.config().digest().toString(),
          "/rootfs/diff_ids",
          null);
    }
  }
}
