package dev.waterline.vex.internal.json;

import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.io.Failures;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The encoding check that runs before Jackson sees the bytes. OpenVEX documents must be UTF-8
 * (spec: "File encoding MUST be UTF8"); Jackson would silently accept UTF-16 and UTF-32, so they
 * are recognised here and rejected. A UTF-8 byte order mark is accepted and skipped.
 *
 * <p>Detection follows RFC 4627 §3: a byte order mark ({@code FE FF}, {@code FF FE}, {@code FF FE
 * 00 00}, {@code 00 00 FE FF}), else the pattern of zero bytes among the first four (JSON text
 * starts with an ASCII character, so {@code 00 xx} is UTF-16BE, {@code xx 00} UTF-16LE, {@code 00
 * 00 00 xx} UTF-32BE, {@code xx 00 00 00} UTF-32LE).
 */
final class Utf8Check {
  private Utf8Check() {}

  /** A UTF-8 byte order mark and the four bytes after it, from which Jackson guesses encodings. */
  private static final int HEAD = 7;

  /**
   * Where the UTF-8 payload starts in {@code bytes[0..length)}: 3 after a UTF-8 byte order mark,
   * else 0.
   *
   * @throws VexParseException when the input is empty or not UTF-8
   */
  static int payloadOffset(byte[] bytes, int length) {
    if (length == 0) {
      throw empty();
    }
    int start = 0;
    if (length >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      if (length == 3) {
        throw empty();
      }
      start = 3;
    }
    String other = start == 0 ? otherEncoding(bytes, length) : null;
    if (other == null) {
      other = nulInHead(bytes, start, length);
    }
    if (other != null) {
      throw new VexParseException(
          VexParseException.Kind.SYNTAX,
          "",
          1,
          1,
          "JSON must be UTF-8 (RFC 8259); this input is " + other);
    }
    return start;
  }

  /**
   * {@code in} after the same checks as {@link #payloadOffset}, positioned after any UTF-8 byte
   * order mark.
   *
   * @throws dev.waterline.vex.UnreadableInputException when reading the first bytes fails
   */
  static InputStream checked(InputStream in) {
    PushbackInputStream pushback = new PushbackInputStream(in, HEAD);
    byte[] head = new byte[HEAD];
    int n = 0;
    try {
      while (n < head.length) {
        int r = pushback.read(head, n, head.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
      int offset = payloadOffset(head, n);
      pushback.unread(head, offset, n - offset);
    } catch (IOException e) {
      throw Failures.reading(Failures.JSON_INPUT, e);
    }
    return pushback;
  }

  /**
   * A NUL byte among the first four bytes of the payload: never JSON text in any encoding, and the
   * patterns that {@link #otherEncoding} does not name ({@code 00 00 xx 00}, or {@code 01 00 00 00}
   * after a UTF-8 byte order mark) would make Jackson guess UCS-4 and fail with an I/O error
   * instead of a parse error.
   */
  private static @Nullable String nulInHead(byte[] b, int start, int n) {
    for (int i = start; i < Math.min(n, start + 4); i++) {
      if (b[i] == 0) {
        return "not text (it has a NUL byte among its first four bytes)";
      }
    }
    return null;
  }

  private static @Nullable String otherEncoding(byte[] b, int n) {
    int b0 = b[0] & 0xFF;
    int b1 = n > 1 ? b[1] & 0xFF : -1;
    int b2 = n > 2 ? b[2] & 0xFF : -1;
    int b3 = n > 3 ? b[3] & 0xFF : -1;
    if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) {
      return "UTF-32BE (it starts with a byte order mark)";
    }
    if (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0) {
      return "UTF-32LE (it starts with a byte order mark)";
    }
    if (b0 == 0xFE && b1 == 0xFF) {
      return "UTF-16BE (it starts with a byte order mark)";
    }
    if (b0 == 0xFF && b1 == 0xFE) {
      return "UTF-16LE (it starts with a byte order mark)";
    }
    if (n >= 4 && b0 == 0 && b1 == 0 && b2 == 0 && b3 != 0) {
      return "UTF-32BE";
    }
    if (n >= 4 && b0 != 0 && b1 == 0 && b2 == 0 && b3 == 0) {
      return "UTF-32LE";
    }
    if (n >= 2 && b0 == 0 && b1 != 0) {
      return "UTF-16BE";
    }
    if (n >= 2 && b0 != 0 && b1 == 0) {
      return "UTF-16LE";
    }
    return null;
  }

  private static VexParseException empty() {
    return new VexParseException(
        VexParseException.Kind.SYNTAX, "", 0, 0, "the input is empty: expected a JSON document");
  }
}
