package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.json.VexJsonReader;
import dev.waterline.vex.oci.internal.embed.ImageFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The OpenVEX documents in an image's filesystem: the {@code *.json} files under a directory
 * ({@link VexEmbedding#DEFAULT_DIRECTORY}, {@code /usr/share/vex}, unless named), read layer by
 * layer with whiteouts applied, each parsed with vex-model.
 *
 * <pre>{@code
 * var found = EmbeddedVex.read("oci:/tmp/demo:1.0-vex");
 * found.files().get(0).document().statements();
 * found.files().get(0).layer();            // the layer that holds it
 * }</pre>
 *
 * <p>Every layer is read (gzip or plain tar) and checked against its digest and its diff ID. A
 * layer that inflates past {@link #DEFAULT_MAX_LAYER_BYTES}, has an entry leaving the root ({@code
 * ..}) or a link at or above the directory is refused with an {@link OciException}. A file under
 * the directory that is not OpenVEX is reported in {@link #problems()} and does not hide the
 * others. Layers are held in memory one at a time; their size is bounded by the store's blob limit
 * ({@link RegistryOptions#maxBlobBytes()}, 64 MiB for a layout).
 */
@API(status = STABLE, since = "0.1.0")
public final class EmbeddedVex {
  /** The most one layer may inflate to: 1 GiB. */
  public static final long DEFAULT_MAX_LAYER_BYTES = 1L << 30;

  /** The largest file read under the directory: 8 MiB. */
  public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

  /** The most files read under the directory. */
  public static final int MAX_FILES = 1000;

  private final ImageReference image;
  private final Digest digest;
  private final String directory;
  private final List<EmbeddedVexFile> files;
  private final List<String> problems;

  private EmbeddedVex(
      ImageReference image,
      Digest digest,
      String directory,
      List<EmbeddedVexFile> files,
      List<String> problems) {
    this.image = image;
    this.digest = digest;
    this.directory = directory;
    this.files = List.copyOf(files);
    this.problems = List.copyOf(problems);
  }

  /** Reads {@code image} (a registry reference or {@code oci:PATH[:TAG|@DIGEST]}) with defaults. */
  public static EmbeddedVex read(String image) {
    return read(ImageReference.parse(image), RegistryOptions.defaults());
  }

  /** Reads the default directory of {@code image}. */
  public static EmbeddedVex read(ImageReference image, RegistryOptions options) {
    return read(image, options, VexEmbedding.DEFAULT_DIRECTORY, DEFAULT_MAX_LAYER_BYTES);
  }

  /**
   * Reads the {@code *.json} files under {@code directory} (absolute) of {@code image}.
   *
   * @param maxLayerBytes the most one layer may inflate to
   * @throws OciException if the image is missing, a layer is hostile or broken, or a limit is
   *     passed
   */
  public static EmbeddedVex read(
      ImageReference image, RegistryOptions options, String directory, long maxLayerBytes) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(options, "options");
    String dir = VexEmbedding.checkDirectory(directory);
    ImageStores.Opened opened = ImageStores.source(image, options);
    // one operation: a registry's deadline and retry budget cover reading every layer
    ImageFiles.Outcome outcome =
        opened
            .store()
            .operation(
                () ->
                    new ImageFiles(
                            opened.store(),
                            dir,
                            new ImageFiles.Limits(maxLayerBytes, MAX_FILE_BYTES, MAX_FILES))
                        .read(Objects.requireNonNull(opened.target()), image.toString()));
    List<EmbeddedVexFile> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ImageFiles.Found f : outcome.files()) {
      try {
        files.add(
            new EmbeddedVexFile(
                f.path(),
                f.layer(),
                f.manifest(),
                Optional.ofNullable(f.platform()),
                VexJsonReader.openVex(f.content())));
      } catch (VexException e) {
        problems.add(
            f.path()
                + " (layer "
                + f.layer()
                + ") in "
                + image
                + " is not OpenVEX: "
                + e.getMessage());
      }
    }
    return new EmbeddedVex(image, outcome.image(), "/" + dir, files, problems);
  }

  /** The image as named. */
  public ImageReference image() {
    return image;
  }

  /** The digest of the manifest or index read. */
  public Digest digest() {
    return digest;
  }

  /** The directory searched. */
  public String directory() {
    return directory;
  }

  /** The documents found, by platform and path. */
  public List<EmbeddedVexFile> files() {
    return files;
  }

  /** The documents alone. */
  public List<VexDocument> documents() {
    List<VexDocument> out = new ArrayList<>();
    files.forEach(f -> out.add(f.document()));
    return out;
  }

  /** Files under the directory that could not be parsed as OpenVEX. */
  public List<String> problems() {
    return problems;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof EmbeddedVex)) {
      return false;
    }
    EmbeddedVex e = (EmbeddedVex) o;
    return image.equals(e.image)
        && digest.equals(e.digest)
        && directory.equals(e.directory)
        && files.equals(e.files)
        && problems.equals(e.problems);
  }

  @Override
  public int hashCode() {
    return Objects.hash(image, digest, directory, files, problems);
  }

  @Override
  public String toString() {
    return "EmbeddedVex["
        + image
        + "@"
        + digest
        + " "
        + directory
        + ": "
        + files.size()
        + " document(s)"
        + (problems.isEmpty() ? "" : ", " + problems.size() + " problem(s)")
        + "]";
  }
}
