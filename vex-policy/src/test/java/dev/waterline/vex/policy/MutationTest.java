package dev.waterline.vex.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mutated reports (bytes flipped, cut, duplicated, values swapped for other JSON types) either read
 * or fail with {@link InputParseException}; nothing else escapes. Deterministic seeds, so a failure
 * reproduces.
 */
class MutationTest {
  private static final String[] VALUES = {
    "null",
    "7",
    "-1",
    "1e999",
    "99999999999999999999",
    "\"\"",
    "\"x\"",
    "[]",
    "{}",
    "true",
    "[[[]]]"
  };

  @ParameterizedTest
  @ValueSource(
      strings = {
        "grype-small.json",
        "trivy-small.json",
        "sarif-grype-small.json",
        "sarif-trivy-small.json",
        "sarif-snyk-small.json",
        "sarif-other-small.json"
      })
  void onlyTheDocumentedExceptionEscapes(String fixture) {
    byte[] original = Fixtures.resource(fixture);
    Random random = new Random(fixture.hashCode());
    int read = 0;
    int rejected = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] mutated = mutate(original, random);
      try {
        ScanReports.read(mutated);
        read++;
      } catch (InputParseException e) {
        assertThat(e.getMessage()).isNotBlank();
        rejected++;
      } catch (RuntimeException e) {
        throw new AssertionError(
            "iteration "
                + i
                + " of "
                + fixture
                + " threw "
                + e
                + " for:\n"
                + new String(mutated, StandardCharsets.UTF_8),
            e);
      }
    }
    // Both outcomes happen, so the mutations reach the parsers.
    assertThat(read).isPositive();
    assertThat(rejected).isPositive();
  }

  private static byte[] mutate(byte[] in, Random random) {
    String s = new String(in, StandardCharsets.UTF_8);
    switch (random.nextInt(4)) {
      case 0:
        {
          // Replace a JSON value after a colon with a value of another type.
          int colon = nthIndexOf(s, ':', random);
          if (colon < 0) {
            return in;
          }
          int end = valueEnd(s, colon + 1);
          return (s.substring(0, colon + 1)
                  + " "
                  + VALUES[random.nextInt(VALUES.length)]
                  + s.substring(end))
              .getBytes(StandardCharsets.UTF_8);
        }
      case 1:
        {
          byte[] out = in.clone();
          out[random.nextInt(out.length)] = (byte) random.nextInt(128);
          return out;
        }
      case 2:
        return s.substring(0, random.nextInt(s.length())).getBytes(StandardCharsets.UTF_8);
      default:
        {
          // Replace an element of an array with a value of another type.
          int bracket = nthIndexOf(s, '[', random);
          if (bracket < 0) {
            return in;
          }
          int end = valueEnd(s, bracket + 1);
          return (s.substring(0, bracket + 1)
                  + VALUES[random.nextInt(VALUES.length)]
                  + s.substring(end))
              .getBytes(StandardCharsets.UTF_8);
        }
    }
  }

  private static int nthIndexOf(String s, char c, Random random) {
    int count = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        count++;
      }
    }
    if (count == 0) {
      return -1;
    }
    int n = random.nextInt(count);
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c && n-- == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The end of the JSON value starting at {@code from} (after whitespace), roughly. */
  private static int valueEnd(String s, int from) {
    int i = from;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    if (i >= s.length()) {
      return s.length();
    }
    char c = s.charAt(i);
    if (c == '"') {
      int j = i + 1;
      while (j < s.length() && s.charAt(j) != '"') {
        j += s.charAt(j) == '\\' ? 2 : 1;
      }
      return Math.min(s.length(), j + 1);
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      boolean inString = false;
      for (int j = i; j < s.length(); j++) {
        char d = s.charAt(j);
        if (inString) {
          if (d == '\\') {
            j++;
          } else if (d == '"') {
            inString = false;
          }
        } else if (d == '"') {
          inString = true;
        } else if (d == '{' || d == '[') {
          depth++;
        } else if (d == '}' || d == ']') {
          depth--;
          if (depth == 0) {
            return j + 1;
          }
        }
      }
      return s.length();
    }
    int j = i;
    while (j < s.length() && ",}]".indexOf(s.charAt(j)) < 0) {
      j++;
    }
    return j;
  }
}
