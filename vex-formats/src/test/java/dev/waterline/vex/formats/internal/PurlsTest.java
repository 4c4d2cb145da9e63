package dev.waterline.vex.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PurlsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = ' ',
      value = {
        "pkg:npm/%40scope/name@1.0.0?arch=x86_64#sub/path pkg:npm/%40scope/name@1.0.0?arch=x86_64#sub/path",
        "pkg:generic/a|b pkg:generic/a%7Cb",
        "pkg:npm/café@1 pkg:npm/caf%C3%A9@1",
        "pkg:npm/q\"uote@1 pkg:npm/q%22uote@1",
        "pkg:npm/x@1#a#b pkg:npm/x@1#a%23b",
        "pkg:npm/x@1?q=50% pkg:npm/x@1?q=50%25",
        "pkg:npm/x@1?q=%4 pkg:npm/x@1?q=%254",
        "pkg:npm/x@1?q=%41 pkg:npm/x@1?q=%41",
        "pkg:npm/{x}^[y]`<z>\\ pkg:npm/%7Bx%7D%5E%5By%5D%60%3Cz%3E%5C",
        "pkg:npm/emoji-\uD83D\uDE00@1 pkg:npm/emoji-%F0%9F%98%80@1"
      })
  void asUriPercentEncodesWhatAUriDoesNotAllowAndNothingElse(String purl, String uri) {
    assertThat(Purls.asUri(purl)).isEqualTo(uri);
  }

  @Test
  void asUriReturnsAPurlThatIsAUriAlreadyAsItIs() {
    String purl = "pkg:oci/app@sha256%3Aabc?repository_url=ghcr.io/x/y&tag=v1";
    assertThat(Purls.asUri(purl)).isSameAs(purl);
  }

  /**
   * For any text without a {@code %}: what asUri gives has only characters a URI's path, query and
   * fragment allow, one {@code #} at most, and decodes back to the text.
   */
  @Test
  void asUriOfAnyTextIsAUriThatDecodesToTheText() {
    Random r = new Random(20261207);
    String alphabet = "az09-._~!$&'()*+,;=:@/?# \"<>\\^`{|}[]\t\u00e9\u4e2d\uD83D\uDE00";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder("pkg:x/");
      int len = r.nextInt(24);
      for (int i = 0; i < len; i++) {
        int at = r.nextInt(alphabet.length());
        char c = alphabet.charAt(at);
        if (Character.isHighSurrogate(c)) {
          b.append(c).append(alphabet.charAt(at + 1));
        } else if (!Character.isLowSurrogate(c)) {
          b.append(c);
        }
      }
      String text = b.toString();
      String uri = Purls.asUri(text);
      assertThat(uri).as(text).matches("[A-Za-z0-9\\-._~!$&'()*+,;=:@/?#%]*");
      assertThat(uri.chars().filter(c -> c == '#').count()).as(text).isLessThanOrEqualTo(1);
      assertThat(uri).as(text).doesNotContainPattern("%(?![0-9A-F]{2})");
      assertThat(decode(uri.replace("#", "%23"))).as(text).isEqualTo(text);
    }
  }

  private static String decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
