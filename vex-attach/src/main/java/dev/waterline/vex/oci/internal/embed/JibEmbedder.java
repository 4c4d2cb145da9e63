package dev.waterline.vex.oci.internal.embed;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import dev.waterline.vex.internal.io.Failures;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.internal.registry.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Builds base + VEX layer with jib-core's public API ({@code Jib.from(RegistryImage)…
 * containerize(Containerizer.to(RegistryImage))}), for a registry base and a registry target.
 * Credentials are the ones our registry client resolved (explicit or Docker config); plain HTTP
 * ({@code setAllowInsecureRegistries}) is only turned on when both registries are ones our policy
 * allows plain HTTP for (loopback or named insecure). Files are written to a temporary directory
 * for jib to read, with mtime 0, mode 0644 and owner 0:0; jib's caches go to temporary directories
 * too, removed afterwards.
 */
public final class JibEmbedder {
  private JibEmbedder() {}

  /**
   * Builds and pushes; returns the digest jib reports for the pushed image (a manifest, or an index
   * for several platforms).
   *
   * @param files absolute image paths ({@code /usr/share/vex/x.openvex.json}) to content
   * @param platforms {@code os/arch} of the platforms to build
   * @param comment the layer's name, which jib writes as its history entry's comment
   */
  public static Digest build(
      RegistryClient fromClient,
      String from,
      RegistryClient toClient,
      String to,
      SortedMap<String, byte[]> files,
      List<String> platforms,
      String comment) {
    Path tmp;
    try {
      tmp = Files.createTempDirectory("waterline-embed-");
    } catch (IOException e) {
      throw Failures.writing("a temporary directory for the embedding", e);
    }
    ExecutorService executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "waterline-jib");
              t.setDaemon(true);
              return t;
            });
    try {
      FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(comment);
      int i = 0;
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path local = tmp.resolve("file-" + i++);
        Files.write(local, f.getValue());
        layer.addEntry(
            new FileEntry(
                local,
                AbsoluteUnixPath.get(f.getKey()),
                FilePermissions.fromOctalString("644"),
                Instant.EPOCH,
                "0:0"));
      }
      RegistryImage base = credentials(RegistryImage.named(from), fromClient);
      RegistryImage target = credentials(RegistryImage.named(to), toClient);
      Set<com.google.cloud.tools.jib.api.buildplan.Platform> wanted = new LinkedHashSet<>();
      for (String p : platforms) {
        String[] parts = p.split("/", -1);
        wanted.add(new com.google.cloud.tools.jib.api.buildplan.Platform(parts[1], parts[0]));
      }
      JibContainerBuilder builder =
          Jib.from(base)
              .addFileEntriesLayer(layer.build())
              .setFormat(ImageFormat.OCI)
              .setCreationTime(Instant.EPOCH);
      if (!wanted.isEmpty()) {
        builder.setPlatforms(wanted);
      }
      Containerizer containerizer =
          Containerizer.to(target)
              .setAllowInsecureRegistries(
                  fromClient.plainHttpAllowed() && toClient.plainHttpAllowed())
              .setBaseImageLayersCache(tmp.resolve("base-cache"))
              .setApplicationLayersCache(tmp.resolve("app-cache"))
              .setExecutorService(executor)
              .setToolName("waterline");
      // jib's own HTTP client has its own connect and read timeouts (jib.httpTimeout, 20 s); the
      // operation's deadline is kept here
      JibContainer c =
          toClient.withinDeadline(
              "building " + to + " from " + from + " with jib",
              () -> builder.containerize(containerizer),
              executor::shutdownNow);
      return Digest.parse(c.getDigest().toString());
    } catch (InvalidImageReferenceException e) {
      throw new OciException(
          "jib cannot parse the image reference " + e.getInvalidReference(), from, null, null, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new OciException(
          "jib could not build "
              + to
              + " from "
              + from
              + ": "
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
          to,
          null,
          null,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OciException("interrupted while jib built " + to, to, null, null, e);
    } catch (IOException e) {
      throw new OciException(
          "jib could not build " + to + " from " + from + ": " + e.getMessage(), to, null, null, e);
    } finally {
      executor.shutdownNow();
      delete(tmp);
    }
  }

  private static RegistryImage credentials(RegistryImage image, RegistryClient client) {
    return image.addCredentialRetriever(
        () ->
            client
                .credentialForJib()
                .map(c -> Credential.from(c.username(), c.secret()))
                .or(Optional::empty));
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // best effort: a temporary directory
                }
              });
    } catch (IOException e) {
      // best effort
    }
  }
}
