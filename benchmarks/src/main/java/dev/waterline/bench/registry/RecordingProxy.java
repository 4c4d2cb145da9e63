package dev.waterline.bench.registry;

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
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A plain HTTP/1.1 proxy in front of a registry that writes down every request passing through it
 * (method, target, headers, body) with the answer's status, under the phase the caller names. The
 * curl baseline replays what it wrote, so curl sends what our client sent. {@code Location} headers
 * are rewritten to point back at the proxy; a TLS ClientHello gets a plain 400 as Go's server
 * answers it, so clients fall back to plain HTTP as they do with the registry itself.
 */
public final class RecordingProxy implements AutoCloseable {
  /** One request as our client sent it, and the status it got. */
  public record Exchange(
      String phase,
      String method,
      String target,
      List<String> headers,
      byte @Nullable [] body,
      int status,
      @Nullable String location) {}

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

  private final String upstream;
  private final ServerSocket server;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "recording-proxy");
            t.setDaemon(true);
            return t;
          });
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final List<Exchange> exchanges = new ArrayList<>();
  private volatile String phase = "setup";

  /** A proxy for {@code upstream} ({@code 127.0.0.1:port}, plain HTTP) on a free port. */
  public RecordingProxy(String upstream) throws IOException {
    this.upstream = upstream;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.submit(this::acceptLoop);
  }

  /** {@code 127.0.0.1:<port>}. */
  public String host() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** Requests from now on are written down under {@code name}. */
  public void phase(String name) {
    this.phase = name;
  }

  /** Everything written down so far, in the order the requests arrived. */
  public synchronized List<Exchange> exchanges() {
    return List.copyOf(exchanges);
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
        HttpRequest.Builder b =
            HttpRequest.newBuilder(URI.create("http://" + upstream + target))
                .timeout(Duration.ofSeconds(60))
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : headers) {
          int colon = h.indexOf(':');
          b.header(h.substring(0, colon), h.substring(colon + 2));
        }
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        String location = r.headers().firstValue("Location").orElse(null);
        synchronized (this) {
          exchanges.add(
              new Exchange(phase, method, target, headers, body, r.statusCode(), location));
        }
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
        if (!method.equals("HEAD")) {
          out.write(rb);
        }
        out.flush();
      }
    } catch (IOException e) {
      // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
