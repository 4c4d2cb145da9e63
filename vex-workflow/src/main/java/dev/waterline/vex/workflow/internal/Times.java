package dev.waterline.vex.workflow.internal;

import dev.waterline.vex.VexException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/** Decision times: RFC 3339, and the form Jira's REST API and exports write. */
public final class Times {
  private Times() {}

  /** Jira: {@code 2026-03-01T10:30:00.000+0000} (offset without a colon). */
  private static final DateTimeFormatter JIRA =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendOffset("+HHMM", "Z")
          .toFormatter();

  /**
   * The instant a decision time names.
   *
   * @throws VexException when it is neither RFC 3339 with an offset nor Jira's form
   */
  public static Instant parse(String text) {
    String t = text.trim();
    try {
      return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      try {
        return OffsetDateTime.parse(t, JIRA).toInstant();
      } catch (DateTimeException e2) {
        throw new VexException(
            "expected a time in RFC 3339 with an offset (2026-03-01T10:30:00Z) or as Jira writes"
                + " it (2026-03-01T10:30:00.000+0000) but was '"
                + text
                + "'",
            e2);
      }
    }
  }
}
