package dev.waterline.vex.oci.internal.registry;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A small HTTP/1.1 proxy in front of a real registry that injects faults into chosen requests: 500,
 * 503, 429 (with {@code Retry-After: 0}), a connection reset in the middle of a body, a truncated
 * body (connection closed early), a corrupted body. Location headers are rewritten to point back at
 * the proxy. A TLS ClientHello gets a plain 400 (as Go's server answers), so clients fall back to
 * plain HTTP as they do with the registry itself. A {@link Listener} is told of every request it
 * forwards (the benchmarks' recording proxy is one).
 */
public final class FaultProxy implements AutoCloseable {
  /** Told of each request forwarded upstream, before its answer goes back to the client. */
  @FunctionalInterface
  public interface Listener {
    /**
     * A request as the client sent it: {@code headers} as {@code Name: value} without hop-by-hop
     * headers and {@code Content-Length}; {@code body} null when the request had no {@code
     * Content-Length}. {@code status} and {@code location} are the registry's answer.
     */
    void exchanged(
        String method,
        String target,
        List<String> headers,
        byte @Nullable [] body,
        int status,
        @Nullable String location);
  }

  /** What to do to a matching request. */
  public enum Fault {
    STATUS_500,
    STATUS_503,
    STATUS_429,
    /** 403 DENIED, as a registry answers a client without the right to do what it asks. */
    STATUS_403,
    RESET_MID_BODY,
    TRUNCATE,
    CORRUPT
  }

  private static final Set<String> HOP =
      Set.of(
          "connection",
          "keep-alive",
          "transfer-encoding",
          "content-length",
          "host",
          "expect",
          "upgrade",
          "te",
          "trailer",
          "proxy-connection");

  private static final class Rule {
    final String method;
    final Pattern path;
    final Fault fault;
    final AtomicInteger remaining;

    Rule(String method, String pathRegex, Fault fault, int times) {
      this.method = method;
      this.path = Pattern.compile(pathRegex);
      this.fault = fault;
      this.remaining = new AtomicInteger(times);
    }
  }

  private final String upstream;
  private final ServerSocket server;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
          });
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final AtomicInteger injected = new AtomicInteger();
  private volatile Listener listener = (method, target, headers, body, status, location) -> {};

  /** A proxy for {@code upstream} ({@code 127.0.0.1:port}, plain HTTP) on a free port. */
  public FaultProxy(String upstream) throws IOException {
    this.upstream = upstream;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.submit(this::acceptLoop);
  }

  /** {@code 127.0.0.1:<port>}. */
  public String host() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** Injects {@code fault} into the next {@code times} requests matching method and path regex. */
  public void inject(String method, String pathRegex, Fault fault, int times) {
    rules.add(new Rule(method, pathRegex, fault, times));
  }

  /** Tells {@code listener} of every request forwarded from now on. */
  public void listen(Listener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Removes every rule and zeroes the count of injected faults. */
  public void clear() {
    rules.clear();
    injected.set(0);
  }

  /** How many faults were injected. */
  public int injected() {
    return injected.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        pool.submit(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      // A response goes out in two writes (head, then body): without this, Nagle's algorithm holds
      // the body until the client acknowledges the head, which it delays by up to 40 ms, so every
      // request through the proxy took 40 ms more than the registry needed.
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        in.mark(1);
        int first = in.read();
        if (first < 0) {
          return;
        }
        if (first == 0x16) { // a TLS handshake on a plain port
          out.write(
              "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n"
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          return;
        }
        in.reset();
        String head = readHead(in);
        if (head == null) {
          return;
        }
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        String method = requestLine[0];
        String target = requestLine[1];
        List<String> headers = new ArrayList<>();
        int length = -1;
        for (int i = 1; i < lines.length; i++) {
          int colon = lines[i].indexOf(':');
          if (colon <= 0) {
            continue;
          }
          String name = lines[i].substring(0, colon).trim();
          String value = lines[i].substring(colon + 1).trim();
          if (name.equalsIgnoreCase("Content-Length")) {
            length = Integer.parseInt(value);
          } else if (!HOP.contains(name.toLowerCase(Locale.ROOT))) {
            headers.add(name + ": " + value);
          }
        }
        byte[] body = length < 0 ? null : in.readNBytes(length);
        Fault fault = match(method, target);
        if (fault == Fault.STATUS_500
            || fault == Fault.STATUS_503
            || fault == Fault.STATUS_429
            || fault == Fault.STATUS_403) {
          String status =
              fault == Fault.STATUS_500
                  ? "500 Internal Server Error"
                  : fault == Fault.STATUS_503
                      ? "503 Service Unavailable"
                      : fault == Fault.STATUS_403 ? "403 Forbidden" : "429 Too Many Requests";
          byte[] err =
              ("{\"errors\":[{\"code\":\"INJECTED\",\"message\":\"" + status + "\"}]}")
                  .getBytes(StandardCharsets.UTF_8);
          out.write(
              ("HTTP/1.1 "
                      + status
                      + "\r\nContent-Type: application/json\r\n"
                      + (fault == Fault.STATUS_429 ? "Retry-After: 0\r\n" : "")
                      + "Content-Length: "
                      + err.length
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.write(err);
          out.flush();
          continue;
        }
        HttpRequest.Builder b =
            HttpRequest.newBuilder(URI.create("http://" + upstream + target))
                .timeout(Duration.ofSeconds(60))
                .method(
                    method,
                    body == null
                            || (body.length == 0 && !method.equals("PUT") && !method.equals("POST"))
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : headers) {
          int colon = header.indexOf(':');
          b.header(header.substring(0, colon), header.substring(colon + 2));
        }
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        listener.exchanged(
            method,
            target,
            List.copyOf(headers),
            body,
            r.statusCode(),
            r.headers().firstValue("Location").orElse(null));
        byte[] rb = r.body();
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(r.statusCode()).append(" X\r\n");
        r.headers()
            .map()
            .forEach(
                (k, vs) -> {
                  if (HOP.contains(k.toLowerCase(Locale.ROOT)) || k.startsWith(":")) {
                    return;
                  }
                  for (String v : vs) {
                    if (k.equalsIgnoreCase("Location")) {
                      v = v.replace("//" + upstream, "//" + host());
                    }
                    h.append(k).append(": ").append(v).append("\r\n");
                  }
                });
        long declared =
            method.equals("HEAD")
                ? r.headers().firstValueAsLong("Content-Length").orElse(0)
                : rb.length;
        h.append("Content-Length: ").append(declared).append("\r\n\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (method.equals("HEAD")) {
          out.flush();
          continue;
        }
        if (fault == Fault.RESET_MID_BODY || fault == Fault.TRUNCATE) {
          out.write(rb, 0, rb.length / 2);
          out.flush();
          if (fault == Fault.RESET_MID_BODY) {
            socket.setSoLinger(true, 0); // close with RST
          }
          return;
        }
        if (fault == Fault.CORRUPT && rb.length > 0) {
          rb = rb.clone();
          rb[rb.length / 2] ^= 0x20;
        }
        out.write(rb);
        out.flush();
      }
    } catch (IOException e) {
      // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private @Nullable Fault match(String method, String target) {
    for (Rule r : rules) {
      if (r.method.equals(method)
          && r.path.matcher(target).find()
          && r.remaining.getAndDecrement() > 0) {
        injected.incrementAndGet();
        return r.fault;
      }
    }
    return null;
  }

  private static @Nullable String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      b.write(c);
      state =
          (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
              ? state + 1
              : (c == '\r' ? 1 : 0);
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
  }
}
