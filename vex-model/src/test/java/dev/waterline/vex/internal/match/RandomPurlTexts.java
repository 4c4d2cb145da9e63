package dev.waterline.vex.internal.match;

import java.util.Random;

/** Random purl-like texts for the parser agreement properties: valid, invalid and odd shapes. */
final class RandomPurlTexts {
  private static final String[] PIECES = {
    "a", "B", "c_d", "x.y", "-", "@", "1.0", "?", "&", "=", "k", "K", "%3A", "%41", "%2F", "%zz",
    "%", "#", "sha256:", "+", "~", ":", " ", "é", "%C3%A9", "1", ".", "/", "", "%20",
  };
  private static final String[] TYPES = {
    "npm", "deb", "maven", "PyPI", "oci", "golang", "Apk", "1x", "a_b", ""
  };

  private RandomPurlTexts() {}

  /**
   * One text: {@code pkg:} (or, one time in {@code 1/wrongScheme}, {@code pk:}; never when 0), a
   * type, maybe a namespace, a name, maybe a version, qualifiers and a subpath.
   */
  static String next(Random random, int wrongScheme) {
    StringBuilder sb =
        new StringBuilder(wrongScheme > 0 && random.nextInt(wrongScheme) == 0 ? "pk:" : "pkg:");
    sb.append(TYPES[random.nextInt(TYPES.length)]).append('/');
    if (random.nextBoolean()) {
      append(sb, random).append('/');
    }
    append(sb, random);
    if (random.nextBoolean()) {
      append(sb.append('@'), random);
    }
    if (random.nextBoolean()) {
      sb.append('?');
      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        append(sb.append(i == 0 ? "" : "&"), random).append('=');
        append(sb, random);
      }
    }
    if (random.nextInt(10) == 0) {
      append(sb.append('#'), random);
    }
    return sb.toString();
  }

  private static StringBuilder append(StringBuilder sb, Random random) {
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      sb.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return sb;
  }
}
