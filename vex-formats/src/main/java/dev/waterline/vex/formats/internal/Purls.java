package dev.waterline.vex.formats.internal;

/** The little purl surgery the dialects need: reading and replacing the version. */
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
}
