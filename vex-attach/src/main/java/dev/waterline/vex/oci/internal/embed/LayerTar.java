package dev.waterline.vex.oci.internal.embed;

import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.Failures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the VEX layer: a POSIX ustar archive, byte for byte the same for the same input. Entries
 * are the parent directories of the files (mode 0755) and the files (mode 0644), sorted by name,
 * owner and group 0 with empty names, mtime 0 (1970-01-01T00:00:00Z), no device numbers. The gzip
 * stream has no name, mtime 0 and the JDK's fixed header.
 */
public final class LayerTar {
  private static final int BLOCK = 512;

  private LayerTar() {}

  /**
   * The uncompressed layer.
   *
   * @param files relative paths without a leading {@code /} (e.g. {@code
   *     usr/share/vex/a.openvex.json}) to content
   */
  public static byte[] tar(SortedMap<String, byte[]> files) {
    TreeSet<String> dirs = new TreeSet<>();
    for (String path : files.keySet()) {
      int i = path.indexOf('/');
      while (i > 0) {
        dirs.add(path.substring(0, i + 1));
        i = path.indexOf('/', i + 1);
      }
    }
    // Directories and files in one sorted order (a directory "a/" sorts before "a/x").
    TreeSet<String> all = new TreeSet<>(dirs);
    all.addAll(files.keySet());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String name : all) {
      byte[] content = files.get(name);
      if (content == null) {
        out.writeBytes(header(name, 0755, 0, '5'));
      } else {
        out.writeBytes(header(name, 0644, content.length, '0'));
        out.writeBytes(content);
        int pad = (BLOCK - content.length % BLOCK) % BLOCK;
        out.writeBytes(new byte[pad]);
      }
    }
    out.writeBytes(new byte[2 * BLOCK]);
    return out.toByteArray();
  }

  /** Gzip with no file name and mtime 0 (the JDK writes a fixed header). */
  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw Failures.writing("gzip data", e);
    }
    return out.toByteArray();
  }

  private static byte[] header(String name, int mode, long size, char type) {
    byte[] header = new byte[BLOCK];
    List<byte[]> split = split(name);
    byte[] n = split.get(1);
    byte[] prefix = split.get(0);
    System.arraycopy(n, 0, header, 0, n.length);
    octal(header, 100, 8, mode);
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, size);
    octal(header, 136, 12, 0);
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    header[156] = (byte) type;
    byte[] magic = "ustar\0".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, header, 257, magic.length);
    header[263] = '0';
    header[264] = '0';
    octal(header, 329, 8, 0);
    octal(header, 337, 8, 0);
    System.arraycopy(prefix, 0, header, 345, prefix.length);
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    octal(header, 148, 7, sum);
    return header;
  }

  /** [prefix, name] for ustar: name at most 100 bytes, prefix at most 155, split at a '/'. */
  private static List<byte[]> split(String path) {
    byte[] all = path.getBytes(StandardCharsets.UTF_8);
    if (all.length <= 100) {
      return List.of(new byte[0], all);
    }
    List<Integer> slashes = new ArrayList<>();
    for (int i = 0; i < all.length - 1; i++) {
      if (all[i] == '/') {
        slashes.add(i);
      }
    }
    for (int s : slashes) {
      if (s <= 155 && all.length - s - 1 <= 100) {
        byte[] prefix = java.util.Arrays.copyOfRange(all, 0, s);
        byte[] name = java.util.Arrays.copyOfRange(all, s + 1, all.length);
        return List.of(prefix, name);
      }
    }
    throw new VexException(
        "the path " + path + " is too long for a ustar header (100 + 155 bytes)");
  }

  private static void octal(byte[] b, int offset, int width, long value) {
    String s = Long.toOctalString(value);
    if (s.length() > width - 1) {
      throw new VexException("value " + value + " does not fit " + width + " bytes");
    }
    String padded = "0".repeat(width - 1 - s.length()) + s;
    byte[] digits = padded.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, b, offset, digits.length);
    b[offset + width - 1] = 0;
  }
}
