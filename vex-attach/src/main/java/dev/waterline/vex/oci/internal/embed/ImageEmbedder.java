package dev.waterline.vex.oci.internal.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.json.Platform;
import dev.waterline.vex.oci.internal.json.Platforms;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds base + VEX layer over the {@link OciStore} SPI (our own path: layouts, and registries when
 * jib is not used). The new layer goes on top; the config gets the layer's diff ID appended to
 * {@code rootfs.diff_ids} and, when the base has a history, one entry; the manifest keeps the
 * base's layers, media types and annotations and gains {@code
 * org.opencontainers.image.base.digest}. For an image index, every platform manifest gets the layer
 * and a new index is written (BuildKit attestation manifests, which describe the old platform
 * manifests, are left out), unless one platform is asked for: then that platform's new manifest
 * alone is written.
 */
public final class ImageEmbedder {
  /** The docker media type of a gzipped layer. */
  public static final String DOCKER_LAYER_GZIP =
      "application/vnd.docker.image.rootfs.diff.tar.gzip";

  /** Base image annotation (OCI image spec, pre-defined annotation keys). */
  public static final String ANNOTATION_BASE_DIGEST = "org.opencontainers.image.base.digest";

  /** What {@code created_by} says in the history entry. */
  public static final String CREATED_BY = "waterline embed";

  /**
   * One platform manifest written.
   *
   * @param platform {@code os/arch[/variant]}, or null when neither index nor config says
   */
  public record Built(
      @Nullable String platform,
      Digest manifest,
      Digest baseManifest,
      Digest layer,
      Digest diffId) {}

  /** The image written (a manifest or an index) and each platform manifest. */
  public record Outcome(StoredManifest image, Digest base, List<Built> manifests) {}

  private final OciStore source;
  private final OciStore target;
  private final String comment;
  private final byte[] layer;
  private final Digest diffId;

  /**
   * @param files the layer's files, relative paths (no leading {@code /}) to content
   * @param comment the history entry's comment
   */
  public ImageEmbedder(
      OciStore source, OciStore target, SortedMap<String, byte[]> files, String comment) {
    this.source = source;
    this.target = target;
    this.comment = comment;
    byte[] tar = LayerTar.tar(files);
    this.diffId = Digest.of(tar);
    this.layer = LayerTar.gzip(tar);
  }

  /** The diff ID of the VEX layer (the same for every platform). */
  public Digest diffId() {
    return diffId;
  }

  /**
   * Embeds into the image {@code from} (tag or digest in the source store) and writes the result to
   * the target store, tagged {@code tag} (null: by digest only).
   *
   * @param platform only this platform of an index ({@code os/arch[/variant]}), or null for all
   */
  public Outcome embed(String from, @Nullable String tag, @Nullable String platform) {
    StoredManifest base =
        source
            .manifest(from)
            .orElseThrow(
                () ->
                    new OciException(
                        "the base image " + from + " is not in " + source.describe(),
                        from,
                        null,
                        null,
                        null));
    String what = "the base image " + from + " in " + source.describe();
    if (!base.isIndex()) {
      Built b = embedManifest(base, what, null);
      StoredManifest written = putManifest(b.manifest(), tag);
      return new Outcome(written, base.digest(), List.of(b));
    }
    ImageIndex index = OciJson.parseIndex(base.bytes(), what, base.digest());
    if (platform != null) {
      Platform wanted = Platform.parse(platform);
      Descriptor entry =
          Platforms.select(index, wanted)
              .orElseThrow(
                  () ->
                      new OciException(
                          what + " (an index) has no manifest for the platform " + platform,
                          from,
                          base.digest().toString(),
                          null,
                          null));
      Built b = embedManifest(platformManifest(entry, what), what, entry.platform().orElse(null));
      return new Outcome(putManifest(b.manifest(), tag), base.digest(), List.of(b));
    }
    List<Descriptor> entries = new ArrayList<>();
    List<Built> built = new ArrayList<>();
    for (Descriptor entry : index.manifests()) {
      if (entry
          .annotation(MediaTypes.ANNOTATION_DOCKER_REFERENCE_TYPE)
          .filter(MediaTypes.DOCKER_REFERENCE_TYPE_ATTESTATION::equals)
          .isPresent()) {
        continue;
      }
      if (entry.mediaType().equals(MediaTypes.OCI_INDEX)
          || entry.mediaType().equals(MediaTypes.DOCKER_MANIFEST_LIST)) {
        throw new OciException(
            what + " nests an index (" + entry.digest() + "), which embed does not handle",
            from,
            entry.digest().toString(),
            null,
            null);
      }
      Built b = embedManifest(platformManifest(entry, what), what, entry.platform().orElse(null));
      StoredManifest m = putManifest(b.manifest(), null);
      built.add(b);
      // the base's entry with what we do not own kept (platform, annotations, unknown fields)
      entries.add(entry.withContent(m.mediaType(), m.digest(), m.bytes().length));
    }
    if (built.isEmpty()) {
      throw new OciException(
          what + " (an index) lists no image manifest", from, base.digest().toString(), null, null);
    }
    byte[] newIndex = OciJson.write(index.withManifests(entries));
    StoredManifest written = target.putManifest(newIndex, index.mediaType(), tag);
    return new Outcome(written, base.digest(), built);
  }

  private final Map<Digest, StoredManifest> pending = new LinkedHashMap<>();

  private StoredManifest putManifest(Digest digest, @Nullable String tag) {
    StoredManifest m =
        java.util.Objects.requireNonNull(
            pending.get(digest), () -> "no pending manifest " + digest);
    return target.putManifest(m.bytes(), m.mediaType(), tag);
  }

  private StoredManifest platformManifest(Descriptor entry, String what) {
    return source
        .manifest(entry.digest().toString())
        .orElseThrow(
            () ->
                new OciException(
                    what + " lists the manifest " + entry.digest() + ", which is missing",
                    null,
                    entry.digest().toString(),
                    null,
                    null));
  }

  private Built embedManifest(StoredManifest base, String what, @Nullable Platform platform) {
    ImageManifest m = OciJson.parseManifest(base.bytes(), what, base.digest());
    if (m.config().mediaType().equals(MediaTypes.EMPTY) || m.artifactTypeValue().isPresent()) {
      throw new OciException(
          what + " (" + base.digest() + ") is an artifact, not a container image",
          null,
          base.digest().toString(),
          null,
          null);
    }
    byte[] config = blob(m.config().digest(), what);
    JsonNode tree = OciJson.tree(config, "the config of " + what);
    if (!(tree instanceof ObjectNode)
        || !(tree.path("rootfs").path("diff_ids") instanceof ArrayNode)) {
      throw new OciException(
          "the config " + m.config().digest() + " of " + what + " has no rootfs.diff_ids",
          null,
          m.config().digest().toString(),
          "/rootfs/diff_ids",
          null);
    }
    ArrayNode diffIds = (ArrayNode) tree.path("rootfs").path("diff_ids");
    ImageFiles.checkDiffIdCount(diffIds.size(), m, what, null);
    ObjectNode newConfig = ((ObjectNode) tree).deepCopy();
    ((ArrayNode) newConfig.path("rootfs").path("diff_ids")).add(diffId.toString());
    if (newConfig.path("history") instanceof ArrayNode) {
      ObjectNode h = JsonNodeFactory.instance.objectNode();
      JsonNode created = newConfig.get("created");
      h.put("created", created != null && created.isTextual() ? created.asText() : EPOCH);
      h.put("created_by", CREATED_BY);
      h.put("comment", comment);
      ((ArrayNode) newConfig.path("history")).add(h);
    }
    byte[] configBytes = OciJson.generate(g -> g.writeTree(newConfig));

    // copy the base's blobs when the target is another store
    for (Descriptor l : m.layers()) {
      copy(l.digest(), what);
    }
    Digest configDigest = target.putBlob(configBytes);
    Digest layerDigest = target.putBlob(layer);
    boolean docker = m.mediaType().equals(MediaTypes.DOCKER_MANIFEST);
    List<Descriptor> layers = new ArrayList<>(m.layers());
    layers.add(
        Descriptor.of(
            docker ? DOCKER_LAYER_GZIP : MediaTypes.OCI_LAYER_GZIP, layerDigest, layer.length));
    Map<String, String> annotations = new LinkedHashMap<>(m.annotations());
    if (!docker) {
      annotations.put(ANNOTATION_BASE_DIGEST, base.digest().toString());
    }
    ImageManifest out =
        new ImageManifest(
            m.mediaType(),
            null,
            m.config().withContent(m.config().mediaType(), configDigest, configBytes.length),
            layers,
            null,
            annotations,
            m.unknownFields(),
            m.mediaTypeDeclared());
    byte[] bytes = OciJson.write(out);
    Digest d = Digest.of(bytes);
    pending.put(d, new StoredManifest(bytes, m.mediaType(), d));
    String p = platform != null ? platform.toString() : configPlatform(tree);
    return new Built(p, d, base.digest(), layerDigest, diffId);
  }

  private static final String EPOCH = "1970-01-01T00:00:00Z";

  private static @Nullable String configPlatform(JsonNode config) {
    String os = config.path("os").asText("");
    String arch = config.path("architecture").asText("");
    if (os.isEmpty() || arch.isEmpty()) {
      return null;
    }
    String variant = config.path("variant").asText("");
    return os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant);
  }

  private byte[] blob(Digest digest, String what) {
    return source.requiredBlob(digest, what + " in " + source.describe(), "blob", null);
  }

  private void copy(Digest digest, String what) {
    if (source == target || target.hasBlob(digest)) {
      return;
    }
    Digest put = target.putBlob(blob(digest, what));
    if (!put.equals(digest)) {
      throw new OciException(
          "copying " + digest + " to " + target.describe() + " stored " + put,
          null,
          digest.toString(),
          null,
          null);
    }
  }
}
