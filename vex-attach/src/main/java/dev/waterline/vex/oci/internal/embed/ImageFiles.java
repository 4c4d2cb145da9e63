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
import java.util.NavigableMap;
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
    // the files of the layers below, after this layer's whiteouts; then this layer's own
    NavigableMap<String, Found> lower = new TreeMap<>();
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
      NavigableMap<String, Found> upper = new TreeMap<>();
      TarScanner.Scan scan;
      try {
        scan =
            TarScanner.scan(
                blob,
                limits.maxUncompressedLayerBytes(),
                n -> n.startsWith(prefix) && n.endsWith(".json"),
                limits.maxFileBytes(),
                e -> apply(e, lower, upper, layer.digest(), m.digest(), platform, what, image));
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
      lower.putAll(upper);
      i++;
    }
    checkDiffIdCount(diffIds.size(), manifest, what, image);
    return new ArrayList<>(lower.values());
  }

  /**
   * Applies one entry of a layer, as it is read: a whiteout deletes from the layers below ({@code
   * lower}) what it names; any other entry replaces what the layers below, and earlier entries of
   * its own layer ({@code upper}), have under its name (and, unless it is a directory, under it); a
   * kept file goes to {@code upper}. Nothing else of the entry is kept, so memory does not grow
   * with the number of entries. Work per entry is logarithmic in the files kept: only entries at or
   * above the directory, or in it, can touch them.
   */
  private void apply(
      TarScanner.Entry e,
      NavigableMap<String, Found> lower,
      NavigableMap<String, Found> upper,
      Digest layer,
      Digest manifest,
      @Nullable String platform,
      String what,
      String image) {
    String prefix = dir + "/";
    String lwhat = "the layer " + layer + " of " + what;
    String name = e.name();
    int slash = name.lastIndexOf('/');
    String parent = slash < 0 ? "" : name.substring(0, slash);
    String base = name.substring(slash + 1);
    if (base.startsWith(".wh.")) {
      // a whiteout of this layer applies to the layers below, wherever it is in the archive
      if (base.equals(".wh..wh..opq")) {
        removeUnder(lower, parent);
      } else {
        String gone = (parent.isEmpty() ? "" : parent + "/") + base.substring(4);
        lower.remove(gone);
        removeUnder(lower, gone);
      }
      return;
    }
    if (name.isEmpty()) {
      return;
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
          layer.toString(),
          null,
          null);
    }
    if (e.type() != TarScanner.Type.DIRECTORY) {
      removeUnder(lower, name);
      removeUnder(upper, name);
    }
    lower.remove(name);
    byte[] content = e.content();
    if (content == null) {
      upper.remove(name);
      return;
    }
    upper.put(name, new Found("/" + name, layer, platform, manifest, content));
    if (lower.size() + upper.size() > limits.maxFiles()) {
      throw new OciException(
          what + " has more than " + limits.maxFiles() + " files under /" + dir,
          image,
          manifest.toString(),
          null,
          null);
    }
  }

  /** Removes the entries under the directory {@code name} ({@code name/…}); "" is the root. */
  private static void removeUnder(NavigableMap<String, Found> files, String name) {
    if (name.isEmpty()) {
      files.clear();
    } else if (!files.isEmpty()) {
      // every key under name/ sorts between "name/" and "name0" ('0' follows '/')
      files.subMap(name + "/", name + "0").clear();
    }
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
