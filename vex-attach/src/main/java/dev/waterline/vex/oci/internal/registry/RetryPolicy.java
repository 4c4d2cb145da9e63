package dev.waterline.vex.oci.internal.registry;

import dev.waterline.vex.oci.OciException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * When to send a request again: on 429 and 5xx (not 501 and 505) answers and on connections that
 * failed or were cut off, up to {@code maxAttempts} per request, after a backoff ({@code
 * firstDelay} doubled per attempt, at most 10 s) or the server's {@code Retry-After}; and only
 * while the operation's retry budget ({@link Operation#takeRetry}) allows. Timeouts, TLS failures
 * and bodies over the limit are not retried.
 */
final class RetryPolicy {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");

  private final int maxAttempts;
  private final Duration firstDelay;

  RetryPolicy(int maxAttempts, Duration firstDelay) {
    this.maxAttempts = maxAttempts;
    this.firstDelay = firstDelay;
  }

  /** Whether an answer with this status may be asked for again. */
  static boolean retryableStatus(int status) {
    return status == 429 || (status >= 500 && status != 501 && status != 505);
  }

  /** Whether {@code attempt} (from 1) may be followed by another one of the same request. */
  boolean attemptsLeft(int attempt) {
    return attempt < maxAttempts;
  }

  /** Our own wait before attempt {@code attempt + 1}. */
  Duration backoff(int attempt) {
    long ms = firstDelay.toMillis() << Math.min(attempt - 1, 10);
    return Duration.ofMillis(Math.min(ms, MAX_BACKOFF.toMillis()));
  }

  /**
   * A {@code Retry-After} value (delay seconds or an HTTP date) as a wait from {@code now}; null
   * when it is neither.
   */
  static @Nullable Duration retryAfter(String value, Instant now) {
    String v = value.trim();
    if (SECONDS.matcher(v).matches()) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    try {
      Duration d =
          Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Sleeps {@code d}; an interrupt ends the operation. */
  static void sleep(Duration d) {
    try {
      Thread.sleep(Math.max(0, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OciException("interrupted while waiting to retry", e);
    }
  }

  @Override
  public String toString() {
    return "RetryPolicy["
        + maxAttempts
        + " attempts, first delay "
        + Durations.format(firstDelay)
        + "]";
  }
}
