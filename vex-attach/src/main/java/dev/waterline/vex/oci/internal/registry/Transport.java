package dev.waterline.vex.oci.internal.registry;

import dev.waterline.vex.internal.image.ImageText;
import dev.waterline.vex.oci.OciException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP exchange with a registry, or with a host it names (a redirect, a token realm), over the
 * JDK's {@link HttpClient} (HTTP/1.1, keep-alive, redirects left to the caller): the scheme (HTTPS;
 * plain HTTP only for loopback and allowed hosts, after a plain-HTTP answer to the TLS hello), the
 * deadlines (connect; read, which is idle time: before the answer starts and between two parts of a
 * body; the operation's), the body limit, and the count of requests sent.
 */
final class Transport {
  private final String registry;
  private final String apiHost;
  private final HttpClient http;
  private final boolean plainAllowed;
  private final AtomicLong requests = new AtomicLong();
  private volatile @Nullable String scheme;

  /** What went wrong in one exchange; the cause is the JDK's exception, if any. */
  static final class Failure extends IOException {
    private static final long serialVersionUID = 1L;

    /** The kinds of failure: the first two may be retried. */
    enum Kind {
      /** No connection, or it failed before an answer. */
      UNREACHABLE,
      /** An answer started and was cut off or could not be read. */
      CUT_OFF,
      /** A TLS failure (a certificate, a protocol): not retried. */
      TLS,
      /** The body is over the limit. */
      TOO_LARGE,
      /** No connection within the connect timeout. */
      CONNECT_TIMEOUT,
      /** The server was silent for the read timeout. */
      READ_TIMEOUT,
      /** The operation's deadline passed. */
      DEADLINE
    }

    final Kind kind;
    final URI uri;
    final long size;
    final long limit;

    Failure(Kind kind, URI uri, @Nullable Throwable cause, long size, long limit) {
      super(kind.name().toLowerCase(Locale.ROOT), cause);
      this.kind = kind;
      this.uri = uri;
      this.size = size;
      this.limit = limit;
    }

    Failure(Kind kind, URI uri, @Nullable Throwable cause) {
      this(kind, uri, cause, -1, -1);
    }
  }

  Transport(String registry, RegistryConfig config) {
    this.registry = registry;
    this.apiHost = ImageText.apiHost(registry);
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(config.deadlines().connect());
    if (config.caFile() != null) {
      b.sslContext(TrustedCertificates.sslContext(config.caFile()));
    }
    this.http = b.build();
    this.plainAllowed = isLoopback(registry) || allowed(config, registry);
  }

  /** The host the API is on ({@code registry-1.docker.io} for Docker Hub). */
  String apiHost() {
    return apiHost;
  }

  /** The HTTP requests sent so far. */
  long requests() {
    return requests.get();
  }

  /** Whether plain HTTP may be used (after HTTPS): loopback, or a host the user allowed. */
  boolean plainHttpAllowed() {
    return plainAllowed;
  }

  static boolean isLoopback(String registry) {
    String host = hostOf(registry);
    return host.equals("localhost")
        || host.equals("[::1]")
        || host.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
  }

  private static String hostOf(String hostPort) {
    if (hostPort.startsWith("[")) {
      return hostPort.substring(0, hostPort.indexOf(']') + 1);
    }
    int colon = hostPort.indexOf(':');
    return (colon < 0 ? hostPort : hostPort.substring(0, colon)).toLowerCase(Locale.ROOT);
  }

  static boolean allowed(RegistryConfig config, String hostPort) {
    for (String h : config.insecureHosts()) {
      if (h.equalsIgnoreCase(hostPort) || h.equalsIgnoreCase(hostOf(hostPort))) {
        return true;
      }
    }
    return false;
  }

  /** The URL of a path on this registry, or the URL itself when it is absolute. */
  URI uri(String path, String scheme) {
    if (path.startsWith("http://") || path.startsWith("https://")) {
      return URI.create(path);
    }
    return URI.create(scheme + "://" + apiHost + path);
  }

  /** A {@code Location} or {@code Link} target, absolute or relative, as a URL. */
  String resolve(URI base, String location) {
    return base.resolve(location).toString();
  }

  /**
   * Sends {@code req} once (twice when the first try finds a plain-HTTP server where plain HTTP is
   * allowed, the first not counted) within the operation's deadlines.
   *
   * @param authorization the {@code Authorization} header to add, or null
   * @throws Failure when there is no answer, or it is cut off, too large or too late
   */
  Response exchange(Request req, @Nullable String authorization, Operation op) throws Failure {
    while (true) {
      String decided = scheme;
      String s = decided != null ? decided : "https";
      URI uri = uri(req.path(), s); // IllegalArgumentException for a bad URL the server named
      if (op.expired()) {
        throw new Failure(Failure.Kind.DEADLINE, uri, null);
      }
      Duration read = op.limits().read();
      Duration remaining = op.remaining();
      boolean deadlineFirst = remaining.compareTo(read) < 0;
      Duration wait = deadlineFirst ? remaining : read;
      HttpRequest hr = build(req, uri, authorization, wait);
      Activity activity = new Activity();
      try {
        HttpResponse<byte[]> resp = await(hr, req, activity, op, read, deadlineFirst);
        requests.incrementAndGet();
        if (scheme == null && !req.absolute()) {
          scheme = s;
        }
        return new Response(resp.statusCode(), resp.headers(), resp.body(), resp.uri(), null);
      } catch (Failure f) {
        // decided, not scheme: a concurrent first request may have switched to http meanwhile
        if (!activity.answered
            && decided == null
            && plainAllowed
            && !req.absolute()
            && plainServer(f)) {
          scheme = "http"; // a plain-HTTP registry on an allowed host: no request reached it
          continue;
        }
        requests.incrementAndGet();
        if (activity.answered && scheme == null && !req.absolute()) {
          scheme = s;
        }
        throw f;
      }
    }
  }

  private HttpRequest build(Request req, URI uri, @Nullable String authorization, Duration wait) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    // the JDK's own timer for the answer to start; ours (in await) also watches the body
    b.timeout(wait.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : wait);
    HttpRequest.BodyPublisher publisher =
        req.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(req.body());
    b.method(req.method(), publisher);
    req.headers().forEach(b::header);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    b.header("User-Agent", "waterline");
    return b.build();
  }

  /** Sends and waits for the whole answer, ending the exchange at a deadline. */
  private HttpResponse<byte[]> await(
      HttpRequest hr,
      Request req,
      Activity activity,
      Operation op,
      Duration read,
      boolean deadlineFirst)
      throws Failure {
    URI uri = hr.uri();
    CompletableFuture<HttpResponse<byte[]>> f = http.sendAsync(hr, handler(req, activity));
    long readNanos = read.toNanos();
    try {
      while (true) {
        long idleAt = activity.last + readNanos;
        long opAt = op.deadlineNanos();
        boolean deadline = opAt - idleAt <= 0;
        long until = deadline ? opAt : idleAt;
        long wait = until - System.nanoTime();
        if (wait <= 0) {
          activity.cancel();
          f.cancel(true);
          throw new Failure(
              deadline ? Failure.Kind.DEADLINE : Failure.Kind.READ_TIMEOUT, uri, null);
        }
        try {
          return f.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // look at the clocks again: bytes may have come meanwhile
        }
      }
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw classify(cause, uri, activity.answered, deadlineFirst);
    } catch (CancellationException e) {
      throw new Failure(Failure.Kind.CUT_OFF, uri, e);
    } catch (InterruptedException e) {
      activity.cancel();
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new OciException("interrupted while talking to " + registry, e);
    }
  }

  private static Failure classify(
      Throwable cause, URI uri, boolean answered, boolean deadlineFirst) {
    Throwable c = cause;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    TooLarge large = find(c, TooLarge.class);
    if (large != null) {
      return new Failure(Failure.Kind.TOO_LARGE, uri, null, large.size, large.limit);
    }
    if (find(c, HttpConnectTimeoutException.class) != null) {
      return new Failure(Failure.Kind.CONNECT_TIMEOUT, uri, c);
    }
    if (find(c, HttpTimeoutException.class) != null) {
      return new Failure(deadlineFirst ? Failure.Kind.DEADLINE : Failure.Kind.READ_TIMEOUT, uri, c);
    }
    if (find(c, SSLException.class) != null && !plainServer(c)) {
      return new Failure(Failure.Kind.TLS, uri, c);
    }
    return new Failure(answered ? Failure.Kind.CUT_OFF : Failure.Kind.UNREACHABLE, uri, c);
  }

  /** Whether a TLS hello was answered in plain HTTP (a registry without TLS). */
  private static boolean plainServer(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException
          && t.getMessage() != null
          && (t.getMessage().contains("plaintext connection")
              || t.getMessage().contains("nrecognized SSL message"))) {
        return true;
      }
    }
    return false;
  }

  static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** The body, within the request's limit (error bodies: the first 64 KiB, the rest not read). */
  private static HttpResponse.BodyHandler<byte[]> handler(Request req, Activity activity) {
    return info -> {
      activity.answered = true;
      activity.touch();
      if (req.method().equals("HEAD")) {
        return HttpResponse.BodySubscribers.replacing(new byte[0]);
      }
      boolean error = info.statusCode() >= 300;
      long limit = error ? Request.MAX_ERROR_BODY : req.maxBody();
      long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      return new Limited(limit, declared, error, activity);
    };
  }

  /** When the server last sent something, whether it answered, and how to stop reading. */
  private static final class Activity {
    volatile long last = System.nanoTime();
    volatile boolean answered;
    volatile Flow.@Nullable Subscription subscription;

    void touch() {
      last = System.nanoTime();
    }

    void cancel() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
    }
  }

  /** A body over the limit. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    final long size;
    final long limit;

    TooLarge(long size, long limit) {
      super("the body is " + size + " bytes, over the limit of " + limit);
      this.size = size;
      this.limit = limit;
    }
  }

  /**
   * Collects a body up to a limit: over it, fails (or, for error bodies, keeps the start and stops
   * reading); every part resets the read timeout.
   */
  private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
    private final long limit;
    private final long declared;
    private final boolean truncateQuietly;
    private final Activity activity;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long total;

    Limited(long limit, long declared, boolean truncateQuietly, Activity activity) {
      this.limit = limit;
      this.declared = declared;
      this.truncateQuietly = truncateQuietly;
      this.activity = activity;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      activity.subscription = s;
      if (declared > limit && !truncateQuietly) {
        s.cancel();
        result.completeExceptionally(new TooLarge(declared, limit));
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      activity.touch();
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        int n = b.remaining();
        if (total + n > limit) {
          activity.cancel();
          if (truncateQuietly) {
            int keep = (int) (limit - total);
            byte[] a = new byte[keep];
            b.get(a);
            out.write(a, 0, keep);
            result.complete(out.toByteArray());
          } else {
            result.completeExceptionally(new TooLarge(total + n, limit));
          }
          return;
        }
        total += n;
        byte[] a = new byte[n];
        b.get(a);
        out.write(a, 0, n);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }

  @Override
  public String toString() {
    return "Transport[" + registry + (scheme == null ? "" : ", " + scheme) + "]";
  }
}
