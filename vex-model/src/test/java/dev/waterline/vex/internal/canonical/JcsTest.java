package dev.waterline.vex.internal.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.VexException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JcsTest {

  @Nested
  class Numbers {
    /** RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript text. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
      "0000000000000000, 0",
      "8000000000000000, 0",
      "0000000000000001, 5e-324",
      "8000000000000001, -5e-324",
      "7fefffffffffffff, 1.7976931348623157e+308",
      "ffefffffffffffff, -1.7976931348623157e+308",
      "4340000000000000, 9007199254740992",
      "c340000000000000, -9007199254740992",
      "4430000000000000, 295147905179352830000",
      "44b52d02c7e14af5, 9.999999999999997e+22",
      "44b52d02c7e14af6, 1e+23",
      "44b52d02c7e14af7, 1.0000000000000001e+23",
      "444b1ae4d6e2ef4e, 999999999999999700000",
      "444b1ae4d6e2ef4f, 999999999999999900000",
      "444b1ae4d6e2ef50, 1e+21",
      "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
      "3eb0c6f7a0b5ed8d, 0.000001",
      "41b3de4355555553, 333333333.3333332",
      "41b3de4355555554, 333333333.33333325",
      "41b3de4355555555, 333333333.3333333",
      "41b3de4355555556, 333333333.3333334",
      "41b3de4355555557, 333333333.33333343",
      "becbf647612f3696, -0.0000033333333333333333",
      "43143ff3c1cb0959, 1424953923781206.2",
    })
    void formatsRfc8785AppendixBSamples(String bits, String expected) {
      double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
      assertThat(Jcs.formatNumber(d)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
      "1, 1",
      "-1, -1",
      "100, 100",
      "1.5, 1.5",
      "0.1, 0.1",
      "1e20, 100000000000000000000",
      "1e21, 1e+21",
      "123e20, 1.23e+22",
      "1e-6, 0.000001",
      "1e-7, 1e-7",
      "1.25e-7, 1.25e-7",
      "0.0000123, 0.0000123",
      "2e-3, 0.002",
      "4.50, 4.5",
      "1E30, 1e+30",
      "5e-324, 5e-324",
      "2.82879384806159E17, 282879384806159000",
    })
    void formatsDecimalTextAsEcmaScriptDoes(String json, String expected) {
      assertThat(Jcs.serialize(DocumentTree.parse(json, "/x"))).isEqualTo(expected);
    }

    @Test
    void writesTheShortestTextThatReadsBackAsTheSameDouble() {
      java.util.Random random = new java.util.Random(8785);
      for (int i = 0; i < 20_000; i++) {
        double d = Double.longBitsToDouble(random.nextLong());
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          continue;
        }
        String text = Jcs.formatNumber(d);
        assertThat(Double.parseDouble(text)).as(text).isEqualTo(d == 0 ? 0.0 : d);
        assertThat(significantDigits(text))
            .as("%s vs Java's %s", text, Double.toString(d))
            .isLessThanOrEqualTo(significantDigits(Double.toString(d)));
      }
    }

    private int significantDigits(String text) {
      String mantissa = text.split("[eE]")[0].replace("-", "").replace(".", "");
      return mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "").length();
    }

    @Test
    void writesIntegersAndMinusZero() {
      assertThat(Jcs.serialize(Arrays.asList(0, -0.0, 42L, Integer.MIN_VALUE, 1e21)))
          .isEqualTo("[0,0,42,-2147483648,1e+21]");
    }

    @Test
    void rejectsNanAndInfinityWithPointer() {
      assertThatThrownBy(() -> Jcs.serialize(Map.of("a", List.of(1, Double.NaN))))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "cannot write canonical JSON at '/a/1': the number NaN is not a finite IEEE 754"
                  + " double (RFC 8785 allows no NaN or Infinity)");
      assertThatThrownBy(() -> Jcs.formatNumber(Double.NEGATIVE_INFINITY))
          .isInstanceOf(VexException.class)
          .hasMessageContaining("-Infinity is not a finite number");
    }

    @Test
    void rejectsNumbersBeyondTheDoubleRangeInRawJson() {
      assertThatThrownBy(() -> DocumentTree.parse("[1e400]", "/x"))
          .isInstanceOf(VexException.class)
          .hasMessageStartingWith(
              "cannot build the canonical JSON: the unknown field at '/x' is not valid JSON: the"
                  + " number 1e400 is outside the range of an IEEE 754 double");
    }
  }

  @Nested
  class Strings {
    @Test
    void escapesOnlyWhatJcsRequiresWithLowercaseHex() {
      String s = "\u0000\u001f\u007f\b\f\n\r\t\"\\/<>&\u2028é€😀";
      assertThat(Jcs.serialize(s))
          .isEqualTo("\"\\u0000\\u001f\u007f\\b\\f\\n\\r\\t\\\"\\\\/<>&\u2028é€😀\"");
    }

    @Test
    void writesNonAsciiAsUtf8() {
      assertThat(Jcs.canonicalize("€😀"))
          .containsExactly(
              0x22,
              0xe2 - 256,
              0x82 - 256,
              0xac - 256,
              0xf0 - 256,
              0x9f - 256,
              0x98 - 256,
              0x80 - 256,
              0x22);
    }

    @Test
    void rejectsLoneSurrogates() {
      assertThatThrownBy(() -> Jcs.serialize(Map.of("k", "a\ud800b")))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "cannot write canonical JSON at '/k': the string has a lone surrogate U+D800 at"
                  + " index 1, which UTF-8 cannot encode");
    }
  }

  @Nested
  class Objects {
    @Test
    void sortsKeysByUtf16CodeUnitsAsRfc8785Section323() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("\u20ac", "Euro Sign");
      m.put("\r", "Carriage Return");
      m.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
      m.put("1", "One");
      m.put("\ud83d\ude00", "Emoji: Grinning Face");
      m.put("\u0080", "Control");
      m.put("\u00f6", "Latin Small Letter O With Diaeresis");
      assertThat(Jcs.serialize(m))
          .isEqualTo(
              "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                  + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                  + "\"\ud83d\ude00\":\"Emoji: Grinning Face\","
                  + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void canonicalizesTheRfc8785Section322Example() {
      String input =
          "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
              + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
              + "  \"literals\": [null, true, false]\n}";
      byte[] out = Jcs.canonicalize(DocumentTree.parse(input, ""));
      assertThat(new String(out, StandardCharsets.UTF_8))
          .isEqualTo(
              "{\"literals\":[null,true,false],"
                  + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                  + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void nestsWithoutWhitespace() {
      assertThat(Jcs.serialize(DocumentTree.parse(" { \"b\" : [ ] , \"a\" : { } } ", "")))
          .isEqualTo("{\"a\":{},\"b\":[]}");
    }

    @Test
    void rejectsDuplicateKeysInRawJson() {
      assertThatThrownBy(() -> DocumentTree.parse("{\"a\":1,\"a\":2}", "/ext"))
          .isInstanceOf(VexException.class)
          .hasMessageStartingWith(
              "cannot build the canonical JSON: the unknown field at '/ext' is not valid JSON:"
                  + " Duplicate field 'a'");
    }

    @Test
    void rejectsTrailingValuesAndEmptyText() {
      assertThatThrownBy(() -> DocumentTree.parse("1 2", "/ext"))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "cannot build the canonical JSON: the unknown field at '/ext' holds more than one"
                  + " JSON value");
      assertThatThrownBy(() -> DocumentTree.parse("  ", "/ext"))
          .isInstanceOf(VexException.class)
          .hasMessage("cannot build the canonical JSON: the unknown field at '/ext' is empty");
    }

    @Test
    void rejectsValuesThatAreNotJson() {
      assertThatThrownBy(() -> Jcs.serialize(List.of(new Object())))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "cannot write a java.lang.Object as canonical JSON at '/0': expected null, Boolean,"
                  + " String, Number, List or Map");
    }
  }
}
