package dev.waterline.samples;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutionException;

/**
 * Embedding VEX in an image with Jib: the VEX document goes into the image's filesystem at {@code
 * /usr/share/vex/app.openvex.json}, in a layer of its own on top of the application, so that
 * scanners that look inside the image (and anyone with {@code docker run … cat}) find it, and it
 * travels wherever the image is copied.
 *
 * <p>This recipe uses jib-core's own public API directly: {@code Jib.from(base)}, {@code
 * addFileEntriesLayer(…)}, {@code containerize(Containerizer.to(…))}. To stay offline it first
 * builds a small "application" image to a tar ({@code Jib.fromScratch()} plus one file), then uses
 * that tar as the base ({@code Jib.from(TarImage.at(…))}) and adds the VEX layer, writing the
 * result to a second tar ({@code docker load} reads both). With a registry, the same chain is
 * {@code Jib.from(RegistryImage.named("registry.local/app:1.0"))} and {@code
 * Containerizer.to(RegistryImage.named("registry.local/app:1.0-vex"))}; vex-attach is gaining the
 * same operation for OCI layouts and registries without writing Jib code.
 *
 * <p>VEX inside an image cannot name that image's digest (adding the file changes the digest), so
 * its product is the repository without a digest ({@code pkg:oci/app?repository_url=…}, which
 * covers every digest) with the package as subcomponent. Attach VEX that names the digest instead
 * ({@link AttachAndFetch}) when it must speak for one exact image. Jib writes files with a fixed
 * modification time, so the VEX layer is the same bytes on every build.
 *
 * <pre>
 * samples/run EmbedVexWithJib [OUT_DIR]     # writes app.tar and app-vex.tar
 * </pre>
 */
public final class EmbedVexWithJib {
  private EmbedVexWithJib() {}

  /** Where the document goes in the image. */
  public static final String VEX_PATH = "/usr/share/vex/app.openvex.json";

  /** Where the "application" goes in the base image. */
  public static final String APP_PATH = "/app/hello.txt";

  /** What the recipe built. */
  public record Outcome(
      Path baseTar, Path imageTar, String baseImageId, String imageId, String imageDigest) {}

  /** The VEX document to embed: about the repository, not one digest (see the class comment). */
  public static VexDocument document() {
    return Vex.document("Acme Security <psirt@acme.example>")
        .timestamp(Instant.parse("2026-03-01T10:00:00Z"))
        .statement(
            Vex.notAffected("CVE-2023-44487", "pkg:oci/app?repository_url=registry.local/app")
                .subcomponent("pkg:golang/golang.org/x/net@v0.7.0")
                .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH))
        .build();
  }

  /**
   * Builds {@code app.tar} (the application) and {@code app-vex.tar} (the application plus the VEX
   * layer) in {@code outDir}; Jib's layer caches go to {@code outDir/jib-cache}.
   */
  public static Outcome build(VexDocument vex, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    Path files = Files.createDirectories(outDir.resolve("files"));
    Path cache = outDir.resolve("jib-cache");

    // The base: an application image built from scratch (in real life, your usual image).
    Path hello = Files.writeString(files.resolve("hello.txt"), "hello\n", StandardCharsets.UTF_8);
    Path baseTar = outDir.resolve("app.tar");
    JibContainer base =
        containerize(
            Jib.fromScratch()
                .addFileEntriesLayer(
                    FileEntriesLayer.builder()
                        .setName("app")
                        .addEntry(hello, AbsoluteUnixPath.get(APP_PATH))
                        .build()),
            baseTar,
            "registry.local/app:1.0",
            cache);

    // The VEX layer on top of it: one file at /usr/share/vex/app.openvex.json.
    Path vexFile = files.resolve("app.openvex.json");
    Files.write(vexFile, vex.toJsonBytes());
    Path imageTar = outDir.resolve("app-vex.tar");
    JibContainer withVex =
        containerize(
            Jib.from(TarImage.at(baseTar))
                .addFileEntriesLayer(
                    FileEntriesLayer.builder()
                        .setName("vex")
                        .addEntry(vexFile, AbsoluteUnixPath.get(VEX_PATH))
                        .build())
                .addLabel("dev.waterline.vex", VEX_PATH),
            imageTar,
            "registry.local/app:1.0-vex",
            cache);

    return new Outcome(
        baseTar,
        imageTar,
        base.getImageId().toString(),
        withVex.getImageId().toString(),
        withVex.getDigest().toString());
  }

  private static JibContainer containerize(
      JibContainerBuilder image, Path tar, String name, Path cache) throws IOException {
    try {
      return image.containerize(
          Containerizer.to(TarImage.at(tar).named(name))
              .setBaseImageLayersCache(cache.resolve("base"))
              .setApplicationLayersCache(cache.resolve("application"))
              .setToolName("waterline-samples"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while Jib built " + name, e);
    } catch (InvalidImageReferenceException
        | RegistryException
        | CacheDirectoryCreationException
        | ExecutionException e) {
      throw new IOException("Jib could not build " + name + " into " + tar + ": " + e, e);
    }
  }

  /** Builds both tars and prints where they are. */
  public static void main(String[] args) throws IOException {
    Path out = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("embed-vex");
    Outcome o = build(document(), out);
    System.out.println("base image  " + o.baseTar() + " (image id " + o.baseImageId() + ")");
    System.out.println(
        "with VEX    " + o.imageTar() + " (image id " + o.imageId() + ", " + VEX_PATH + ")");
    System.out.println("load it with: docker load -i " + o.imageTar());
  }
}
