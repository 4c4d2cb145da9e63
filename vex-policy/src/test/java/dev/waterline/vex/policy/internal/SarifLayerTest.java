package dev.waterline.vex.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code SarifParser.layerAt} agrees with the regular expression it replaced. */
class SarifLayerTest {
  private static final Pattern REGEX = Pattern.compile("@(sha256:[0-9a-f]{64}):([^@]*)$");
  private static final String HEX = "0123456789abcdef";

  static int byRegex(String fqn) {
    Matcher m = REGEX.matcher(fqn);
    return m.find() ? m.start() : -1;
  }

  @Test
  void findsTheLayerOfGrypesFullyQualifiedNames() {
    String d = "sha256:" + "5".repeat(64);
    String l = "sha256:" + "b".repeat(64);
    String fqn = "app@" + d + "@" + l + ":/usr/share/doc/x/copyright";
    int at = SarifParser.layerAt(fqn);
    assertThat(at).isEqualTo(fqn.lastIndexOf('@')).isEqualTo(byRegex(fqn));
    assertThat(fqn.substring(at + 1, at + 72)).isEqualTo(l);
    assertThat(SarifParser.layerAt("user-input@:/x")).isEqualTo(-1);
    assertThat(SarifParser.layerAt("app@" + l + ":/a@b"))
        .isEqualTo(-1)
        .isEqualTo(byRegex("app@" + l + ":/a@b"));
    assertThat(SarifParser.layerAt("app@" + l.toUpperCase(java.util.Locale.ROOT) + ":/x"))
        .isEqualTo(-1);
  }

  @Test
  void agreesWithTheRegexOnRandomInputs() {
    Random random = new Random(5);
    String[] parts = {"@", ":", "sha256:", "/", "a", "Z", "9", "app", "@sha256:"};
    for (int n = 0; n < 100_000; n++) {
      StringBuilder sb = new StringBuilder();
      int pieces = random.nextInt(6);
      for (int i = 0; i < pieces; i++) {
        if (random.nextInt(4) == 0) {
          sb.append("@sha256:");
          int len = 62 + random.nextInt(4);
          for (int j = 0; j < len; j++) {
            sb.append(HEX.charAt(random.nextInt(16)));
          }
          if (random.nextInt(8) == 0) {
            sb.setCharAt(sb.length() - 1 - random.nextInt(len), 'g');
          }
        } else {
          sb.append(parts[random.nextInt(parts.length)]);
        }
      }
      String s = sb.toString();
      assertThat(SarifParser.layerAt(s)).as(s).isEqualTo(byRegex(s));
    }
  }
}
