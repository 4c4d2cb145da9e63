package dev.waterline.vex.oci;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/** Documents, hand-made tar layers and images for the embed tests. */
final class EmbedFixtures {
  private EmbedFixtures() {}

  static VexDocument document(String cve) {
    return Vex.document("Acme Security <psirt@acme.example>")
        .timestamp(Instant.parse("2026-01-02T03:04:05Z"))
        .statement(
            Vex.notAffected(cve, "pkg:oci/app")
                .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH)
                .build())
        .build();
  }

  /** One tar entry: type '0' file, '5' dir, '2' symlink, '1' hardlink. */
  record Entry(String name, char type, byte[] content, String link) {
    static Entry file(String name, String content) {
      return new Entry(name, '0', content.getBytes(StandardCharsets.UTF_8), "");
    }

    static Entry file(String name, byte[] content) {
      return new Entry(name, '0', content, "");
    }

    static Entry dir(String name) {
      return new Entry(name, '5', new byte[0], "");
    }

    static Entry symlink(String name, String target) {
      return new Entry(name, '2', new byte[0], target);
    }
  }

  static byte[] tar(Entry... entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Entry e : entries) {
      byte[] h = new byte[512];
      byte[] n = e.name().getBytes(StandardCharsets.UTF_8);
      System.arraycopy(n, 0, h, 0, n.length);
      octal(h, 100, 8, e.type() == '5' ? 0755 : 0644);
      octal(h, 108, 8, 0);
      octal(h, 116, 8, 0);
      octal(h, 124, 12, e.content().length);
      octal(h, 136, 12, 0);
      for (int i = 148; i < 156; i++) {
        h[i] = ' ';
      }
      h[156] = (byte) e.type();
      byte[] l = e.link().getBytes(StandardCharsets.UTF_8);
      System.arraycopy(l, 0, h, 157, l.length);
      System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
      h[263] = '0';
      h[264] = '0';
      int sum = 0;
      for (byte b : h) {
        sum += b & 0xff;
      }
      octal(h, 148, 7, sum);
      out.writeBytes(h);
      out.writeBytes(e.content());
      out.writeBytes(new byte[(512 - e.content().length % 512) % 512]);
    }
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void octal(byte[] b, int off, int width, long v) {
    String s = Long.toOctalString(v);
    byte[] d = ("0".repeat(width - 1 - s.length()) + s).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(d, 0, b, off, d.length);
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes an image whose layers are these tars (gzipped), with a config whose diff IDs match (or
   * {@code diffIds} if given), and tags it.
   */
  static StoredManifest image(
      OciStore store, String tag, List<byte[]> tars, @Nullable List<String> diffIds) {
    List<Descriptor> layers = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (byte[] t : tars) {
      byte[] gz = gzip(t);
      store.putBlob(gz);
      layers.add(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, gz));
      ids.add(Digest.of(t).toString());
    }
    List<String> named = diffIds == null ? ids : diffIds;
    byte[] config =
        OciJson.generate(
            g -> {
              g.writeStartObject();
              g.writeStringField("created", "2025-05-05T05:05:05Z");
              g.writeStringField("architecture", "amd64");
              g.writeStringField("os", "linux");
              g.writeObjectFieldStart("config");
              g.writeArrayFieldStart("Entrypoint");
              g.writeString("/app");
              g.writeEndArray();
              g.writeEndObject();
              g.writeObjectFieldStart("rootfs");
              g.writeStringField("type", "layers");
              g.writeArrayFieldStart("diff_ids");
              for (String d : named) {
                g.writeString(d);
              }
              g.writeEndArray();
              g.writeEndObject();
              g.writeArrayFieldStart("history");
              for (int i = 0; i < tars.size(); i++) {
                g.writeStartObject();
                g.writeStringField("created_by", "layer " + i);
                g.writeEndObject();
              }
              g.writeEndArray();
              g.writeEndObject();
            });
    store.putBlob(config);
    byte[] manifest =
        OciJson.write(
            ImageManifest.oci(
                null, Descriptor.of(MediaTypes.OCI_CONFIG, config), layers, null, Map.of()));
    return store.putManifest(manifest, MediaTypes.OCI_MANIFEST, tag);
  }
}
