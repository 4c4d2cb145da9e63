package dev.waterline.vex.policy.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Scan times. */
final class Times {
  private Times() {}

  /**
   * An RFC 3339 time, or null when absent or not RFC 3339. The scan time is informational (it dates
   * review reminders), so a report with an odd timestamp is still read.
   */
  static @Nullable Instant parse(@Nullable String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
