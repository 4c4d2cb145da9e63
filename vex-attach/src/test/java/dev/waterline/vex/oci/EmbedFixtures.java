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
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
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

    /** A PAX header ('x' or 'g') of {@code key=value} records, each with its right length. */
    static Entry pax(char type, String... keyValues) {
      StringBuilder body = new StringBuilder();
      for (String kv : keyValues) {
        String rest = " " + kv + "\n";
        int len = rest.length() + 1;
        while (String.valueOf(len).length() + rest.length() != len) {
          len++;
        }
        body.append(len).append(rest);
      }
      return new Entry("PaxHeader", type, body.toString().getBytes(StandardCharsets.UTF_8), "");
    }

    /** A GNU long-name header ('L') naming the entry after it. */
    static Entry gnuLongName(String name) {
      return new Entry("././@LongLink", 'L', (name + "\0").getBytes(StandardCharsets.UTF_8), "");
    }
  }

  static byte[] tar(Entry... entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Entry e : entries) {
      write(out, e);
    }
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  /** One entry: its ustar header, its content, the padding. */
  static void write(OutputStream out, Entry e) {
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
    try {
      out.write(h);
      out.write(e.content());
      out.write(new byte[(512 - e.content().length % 512) % 512]);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  /** The parts one after another: one layer written by hand. */
  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** The 512-byte header {@link #write} writes for {@code e}. */
  static byte[] header(Entry e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, e);
    return java.util.Arrays.copyOf(out.toByteArray(), 512);
  }

  /**
   * {@code header} with its checksum computed again (after a test changed a byte of it), summing
   * the bytes as unsigned, or as signed as some old tars did.
   */
  static byte[] withChecksum(byte[] header, boolean signedBytes) {
    byte[] h = header.clone();
    java.util.Arrays.fill(h, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : h) {
      sum += signedBytes ? b : b & 0xff;
    }
    byte[] digits =
        String.format(java.util.Locale.ROOT, "%06o\0", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, h, 148, digits.length);
    return h;
  }

  /** A gzipped layer and the digest of its tar (its diff ID). */
  record Layer(byte[] gzip, Digest diffId) {}

  /**
   * A gzipped layer of {@code emptyFiles} empty files ({@code many/0000000}…) followed by {@code
   * extra}, written straight into the gzip stream: the tar itself (512 bytes per entry) is never
   * held in memory.
   */
  static Layer manyEmptyFiles(int emptyFiles, Entry... extra) {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (GZIPOutputStream zip = new GZIPOutputStream(gz, 1 << 16);
        DigestOutputStream out = new DigestOutputStream(zip, sha)) {
      for (int i = 0; i < emptyFiles; i++) {
        write(out, Entry.file(String.format(java.util.Locale.ROOT, "many/%07d", i), new byte[0]));
      }
      for (Entry e : extra) {
        write(out, e);
      }
      out.write(new byte[1024]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Layer(
        gz.toByteArray(),
        Digest.parse("sha256:" + java.util.HexFormat.of().formatHex(sha.digest())));
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
    List<Layer> layers = new ArrayList<>();
    for (byte[] t : tars) {
      layers.add(new Layer(gzip(t), Digest.of(t)));
    }
    return imageOf(store, tag, layers, diffIds);
  }

  /** An image of layers already gzipped (see {@link #image}). */
  static StoredManifest imageOf(
      OciStore store, String tag, List<Layer> gzipped, @Nullable List<String> diffIds) {
    List<Descriptor> layers = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Layer l : gzipped) {
      store.putBlob(l.gzip());
      layers.add(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, l.gzip()));
      ids.add(l.diffId().toString());
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
              for (int i = 0; i < gzipped.size(); i++) {
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
