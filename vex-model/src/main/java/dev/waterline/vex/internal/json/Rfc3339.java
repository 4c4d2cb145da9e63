package dev.waterline.vex.internal.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * RFC 3339 {@code date-time} parsing, by hand for speed: {@code YYYY-MM-DDTHH:MM:SS[.fraction]}
 * followed by {@code Z} or {@code ±HH:MM}. {@code T} and {@code Z} may be lower case (RFC 3339 §5.6
 * allows it); the fraction may have 1 to 9 digits. Seconds are required; leap seconds ({@code :60})
 * are not accepted.
 */
public final class Rfc3339 {
  private Rfc3339() {}

  /** The instant, or null when {@code s} is not an RFC 3339 date-time. */
  public static @Nullable Instant parse(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || (s.charAt(10) != 'T' && s.charAt(10) != 't')
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (s.charAt(i) == '.') {
      i++;
      int start = i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        if (i - start < 9) {
          nanos = nanos * 10 + (s.charAt(i) - '0');
        }
        i++;
      }
      int count = i - start;
      if (count == 0 || count > 9) {
        return null;
      }
      for (int k = count; k < 9; k++) {
        nanos *= 10;
      }
    }
    if (i >= n) {
      return null;
    }
    int offsetSeconds;
    char c = s.charAt(i);
    if ((c == 'Z' || c == 'z') && i + 1 == n) {
      offsetSeconds = 0;
    } else if ((c == '+' || c == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, 2);
      int om = digits(s, i + 4, 2);
      if (oh < 0 || om < 0 || oh > 23 || om > 59) {
        return null;
      }
      offsetSeconds = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
    } else {
      return null;
    }
    try {
      LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second);
      return Instant.ofEpochSecond(
          local.toEpochSecond(ZoneOffset.ofTotalSeconds(offsetSeconds)), nanos);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The longest text {@link #format(Instant, char[])} writes. */
  public static final int MAX_LENGTH = 30;

  /**
   * {@code t.toString()}, faster: writers print a time per statement, and the JDK's formatter cost
   * a writer of 50,000 statements a sixteenth of its time. The same text for every instant (years
   * outside 0000–9999 go to the JDK).
   */
  public static String format(Instant t) {
    char[] b = new char[MAX_LENGTH];
    int n = format(t, b);
    return n < 0 ? t.toString() : new String(b, 0, n);
  }

  /**
   * Writes {@link #format(Instant)}'s text into {@code b} (at least {@link #MAX_LENGTH} long) and
   * returns its length, or -1, writing nothing, for a year outside 0000–9999 (which {@code
   * Instant.toString()} writes with a sign or more digits). No string and no {@code LocalDateTime}
   * is made: the date is worked out from the days since 1970-01-01 (proleptic Gregorian, as {@code
   * java.time}).
   */
  public static int format(Instant t, char[] b) {
    long seconds = t.getEpochSecond();
    if (seconds < -62_167_219_200L || seconds >= 253_402_300_800L) {
      return -1;
    }
    long days = Math.floorDiv(seconds, 86_400L);
    int secs = (int) Math.floorMod(seconds, 86_400L);
    // Days since 0000-03-01, in eras of 400 years (146,097 days); the year starts in March, so
    // that the leap day is the year's last.
    long z = days + 719_468L;
    long era = Math.floorDiv(z, 146_097L);
    long dayOfEra = z - era * 146_097L;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long monthFromMarch = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
    int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    put(b, 0, year, 4);
    b[4] = '-';
    put(b, 5, month, 2);
    b[7] = '-';
    put(b, 8, day, 2);
    b[10] = 'T';
    put(b, 11, secs / 3600, 2);
    b[13] = ':';
    put(b, 14, secs / 60 % 60, 2);
    b[16] = ':';
    put(b, 17, secs % 60, 2);
    int n = 19;
    int nano = t.getNano();
    if (nano != 0) {
      b[n++] = '.';
      if (nano % 1_000_000 == 0) {
        n = put(b, n, nano / 1_000_000, 3);
      } else if (nano % 1000 == 0) {
        n = put(b, n, nano / 1000, 6);
      } else {
        n = put(b, n, nano, 9);
      }
    }
    b[n++] = 'Z';
    return n;
  }

  /** Writes {@code value} as {@code width} decimal digits at {@code at}; the index after them. */
  private static int put(char[] b, int at, int value, int width) {
    int v = value;
    for (int i = at + width - 1; i >= at; i--) {
      b[i] = (char) ('0' + v % 10);
      v /= 10;
    }
    return at + width;
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
