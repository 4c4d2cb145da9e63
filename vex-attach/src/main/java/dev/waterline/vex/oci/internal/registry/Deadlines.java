package dev.waterline.vex.oci.internal.registry;

import dev.waterline.vex.VexException;
import java.time.Duration;
import java.util.Objects;

/**
 * How long the network may take: the limits every registry operation runs under.
 *
 * @param connect the longest a TCP (and TLS) connection may take to open
 * @param read the longest the server may stay silent: before its answer starts, and between two
 *     parts of a body (an idle timeout, so a large body that keeps coming is not cut)
 * @param operation the whole operation (a fetch, an attach, reading an image config), retries and
 *     waits included: nothing runs past it
 * @param retries the most retries in one operation, whatever request they are for
 * @param retryWait the most time one operation spends waiting before retries (backoff and {@code
 *     Retry-After} together); a {@code Retry-After} longer than what is left is not waited for
 */
public record Deadlines(
    Duration connect, Duration read, Duration operation, int retries, Duration retryWait) {
  /** The longest any of these may be set to. */
  public static final Duration MAX = Duration.ofHours(24);

  /** Connect 10 s, read 30 s, operation 2 min, 10 retries and 60 s of waiting per operation. */
  public static final Deadlines DEFAULTS =
      new Deadlines(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofMinutes(2),
          10,
          Duration.ofSeconds(60));

  /** Checks the ranges: durations above zero and at most {@link #MAX}, retries 0 to 100. */
  public Deadlines {
    check("connect", connect);
    check("read", read);
    check("operation", operation);
    Objects.requireNonNull(retryWait, "retryWait");
    if (retryWait.isNegative() || retryWait.compareTo(MAX) > 0) {
      throw new VexException(
          "the retry wait budget must be 0 to 24h but was " + Durations.format(retryWait));
    }
    if (retries < 0 || retries > 100) {
      throw new VexException("the retry budget must be 0 to 100 retries: " + retries);
    }
  }

  private static void check(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero() || d.compareTo(MAX) > 0) {
      throw new VexException(
          "the "
              + name
              + " timeout must be above 0 and at most 24h but was "
              + Durations.format(d));
    }
  }

  @Override
  public String toString() {
    return "connect "
        + Durations.format(connect)
        + ", read "
        + Durations.format(read)
        + ", operation "
        + Durations.format(operation)
        + ", retries "
        + retries
        + " within "
        + Durations.format(retryWait);
  }
}
