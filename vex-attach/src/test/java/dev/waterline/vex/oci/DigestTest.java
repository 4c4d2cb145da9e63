package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.ContentDigest;
import dev.waterline.vex.ImageParseException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DigestTest {
  static final String EMPTY_JSON =
      "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

  @Nested
  class Of {
    @Test
    void computesTheSha256OfTheEmptyJsonObjectAsTheImageSpecGivesIt() {
      assertThat(Digest.of("{}".getBytes(StandardCharsets.US_ASCII))).hasToString(EMPTY_JSON);
    }

    @Test
    void computesSha512WhenAsked() {
      Digest d = Digest.sha512Of("abc".getBytes(StandardCharsets.US_ASCII));
      assertThat(d.algorithm()).isEqualTo("sha512");
      assertThat(d.hex())
          .isEqualTo(
              "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                  + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
      assertThat(d.matches("abc".getBytes(StandardCharsets.US_ASCII))).isTrue();
      assertThat(d.matches("abd".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }
  }

  @Nested
  class Parse {
    @Test
    void roundTripsSha256AndSha512() {
      assertThat(Digest.parse(EMPTY_JSON)).hasToString(EMPTY_JSON);
      String sha512 = "sha512:" + "ab".repeat(64);
      assertThat(Digest.parse(sha512)).hasToString(sha512);
    }

    @Test
    void rejectsUpperCaseHexNamingTheInput() {
      String text = "sha256:" + "A".repeat(64);
      assertThatThrownBy(() -> Digest.parse(text))
          .isInstanceOf(OciException.class)
          .hasMessage(
              "invalid digest \""
                  + text
                  + "\": sha256 needs exactly 64 lowercase hex digits after the colon, found"
                  + " 'A' at position 7");
    }

    @Test
    void rejectsWrongLength() {
      assertThatThrownBy(() -> Digest.parse("sha256:abc"))
          .hasMessage(
              "invalid digest \"sha256:abc\": sha256 needs exactly 64 lowercase hex digits after"
                  + " the colon, found 3 characters");
    }

    @Test
    void showsControlCharactersEscapedAndCutsAHugeInput() {
      String text = "sha256:" + "ab".repeat(31) + "a\u0007";
      assertThatThrownBy(() -> Digest.parse(text))
          .hasMessage(
              "invalid digest \"sha256:"
                  + "ab".repeat(31)
                  + "a\\u0007\": sha256 needs exactly 64 lowercase hex digits after the colon,"
                  + " found '\\u0007' at position 70");
      String huge = "sha256:" + "a".repeat(10_000);
      assertThatThrownBy(() -> Digest.parse(huge))
          .hasMessageStartingWith(
              "invalid digest \"sha256:" + "a".repeat(153) + "…(10007 characters)\"")
          .hasMessageEndingWith("found 10000 characters");
    }

    @Test
    void rejectsUnsupportedAlgorithm() {
      assertThatThrownBy(() -> Digest.parse("md5:d41d8cd98f00b204e9800998ecf8427e"))
          .hasMessage(
              "invalid digest \"md5:d41d8cd98f00b204e9800998ecf8427e\": unsupported algorithm"
                  + " \"md5\" (supported: sha256, sha512)");
    }

    @Test
    void rejectsTextWithoutAlgorithm() {
      assertThatThrownBy(() -> Digest.parse("44136fa3"))
          .isInstanceOfSatisfying(
              OciException.class, e -> assertThat(e.digest()).contains("44136fa3"))
          .hasMessage(
              "invalid digest \"44136fa3\": expected <algorithm>:<hex>, e.g. sha256:<64 hex"
                  + " digits>");
    }

    @Test
    void rejectsSurroundingWhitespace() {
      assertThat(Digest.isDigest(" " + EMPTY_JSON)).isFalse();
      assertThat(Digest.isDigest(EMPTY_JSON + "\n")).isFalse();
    }
  }

  @Nested
  class ReferrersTag {
    @Test
    void isAlgorithmDashHexForSha256() {
      assertThat(Digest.parse(EMPTY_JSON).referrersTag())
          .isEqualTo("sha256-44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    @Test
    void truncatesSha512ToSixtyFourHexDigitsSoTheTagStaysValid() {
      Digest d = Digest.parse("sha512:" + "0123456789abcdef".repeat(8));
      assertThat(d.referrersTag()).isEqualTo("sha512-" + "0123456789abcdef".repeat(4));
    }
  }

  @Nested
  class TheModelsDigest {
    @Test
    void convertsBothWaysKeepingTheValue() {
      ContentDigest core = ContentDigest.parse(EMPTY_JSON);
      Digest d = Digest.of(core);
      assertThat(d).isEqualTo(Digest.parse(EMPTY_JSON)).hasToString(EMPTY_JSON);
      assertThat(d.toContentDigest()).isEqualTo(core);
      assertThat(Digest.parse(EMPTY_JSON).toContentDigest()).isEqualTo(core);
    }

    @Test
    void rejectsWhatTheModelRejectsWithTheSameMessage() {
      String text = "sha256:" + "A".repeat(64);
      assertThatThrownBy(() -> ContentDigest.parse(text))
          .isInstanceOf(ImageParseException.class)
          .hasMessage(
              "invalid digest \""
                  + text
                  + "\": sha256 needs exactly 64 lowercase hex digits after the colon, found"
                  + " 'A' at position 7");
      assertThatThrownBy(() -> Digest.parse(text))
          .isInstanceOf(OciException.class)
          .hasMessage(
              "invalid digest \""
                  + text
                  + "\": sha256 needs exactly 64 lowercase hex digits after the colon, found"
                  + " 'A' at position 7");
    }

    @Test
    void reportsTheFirstCharacterThatIsNotLowercaseAsciiHex() {
      // a non-ASCII digit is not hex in a digest, though Character.digit reads it as one
      String text = "sha256:ab\u0663" + "a".repeat(61);
      assertThatThrownBy(() -> Digest.parse(text))
          .hasMessageEndingWith("found '\\u0663' at position 9");
    }
  }

  @Test
  void equalityIsByValue() {
    assertThat(Digest.parse(EMPTY_JSON))
        .isEqualTo(Digest.of("{}".getBytes(StandardCharsets.UTF_8)));
    assertThat(Digest.parse(EMPTY_JSON).hashCode())
        .isEqualTo(Digest.of("{}".getBytes(StandardCharsets.UTF_8)).hashCode());
    assertThat(Digest.parse(EMPTY_JSON)).isNotEqualTo(Digest.of(new byte[0]));
  }
}
