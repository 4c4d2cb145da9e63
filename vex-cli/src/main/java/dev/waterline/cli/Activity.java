package dev.waterline.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A progress line on stderr for a push or pull that takes more than a second, and only when a
 * person is watching ({@link Context#terminal()}): {@code "attaching to IMAGE … 3 s"}, rewritten in
 * place and erased when the work ends. Nothing at all when the output is not a terminal, so pipes
 * and CI logs stay clean.
 *
 * <pre>{@code
 * try (Activity a = Activity.start(ctx, "attaching to " + image)) {
 *   registry.attach(...);
 * }
 * }</pre>
 */
final class Activity implements AutoCloseable {
  /** How long work may take before the line appears. */
  static final Duration THRESHOLD = Duration.ofSeconds(1);

  private final Context ctx;
  private final String what;
  private final Instant started;
  private final Supplier<Instant> clock;
  private final @Nullable ScheduledExecutorService timer;
  private final @Nullable ScheduledFuture<?> ticks;
  private boolean shown;
  private boolean closed;

  private Activity(Context ctx, String what, Supplier<Instant> clock, boolean schedule) {
    this.ctx = ctx;
    this.what = what;
    this.clock = clock;
    this.started = clock.get();
    if (schedule) {
      ScheduledExecutorService t =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread th = new Thread(r, "waterline-progress");
                th.setDaemon(true);
                return th;
              });
      this.timer = t;
      this.ticks = t.scheduleAtFixedRate(this::tick, 250, 250, TimeUnit.MILLISECONDS);
    } else {
      this.timer = null;
      this.ticks = null;
    }
  }

  /** Starts watching {@code what}; a no-op when no terminal is there. */
  static Activity start(Context ctx, String what) {
    return new Activity(ctx, what, Instant::now, ctx.terminal());
  }

  /** For tests: an activity on the given clock that ticks only when {@link #tick()} is called. */
  static Activity manual(Context ctx, String what, Supplier<Instant> clock) {
    return new Activity(ctx, what, clock, false);
  }

  /** Shows or refreshes the line once the threshold has passed (on a terminal only). */
  synchronized void tick() {
    if (closed || !ctx.terminal()) {
      return;
    }
    Duration elapsed = Duration.between(started, clock.get());
    if (elapsed.compareTo(THRESHOLD) < 0) {
      return;
    }
    ctx.progress(what + " … " + elapsed.toSeconds() + " s");
    shown = true;
  }

  /** Stops the line and erases it if it was shown. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ticks != null) {
      ticks.cancel(false);
    }
    if (timer != null) {
      timer.shutdownNow();
    }
    if (shown) {
      ctx.progress(null);
    }
  }
}
