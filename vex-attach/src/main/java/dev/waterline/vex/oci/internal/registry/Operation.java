package dev.waterline.vex.oci.internal.registry;

import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One registry operation in progress on this thread (a fetch, an attach, reading an image config):
 * its deadline and what is left of its retry budget. Operations do not nest: a call made inside one
 * (the store calls of a fetch, a token request inside a manifest read) shares it, so retries cannot
 * multiply the deadline. A request sent outside any operation is an operation of its own.
 */
public final class Operation {
  private static final ThreadLocal<@Nullable Operation> CURRENT = new ThreadLocal<>();

  private final Deadlines limits;
  private final long deadline;
  private int retriesLeft;
  private long waitLeft;

  private Operation(Deadlines limits) {
    this.limits = limits;
    this.deadline = System.nanoTime() + limits.operation().toNanos();
    this.retriesLeft = limits.retries();
    this.waitLeft = limits.retryWait().toNanos();
  }

  /**
   * Runs {@code action} as one operation under {@code limits}, or as part of the operation this
   * thread is already in (whose limits then hold).
   */
  public static <T> T run(Deadlines limits, Supplier<T> action) {
    if (CURRENT.get() != null) {
      return action.get();
    }
    Operation op = new Operation(limits);
    CURRENT.set(op);
    try {
      return action.get();
    } finally {
      CURRENT.remove();
    }
  }

  /** The operation this thread is in; {@code limits} start one when it is in none. */
  static Operation current(Deadlines limits) {
    Operation op = CURRENT.get();
    return op != null ? op : new Operation(limits);
  }

  /** The limits this operation runs under. */
  Deadlines limits() {
    return limits;
  }

  /** {@link System#nanoTime()} at the deadline. */
  long deadlineNanos() {
    return deadline;
  }

  /** The time left before the deadline (zero or negative once it has passed). */
  Duration remaining() {
    return Duration.ofNanos(deadline - System.nanoTime());
  }

  /** Whether the deadline has passed. */
  boolean expired() {
    return deadline - System.nanoTime() <= 0;
  }

  /** Retries this operation may still make. */
  synchronized int retriesLeft() {
    return retriesLeft;
  }

  /**
   * Takes one retry that first waits {@code wait} from the budget; null when it may go ahead, else
   * why not (the budget is not touched then).
   */
  synchronized @Nullable String takeRetry(Duration wait) {
    if (retriesLeft <= 0) {
      return "the operation's retry budget of "
          + limits.retries()
          + " retries is spent (RegistryOptions.retryBudget)";
    }
    long w = wait.toNanos();
    if (w > waitLeft) {
      return "a wait of "
          + Durations.format(wait)
          + " is more than the "
          + Durations.approx(Duration.ofNanos(waitLeft))
          + " left of the operation's retry budget of "
          + Durations.format(limits.retryWait())
          + " (RegistryOptions.retryBudget)";
    }
    if (w >= deadline - System.nanoTime()) {
      return "a wait of "
          + Durations.format(wait)
          + " would pass the operation's deadline of "
          + Durations.format(limits.operation())
          + " ("
          + Durations.approx(remaining())
          + " left; RegistryOptions.timeout, waterline --timeout)";
    }
    retriesLeft--;
    waitLeft -= w;
    return null;
  }

  @Override
  public String toString() {
    return "Operation[" + limits + ", " + Durations.approx(remaining()) + " left]";
  }
}
