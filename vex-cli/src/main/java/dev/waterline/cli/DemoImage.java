package dev.waterline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The demo's two images, written as an OCI image layout: a base image with one layer (a small
 * Alpine-like root file system with an apk database) and an app image on top of it (the base layer
 * plus a layer with a Java service's files). The base image's {@code rootfs.diff_ids} are a prefix
 * of the app's: that is the waterline. Same input, same bytes: the digests are fixed, so the
 * bundled scan report can name the layers.
 */
final class DemoImage {
  /** The base image's tag in the layout. */
  static final String BASE_TAG = "base";

  /** The app image's tag in the layout. */
  static final String APP_TAG = "app";

  /** What was written. */
  record Written(
      Digest baseManifest,
      Digest appManifest,
      Digest appConfig,
      String baseDiffId,
      String appDiffId,
      int blobs) {}

  private DemoImage() {}

  /**
   * Writes {@code oci-layout}, {@code index.json} (tags {@value #BASE_TAG} and {@value #APP_TAG})
   * and the blobs into {@code dir}, which must not hold a layout yet.
   */
  static Written write(Path dir) throws IOException {
    byte[] baseTar =
        tar(
            List.of(
                file("etc/os-release", osRelease()),
                file("lib/apk/db/installed", apkInstalled()),
                file("etc/waterline-demo-base", "Demo Base Images: hardened base 1.0\n")));
    byte[] appTar =
        tar(
            List.of(
                file("app/README.txt", appReadme()),
                file("app/lib/libraries.txt", appLibraries())));
    String baseDiffId = Digest.of(baseTar).toString();
    String appDiffId = Digest.of(appTar).toString();
    byte[] baseLayer = gzip(baseTar);
    byte[] appLayer = gzip(appTar);

    byte[] baseConfig =
        config(
            List.of(baseDiffId),
            List.of("demo base: Alpine-like root file system (the vendor's layer)"),
            List.of("/bin/sh"));
    byte[] appConfig =
        config(
            List.of(baseDiffId, appDiffId),
            List.of(
                "demo base: Alpine-like root file system (the vendor's layer)",
                "demo app: COPY app/ /app/ (our layer)"),
            List.of("java", "-jar", "/app/app.jar"));
    byte[] baseManifest = manifest(baseConfig, List.of(baseLayer), "demo-base");
    byte[] appManifest = manifest(appConfig, List.of(baseLayer, appLayer), "demo-app");

    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", StandardCharsets.UTF_8);
    List<byte[]> blobs =
        List.of(baseLayer, appLayer, baseConfig, appConfig, baseManifest, appManifest);
    Path sha = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
    for (byte[] blob : blobs) {
      Files.write(sha.resolve(Digest.of(blob).hex()), blob);
    }
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    index.put(
        "manifests",
        List.of(
            descriptor(MediaTypes.OCI_MANIFEST, baseManifest, BASE_TAG),
            descriptor(MediaTypes.OCI_MANIFEST, appManifest, APP_TAG)));
    Files.write(dir.resolve("index.json"), json(index));
    return new Written(
        Digest.of(baseManifest),
        Digest.of(appManifest),
        Digest.of(appConfig),
        baseDiffId,
        appDiffId,
        blobs.size());
  }

  private static byte[] config(List<String> diffIds, List<String> history, List<String> cmd) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("architecture", "amd64");
    c.put("os", "linux");
    c.put("config", Map.of("Cmd", cmd));
    Map<String, Object> rootfs = new LinkedHashMap<>();
    rootfs.put("type", "layers");
    rootfs.put("diff_ids", diffIds);
    c.put("rootfs", rootfs);
    List<Map<String, Object>> h = new ArrayList<>();
    for (String line : history) {
      h.add(Map.of("created_by", line));
    }
    c.put("history", h);
    return json(c);
  }

  private static byte[] manifest(byte[] config, List<byte[]> layers, String title) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 2);
    m.put("mediaType", MediaTypes.OCI_MANIFEST);
    m.put("config", descriptor(MediaTypes.OCI_CONFIG, config, null));
    List<Map<String, Object>> l = new ArrayList<>();
    for (byte[] layer : layers) {
      l.add(descriptor(MediaTypes.OCI_LAYER_GZIP, layer, null));
    }
    m.put("layers", l);
    m.put("annotations", Map.of("org.opencontainers.image.title", title));
    return json(m);
  }

  private static Map<String, Object> descriptor(
      String mediaType, byte[] content, @org.jspecify.annotations.Nullable String refName) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mediaType", mediaType);
    d.put("digest", Digest.of(content).toString());
    d.put("size", content.length);
    if (refName != null) {
      d.put("annotations", Map.of(MediaTypes.ANNOTATION_REF_NAME, refName));
    }
    return d;
  }

  private static byte[] json(Object value) {
    try {
      return dev.waterline.vex.internal.json.Json.mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write demo image JSON", e);
    }
  }

  private static String osRelease() {
    return "NAME=\"Alpine Linux\"\n"
        + "ID=alpine\n"
        + "VERSION_ID=3.19.1\n"
        + "PRETTY_NAME=\"Waterline demo base (Alpine Linux v3.19)\"\n";
  }

  /** An apk database in the format {@code apk} writes: one blank-line-separated block each. */
  private static String apkInstalled() {
    StringBuilder b = new StringBuilder();
    String[][] packages = {
      {"musl", "1.2.4_git20230717-r4", "MIT"},
      {"busybox", "1.36.1-r15", "GPL-2.0-only"},
      {"libcrypto3", "3.1.4-r5", "Apache-2.0"},
      {"libssl3", "3.1.4-r5", "Apache-2.0"},
    };
    for (String[] p : packages) {
      b.append("P:").append(p[0]).append('\n');
      b.append("V:").append(p[1]).append('\n');
      b.append("A:x86_64\n");
      b.append("L:").append(p[2]).append("\n\n");
    }
    return b.toString();
  }

  private static String appReadme() {
    return "This layer stands in for a Java service (/app/app.jar and its libraries).\n"
        + "The files are placeholders: the demo's scan report (scan/trivy.json) is what a\n"
        + "scanner reports for the libraries listed in lib/libraries.txt.\n";
  }

  private static String appLibraries() {
    return "org.apache.logging.log4j:log4j-core:2.14.1\n"
        + "com.fasterxml.jackson.core:jackson-databind:2.13.3\n"
        + "io.netty:netty-codec-http2:4.1.96.Final\n"
        + "org.yaml:snakeyaml:1.30\n"
        + "com.google.guava:guava:30.1-jre\n";
  }

  private record Entry(String name, byte[] content) {}

  private static Entry file(String name, String content) {
    return new Entry(name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** A ustar archive of regular files (mode 0644, owner 0:0, mtime 0), in the order given. */
  static byte[] tar(List<Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Entry e : entries) {
      byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
      if (name.length > 99) {
        throw new IllegalArgumentException("file name longer than 99 bytes: " + e.name());
      }
      byte[] header = new byte[512];
      System.arraycopy(name, 0, header, 0, name.length);
      octal(header, 100, 8, 0644);
      octal(header, 108, 8, 0);
      octal(header, 116, 8, 0);
      octal(header, 124, 12, e.content().length);
      octal(header, 136, 12, 0);
      for (int i = 148; i < 156; i++) {
        header[i] = ' ';
      }
      header[156] = '0';
      byte[] magic = "ustar\0".getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(magic, 0, header, 257, magic.length);
      header[263] = '0';
      header[264] = '0';
      int sum = 0;
      for (byte b : header) {
        sum += b & 0xff;
      }
      octal(header, 148, 7, sum);
      out.writeBytes(header);
      out.writeBytes(e.content());
      out.writeBytes(new byte[(512 - e.content().length % 512) % 512]);
    }
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void octal(byte[] b, int offset, int width, long value) {
    String s = Long.toOctalString(value);
    String padded = "0".repeat(width - 1 - s.length()) + s;
    byte[] digits = padded.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, b, offset, digits.length);
    b[offset + width - 1] = 0;
  }

  /** Gzip with a fixed header (no name, mtime 0), so the same tar gives the same blob. */
  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
