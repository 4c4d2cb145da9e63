package dev.waterline.vex.oci.internal.registry;

import dev.waterline.vex.oci.OciException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The OCI distribution API of one registry: sends requests through the {@link Transport}, answers
 * auth challenges with the {@link Authenticator}, retries under the {@link RetryPolicy} and the
 * {@link Operation}'s deadline and budget, and turns failures into messages with {@link
 * RegistryErrors}, which also scrubs everything leaving through {@link #guard}. Keeps the {@link
 * ReferrersProbe}'s answer and a count of the requests sent (tests assert request economy with it).
 *
 * <p>Why not jib-core's {@code RegistryClient}: it is outside jib's API package, parses manifests
 * into its own templates (dropping {@code artifactType}, {@code subject}, annotations; no raw
 * bytes), and has no referrers call, paged tag list or conditional PUT. jib reads credentials
 * ({@link DockerCredentials}).
 */
public final class RegistryClient {
  private final String registry;
  private final RegistryConfig config;
  private final RegistryErrors errors;
  private final Transport transport;
  private final Authenticator auth;
  private final RetryPolicy retry;
  private final ReferrersProbe referrers;
  private final ConcurrentMap<String, RegistryStore> stores = new ConcurrentHashMap<>();

  /** A client for {@code registry} ({@code host[:port]}). */
  public RegistryClient(String registry, RegistryConfig config) {
    this.registry = registry;
    this.config = config;
    this.errors = new RegistryErrors(registry);
    this.transport = new Transport(registry, config);
    this.auth = new Authenticator(registry, config, errors);
    this.retry = new RetryPolicy(config.maxAttempts(), config.retryDelay());
    this.referrers = new ReferrersProbe(this);
  }

  /** The registry, {@code host[:port]}. */
  public String registry() {
    return registry;
  }

  /** The HTTP requests sent so far (retries, auth challenges and token requests included). */
  public long requests() {
    return transport.requests();
  }

  /** The store for one repository of this registry (one per name, shared). */
  public RegistryStore repository(String name) {
    return stores.computeIfAbsent(name, n -> new RegistryStore(this, n));
  }

  RegistryConfig config() {
    return config;
  }

  /** The messages and the scrubbing of this registry. */
  public RegistryErrors errors() {
    return errors;
  }

  /** Whether plain HTTP may be used (after HTTPS): loopback, or a host the user allowed. */
  public boolean plainHttpAllowed() {
    return transport.plainHttpAllowed();
  }

  /**
   * Runs {@code action} as one operation (one deadline and retry budget for all its requests; see
   * {@link Operation}) and scrubs whatever it throws.
   */
  public <T> T guard(Supplier<T> action) {
    try {
      return Operation.run(config.deadlines(), action);
    } catch (RuntimeException e) {
      throw errors.scrubbed(e);
    }
  }

  /**
   * Runs {@code work} (jib building an image with its own HTTP client) on a thread of its own
   * within what is left of this thread's operation. When the deadline passes first, it interrupts
   * that thread, runs {@code stop} and throws an {@link OciException} naming {@code what}.
   *
   * @throws ExecutionException with what {@code work} threw as its cause
   */
  public <T> T withinDeadline(String what, Callable<T> work, Runnable stop)
      throws ExecutionException, InterruptedException {
    Operation op = Operation.current(config.deadlines());
    FutureTask<T> task = new FutureTask<>(work);
    Thread t = new Thread(task, "waterline-" + registry);
    t.setDaemon(true);
    t.start();
    try {
      return task.get(Math.max(op.remaining().toNanos(), 0), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      stop.run();
      throw new OciException(
          what
              + " timed out: the deadline of "
              + Durations.format(op.limits().operation())
              + " for the whole operation passed (RegistryOptions.timeout, waterline --timeout)",
          registry,
          null,
          null,
          null);
    } catch (InterruptedException e) {
      task.cancel(true);
      stop.run();
      throw e;
    }
  }

  /** A {@code Location} or {@code Link} target, absolute or relative, as a URL. */
  String resolve(URI base, String location) {
    try {
      return transport.resolve(base, location);
    } catch (IllegalArgumentException e) {
      throw new OciException(
          "the registry "
              + registry
              + " named a location that is not a URL: "
              + errors.serverText(location));
    }
  }

  /** Whether the registry has the referrers API (asked once per client; see the probe). */
  boolean referrersApi(String repository) {
    return referrers.supported(repository);
  }

  /** The error for an unexpected answer to {@code action} on {@code repository}. */
  OciException failure(
      Response r, String action, @Nullable String repository, @Nullable String reference) {
    return errors.failure(
        r,
        action,
        repository,
        reference,
        r.status() == 401 || r.status() == 403 ? auth.credential() : Optional.empty());
  }

  /** Waits {@code wait} before trying something again, if the operation's budget allows. */
  void pause(Duration wait, String what) {
    Operation op = Operation.current(config.deadlines());
    String why = op.takeRetry(wait);
    if (why != null) {
      throw new OciException(what + " failed and is not tried again: " + why);
    }
    RetryPolicy.sleep(wait);
  }

  // --- sending ---------------------------------------------------------------------------------

  /** Sends {@code req}: auth, retries, deadlines; an answer with any status, or an exception. */
  Response send(Request req) {
    return Operation.run(config.deadlines(), () -> attempts(req));
  }

  private Response attempts(Request req) {
    Operation op = Operation.current(config.deadlines());
    boolean authRetried = false;
    int attempt = 0;
    while (true) {
      attempt++;
      Response r;
      try {
        r = transport.exchange(req, auth.authorization(req), op);
      } catch (Transport.Failure f) {
        Throwable cause = f.getCause() == null ? f : f.getCause();
        switch (f.kind) {
          case TOO_LARGE:
            throw errors.tooLarge(req, f.size, f.limit);
          case TLS:
            throw errors.unreachable(req, attempt, cause, null);
          case CONNECT_TIMEOUT:
          case READ_TIMEOUT:
          case DEADLINE:
            throw errors.timedOut(req, why(f, op));
          default:
            String note = null;
            if (retry.attemptsLeft(attempt)) {
              Duration wait = retry.backoff(attempt);
              note = op.takeRetry(wait);
              if (note == null) {
                RetryPolicy.sleep(wait);
                continue;
              }
            }
            throw f.kind == Transport.Failure.Kind.CUT_OFF
                ? errors.cutOff(req, attempt, cause, note)
                : errors.unreachable(req, attempt, cause, note);
        }
      } catch (IllegalArgumentException e) {
        throw new OciException(
            "the registry "
                + registry
                + " named a location that is not a URL for "
                + req.action()
                + ": "
                + errors.serverText(req.path()),
            errors.target(req.repository()),
            null,
            null,
            null);
      }
      int status = r.status();
      if (status == 401
          && req.auth()
          && !authRetried
          && auth.answer(req, r.headers(), this::send)) {
        authRetried = true;
        attempt--;
        continue;
      }
      if (RetryPolicy.retryableStatus(status) && retry.attemptsLeft(attempt)) {
        Duration asked =
            r.header("Retry-After").map(v -> RetryPolicy.retryAfter(v, Instant.now())).orElse(null);
        Duration wait = asked != null ? asked : retry.backoff(attempt);
        String why = op.takeRetry(wait);
        if (why == null) {
          RetryPolicy.sleep(wait);
          continue;
        }
        if (asked != null && op.retriesLeft() > 0) {
          throw errors.retryAfterTooLong(req, r, asked, why);
        }
        return r.notRetried(why);
      }
      return r;
    }
  }

  /** Which deadline passed, for {@link RegistryErrors#timedOut}. */
  private String why(Transport.Failure f, Operation op) {
    String host = f.uri.getRawAuthority();
    String who =
        host == null || host.equalsIgnoreCase(transport.apiHost())
            ? "the registry " + registry
            : errors.serverText(host);
    Deadlines limits = op.limits();
    switch (f.kind) {
      case CONNECT_TIMEOUT:
        return "could not connect to "
            + who
            + " within "
            + Durations.format(config.deadlines().connect())
            + " (connect timeout; RegistryOptions.connectTimeout)";
      case READ_TIMEOUT:
        return who
            + " sent nothing for "
            + Durations.format(limits.read())
            + " (read timeout; RegistryOptions.readTimeout)";
      default:
        return "the deadline of "
            + Durations.format(limits.operation())
            + " for the whole operation passed while waiting for "
            + who
            + " (RegistryOptions.timeout, waterline --timeout)";
    }
  }

  // --- auth ------------------------------------------------------------------------------------

  /**
   * The credential this client would send (configured, else the Docker config's): for handing to
   * jib-core when it builds an image (embed); never printed.
   */
  public Optional<RegistryCredential> credentialForJib() {
    return auth.credential();
  }

  @Override
  public String toString() {
    return "RegistryClient[" + registry + ", " + config + "]";
  }
}
