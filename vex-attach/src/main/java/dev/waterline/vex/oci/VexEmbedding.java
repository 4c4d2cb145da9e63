package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.internal.json.VexJsonReader;
import dev.waterline.vex.oci.internal.embed.ImageEmbedder;
import dev.waterline.vex.oci.internal.embed.JibEmbedder;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.json.Platform;
import dev.waterline.vex.oci.internal.json.Platforms;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Embeds OpenVEX documents into an image's filesystem ("COPY VEX into the image"): a new image =
 * the base image + one layer holding the documents as {@code /usr/share/vex/<name>.openvex.json}.
 *
 * <pre>{@code
 * var result = VexEmbedding.of(doc)                       // or VexEmbedding.ofFiles(Path.of("app.openvex.json"))
 *     .embed("oci:/tmp/demo:1.0", "oci:/tmp/demo:1.0-vex");
 * result.digest();                                         // the new image
 * result.layerDigest();                                    // the VEX layer
 * EmbeddedVex.read("oci:/tmp/demo:1.0-vex").documents();   // read back
 * }</pre>
 *
 * <p>The layer is deterministic (sorted entries, mode 0644 files and 0755 directories, owner 0:0,
 * mtime 0, gzip without timestamp), so the same documents on the same base give the same layer and
 * image digests. The base's {@code rootfs.diff_ids} stay a prefix of the new image's. An image
 * index is embedded platform by platform into a new index, unless {@link #withPlatform} picks one.
 * Between two registries the image is built with jib-core (see {@link EmbedResult.Builder}); an OCI
 * layout on either side, a custom CA, an index base with no platform chosen (jib-core cannot write
 * an OCI index), or {@link #withoutJib()} use Waterline's own writer. Values are immutable.
 */
@API(status = STABLE, since = "0.1.0")
public final class VexEmbedding {
  /** Where the documents go unless {@link #withDirectory} says otherwise. */
  public static final String DEFAULT_DIRECTORY = "/usr/share/vex";

  /** The file name suffix of embedded documents. */
  public static final String SUFFIX = ".openvex.json";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

  private final SortedMap<String, byte[]> files;
  private final String directory;
  private final @Nullable String platform;
  private final RegistryOptions options;
  private final boolean jib;

  private VexEmbedding(
      SortedMap<String, byte[]> files,
      String directory,
      @Nullable String platform,
      RegistryOptions options,
      boolean jib) {
    this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    this.directory = directory;
    this.platform = platform;
    this.options = options;
    this.jib = jib;
  }

  /**
   * Documents to embed, each written as {@code vex-<first 16 hex of the SHA-256 of its JSON>
   * .openvex.json} in spec field order.
   */
  public static VexEmbedding of(VexDocument... documents) {
    return of(List.of(documents));
  }

  /** {@link #of(VexDocument...)} from a list. */
  public static VexEmbedding of(List<VexDocument> documents) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (VexDocument d : documents) {
      byte[] json = d.toJsonBytes();
      String name = "vex-" + Digest.of(json).hex().substring(0, 16) + SUFFIX;
      files.put(name, json);
    }
    return checked(files);
  }

  /**
   * Files to embed as they are (after checking that each parses as OpenVEX), named after the file:
   * {@code app.json} and {@code app.openvex.json} both become {@code app.openvex.json}.
   *
   * @throws VexException if a file cannot be read, is not OpenVEX, or two files get the same name
   */
  public static VexEmbedding ofFiles(Path... paths) {
    return ofFiles(List.of(paths));
  }

  /** {@link #ofFiles(Path...)} from a list. */
  public static VexEmbedding ofFiles(List<Path> paths) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (Path p : paths) {
      byte[] bytes = Inputs.read(p, InputKind.VEX_DOCUMENT);
      try {
        VexDocument unused = VexJsonReader.openVex(bytes);
      } catch (VexException e) {
        throw new VexException(p + " is not an OpenVEX document: " + e.getMessage(), e);
      }
      String base = String.valueOf(p.getFileName());
      if (base.endsWith(SUFFIX)) {
        base = base.substring(0, base.length() - SUFFIX.length());
      } else if (base.endsWith(".json")) {
        base = base.substring(0, base.length() - 5);
      }
      String name = base + SUFFIX;
      if (!NAME.matcher(name).matches()) {
        throw new VexException(
            "cannot embed "
                + p
                + ": the name "
                + name
                + " must be letters, digits, '.', '_' or '-' (at most 100)");
      }
      if (files.put(name, bytes) != null) {
        throw new VexException("two files would be embedded as " + name + " (" + p + ")");
      }
    }
    return checked(files);
  }

  private static VexEmbedding checked(SortedMap<String, byte[]> files) {
    if (files.isEmpty()) {
      throw new VexException("nothing to embed: give at least one OpenVEX document");
    }
    return new VexEmbedding(files, DEFAULT_DIRECTORY, null, RegistryOptions.defaults(), true);
  }

  /**
   * The same, writing to {@code directory} (absolute; components of letters, digits, {@code .},
   * {@code _}, {@code -}).
   */
  public VexEmbedding withDirectory(String directory) {
    return new VexEmbedding(files, "/" + checkDirectory(directory), platform, options, jib);
  }

  /** The same, embedding into one platform ({@code os/arch[/variant]}) of an index base only. */
  public VexEmbedding withPlatform(String platform) {
    Platform.parse(platform);
    return new VexEmbedding(files, directory, platform, options, jib);
  }

  /** The same, with these registry options (credentials, CA, insecure hosts, limits). */
  public VexEmbedding withOptions(RegistryOptions options) {
    return new VexEmbedding(
        files, directory, platform, Objects.requireNonNull(options, "options"), jib);
  }

  /** The same, never using jib (Waterline's own writer also between registries). */
  public VexEmbedding withoutJib() {
    return new VexEmbedding(files, directory, platform, options, false);
  }

  /** The directory the documents go to. */
  public String directory() {
    return directory;
  }

  /** The absolute paths the documents get, sorted. */
  public List<String> paths() {
    List<String> out = new ArrayList<>();
    files.keySet().forEach(n -> out.add(directory + "/" + n));
    return out;
  }

  /** The platform asked for, if any. */
  public Optional<String> platform() {
    return Optional.ofNullable(platform);
  }

  /** {@link #embed(ImageReference, ImageReference)} with references parsed. */
  public EmbedResult embed(String from, String to) {
    return embed(ImageReference.parse(from), ImageReference.parse(to));
  }

  /**
   * Builds base + VEX layer from {@code from} and writes it as {@code to} (a tag in a registry, or
   * {@code oci:PATH:TAG}; a layout is created if missing).
   *
   * @throws OciException if the base is missing or not a container image, the platform is not in
   *     its index, or a store fails
   */
  public EmbedResult embed(ImageReference from, ImageReference to) {
    ImageStores.Opened source = ImageStores.source(from, options);
    ImageStores.Opened target = ImageStores.destination(to, options);
    // one operation: a registry's deadline and retry budget cover reading, building and writing
    return source
        .store()
        .operation(() -> target.store().operation(() -> embed(from, to, source, target)));
  }

  private EmbedResult embed(
      ImageReference from,
      ImageReference to,
      ImageStores.Opened source,
      ImageStores.Opened target) {
    String sourceTarget = Objects.requireNonNull(source.target());
    String dir = directory.substring(1);
    SortedMap<String, byte[]> layerFiles = new TreeMap<>();
    files.forEach((n, b) -> layerFiles.put(dir + "/" + n, b));
    boolean useJib =
        jib
            && source.registry() != null
            && target.registry() != null
            && options.caCertificates().isEmpty();
    if (useJib && (platform != null || !require(source.store(), sourceTarget, from).isIndex())) {
      // jib-core 0.27.3 cannot write an OCI image index ("Build an OCI image index is not yet
      // supported"), so an index base with no platform chosen goes to our own writer
      return embedWithJib(from, to, source, target, layerFiles);
    }
    ImageEmbedder embedder =
        new ImageEmbedder(source.store(), target.store(), layerFiles, comment());
    ImageEmbedder.Outcome o = embedder.embed(sourceTarget, target.target(), platform);
    List<EmbedResult.Manifest> manifests = new ArrayList<>();
    for (ImageEmbedder.Built b : o.manifests()) {
      manifests.add(
          new EmbedResult.Manifest(
              Optional.ofNullable(b.platform()),
              b.manifest(),
              b.baseManifest(),
              b.layer(),
              b.diffId()));
    }
    return new EmbedResult(
        to, o.image().digest(), from, o.base(), paths(), manifests, EmbedResult.Builder.WATERLINE);
  }

  private EmbedResult embedWithJib(
      ImageReference from,
      ImageReference to,
      ImageStores.Opened source,
      ImageStores.Opened target,
      SortedMap<String, byte[]> layerFiles) {
    OciStore in = source.store();
    StoredManifest base = require(in, Objects.requireNonNull(source.target()), from);
    // the base manifests jib will build on, by platform
    Map<String, Digest> bases = new LinkedHashMap<>();
    String what = "the base image " + from;
    if (base.isIndex()) {
      ImageIndex index = OciJson.parseIndex(base.bytes(), what, base.digest());
      if (platform != null) {
        Descriptor d =
            Platforms.select(index, Platform.parse(platform))
                .orElseThrow(
                    () ->
                        new OciException(
                            what + " (an index) has no manifest for the platform " + platform,
                            from.toString(),
                            base.digest().toString(),
                            null,
                            null));
        bases.put(platform, d.digest());
      } else {
        for (Descriptor d : index.manifests()) {
          if (d.platform().isPresent()
              && !d.platform().get().isUnknown()
              && d.annotation(MediaTypes.ANNOTATION_DOCKER_REFERENCE_TYPE).isEmpty()) {
            Platform p = d.platform().get();
            bases.put(p.os() + "/" + p.architecture(), d.digest());
          }
        }
      }
    } else {
      ImageManifest m = OciJson.parseManifest(base.bytes(), what, base.digest());
      var config = OciJson.tree(blob(in, m.config().digest(), from), "the config of " + what);
      bases.put(
          config.path("os").asText("linux") + "/" + config.path("architecture").asText("amd64"),
          base.digest());
    }
    Registry fromRegistry = Objects.requireNonNull(source.registry());
    Registry toRegistry = Objects.requireNonNull(target.registry());
    // with one platform chosen, jib gets that platform's manifest itself (jib's platform type has
    // no variant, so letting it choose from the index could pick another arm variant)
    Digest jibBase = bases.size() == 1 ? bases.values().iterator().next() : base.digest();
    String jibFrom = from.registry() + "/" + from.repository() + "@" + jibBase;
    String jibTo = to.registry() + "/" + to.repository() + ":" + to.tag().orElseThrow();
    Digest digest =
        JibEmbedder.build(
            fromRegistry.client(),
            jibFrom,
            toRegistry.client(),
            jibTo,
            absolute(layerFiles),
            new ArrayList<>(bases.keySet()),
            comment());
    // read back what jib wrote: the VEX layer is the top layer of each platform manifest
    OciStore out = target.store();
    StoredManifest written = require(out, digest.toString(), to);
    List<EmbedResult.Manifest> manifests = new ArrayList<>();
    if (written.isIndex()) {
      ImageIndex index = OciJson.parseIndex(written.bytes(), "the image " + to, digest);
      for (Descriptor d : index.manifests()) {
        String p = d.platform().map(x -> x.os() + "/" + x.architecture()).orElse(null);
        manifests.add(
            top(
                out,
                require(out, d.digest().toString(), to),
                to,
                p,
                bases.getOrDefault(p, base.digest())));
      }
    } else {
      String p = bases.keySet().iterator().next();
      manifests.add(top(out, written, to, p, java.util.Objects.requireNonNull(bases.get(p))));
    }
    return new EmbedResult(
        to, digest, from, base.digest(), paths(), manifests, EmbedResult.Builder.JIB);
  }

  private String comment() {
    return "VEX documents in " + directory;
  }

  private static SortedMap<String, byte[]> absolute(SortedMap<String, byte[]> files) {
    SortedMap<String, byte[]> out = new TreeMap<>();
    files.forEach((k, v) -> out.put("/" + k, v));
    return out;
  }

  private static EmbedResult.Manifest top(
      OciStore store,
      StoredManifest m,
      ImageReference image,
      @Nullable String platform,
      Digest base) {
    String what = "the image " + image + " (" + m.digest() + ")";
    ImageManifest manifest = OciJson.parseManifest(m.bytes(), what, m.digest());
    var diffIds =
        OciJson.tree(blob(store, manifest.config().digest(), image), "the config of " + what)
            .path("rootfs")
            .path("diff_ids");
    Descriptor layer = manifest.layers().get(manifest.layers().size() - 1);
    return new EmbedResult.Manifest(
        Optional.ofNullable(platform),
        m.digest(),
        base,
        layer.digest(),
        Digest.parse(diffIds.path(diffIds.size() - 1).asText("")));
  }

  private static StoredManifest require(OciStore store, String target, ImageReference image) {
    return store
        .manifest(target)
        .orElseThrow(
            () ->
                new OciException(
                    "the image " + image + " (" + target + ") is not in " + store.describe(),
                    image.toString(),
                    null,
                    null,
                    null));
  }

  private static byte[] blob(OciStore store, Digest digest, ImageReference image) {
    return store
        .blob(digest)
        .orElseThrow(
            () ->
                new OciException(
                    "the blob " + digest + " of " + image + " is missing from " + store.describe(),
                    image.toString(),
                    digest.toString(),
                    null,
                    null));
  }

  /** Checks an absolute directory and returns it relative, without trailing '/'. */
  static String checkDirectory(String directory) {
    Objects.requireNonNull(directory, "directory");
    if (!directory.startsWith("/")) {
      throw new OciException(
          "the VEX directory must be absolute: " + directory, directory, null, null, null);
    }
    List<String> parts = new ArrayList<>();
    for (String p : directory.split("/", -1)) {
      if (p.isEmpty()) {
        continue;
      }
      if (!COMPONENT.matcher(p).matches() || p.equals(".") || p.equals("..")) {
        throw new OciException(
            "the VEX directory "
                + directory
                + " has the component \""
                + p
                + "\"; use letters, digits, '.', '_' and '-' (no . or ..)",
            directory,
            null,
            null,
            null);
      }
      parts.add(p);
    }
    if (parts.isEmpty()) {
      throw new OciException("the VEX directory cannot be the root", directory, null, null, null);
    }
    String rel = String.join("/", parts);
    if (rel.length() > 150) {
      throw new OciException(
          "the VEX directory " + directory + " is longer than 150 bytes",
          directory,
          null,
          null,
          null);
    }
    return rel;
  }

  @Override
  public String toString() {
    return "VexEmbedding["
        + paths()
        + (platform == null ? "" : " platform " + platform)
        + (jib ? "" : " withoutJib")
        + "]";
  }
}
