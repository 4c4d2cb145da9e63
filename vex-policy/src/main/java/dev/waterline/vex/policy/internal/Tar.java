package dev.waterline.vex.policy.internal;

import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.Failures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip-compressed POSIX ustar archive of regular files, written byte for byte the same for the
 * same input: entries in the map's order, mode 0644, owner 0:0 without names, the given time as
 * every file's modification time, and no time in the gzip header.
 */
final class Tar {
  private static final int BLOCK = 512;

  private Tar() {}

  /**
   * The archive.
   *
   * @throws VexException when a path does not fit a ustar header (100 bytes of name, 155 of prefix)
   */
  static byte[] gzip(Map<String, byte[]> files, Instant time) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        gz.write(header(f.getKey(), f.getValue().length, time.getEpochSecond()));
        gz.write(f.getValue());
        int pad = (BLOCK - f.getValue().length % BLOCK) % BLOCK;
        gz.write(new byte[pad]);
      }
      gz.write(new byte[2 * BLOCK]);
    } catch (IOException e) {
      throw Failures.writing("the tar archive", e);
    }
    return bytes.toByteArray();
  }

  private static byte[] header(String path, long size, long mtime) {
    byte[] h = new byte[BLOCK];
    byte[] name = path.getBytes(StandardCharsets.UTF_8);
    byte[] prefix = new byte[0];
    if (name.length > 100) {
      int split = path.lastIndexOf('/', Math.min(path.length() - 1, 155));
      while (split > 0
          && (path.substring(0, split).getBytes(StandardCharsets.UTF_8).length > 155
              || path.substring(split + 1).getBytes(StandardCharsets.UTF_8).length > 100)) {
        split = path.lastIndexOf('/', split - 1);
      }
      if (split <= 0) {
        throw new VexException("the path " + path + " is too long for a tar header");
      }
      prefix = path.substring(0, split).getBytes(StandardCharsets.UTF_8);
      name = path.substring(split + 1).getBytes(StandardCharsets.UTF_8);
    }
    System.arraycopy(name, 0, h, 0, name.length);
    octal(h, 100, 8, 0644);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, mtime);
    Arrays.fill(h, 148, 156, (byte) ' ');
    h[156] = '0';
    put(h, 257, "ustar\0");
    put(h, 263, "00");
    System.arraycopy(prefix, 0, h, 345, prefix.length);
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    String chk = String.format(Locale.ROOT, "%06o", sum);
    put(h, 148, chk);
    h[154] = 0;
    h[155] = ' ';
    return h;
  }

  private static void octal(byte[] h, int at, int width, long value) {
    String s = String.format(Locale.ROOT, "%0" + (width - 1) + "o", value);
    put(h, at, s);
    h[at + width - 1] = 0;
  }

  private static void put(byte[] h, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, at, b.length);
  }
}
