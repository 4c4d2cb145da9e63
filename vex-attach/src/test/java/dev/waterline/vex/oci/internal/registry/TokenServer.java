package dev.waterline.vex.oci.internal.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Docker token server for distribution's {@code auth: token} (test code): checks Basic
 * credentials and mints ES256 JWTs whose {@code kid} is the libtrust key ID of the signing
 * certificate the registry trusts ({@code rootcertbundle}), granting what the scope asks.
 */
public final class TokenServer implements AutoCloseable {
  public static final String ISSUER = "test-issuer";
  public static final String SERVICE = "test-registry";

  private final HttpServer server;
  private final PrivateKey key;
  private final String kid;
  private final String user;
  private final String password;
  private final AtomicInteger tokens = new AtomicInteger();
  private final List<String> scopes = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Makes a signing key and certificate in {@code dir} ({@code signer.crt} for the registry's
   * rootcertbundle) with openssl and starts on a free loopback port.
   */
  public TokenServer(Path dir, String user, String password) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                "signer.key",
                "-out",
                "signer.crt",
                "-days",
                "2",
                "-subj",
                "/CN=test-token-signer")
            .directory(dir.toFile())
            .redirectErrorStream(true);
    Process p = pb.start();
    p.getInputStream().readAllBytes();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("openssl could not make the token signing key");
    }
    String pem = Files.readString(dir.resolve("signer.key"));
    byte[] der =
        Base64.getMimeDecoder()
            .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    this.key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    PublicKey pub;
    try (InputStream in = Files.newInputStream(dir.resolve("signer.crt"))) {
      pub = CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey();
    }
    this.kid = libtrustKid(pub);
    this.user = user;
    this.password = password;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::token);
    server.start();
  }

  /** The signing certificate the registry must trust. */
  public static Path certificate(Path dir) {
    return dir.resolve("signer.crt");
  }

  public String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** Tokens minted so far. */
  public int tokens() {
    return tokens.get();
  }

  /** The scopes asked for, in order. */
  public List<String> scopes() {
    return List.copyOf(scopes);
  }

  static String libtrustKid(PublicKey key) throws Exception {
    byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder b32 = new StringBuilder();
    int bits = 0;
    int value = 0;
    for (int i = 0; i < 30; i++) {
      value = (value << 8) | (h[i] & 0xff);
      bits += 8;
      while (bits >= 5) {
        b32.append(alphabet.charAt((value >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < b32.length(); i += 4) {
      groups.add(b32.substring(i, i + 4));
    }
    return String.join(":", groups);
  }

  private void token(HttpExchange ex) throws IOException {
    try (ex) {
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        byte[] body =
            "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"token\"");
        ex.sendResponseHeaders(401, body.length);
        ex.getResponseBody().write(body);
        return;
      }
      String service = "";
      List<String> requested = new ArrayList<>();
      String query = ex.getRequestURI().getRawQuery();
      for (String kv : query == null ? new String[0] : query.split("&")) {
        int eq = kv.indexOf('=');
        String k = URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8);
        String v = URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
        if (k.equals("service")) {
          service = v;
        } else if (k.equals("scope")) {
          scopes.add(v);
          requested.addAll(List.of(v.split(" ")));
        }
      }
      StringBuilder access = new StringBuilder("[");
      for (String s : requested) {
        int first = s.indexOf(':');
        int last = s.lastIndexOf(':');
        if (first < 0 || last == first) {
          continue;
        }
        if (access.length() > 1) {
          access.append(',');
        }
        access
            .append("{\"type\":\"")
            .append(s, 0, first)
            .append("\",\"name\":\"")
            .append(s, first + 1, last)
            .append("\",\"actions\":[\"")
            .append(String.join("\",\"", s.substring(last + 1).split(",")))
            .append("\"]}");
      }
      access.append(']');
      long now = Instant.now().getEpochSecond();
      String header = "{\"typ\":\"JWT\",\"alg\":\"ES256\",\"kid\":\"" + kid + "\"}";
      String claims =
          "{\"iss\":\""
              + ISSUER
              + "\",\"sub\":\""
              + user
              + "\",\"aud\":\""
              + service
              + "\",\"exp\":"
              + (now + 300)
              + ",\"nbf\":"
              + (now - 10)
              + ",\"iat\":"
              + now
              + ",\"jti\":\"j"
              + tokens.incrementAndGet()
              + "\",\"access\":"
              + access
              + "}";
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      String input =
          b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
              + "."
              + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
      Signature sig = Signature.getInstance("SHA256withECDSAinP1363Format");
      sig.initSign(key);
      sig.update(input.getBytes(StandardCharsets.US_ASCII));
      String jwt = input + "." + b64.encodeToString(sig.sign());
      byte[] body =
          ("{\"token\":\"" + jwt + "\",\"access_token\":\"" + jwt + "\",\"expires_in\":300}")
              .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
