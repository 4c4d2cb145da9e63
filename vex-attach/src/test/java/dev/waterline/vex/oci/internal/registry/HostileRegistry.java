package dev.waterline.vex.oci.internal.registry;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A hostile "registry" on 127.0.0.1 for faults a real registry cannot be made to show (test code):
 * a raw-socket HTTP/1.1 server whose {@link Handler} writes whatever it likes (echoes of the
 * request's {@code Authorization}, a malformed status line, a body one byte every two seconds, or
 * nothing at all). A TLS ClientHello gets a plain-HTTP 400, as Go's server answers, so clients fall
 * back to plain HTTP on loopback; {@link #silent()} answers nothing, not even that. Every request
 * read is kept ({@link #requests()}). {@link #close()} closes every connection, which ends handlers
 * that hang or drip.
 */
public final class HostileRegistry implements AutoCloseable {
  /** A request as the server read it. */
  public record Seen(String method, String target, List<String> headers, byte[] body) {
    /** The first value of a header. */
    public Optional<String> header(String name) {
      for (String h : headers) {
        int colon = h.indexOf(':');
        if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return Optional.of(h.substring(colon + 1).trim());
        }
      }
      return Optional.empty();
    }

    /** The {@code Authorization} header, or "" (what a hostile server echoes). */
    public String authorization() {
      return header("Authorization").orElse("");
    }
  }

  /** Answers one request by writing to the wire. */
  @FunctionalInterface
  public interface Handler {
    void handle(Seen request, Wire wire) throws IOException, InterruptedException;
  }

  /** The connection of one request: write an answer, or misbehave. */
  public static final class Wire {
    private final Socket socket;
    private final OutputStream out;
    private final CountDownLatch closed;
    private boolean keep = true;

    Wire(Socket socket, OutputStream out, CountDownLatch closed) {
      this.socket = socket;
      this.out = out;
      this.closed = closed;
    }

    /** A whole answer: status (reason "X"), headers, body with its {@code Content-Length}. */
    public void respond(int status, Map<String, String> headers, String body) throws IOException {
      respond(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A whole answer with a byte body. */
    public void respond(int status, Map<String, String> headers, byte[] body) throws IOException {
      StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
      headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
      h.append("Content-Length: ").append(body.length).append("\r\n\r\n");
      out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
    }

    /** Raw bytes, as they are (a malformed status line, half a header). */
    public void raw(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    /** {@code bytes} one at a time, {@code every} apart (until the client goes away). */
    public void drip(byte[] bytes, Duration every) throws IOException, InterruptedException {
      for (byte b : bytes) {
        out.write(b);
        out.flush();
        Thread.sleep(every.toMillis());
      }
    }

    /** Says nothing more until the client or the server closes the connection. */
    public void hang() throws InterruptedException {
      keep = false;
      closed.await();
    }

    /** Closes the connection after this answer. */
    public void close() throws IOException {
      keep = false;
      socket.close();
    }
  }

  /**
   * Answers by the first route whose method and path pattern match (patterns are found in the
   * request target, query included), else 404 {@code MANIFEST_UNKNOWN}.
   */
  public static final class Routes implements Handler {
    private record Route(String method, Pattern path, Handler handler) {}

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** Answers {@code method} requests whose target matches {@code pathRegex} with {@code h}. */
    public Routes on(String method, String pathRegex, Handler h) {
      routes.add(new Route(method, Pattern.compile(pathRegex), h));
      return this;
    }

    /**
     * Serves {@link TinyImage} as {@code repository:tag} (manifest by tag and digest, config blob),
     * says every blob is there (HEAD 200, upload POST 201) and takes manifest PUTs (201).
     */
    public Routes image(String repository, String tag) {
      String v2 = "^/v2/" + Pattern.quote(repository);
      Map<String, String> manifest = Map.of("Content-Type", TinyImage.MEDIA_TYPE);
      return on(
              "GET",
              v2 + "/manifests/(" + Pattern.quote(tag) + "|" + TinyImage.DIGEST + ")$",
              (r, w) -> w.respond(200, manifest, TinyImage.MANIFEST))
          .on(
              "GET",
              v2 + "/blobs/" + TinyImage.CONFIG_DIGEST + "$",
              (r, w) -> w.respond(200, Map.of(), TinyImage.CONFIG))
          .on("HEAD", v2 + "/blobs/", (r, w) -> w.respond(200, Map.of(), new byte[0]))
          .on("POST", v2 + "/blobs/uploads/", (r, w) -> w.respond(201, Map.of(), new byte[0]))
          .on("PUT", v2 + "/manifests/", (r, w) -> w.respond(201, Map.of(), new byte[0]));
    }

    @Override
    public void handle(Seen request, Wire wire) throws IOException, InterruptedException {
      for (Route r : routes) {
        if (r.method().equals(request.method()) && r.path().matcher(request.target()).find()) {
          r.handler().handle(request, wire);
          return;
        }
      }
      wire.respond(
          404,
          Map.of("Content-Type", "application/json"),
          "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"not here\"}]}");
    }
  }

  /** A valid single-platform OCI image with no layers: a manifest and its config. */
  public static final class TinyImage {
    public static final String MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
    public static final byte[] CONFIG =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\","
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
            .getBytes(StandardCharsets.UTF_8);
    public static final String CONFIG_DIGEST = sha256(CONFIG);
    public static final byte[] MANIFEST =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MEDIA_TYPE
                + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\""
                + CONFIG_DIGEST
                + "\",\"size\":"
                + CONFIG.length
                + "},\"layers\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    public static final String DIGEST = sha256(MANIFEST);

    private TinyImage() {}

    static String sha256(byte[] b) {
      try {
        return "sha256:"
            + java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final ServerSocket server;
  private final @Nullable Handler handler;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "hostile-registry");
            t.setDaemon(true);
            return t;
          });
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closed = new CountDownLatch(1);

  private HostileRegistry(@Nullable Handler handler) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.handler = handler;
    pool.submit(this::acceptLoop);
  }

  /** A server answering every request with {@code handler}. */
  public static HostileRegistry start(Handler handler) throws IOException {
    return new HostileRegistry(handler);
  }

  /** A server that accepts connections and never sends a byte (nor reads past the first). */
  public static HostileRegistry silent() throws IOException {
    return new HostileRegistry(null);
  }

  /** {@code 127.0.0.1:<port>}. */
  public String host() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /** The requests read so far, in order. */
  public List<Seen> requests() {
    return List.copyOf(seen);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
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
      if (handler == null) {
        in.read(); // the first byte of whatever comes; then nothing, ever
        closed.await();
        return;
      }
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
        List<String> headers = new ArrayList<>();
        int length = 0;
        for (int i = 1; i < lines.length; i++) {
          headers.add(lines[i]);
          int colon = lines[i].indexOf(':');
          if (colon > 0
              && lines[i]
                  .substring(0, colon)
                  .trim()
                  .toLowerCase(Locale.ROOT)
                  .equals("content-length")) {
            length = Integer.parseInt(lines[i].substring(colon + 1).trim());
          }
        }
        byte[] body = in.readNBytes(length);
        Seen request = new Seen(requestLine[0], requestLine[1], List.copyOf(headers), body);
        seen.add(request);
        Wire wire = new Wire(socket, out, closed);
        handler.handle(request, wire);
        if (!wire.keep) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(socket);
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
    closed.countDown();
    server.close();
    for (Socket s : open) {
      s.close();
    }
    pool.shutdownNow();
  }

  @Override
  public String toString() {
    return "HostileRegistry[" + host() + (handler == null ? ", silent" : "") + "]";
  }
}
