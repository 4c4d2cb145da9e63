package dev.waterline.vex.oci.internal.embed;

import dev.waterline.vex.oci.internal.embed.TarScanner.LayerException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of the tar format both readers need — an image layer ({@link TarScanner}) and an OCI
 * archive ({@code OciArchive}): header blocks, their checksum, numbers (octal or GNU base-256), C
 * strings and PAX records. Failures are {@link LayerException}s; the caller says which input.
 */
public final class TarHeaders {
  /** The tar block size. */
  public static final int BLOCK = 512;

  private TarHeaders() {}

  public static List<String[]> pax(byte[] data) {
    List<String[]> out = new ArrayList<>();
    int i = 0;
    while (i < data.length) {
      int space = i;
      while (space < data.length && data[space] != ' ') {
        space++;
      }
      int len;
      try {
        len = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new LayerException("a PAX record has no length");
      }
      // "LEN KEY=VALUE\n": LEN counts the whole record, its own digits and the newline included
      int end = i + len;
      if (len < space - i + 2 || end > data.length || data[end - 1] != '\n') {
        throw new LayerException(
            "a PAX record's length "
                + len
                + " does not fit its header (a record is \"LENGTH KEY=VALUE\" and a newline,"
                + " LENGTH counting all of it)");
      }
      String record = new String(data, space + 1, end - space - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq < 0) {
        // GNU tar, Go's archive/tar and Python's tarfile all refuse it
        throw new LayerException("a PAX record has no '=' between its keyword and its value");
      }
      out.add(new String[] {record.substring(0, eq), record.substring(eq + 1)});
      i += len;
    }
    return out;
  }

  public static void checkChecksum(byte[] h) {
    long stored = number(h, 148, 8);
    long sum = 0;
    long signed = 0; // some old tars summed signed bytes; Go, GNU tar and Python accept either
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
      signed += (i >= 148 && i < 156) ? ' ' : h[i];
    }
    if (sum != stored && signed != stored) {
      throw new LayerException(
          "it is not a tar archive (a header checksum is " + stored + ", computed " + sum + ")");
    }
  }

  /** Octal (space/NUL padded) or GNU base-256. */
  public static long number(byte[] h, int off, int len) {
    if ((h[off] & 0x80) != 0) {
      long v = h[off] & 0x7f;
      for (int i = 1; i < len; i++) {
        if (v > (Long.MAX_VALUE >> 8)) {
          throw new LayerException("a numeric header field overflows");
        }
        v = (v << 8) | (h[off + i] & 0xff);
      }
      return v;
    }
    // Leading spaces, the digits, then only NULs and spaces: tar readers disagree about digits
    // after a NUL or a space (Go's archive/tar skips leading NULs, Python's tarfile stops at the
    // first), so a field with any is refused rather than read one way.
    long v = 0;
    boolean digits = false;
    boolean ended = false;
    for (int i = off; i < off + len; i++) {
      byte b = h[i];
      if (b == ' ' && !digits && !ended) {
        continue;
      }
      if (b == 0 || b == ' ') {
        ended = true;
        continue;
      }
      if (ended) {
        throw new LayerException(
            "it is not a tar archive (a numeric header field has digits after its end)");
      }
      if (b < '0' || b > '7') {
        throw new LayerException("it is not a tar archive (a numeric header field is not octal)");
      }
      if (v > (Long.MAX_VALUE >> 3)) {
        throw new LayerException("a numeric header field overflows");
      }
      v = v * 8 + (b - '0');
      digits = true;
    }
    return v;
  }

  public static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  public static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  public static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw new EOFException("short header");
    }
    return true;
  }

  public static void skipExactly(InputStream in, long n) throws IOException {
    byte[] buf = new byte[8192];
    long left = n;
    while (left > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        throw new EOFException("short content");
      }
      left -= r;
    }
  }
}
