package dev.waterline.vex.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Rfc3339Test {
  @Test
  void formatWritesWhatInstantToStringWritesForAnyInstant() {
    SplittableRandom random = new SplittableRandom(3339);
    for (int i = 0; i < 200_000; i++) {
      long seconds = random.nextLong(-62_167_219_200L - 1_000_000L, 253_402_300_800L + 1_000_000L);
      int nano =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant t = Instant.ofEpochSecond(seconds, nano);
      assertThat(Rfc3339.format(t)).as("%s", t).isEqualTo(t.toString());
    }
  }

  @Test
  void formatAtTheEdgesOfFourDigitYears() {
    for (Instant t :
        new Instant[] {
          Instant.parse("0000-01-01T00:00:00Z"),
          Instant.parse("9999-12-31T23:59:59.999999999Z"),
          Instant.EPOCH,
          Instant.MIN,
          Instant.MAX
        }) {
      assertThat(Rfc3339.format(t)).isEqualTo(t.toString());
    }
  }

  @Test
  void formatIntoABufferWritesTheSameTextAndGivesItsLengthOrMinusOneOutsideFourDigitYears() {
    char[] b = new char[Rfc3339.MAX_LENGTH];
    for (String text :
        new String[] {
          "2024-02-29T23:59:59.500Z",
          "2000-02-29T00:00:00Z",
          "1900-03-01T12:00:00.000001Z",
          "1600-02-29T00:00:00.123456789Z",
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999999999Z"
        }) {
      int n = Rfc3339.format(Instant.parse(text), b);
      assertThat(new String(b, 0, n)).isEqualTo(text);
    }
    char[] untouched = new char[Rfc3339.MAX_LENGTH];
    assertThat(Rfc3339.format(Instant.parse("+10000-01-01T00:00:00Z"), untouched)).isEqualTo(-1);
    assertThat(Rfc3339.format(Instant.parse("-0001-12-31T23:59:59Z"), untouched)).isEqualTo(-1);
    assertThat(untouched).containsOnly('\0');
  }

  @Test
  void whatFormatWritesParsesBackToTheSameInstant() {
    Instant t = Instant.parse("2026-12-05T19:30:00.120Z");
    assertThat(Rfc3339.parse(Rfc3339.format(t))).isEqualTo(t);
  }
}
