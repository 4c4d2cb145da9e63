package dev.waterline.vex.internal.match;

import dev.waterline.vex.internal.image.ImageText;
import org.jspecify.annotations.Nullable;

/**
 * A query purl read in place: offsets into the text instead of decoded parts, for the index's query
 * path. {@link #scan} accepts a text only when {@link Purl#parseFast} accepts it too (same checks)
 * and when normalisation would change nothing in its type, namespace, name and qualifier keys (no
 * upper case, no {@code _} in a pypi name, no empty qualifier value), so that {@link #baseKey} is
 * exactly the parsed purl's base key and the version and qualifier values can be compared, decoded
 * on the fly, with a parsed purl's. Anything else is left to the full parse.
 */
final class PlainPurl {
  private final String text;
  // The base key is text[4, keyEnd) with, when there is no namespace, text[keyGap, nameEnd)
  // appended (type "/" then "/" name: the slash after the type is read twice).
  private final int keyEnd;
  private final int keyGap;
  private final int nameEnd;
  private final int baseKeyHash;
  private @Nullable String baseKey;
  private final boolean oci;
  private final int versionFrom; // -1: no version
  private final int versionTo;
  private final int query; // index of '?', or -1

  private PlainPurl(
      String text,
      int keyEnd,
      int keyGap,
      int nameEnd,
      boolean oci,
      int versionFrom,
      int versionTo,
      int query) {
    this.text = text;
    this.keyEnd = keyEnd;
    this.keyGap = keyGap;
    this.nameEnd = nameEnd;
    int h = 0;
    for (int i = 4; i < keyEnd; i++) {
      h = 31 * h + text.charAt(i);
    }
    for (int i = keyGap; i < nameEnd; i++) {
      h = 31 * h + text.charAt(i);
    }
    this.baseKeyHash = h;
    this.oci = oci;
    this.versionFrom = versionFrom;
    this.versionTo = versionTo;
    this.query = query;
  }

  /** The text read in place, or null when it needs the full parse (or is not a purl). */
  static @Nullable PlainPurl scan(String s) {
    int len = s.length();
    if (len < 7 || !s.startsWith("pkg:") || s.indexOf('#') >= 0) {
      return null;
    }
    int query = s.indexOf('?');
    if (query >= 0 && s.indexOf('?', query + 1) >= 0) {
      return null;
    }
    int pathEnd = query >= 0 ? query : len;
    int slash = s.indexOf('/', 4);
    if (slash < 0 || slash >= pathEnd || slash == 4 || !isLower(s.charAt(4))) {
      return null;
    }
    for (int i = 5; i < slash; i++) {
      char c = s.charAt(i);
      if (!(isLower(c) || isDigit(c) || c == '.' || c == '+' || c == '-')) {
        return null;
      }
    }
    int restStart = slash + 1;
    int at = -1;
    int lastSlash = -1;
    for (int i = restStart; i < pathEnd; i++) {
      char c = s.charAt(i);
      if (c == '@') {
        if (at >= 0) {
          return null;
        }
        at = i;
      } else if (at < 0) {
        if (c == '/') {
          if (i == restStart || s.charAt(i - 1) == '/') {
            return null;
          }
          lastSlash = i;
        } else if (!isPathChar(c) || isUpper(c)) {
          return null;
        }
      }
    }
    int nameStart = lastSlash >= 0 ? lastSlash + 1 : restStart;
    int nameEnd = at >= 0 ? at : pathEnd;
    if (nameEnd <= nameStart) {
      return null;
    }
    int typeLength = slash - 4;
    if (lastSlash < 0 && s.startsWith("maven", 4) && typeLength == 5) {
      return null;
    }
    if (typeLength == 4 && s.startsWith("pypi", 4)) {
      int underscore = s.indexOf('_', nameStart);
      if (underscore >= 0 && underscore < nameEnd) {
        return null;
      }
    }
    int versionFrom = -1;
    if (at >= 0) {
      if (at + 1 == pathEnd || !valid(s, at + 1, pathEnd, false)) {
        return null;
      }
      versionFrom = at + 1;
    }
    if (query >= 0) {
      if (query + 1 == len) {
        return null;
      }
      int start = query + 1;
      while (start <= len) {
        int amp = s.indexOf('&', start);
        int end = amp < 0 ? len : amp;
        int eq = s.indexOf('=', start);
        // Empty values are dropped by the full parse: leave them to it.
        if (eq < 0 || eq >= end || eq == start || eq + 1 == end || !isLower(s.charAt(start))) {
          return null;
        }
        for (int i = start + 1; i < eq; i++) {
          char c = s.charAt(i);
          if (!(isLower(c) || isDigit(c) || c == '.' || c == '-' || c == '_')) {
            return null;
          }
        }
        if (!valid(s, eq + 1, end, true)) {
          return null;
        }
        // Repeated keys: rejected by the splitter.
        for (int k = query + 1; k < start; ) {
          int kEq = s.indexOf('=', k);
          if (kEq - k == eq - start && s.regionMatches(k, s, start, eq - start)) {
            return null;
          }
          int kAmp = s.indexOf('&', k);
          k = kAmp < 0 ? len : kAmp + 1;
        }
        start = end + 1;
      }
    }
    boolean oci = typeLength == 3 && s.startsWith("oci", 4);
    return lastSlash >= 0
        ? new PlainPurl(s, nameEnd, nameEnd, nameEnd, oci, versionFrom, pathEnd, query)
        : new PlainPurl(s, slash + 1, slash, nameEnd, oci, versionFrom, pathEnd, query);
  }

  /** The same text as given to {@link #scan}. */
  String text() {
    return text;
  }

  /** Equal to {@code Purl.parse(text()).baseKey()}; made on first use. */
  String baseKey() {
    String k = baseKey;
    if (k == null) {
      k = text.substring(4, keyEnd).concat(text.substring(keyGap, nameEnd));
      baseKey = k;
    }
    return k;
  }

  /** {@code baseKey().hashCode()}, without making the string. */
  int baseKeyHash() {
    return baseKeyHash;
  }

  /** {@code baseKey().equals(key)}, without making the string. */
  boolean baseKeyEquals(String key) {
    int first = keyEnd - 4;
    int second = nameEnd - keyGap;
    return key.length() == first + second
        && key.regionMatches(0, text, 4, first)
        && key.regionMatches(first, text, keyGap, second);
  }

  /**
   * Whether {@code general} (with this purl's base key) covers this purl: {@link
   * Purl#coversSameBase} without decoding this one.
   */
  boolean coveredBy(Purl general) {
    String v = general.version();
    if (v != null && (versionFrom < 0 || !decodedEquals(text, versionFrom, versionTo, v))) {
      return false;
    }
    int n = general.qualifierCount();
    for (int i = 0; i < n; i++) {
      if (!qualifierEquals(general.qualifierKey(i), general.qualifierValue(i))) {
        return false;
      }
    }
    return true;
  }

  private boolean qualifierEquals(String key, String value) {
    if (query < 0) {
      return false;
    }
    int len = text.length();
    int start = query + 1;
    while (start < len) {
      int amp = text.indexOf('&', start);
      int end = amp < 0 ? len : amp;
      int eq = text.indexOf('=', start);
      if (eq - start == key.length() && text.startsWith(key, start)) {
        return decodedEquals(text, eq + 1, end, value);
      }
      start = end + 1;
    }
    return false;
  }

  /**
   * The hex of the image digest the full parse would find ({@link ImageDigest#ofPurl}), or null
   * when there is none.
   */
  @Nullable String ociHex() {
    if (!oci || versionFrom < 0) {
      return null;
    }
    int hexFrom = ociHexFrom();
    if (hexFrom >= 0) {
      return text.substring(hexFrom, versionTo);
    }
    String v = Purl.decodeValid(text, versionFrom, versionTo);
    return ImageText.isSha256Digest(v) ? v.substring("sha256:".length()) : null;
  }

  /**
   * Where the digest's hex starts in the text, when the version is written {@code sha256:<hex>} or
   * {@code sha256%3A<hex>} with 64 lowercase hex digits unescaped; else -1 (no digest, or one
   * written otherwise: see {@link #ociHex}).
   */
  int ociHexFrom() {
    if (!oci || versionFrom < 0 || !text.startsWith("sha256", versionFrom)) {
      return -1;
    }
    int from = versionFrom + 6;
    if (from < versionTo && text.charAt(from) == ':') {
      from++;
    } else if (from + 2 < versionTo
        && text.charAt(from) == '%'
        && text.charAt(from + 1) == '3'
        && (text.charAt(from + 2) == 'A' || text.charAt(from + 2) == 'a')) {
      from += 3;
    } else {
      return -1;
    }
    return versionTo - from == ImageText.SHA256_HEX_LENGTH
            && ImageText.isLowerHex(text, from, ImageText.SHA256_HEX_LENGTH)
        ? from
        : -1;
  }

  /** The decoded version, as {@link Purl#version} gives it, or null when there is none. */
  @Nullable String version() {
    return versionFrom < 0 ? null : Purl.decodeValid(text, versionFrom, versionTo);
  }

  /** The text's end of the version (only when there is one). */
  int versionTo() {
    return versionTo;
  }

  /** Whether {@code s[from, to)} is valid escaped text as {@code Purl}'s decoder checks it. */
  private static boolean valid(String s, int from, int to, boolean qualifierValue) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= to) {
          return false;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        int b = hi << 4 | lo;
        if (hi < 0 || lo < 0 || b < 0x20 || b > 0x7e) {
          return false;
        }
        i += 2;
      } else if (!(isPathChar(c) || (qualifierValue && (c == '/' || c == '@' || c == '=')))) {
        return false;
      }
    }
    return true;
  }

  /** Whether valid escaped text {@code s[from, to)} decodes to {@code decoded}. */
  private static boolean decodedEquals(String s, int from, int to, String decoded) {
    int j = 0;
    int n = decoded.length();
    for (int i = from; i < to; i++, j++) {
      if (j >= n) {
        return false;
      }
      char c = s.charAt(i);
      if (c == '%') {
        c =
            (char)
                (Character.digit(s.charAt(i + 1), 16) << 4 | Character.digit(s.charAt(i + 2), 16));
        i += 2;
      }
      if (c != decoded.charAt(j)) {
        return false;
      }
    }
    return j == n;
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isPathChar(char c) {
    return (c >= 'a' && c <= 'z')
        || isUpper(c)
        || isDigit(c)
        || c == '.'
        || c == '-'
        || c == '_'
        || c == '~'
        || c == '+'
        || c == ':';
  }
}
