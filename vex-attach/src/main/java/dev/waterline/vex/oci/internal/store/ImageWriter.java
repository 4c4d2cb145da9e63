package dev.waterline.vex.oci.internal.store;

import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.Failures;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.json.Platform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes small but real images into a store: per platform, a gzipped tar layer holding one file, an
 * image config whose {@code diff_ids} name the uncompressed layer, and a manifest; with more than
 * one platform, an index over them. Same input, same digests.
 *
 * <p>The test kit ({@code vex-testkit}: {@code SampleImages}, reached through a qualified export)
 * and the deprecated {@code OciLayout.writeSampleImage} write their images with it; it is the one
 * copy of this code. When {@code writeSampleImage} is removed, this class moves into the test kit.
 */
public final class ImageWriter {
  private ImageWriter() {}

  /**
   * Writes the image and tags it.
   *
   * @param platforms {@code os/arch[/variant]}; one gives a manifest, several an index
   * @param fileName the one file in the layer
   * @param content its content (the platform is appended, so platforms differ)
   */
  public static StoredManifest write(
      OciStore store,
      @Nullable String tag,
      String fileName,
      String content,
      List<String> platforms) {
    if (platforms.isEmpty()) {
      throw new VexException("at least one platform is needed");
    }
    if (platforms.size() == 1) {
      return store.putManifest(
          manifest(store, Platform.parse(platforms.get(0)), fileName, content),
          MediaTypes.OCI_MANIFEST,
          tag);
    }
    List<Descriptor> entries = new ArrayList<>();
    for (String p : platforms) {
      Platform platform = Platform.parse(p);
      byte[] m = manifest(store, platform, fileName, content + " (" + platform + ")");
      store.putManifest(m, MediaTypes.OCI_MANIFEST, null);
      entries.add(Descriptor.of(MediaTypes.OCI_MANIFEST, m).withPlatform(platform));
    }
    return store.putManifest(OciJson.write(ImageIndex.of(entries)), MediaTypes.OCI_INDEX, tag);
  }

  private static byte[] manifest(
      OciStore store, Platform platform, String fileName, String content) {
    byte[] tar = tar(fileName, content.getBytes(StandardCharsets.UTF_8));
    byte[] gz = gzip(tar);
    byte[] config =
        OciJson.generate(
            g -> {
              g.writeStartObject();
              g.writeStringField("architecture", platform.architecture());
              g.writeStringField("os", platform.os());
              if (platform.variant() != null) {
                g.writeStringField("variant", platform.variant());
              }
              g.writeObjectFieldStart("config");
              g.writeEndObject();
              g.writeObjectFieldStart("rootfs");
              g.writeStringField("type", "layers");
              g.writeArrayFieldStart("diff_ids");
              g.writeString(Digest.of(tar).toString());
              g.writeEndArray();
              g.writeEndObject();
              g.writeEndObject();
            });
    store.putBlob(gz);
    store.putBlob(config);
    return OciJson.write(
        ImageManifest.oci(
            null,
            Descriptor.of(MediaTypes.OCI_CONFIG, config),
            List.of(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, gz)),
            null,
            Map.of()));
  }

  /** A ustar archive with one regular file (mode 0644, owner 0:0, mtime 0). */
  static byte[] tar(String name, byte[] content) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 99) {
      throw new VexException("file name longer than 99 bytes: " + name);
    }
    byte[] header = new byte[512];
    System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
    octal(header, 100, 8, 0644);
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, content.length);
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
    int padded = (content.length + 511) / 512 * 512;
    byte[] out = new byte[512 + padded + 1024];
    System.arraycopy(header, 0, out, 0, 512);
    System.arraycopy(content, 0, out, 512, content.length);
    return out;
  }

  /** Writes {@code value} as zero-padded octal in {@code width - 1} digits and a NUL. */
  private static void octal(byte[] b, int offset, int width, long value) {
    String s = Long.toOctalString(value);
    String padded = "0".repeat(width - 1 - s.length()) + s;
    byte[] digits = padded.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, b, offset, digits.length);
    b[offset + width - 1] = 0;
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw Failures.writing("gzip data", e);
    }
    return out.toByteArray();
  }
}
