package dev.waterline.vex.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The in-place reading of query purls must agree with the full parse wherever it accepts. */
class PlainPurlTest {
  private static final String[] PIECES = {
    "a", "B", "c_d", "x.y", "-", "@", "1.0", "?", "&", "=", "k", "K", "%3A", "%3a", "%41", "%2F",
    "%zz", "%", "#", "sha256:", "+", "~", ":", " ", "é", "%C3%A9", "1", ".", "/", "",
  };

  @Nested
  class ReadsInPlace {
    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "pkg:oci/app@sha256%3A0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
              + "?repository_url=ghcr.io/acme/app&tag=v1",
          "pkg:oci/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
          "pkg:deb/debian/curl@8.1.2?arch=amd64&distro=bookworm",
          "pkg:golang/github.com/foo/bar@v1.0.0",
          "pkg:pypi/django-foo@1.0",
          "pkg:cargo/serde"
        })
    void plainPurls(String input) {
      PlainPurl plain = PlainPurl.scan(input);
      assertThat(plain).isNotNull();
      assertAgrees(input, plain);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "pkg:Npm/a",
          "pkg:golang/github.com/Foo/Bar@v1.0.0",
          "pkg:pypi/Django_Foo@1.0",
          "pkg:pypi/django_foo@1.0",
          "pkg:npm/a@1?K=v",
          "pkg:npm/a@1?k=&j=v",
          "pkg:npm/%40scope/a@1",
          "pkg:npm/a@1#sub",
          "pkg:maven/bar@1",
          "npm/a"
        })
    void leavesTheRestToTheFullParse(String input) {
      assertThat(PlainPurl.scan(input)).isNull();
    }
  }

  @Nested
  class OnRandomInputs {
    @Test
    void partsAgreeWithTheFullParse() {
      String[] types = {"npm", "deb", "maven", "PyPI", "pypi", "oci", "golang", "Apk", "1x", ""};
      Random random = new Random(20261127L);
      int accepted = 0;
      for (int n = 0; n < 100_000; n++) {
        StringBuilder sb = new StringBuilder("pkg:");
        sb.append(types[random.nextInt(types.length)]).append('/');
        if (random.nextBoolean()) {
          append(sb, random).append('/');
        }
        append(sb, random);
        tail(sb, random);
        String input = sb.toString();
        PlainPurl plain = PlainPurl.scan(input);
        if (plain != null) {
          accepted++;
          assertAgrees(input, plain);
        }
      }
      assertThat(accepted).as("inputs read in place").isGreaterThan(2_000);
    }

    @Test
    void coverageAgreesWithTheFullParse() {
      Random random = new Random(7L);
      List<Purl> generals = new ArrayList<>();
      List<String> specifics = new ArrayList<>();
      for (int n = 0; n < 4_000; n++) {
        String text = tail(new StringBuilder("pkg:oci/app"), random).toString();
        Purl parsed = Purl.parse(text);
        if (parsed != null) {
          generals.add(parsed);
        }
        if (PlainPurl.scan(text) != null) {
          specifics.add(text);
        }
      }
      int covered = 0;
      for (String specific : specifics) {
        PlainPurl plain = PlainPurl.scan(specific);
        Purl full = Purl.parse(specific);
        assertThat(plain).isNotNull();
        assertThat(full).isNotNull();
        for (Purl general : generals) {
          if (!general.baseKey().equals(full.baseKey())) {
            continue; // coveredBy is only asked of a statement's purl under the same key
          }
          boolean expected = general.covers(full);
          assertThat(plain.coveredBy(general))
              .as(general + " covers " + specific)
              .isEqualTo(expected);
          covered += expected ? 1 : 0;
        }
      }
      assertThat(specifics).hasSizeGreaterThan(500);
      assertThat(covered).as("pairs that match").isGreaterThan(1_000);
    }
  }

  private static void assertAgrees(String input, PlainPurl plain) {
    Purl full = Purl.parse(input);
    assertThat(Purl.parseFast(input)).as(input).isNotNull();
    assertThat(full).as(input).isNotNull();
    assertThat(plain.baseKey()).as(input).isEqualTo(full.baseKey());
    assertThat(plain.baseKeyHash()).as(input).isEqualTo(full.baseKey().hashCode());
    assertThat(plain.baseKeyEquals(full.baseKey())).as(input).isTrue();
    assertThat(plain.baseKeyEquals(full.baseKey() + "x")).as(input).isFalse();
    ImageDigest image = ImageDigest.ofPurl(full);
    assertThat(plain.ociHex()).as(input).isEqualTo(image == null ? null : image.hex());
    int from = plain.ociHexFrom();
    if (from >= 0) {
      assertThat(input.substring(from, plain.versionTo())).as(input).isEqualTo(image.hex());
    }
    assertThat(plain.coveredBy(full)).as(input + " covers itself").isTrue();
  }

  private static StringBuilder tail(StringBuilder sb, Random random) {
    if (random.nextBoolean()) {
      sb.append('@');
      if (random.nextInt(3) == 0) {
        sb.append(random.nextBoolean() ? "sha256:" : "sha256%3A");
        for (int i = 0; i < 64; i++) {
          sb.append("0123456789abcdef".charAt(random.nextInt(random.nextInt(20) == 0 ? 10 : 16)));
        }
      } else {
        append(sb, random);
      }
    }
    if (random.nextBoolean()) {
      sb.append('?');
      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        sb.append(i == 0 ? "" : "&").append(random.nextBoolean() ? "tag" : "arch").append('=');
        sb.append(PIECES[random.nextInt(6)]);
      }
    }
    return sb;
  }

  private static StringBuilder append(StringBuilder sb, Random random) {
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      sb.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return sb;
  }
}
