package dev.waterline.vex.formats.internal;

/**
 * The little purl surgery the dialects need: reading and replacing the version, and spelling a purl
 * as a URI.
 */
final class Purls {
  private Purls() {}

  /** Where the name part ends: at the first {@code ?} or {@code #}. */
  private static int end(String purl) {
    int q = purl.indexOf('?');
    int h = purl.indexOf('#');
    int end = purl.length();
    if (q >= 0) {
      end = q;
    }
    if (h >= 0 && h < end) {
      end = h;
    }
    return end;
  }

  /** The purl with its version replaced (or added), the version percent-encoded where needed. */
  static String withVersion(String purl, String version) {
    int end = end(purl);
    String head = purl.substring(0, end);
    int slash = head.lastIndexOf('/');
    int at = head.indexOf('@', Math.max(slash, 0));
    if (at >= 0) {
      head = head.substring(0, at);
    }
    return head + "@" + encode(version) + purl.substring(end);
  }

  /** The version of a purl as written (still encoded), or null. */
  static String version(String purl) {
    String head = purl.substring(0, end(purl));
    int slash = head.lastIndexOf('/');
    int at = head.indexOf('@', Math.max(slash, 0));
    return at < 0 ? "" : head.substring(at + 1);
  }

  /** The name of a purl (the last path segment before the version), as written. */
  static String name(String purl) {
    String head = purl.substring(0, end(purl));
    int slash = head.lastIndexOf('/');
    int at = head.indexOf('@', Math.max(slash, 0));
    return head.substring(slash + 1, at < 0 ? head.length() : at);
  }

  /** The purl type ({@code oci}, {@code npm}, …). */
  static String type(String purl) {
    int colon = purl.indexOf(':');
    int slash = purl.indexOf('/', colon + 1);
    return slash < 0 ? "" : purl.substring(colon + 1, slash);
  }

  private static String encode(String version) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      if (c == '@' || c == '?' || c == '#' || c == '%' || c == '/' || c == ' ') {
        b.append('%').append(String.format("%02X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * The purl as a URI (RFC 3986), as CSAF's schema needs it: each character a URI does not allow
   * where it stands (a space, {@code "}, {@code |}, {@code ^}, any {@code #} after the first, a
   * {@code %} not followed by two hexadecimal digits, anything not ASCII, …) percent-encoded as its
   * UTF-8 bytes. A purl's parts are percent-decoded when read, so this is the same purl; the purl
   * itself is returned when it is a URI already.
   */
  static String asUri(String purl) {
    int i = 0;
    boolean fragment = false;
    for (; i < purl.length(); i++) {
      char c = purl.charAt(i);
      if (c == '#' && !fragment) {
        fragment = true;
      } else if (!uriChar(purl, i)) {
        break;
      }
    }
    if (i == purl.length()) {
      return purl;
    }
    StringBuilder b = new StringBuilder(purl.length() + 16).append(purl, 0, i);
    for (; i < purl.length(); i++) {
      char c = purl.charAt(i);
      if (c == '#' && !fragment) {
        fragment = true;
        b.append(c);
      } else if (uriChar(purl, i)) {
        b.append(c);
      } else {
        int cp = purl.codePointAt(i);
        if (Character.charCount(cp) == 2) {
          i++;
        }
        String one =
            Character.isValidCodePoint(cp) && !Character.isSurrogate((char) cp)
                ? new String(Character.toChars(cp))
                : "\uFFFD";
        for (byte x : one.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
          b.append('%').append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
        }
      }
    }
    return b.toString();
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /**
   * Whether the character at {@code i} may stand in a URI's path, query or fragment as it is:
   * unreserved, a sub-delimiter, {@code : @ / ?}, or a {@code %} that begins a percent-encoding.
   */
  private static boolean uriChar(String s, int i) {
    char c = s.charAt(i);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    switch (c) {
      case '-':
      case '.':
      case '_':
      case '~':
      case '!':
      case '$':
      case '&':
      case '\'':
      case '(':
      case ')':
      case '*':
      case '+':
      case ',':
      case ';':
      case '=':
      case ':':
      case '@':
      case '/':
      case '?':
        return true;
      case '%':
        return i + 2 < s.length() && hex(s.charAt(i + 1)) && hex(s.charAt(i + 2));
      default:
        return false;
    }
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
