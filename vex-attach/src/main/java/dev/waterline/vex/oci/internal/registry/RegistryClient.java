package dev.waterline.vex.oci.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waterline.vex.oci.OciException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The OCI distribution API of one registry over the JDK's {@link HttpClient}: scheme choice (plain
 * HTTP only for loopback and hosts the user allowed), anonymous, Basic and Bearer-token auth (the
 * {@code WWW-Authenticate} challenge flow, tokens cached per repository and access), retries with
 * backoff on 429, 5xx and connection failures honouring {@code Retry-After}, body size limits, and
 * a count of the requests sent (tests assert request economy with it).
 *
 * <p>Why not jib-core's {@code RegistryClient}: it is outside jib's API package, parses manifests
 * into its own templates (dropping {@code artifactType}, {@code subject}, annotations; no raw
 * bytes), and has no referrers call, paged tag list or conditional PUT. jib reads credentials
 * ({@link DockerCredentials}).
 */
public final class RegistryClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConcurrentMap<String, Boolean> REFERRERS_API = new ConcurrentHashMap<>();
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
  private static final long MAX_ERROR_BODY = 64 * 1024;

  private final String registry;
  private final String apiHost;
  private final RegistryConfig config;
  private final HttpClient http;
  private final boolean plainAllowed;
  private final AtomicLong requests = new AtomicLong();
  private final ConcurrentMap<String, Token> tokens = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, RegistryStore> stores = new ConcurrentHashMap<>();
  private volatile @Nullable String scheme;
  private volatile boolean basic;
  private volatile boolean bearer;

  @SuppressWarnings("NullableOptional") // null: not looked up yet; empty: there is none
  private volatile @Nullable Optional<RegistryCredential> credential;

  /** A client for {@code registry} ({@code host[:port]}). */
  public RegistryClient(String registry, RegistryConfig config) {
    this.registry = registry;
    this.apiHost = registry.equals("index.docker.io") ? "registry-1.docker.io" : registry;
    this.config = config;
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(30));
    if (config.caFile() != null) {
      b.sslContext(TrustedCertificates.sslContext(config.caFile()));
    }
    this.http = b.build();
    this.plainAllowed = isLoopback(registry) || allowed(config, registry);
  }

  /** The registry, {@code host[:port]}. */
  public String registry() {
    return registry;
  }

  /** The HTTP requests sent so far (retries, auth challenges and token requests included). */
  public long requests() {
    return requests.get();
  }

  /** The store for one repository of this registry (one per name, shared). */
  public RegistryStore repository(String name) {
    return stores.computeIfAbsent(name, n -> new RegistryStore(this, n));
  }

  RegistryConfig config() {
    return config;
  }

  /** Whether plain HTTP may be used (after HTTPS): loopback, or a host the user allowed. */
  public boolean plainHttpAllowed() {
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

  private static boolean allowed(RegistryConfig config, String hostPort) {
    for (String h : config.insecureHosts()) {
      if (h.equalsIgnoreCase(hostPort) || h.equalsIgnoreCase(hostOf(hostPort))) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------

  /** One request. {@code path} is {@code /v2/…} or an absolute URL (a redirect, a Location). */
  record Request(
      String method,
      String path,
      Map<String, String> headers,
      byte @Nullable [] body,
      @Nullable String repository,
      long maxBody,
      boolean auth) {
    Request {
      headers = Map.copyOf(headers);
    }

    boolean push() {
      return !method.equals("GET") && !method.equals("HEAD");
    }

    static Request of(String method, String path, @Nullable String repository) {
      return new Request(method, path, Map.of(), null, repository, MAX_ERROR_BODY, true);
    }

    Request header(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Request(method, path, h, body, repository, maxBody, auth);
    }

    Request body(byte[] content, String contentType) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put("Content-Type", contentType);
      return new Request(method, path, h, content, repository, maxBody, auth);
    }

    Request maxBody(long max) {
      return new Request(method, path, headers, body, repository, max, auth);
    }

    Request withoutAuth() {
      return new Request(method, path, headers, body, repository, maxBody, false);
    }
  }

  /** A response: status, headers, body (read within the request's limit). */
  record Response(int status, HttpHeaders headers, byte[] body, URI uri) {
    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    /** The media type of {@code Content-Type} without parameters. */
    Optional<String> contentType() {
      return header("Content-Type").map(v -> v.split(";", 2)[0].trim());
    }
  }

  private record Token(String value, Instant expires) {}

  /** The URL of a path on this registry (the scheme decided at the first answer). */
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

  Response send(Request req) {
    boolean authRetried = false;
    int attempt = 0;
    while (true) {
      attempt++;
      String decided = scheme;
      String s = decided != null ? decided : "https";
      HttpRequest hr = build(req, s);
      AtomicBoolean answered = new AtomicBoolean();
      HttpResponse<byte[]> resp;
      try {
        resp = http.send(hr, handler(req, answered));
      } catch (IOException e) {
        // decided, not scheme: a concurrent first request may have switched to http meanwhile
        if (!answered.get()
            && decided == null
            && plainAllowed
            && plainServer(e)
            && !isAbsolute(req.path())) {
          scheme = "http"; // a plain-HTTP registry on an allowed host: no request reached it
          attempt--;
          continue;
        }
        requests.incrementAndGet();
        TooLarge large = find(e, TooLarge.class);
        if (large != null) {
          throw tooLarge(req, large.size, large.limit);
        }
        if (answered.get() && scheme == null && !isAbsolute(req.path())) {
          scheme = s;
        }
        if (attempt < config.maxAttempts() && !isTls(e)) {
          sleep(backoff(attempt, null));
          continue;
        }
        if (answered.get()) {
          throw new OciException(
              "the answer of the registry "
                  + registry
                  + " to "
                  + req.method()
                  + " "
                  + describePath(req)
                  + " was cut off or unreadable after "
                  + attempt
                  + " attempt(s): "
                  + e,
              target(req),
              null,
              null,
              e);
        }
        throw new OciException(
            "could not reach the registry "
                + registry
                + " ("
                + req.method()
                + " "
                + describePath(req)
                + ") after "
                + attempt
                + " attempt(s): "
                + e,
            target(req),
            null,
            null,
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OciException("interrupted while talking to " + registry, e);
      }
      requests.incrementAndGet();
      if (scheme == null && !isAbsolute(req.path())) {
        scheme = s;
      }
      byte[] body = resp.body();
      int status = resp.statusCode();
      if (status == 401 && req.auth() && !authRetried && authenticate(req, resp.headers())) {
        authRetried = true;
        attempt--;
        continue;
      }
      if ((status == 429 || (status >= 500 && status != 501 && status != 505))
          && attempt < config.maxAttempts()) {
        sleep(backoff(attempt, resp.headers().firstValue("Retry-After").orElse(null)));
        continue;
      }
      return new Response(status, resp.headers(), body, resp.uri());
    }
  }

  private static boolean isAbsolute(String path) {
    return path.startsWith("http://") || path.startsWith("https://");
  }

  private static boolean isTls(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return true; // a certificate or protocol failure does not go away on retry
      }
    }
    return false;
  }

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

  private String describePath(Request req) {
    String p = req.path();
    int q = p.indexOf('?');
    return q < 0 ? p : p.substring(0, q); // upload state and scopes stay out of messages
  }

  private String target(Request req) {
    return req.repository() == null ? registry : registry + "/" + req.repository();
  }

  private HttpRequest build(Request req, String s) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(req.path(), s));
    b.timeout(Duration.ofMinutes(5));
    HttpRequest.BodyPublisher publisher =
        req.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(req.body());
    b.method(req.method(), publisher);
    req.headers().forEach(b::header);
    if (req.auth()) {
      String a = authorization(req);
      if (a != null) {
        b.header("Authorization", a);
      }
    }
    b.header("User-Agent", "waterline");
    return b.build();
  }

  /** The body, within the request's limit (error bodies: the first 64 KiB, the rest dropped). */
  private HttpResponse.BodyHandler<byte[]> handler(Request req, AtomicBoolean answered) {
    return info -> {
      answered.set(true);
      if (req.method().equals("HEAD")) {
        return HttpResponse.BodySubscribers.replacing(new byte[0]);
      }
      boolean error = info.statusCode() >= 300;
      long limit = error ? MAX_ERROR_BODY : req.maxBody();
      long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      return new Limited(limit, declared, error);
    };
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

  private static <T extends Throwable> @Nullable T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** Collects a body up to a limit: over it, fails (or, for error bodies, keeps the start). */
  private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
    private final long limit;
    private final long declared;
    private final boolean truncateQuietly;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long total;
    private Flow.@Nullable Subscription subscription;

    Limited(long limit, long declared, boolean truncateQuietly) {
      this.limit = limit;
      this.declared = declared;
      this.truncateQuietly = truncateQuietly;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (declared > limit && !truncateQuietly) {
        s.cancel();
        result.completeExceptionally(new TooLarge(declared, limit));
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer b : items) {
        int n = b.remaining();
        total += n;
        if (total > limit) {
          if (!truncateQuietly) {
            if (subscription != null) {
              subscription.cancel();
            }
            result.completeExceptionally(new TooLarge(total, limit));
            return;
          }
          continue;
        }
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

  private OciException tooLarge(Request req, long size, long limit) {
    return new OciException(
        "the answer of the registry "
            + registry
            + " to "
            + req.method()
            + " "
            + describePath(req)
            + " is over the limit of "
            + limit
            + " bytes ("
            + size
            + " bytes seen)",
        target(req),
        null,
        null,
        null);
  }

  private Duration backoff(int attempt, @Nullable String retryAfter) {
    if (retryAfter != null) {
      Duration d = retryAfter(retryAfter);
      if (d != null) {
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
      }
    }
    long ms = config.retryDelay().toMillis() << Math.min(attempt - 1, 10);
    return Duration.ofMillis(Math.min(ms, 10_000));
  }

  private static @Nullable Duration retryAfter(String value) {
    String v = value.trim();
    if (v.matches("[0-9]{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    try {
      Duration d =
          Duration.between(
              Instant.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OciException("interrupted while waiting to retry", e);
    }
  }

  // --- auth ------------------------------------------------------------------------------------

  /**
   * The credential this client would send (configured, else the Docker config's): for handing to
   * jib-core when it builds an image (embed); never printed.
   */
  public Optional<RegistryCredential> credentialForJib() {
    return credential();
  }

  /** The configured credential, else the Docker config's, looked up once. */
  Optional<RegistryCredential> credential() {
    Optional<RegistryCredential> c = credential;
    if (c == null) {
      if (config.credential() != null) {
        c = Optional.of(config.credential());
      } else if (config.dockerConfig() != null) {
        c = DockerCredentials.lookup(config.dockerConfig(), registry);
      } else {
        c = Optional.empty();
      }
      credential = c;
    }
    return c;
  }

  private static String tokenKey(@Nullable String repository, boolean push) {
    return (repository == null ? "" : repository) + (push ? "#push" : "#pull");
  }

  private @Nullable String authorization(Request req) {
    if (bearer) {
      Instant now = Instant.now();
      Token t = tokens.get(tokenKey(req.repository(), req.push()));
      if ((t == null || t.expires().isBefore(now)) && !req.push()) {
        t = tokens.get(tokenKey(req.repository(), true));
      }
      if (t != null && t.expires().isAfter(now)) {
        return "Bearer " + t.value();
      }
      return null;
    }
    if (basic) {
      return credential().map(RegistryCredential::basicAuthorization).orElse(null);
    }
    return null;
  }

  /** Answers a 401 challenge; whether the request should be sent again. */
  private boolean authenticate(Request req, HttpHeaders headers) {
    List<Challenge> challenges = new ArrayList<>();
    for (String v : headers.allValues("WWW-Authenticate")) {
      Challenge.parse(v).ifPresent(challenges::add);
    }
    Optional<Challenge> bearerChallenge =
        challenges.stream().filter(c -> c.scheme().equals("bearer")).findFirst();
    if (bearerChallenge.isPresent()) {
      Challenge c = bearerChallenge.get();
      if (c.param("realm").isEmpty()) {
        return false;
      }
      Token t = fetchToken(c, req);
      tokens.put(tokenKey(req.repository(), req.push()), t);
      bearer = true;
      return true;
    }
    if (challenges.stream().anyMatch(c -> c.scheme().equals("basic"))) {
      if (basic || credential().isEmpty()) {
        return false; // the credential was sent and refused, or there is none
      }
      basic = true;
      return true;
    }
    return false;
  }

  private Token fetchToken(Challenge c, Request req) {
    String realm = c.param("realm").orElseThrow();
    String scope =
        c.param("scope")
            .orElse(
                req.repository() == null
                    ? null
                    : "repository:" + req.repository() + (req.push() ? ":pull,push" : ":pull"));
    StringBuilder url = new StringBuilder(realm);
    String sep = realm.contains("?") ? "&" : "?";
    if (c.param("service").isPresent()) {
      url.append(sep)
          .append("service=")
          .append(URLEncoder.encode(c.param("service").get(), StandardCharsets.UTF_8));
      sep = "&";
    }
    if (scope != null) {
      url.append(sep).append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    }
    URI realmUri;
    try {
      realmUri = URI.create(url.toString());
    } catch (IllegalArgumentException e) {
      throw new OciException(
          "the registry " + registry + " names a token server that is not a URL: " + realm, e);
    }
    Optional<RegistryCredential> cred = credential();
    if ("http".equalsIgnoreCase(realmUri.getScheme())
        && cred.isPresent()
        && !isLoopback(realmUri.getRawAuthority())
        && !allowed(config, realmUri.getRawAuthority())) {
      throw new OciException(
          "the registry "
              + registry
              + " asks for a token from "
              + realm
              + " over plain HTTP; Waterline does not send credentials there unless the host is"
              + " allowed as an insecure registry",
          target(req),
          null,
          null,
          null);
    }
    Request tr = Request.of("GET", realmUri.toString(), req.repository()).withoutAuth();
    if (cred.isPresent()) {
      tr = tr.header("Authorization", cred.get().basicAuthorization());
    }
    Response r = send(tr);
    if (r.status() != 200) {
      throw new OciException(
          "the token server "
              + realmUri.getScheme()
              + "://"
              + realmUri.getRawAuthority()
              + realmUri.getRawPath()
              + " of the registry "
              + registry
              + " refused a token for "
              + target(req)
              + " (scope "
              + scope
              + "): HTTP "
              + r.status()
              + errorCodes(r.body())
              + (cred.isPresent()
                  ? "; the credentials of " + cred.get().username() + " were refused"
                  : "; no credentials are configured for " + registry),
          target(req),
          null,
          null,
          null);
    }
    try {
      JsonNode n = JSON.readTree(r.body());
      JsonNode tok = n.hasNonNull("token") ? n.get("token") : n.get("access_token");
      if (tok == null || !tok.isTextual() || tok.asText().isEmpty()) {
        throw new OciException(
            "the token server of " + registry + " answered without a token",
            target(req),
            null,
            null,
            null);
      }
      long seconds =
          n.has("expires_in") && n.get("expires_in").canConvertToLong()
              ? n.get("expires_in").asLong()
              : 60;
      return new Token(tok.asText(), Instant.now().plusSeconds(Math.max(seconds - 10, 1)));
    } catch (IOException e) {
      throw new OciException(
          "the token server of " + registry + " answered with something that is not JSON", e);
    }
  }

  // --- errors ----------------------------------------------------------------------------------

  /** {@code " CODE: message, CODE2: …"} from a distribution error body, or "". */
  static String errorCodes(byte[] body) {
    try {
      JsonNode n = JSON.readTree(body);
      JsonNode errors = n == null ? null : n.get("errors");
      if (errors == null || !errors.isArray() || errors.isEmpty()) {
        return "";
      }
      List<String> parts = new ArrayList<>();
      for (JsonNode e : errors) {
        String code = e.path("code").asText("");
        String message = e.path("message").asText("");
        parts.add(code + (message.isEmpty() ? "" : " (" + message + ")"));
      }
      return " " + String.join(", ", parts);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** The error for an unexpected answer to {@code action} on {@code repository}. */
  OciException failure(Response r, String action, String repository, @Nullable String reference) {
    String where = registry + "/" + repository;
    StringBuilder m =
        new StringBuilder(action)
            .append(" in ")
            .append(where)
            .append(" failed: HTTP ")
            .append(r.status())
            .append(errorCodes(r.body()));
    if (r.status() == 401 || r.status() == 403) {
      Optional<RegistryCredential> c = credential();
      m.append(
          c.isPresent()
              ? "; the credentials of " + c.get().username() + " for " + registry + " were refused"
              : "; no credentials are configured for "
                  + registry
                  + " (RegistryOptions.credentials, or docker login)");
    }
    return new OciException(
        m.toString(),
        reference == null ? where : where + (reference.contains(":") ? "@" : ":") + reference,
        reference != null && reference.contains(":") ? reference : null,
        null,
        null);
  }

  /** Whether the registry has the referrers API (asked once per registry in this process). */
  boolean referrersApi(String repository) {
    String key = apiHost;
    Boolean known = REFERRERS_API.get(key);
    if (known != null) {
      return known;
    }
    Response r =
        send(
            Request.of(
                    "GET",
                    "/v2/"
                        + repository
                        + "/referrers/sha256:0000000000000000000000000000000000000000000000000000000000000000",
                    repository)
                .header("Accept", "application/vnd.oci.image.index.v1+json")
                .maxBody(4 * 1024 * 1024));
    if (r.status() == 200
        && r.contentType().orElse("").equals("application/vnd.oci.image.index.v1+json")) {
      REFERRERS_API.put(key, true);
      return true;
    }
    if (r.status() == 404 && errorCodes(r.body()).contains("NAME_UNKNOWN")) {
      return false; // the repository does not exist yet: ask again later
    }
    if (r.status() == 401 || r.status() == 403) {
      throw failure(r, "probing the referrers API", repository, null);
    }
    REFERRERS_API.put(key, false);
    return false;
  }

  @Override
  public String toString() {
    return "RegistryClient[" + registry + ", " + config + "]";
  }
}
