package dev.waterline.vex.policy.internal;

import java.util.Locale;

/**
 * YAML scalars for the files Waterline writes: always double-quoted, so nothing is reinterpreted.
 */
final class Yaml {
  private Yaml() {}

  /**
   * {@code s} as a YAML double-quoted scalar: backslash and quote escaped, control characters, DEL,
   * the byte order mark and the characters YAML treats as line breaks (U+0085, U+2028, U+2029)
   * written as escapes; everything else as it is (the file is UTF-8).
   */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20
              || c == 0x7f
              || c == 0x85
              || c == 0x2028
              || c == 0x2029
              || c == 0xfeff
              || loneSurrogate(s, i)) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** Whether the char at {@code i} is half of a surrogate pair without its other half. */
  private static boolean loneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
