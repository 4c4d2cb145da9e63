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

  /**
   * {@code t.toString()}, faster: writers print a time per statement, and the JDK's formatter cost
   * a writer of 50,000 statements a sixteenth of its time. The same text for every instant (years
   * outside 0000–9999 go to the JDK).
   */
  public static String format(Instant t) {
    long seconds = t.getEpochSecond();
    if (seconds < -62_167_219_200L || seconds >= 253_402_300_800L) {
      return t.toString();
    }
    LocalDateTime d = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    StringBuilder b = new StringBuilder(30);
    pad(b, d.getYear(), 4).append('-');
    pad(b, d.getMonthValue(), 2).append('-');
    pad(b, d.getDayOfMonth(), 2).append('T');
    pad(b, d.getHour(), 2).append(':');
    pad(b, d.getMinute(), 2).append(':');
    pad(b, d.getSecond(), 2);
    int nano = t.getNano();
    if (nano != 0) {
      b.append('.');
      if (nano % 1_000_000 == 0) {
        pad(b, nano / 1_000_000, 3);
      } else if (nano % 1000 == 0) {
        pad(b, nano / 1000, 6);
      } else {
        pad(b, nano, 9);
      }
    }
    return b.append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder b, int value, int width) {
    String v = Integer.toString(value);
    for (int i = v.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(v);
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
