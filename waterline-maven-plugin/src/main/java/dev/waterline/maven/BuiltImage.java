package dev.waterline.maven;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.ContentDigest;
import dev.waterline.vex.ImageName;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.internal.json.Json;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.ImageReference;
import dev.waterline.vex.oci.OciArchive;
import dev.waterline.vex.oci.OciLayout;
import dev.waterline.vex.sign.Subject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.jspecify.annotations.Nullable;

/**
 * The image the build produced, by digest: from a configured {@code <image>} that names a digest or
 * an OCI layout, or from what Jib wrote ({@code target/jib-image.json}, {@code
 * target/jib-image.digest}).
 *
 * @param reference the image, pinned to its digest ({@code REGISTRY/REPO@sha256:HEX} or {@code
 *     oci:PATH@sha256:HEX})
 * @param digest its manifest (or index) digest
 * @param purl the {@code pkg:oci} purl the VEX names it by
 * @param subject the in-toto subject an attestation about it names
 * @param source where the digest came from, for messages
 */
record BuiltImage(
    ImageReference reference,
    Digest digest,
    String purl,
    Subject subject,
    String source,
    @Nullable Path archive) {

  static final String OCI_ARCHIVE = "oci-archive:";

  static final String JIB_IMAGE_JSON = "jib-image.json";
  static final String JIB_IMAGE_DIGEST = "jib-image.digest";

  /** Whether the image lies in an OCI layout on disk (no registry is needed). */
  boolean isLayout() {
    return reference.isLayout();
  }

  /**
   * Finds the image.
   *
   * @param configured {@code <image>}: REGISTRY/REPO[:TAG][@DIGEST] or oci:PATH[:TAG|@DIGEST], or
   *     null
   * @param jibOutput the directory Jib writes {@code jib-image.json} and {@code jib-image.digest}
   *     to (the build directory)
   */
  static BuiltImage resolve(@Nullable String configured, Path jibOutput)
      throws MojoFailureException {
    Path json = jibOutput.resolve(JIB_IMAGE_JSON);
    Path digestFile = jibOutput.resolve(JIB_IMAGE_DIGEST);
    if (configured == null || configured.isBlank()) {
      if (Files.isRegularFile(json)) {
        JibOutput jib = readJibJson(json);
        return ofRegistry(jib.image, jib.digest, json.toString());
      }
      throw new MojoFailureException(
          "no image digest: the VEX is about the image this build produced, and neither "
              + json
              + " (written by jib:build, jib:dockerBuild and jib:buildTar) nor <image> names it."
              + " Run Jib before this goal, or configure <image> (property waterline.image) as"
              + " REGISTRY/REPO@sha256:HEX, REGISTRY/REPO:TAG with "
              + digestFile
              + ", or oci:PATH[:TAG|@sha256:HEX] for an OCI image layout");
    }
    ImageReference ref = parse(configured);
    if (ref.isLayout()) {
      return ofLayout(ref, configured);
    }
    if (ref.digest().isPresent()) {
      return ofRegistry(configured, ref.digest().get(), "<image>");
    }
    if (Files.isRegularFile(json)) {
      JibOutput jib = readJibJson(json);
      return ofRegistry(configured, jib.digest, json.toString());
    }
    if (Files.isRegularFile(digestFile)) {
      String text = Inputs.readString(digestFile, InputKind.IMAGE_LIST).strip();
      return ofRegistry(configured, digest(text, digestFile.toString()), digestFile.toString());
    }
    throw new MojoFailureException(
        "no image digest for <image> "
            + configured
            + ": it names no digest, and neither "
            + json
            + " nor "
            + digestFile
            + " (written by Jib) exists. Run Jib before this goal, or name the digest in <image>"
            + " (REGISTRY/REPO@sha256:HEX)");
  }

  /**
   * An image in an OCI archive ({@code oci-archive:PATH[:TAG]}, e.g. what {@code jib:buildTar}
   * writes with {@code <container><format>OCI</format>}): unpacked into {@code work} (emptied
   * first), found there as in a layout; {@link #archive()} says where to pack it back.
   */
  static BuiltImage ofArchive(String configured, Path work) throws MojoFailureException {
    String spec = configured.strip().substring(OCI_ARCHIVE.length());
    int slash = spec.lastIndexOf('/');
    int colon = spec.lastIndexOf(':');
    String path = colon > slash ? spec.substring(0, colon) : spec;
    String tag = colon > slash ? spec.substring(colon + 1) : null;
    if (path.isEmpty()) {
      throw new MojoFailureException(
          "<image> " + configured + ": name the archive, oci-archive:PATH[:TAG]");
    }
    Path tar = Path.of(path);
    String file = tar.getFileName() == null ? "image" : tar.getFileName().toString();
    String name = file.endsWith(".tar") ? file.substring(0, file.length() - 4) : file;
    Path dir = work.resolve(name.isEmpty() ? "image" : name);
    try {
      deleteTree(dir);
      OciLayout unused = OciArchive.unpack(tar, dir);
    } catch (VexException e) {
      throw new MojoFailureException("<image> " + configured + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoFailureException("cannot empty " + dir + ": " + e.getMessage(), e);
    }
    BuiltImage inLayout =
        ofLayout(parse("oci:" + dir + (tag == null ? "" : ":" + tag)), configured);
    return new BuiltImage(
        inLayout.reference,
        inLayout.digest,
        inLayout.purl,
        inLayout.subject,
        "<image> " + OCI_ARCHIVE + tar,
        tar);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static ImageReference parse(String text) throws MojoFailureException {
    try {
      return ImageReference.parse(text.strip());
    } catch (VexException | IllegalArgumentException e) {
      throw new MojoFailureException(
          "<image> " + text + " is not an image reference: " + e.getMessage(), e);
    }
  }

  private static Digest digest(String text, String where) throws MojoFailureException {
    try {
      return Digest.parse(text);
    } catch (VexException | IllegalArgumentException e) {
      throw new MojoFailureException(
          where + ": '" + text + "' is not an image digest (sha256:HEX): " + e.getMessage(), e);
    }
  }

  private static BuiltImage ofRegistry(String image, Digest digest, String source)
      throws MojoFailureException {
    ImageName name;
    try {
      name =
          ImageName.parse(image.strip())
              .withoutTag()
              .withDigest(ContentDigest.parse(digest.toString()));
    } catch (VexException | IllegalArgumentException e) {
      throw new MojoFailureException(
          source + ": '" + image + "' is not an image name: " + e.getMessage(), e);
    }
    ImageReference ref = parse(name.toString());
    return new BuiltImage(ref, digest, name.toPurl(), Subject.of(name), source, null);
  }

  private static BuiltImage ofLayout(ImageReference ref, String configured)
      throws MojoFailureException {
    Path dir = ref.layoutPath().orElseThrow();
    if (!Files.isDirectory(dir)) {
      throw new MojoFailureException(
          "<image> " + configured + ": " + dir + " is not an OCI image layout directory");
    }
    Digest digest;
    try {
      OciLayout layout = OciLayout.open(ref);
      if (ref.digest().isPresent()) {
        digest = ref.digest().get();
      } else {
        String target;
        if (ref.tag().isPresent()) {
          target = ref.tag().get();
        } else {
          List<String> tags = layout.tags();
          if (tags.size() != 1) {
            throw new MojoFailureException(
                "<image> "
                    + configured
                    + ": the layout holds "
                    + (tags.isEmpty() ? "no tagged image" : "the tags " + tags)
                    + "; name one as oci:PATH:TAG or oci:PATH@sha256:HEX");
          }
          target = tags.get(0);
        }
        digest =
            layout
                .resolve(target)
                .orElseThrow(
                    () ->
                        new MojoFailureException(
                            "<image> " + configured + ": the layout has no image " + target));
      }
    } catch (VexException e) {
      throw new MojoFailureException("<image> " + configured + ": " + e.getMessage(), e);
    }
    Path abs = dir.toAbsolutePath().normalize();
    Path last = abs.getFileName();
    String name = last == null ? "oci-layout" : last.toString();
    ImageReference pinned = ref.withDigest(digest);
    return new BuiltImage(
        pinned,
        digest,
        "pkg:oci/" + name + "@" + digest.algorithm() + "%3A" + digest.hex(),
        Subject.of(name, digest.hex()),
        "<image>",
        null);
  }

  /** What jib-image.json says: the image as pushed and its digest. */
  private record JibOutput(String image, Digest digest) {}

  private static JibOutput readJibJson(Path file) throws MojoFailureException {
    JsonNode node;
    try {
      node = Json.readTree(file, InputKind.IMAGE_LIST);
    } catch (VexException e) {
      throw new MojoFailureException("cannot read " + file + ": " + e.getMessage(), e);
    }
    JsonNode image = node.path("image");
    JsonNode digest = node.path("imageDigest");
    if (!image.isTextual() || image.asText().isBlank()) {
      throw new MojoFailureException(file + ": /image is missing or not a string");
    }
    if (!digest.isTextual()) {
      throw new MojoFailureException(file + ": /imageDigest is missing or not a string");
    }
    return new JibOutput(image.asText(), digest(digest.asText(), file + " at /imageDigest"));
  }

  /** For the up-to-date record: the image and where its digest came from, as bytes. */
  byte[] identity() {
    return (reference + "\n" + subject.name() + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
