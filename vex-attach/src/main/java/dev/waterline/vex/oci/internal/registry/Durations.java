package dev.waterline.vex.oci.internal.registry;

import java.time.Duration;

/** Durations as people write them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h2m3s}. */
public final class Durations {
  private Durations() {}

  /**
   * {@code d} in hours, minutes, seconds and milliseconds, largest first, zero parts left out
   * ({@code 0s} for zero; negative durations get a leading {@code -}).
   */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    StringBuilder b = new StringBuilder();
    long hours = d.toHours();
    int minutes = d.toMinutesPart();
    int seconds = d.toSecondsPart();
    int millis = d.toMillisPart();
    if (hours > 0) {
      b.append(hours).append('h');
    }
    if (minutes > 0) {
      b.append(minutes).append('m');
    }
    if (seconds > 0) {
      b.append(seconds).append('s');
    }
    if (millis > 0) {
      b.append(millis).append("ms");
    }
    return b.length() == 0 ? "0s" : b.toString();
  }

  /**
   * {@code d} for "what is left" messages: whole seconds from one second on (rounded down), else
   * milliseconds.
   */
  public static String approx(Duration d) {
    if (d.isNegative()) {
      return "0s";
    }
    return format(d.compareTo(Duration.ofSeconds(1)) >= 0 ? Duration.ofSeconds(d.toSeconds()) : d);
  }
}
