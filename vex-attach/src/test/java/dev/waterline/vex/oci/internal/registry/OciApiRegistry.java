package dev.waterline.vex.oci.internal.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.store.Referrers;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.oci.internal.store.TagConflictException;
import dev.waterline.vex.testkit.internal.InMemoryStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small in-process registry that implements the OCI distribution spec 1.1 parts Waterline uses,
 * including the referrers API (paged, {@code Link}) and {@code OCI-Subject}: blobs (HEAD, GET, POST
 * + monolithic PUT, mount), manifests (HEAD, GET, PUT with {@code If-Match}/{@code If-None-Match:
 * *} → 412), paged tags, referrers. Repositories are {@link InMemoryStore}s with the referrers
 * query on. Test code: DESIGN's "referrers-API path" registry.
 */
public final class OciApiRegistry implements AutoCloseable {
  private static final Pattern ROUTE =
      Pattern.compile(
          "^/v2/(.+?)/(blobs/uploads/|blobs/uploads/[^/]+|blobs/[^/]+|manifests/[^/]+|tags/list|referrers/[^/]+)$");

  private final HttpServer server;
  private final Map<String, InMemoryStore> repos = new ConcurrentHashMap<>();
  private final Map<String, String> uploads = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final int pageSize;

  /** Starts on a free loopback port; referrers and tags are listed {@code pageSize} per page. */
  public OciApiRegistry(int pageSize) throws IOException {
    this.pageSize = pageSize;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Requests answered so far. */
  public int requests() {
    return requests.get();
  }

  private InMemoryStore repo(String name) {
    return repos.computeIfAbsent(name, n -> new InMemoryStore(n, true));
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> q = new HashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String kv : raw.split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          q.put(
              URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return q;
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String method = ex.getRequestMethod();
      byte[] body = ex.getRequestBody().readAllBytes();
      if (path.equals("/v2/") || path.equals("/v2")) {
        send(ex, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      Matcher m = ROUTE.matcher(path);
      if (!m.matches()) {
        send(ex, 404, "text/plain", "404 page not found\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String name = m.group(1);
      String rest = m.group(2);
      InMemoryStore store = repo(name);
      Map<String, String> q = query(ex);
      try {
        if (rest.equals("blobs/uploads/") && method.equals("POST")) {
          String mount = q.get("mount");
          String from = q.get("from");
          if (mount != null && from != null && repos.containsKey(from)) {
            Optional<byte[]> b = repos.get(from).blob(Digest.parse(mount));
            if (b.isPresent()) {
              store.putBlob(b.get());
              ex.getResponseHeaders().add("Docker-Content-Digest", mount);
              ex.getResponseHeaders().add("Location", "/v2/" + name + "/blobs/" + mount);
              send(ex, 201, null, new byte[0]);
              return;
            }
          }
          String id = UUID.randomUUID().toString();
          uploads.put(id, name);
          ex.getResponseHeaders().add("Location", "/v2/" + name + "/blobs/uploads/" + id);
          send(ex, 202, null, new byte[0]);
        } else if (rest.startsWith("blobs/uploads/") && method.equals("PUT")) {
          String id = rest.substring("blobs/uploads/".length());
          if (uploads.remove(id) == null) {
            error(ex, 404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown");
            return;
          }
          Digest d = Digest.parse(q.getOrDefault("digest", ""));
          if (!d.matches(body)) {
            error(ex, 400, "DIGEST_INVALID", "provided digest did not match uploaded content");
            return;
          }
          store.putBlob(body);
          ex.getResponseHeaders().add("Docker-Content-Digest", d.toString());
          ex.getResponseHeaders().add("Location", "/v2/" + name + "/blobs/" + d);
          send(ex, 201, null, new byte[0]);
        } else if (rest.startsWith("blobs/") && (method.equals("GET") || method.equals("HEAD"))) {
          Digest d = Digest.parse(rest.substring("blobs/".length()));
          Optional<byte[]> b = store.blob(d);
          if (b.isEmpty()) {
            error(ex, 404, "BLOB_UNKNOWN", "blob unknown to registry");
            return;
          }
          ex.getResponseHeaders().add("Docker-Content-Digest", d.toString());
          send(ex, 200, "application/octet-stream", b.get());
        } else if (rest.startsWith("manifests/")) {
          manifest(ex, name, store, rest.substring("manifests/".length()), method, body);
        } else if (rest.equals("tags/list")) {
          List<String> tags = store.tags();
          String last = q.get("last");
          int n = q.containsKey("n") ? Integer.parseInt(q.get("n")) : pageSize;
          List<String> after =
              tags.stream().filter(t -> last == null || t.compareTo(last) > 0).toList();
          List<String> page = after.subList(0, Math.min(n, after.size()));
          if (after.size() > page.size()) {
            ex.getResponseHeaders()
                .add(
                    "Link",
                    "</v2/"
                        + name
                        + "/tags/list?n="
                        + n
                        + "&last="
                        + page.get(page.size() - 1)
                        + ">; rel=\"next\"");
          }
          StringBuilder json = new StringBuilder("{\"name\":\"" + name + "\",\"tags\":[");
          for (int i = 0; i < page.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(page.get(i)).append('"');
          }
          send(
              ex,
              200,
              "application/json",
              json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        } else if (rest.startsWith("referrers/") && method.equals("GET")) {
          Digest subject = Digest.parse(rest.substring("referrers/".length()));
          List<Descriptor> all = store.referrers(subject).orElseThrow().referrers();
          int from = Integer.parseInt(q.getOrDefault("page", "0"));
          List<Descriptor> page =
              all.subList(Math.min(from, all.size()), Math.min(from + pageSize, all.size()));
          if (from + pageSize < all.size()) {
            ex.getResponseHeaders()
                .add(
                    "Link",
                    "</v2/" + name + "/" + rest + "?page=" + (from + pageSize) + ">; rel=\"next\"");
          }
          send(ex, 200, MediaTypes.OCI_INDEX, OciJson.write(ImageIndex.of(page)));
        } else {
          error(ex, 405, "UNSUPPORTED", "unsupported");
        }
      } catch (TagConflictException e) {
        error(ex, 412, "PRECONDITION_FAILED", "the tag moved");
      } catch (OciException | IllegalArgumentException e) {
        String code =
            e.getMessage() != null && e.getMessage().contains("missing")
                ? "MANIFEST_BLOB_UNKNOWN"
                : "MANIFEST_INVALID";
        error(ex, 400, code, "refused");
      }
    }
  }

  private void manifest(
      HttpExchange ex, String name, InMemoryStore store, String ref, String method, byte[] body)
      throws IOException {
    if (method.equals("GET") || method.equals("HEAD")) {
      Optional<StoredManifest> m = store.manifest(ref);
      if (m.isEmpty()) {
        error(ex, 404, "MANIFEST_UNKNOWN", "manifest unknown");
        return;
      }
      ex.getResponseHeaders().add("Docker-Content-Digest", m.get().digest().toString());
      ex.getResponseHeaders().add("ETag", "\"" + m.get().digest() + "\"");
      send(ex, 200, m.get().mediaType(), m.get().bytes());
      return;
    }
    if (!method.equals("PUT")) {
      error(ex, 405, "UNSUPPORTED", "unsupported");
      return;
    }
    String mediaType = ex.getRequestHeaders().getFirst("Content-Type");
    boolean byDigest = Digest.isDigest(ref);
    if (byDigest && !Digest.parse(ref).matches(body)) {
      error(ex, 400, "DIGEST_INVALID", "digest did not match");
      return;
    }
    String ifMatch = ex.getRequestHeaders().getFirst("If-Match");
    String ifNoneMatch = ex.getRequestHeaders().getFirst("If-None-Match");
    StoredManifest stored;
    if (!byDigest && (ifMatch != null || "*".equals(ifNoneMatch))) {
      Digest expected = ifMatch == null ? null : Digest.parse(ifMatch.replace("\"", "").trim());
      stored = store.putManifestIfCurrent(body, mediaType, ref, expected);
    } else {
      stored = store.putManifest(body, mediaType, byDigest ? null : ref);
    }
    Referrers.of(stored, "test")
        .ifPresent(r -> ex.getResponseHeaders().add("OCI-Subject", r.subject().toString()));
    ex.getResponseHeaders().add("Docker-Content-Digest", stored.digest().toString());
    ex.getResponseHeaders().add("Location", "/v2/" + name + "/manifests/" + stored.digest());
    send(ex, 201, null, new byte[0]);
  }

  private static void error(HttpExchange ex, int status, String code, String message)
      throws IOException {
    send(
        ex,
        status,
        "application/json",
        ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    if (contentType != null) {
      ex.getResponseHeaders().add("Content-Type", contentType);
    }
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
