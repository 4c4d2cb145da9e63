package dev.waterline.vex.oci.internal.registry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Debian's {@code docker-registry} (CNCF distribution 2.8.2) for integration tests: started on
 * 127.0.0.1 port 0 with a config file of its own in a temporary directory (filesystem storage
 * there), the port read from its log ({@code level: info} prints "listening on"), stopped by PID
 * after the tests and on JVM exit. Variants: plain HTTP; TLS with a self-signed CA made with
 * openssl plus htpasswd (bcrypt cost 4, made with {@code htpasswd}). Tests are skipped, saying why,
 * when a tool is missing ({@code scripts/install-test-deps.sh} installs them).
 */
public final class DistributionRegistry implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");
  public static final String USER = "alice";

  private static final Pattern LISTENING =
      Pattern.compile("msg=\"listening on 127\\.0\\.0\\.1:([0-9]+)");

  private final Process process;
  private final Path dir;
  private final int port;
  private final boolean tls;
  private final String password;
  private final Thread hook;

  private DistributionRegistry(
      Process process, Path dir, int port, boolean tls, String password, Thread hook) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.tls = tls;
    this.password = password;
    this.hook = hook;
  }

  /** Skips the calling test unless the registry binary is installed. */
  public static void assumeInstalled() {
    assumeTrue(
        Files.isExecutable(BINARY),
        BINARY
            + " is missing: install Debian's docker-registry (scripts/install-test-deps.sh) to run"
            + " the registry integration tests");
  }

  public static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  /** A plain-HTTP registry without auth. */
  public static DistributionRegistry plain(Path dir) {
    assumeInstalled();
    return start(dir, false, null, null, true);
  }

  /**
   * A plain-HTTP registry without auth that refuses deletes ({@code storage.delete.enabled: false},
   * distribution's default: {@code DELETE} answers 405 {@code UNSUPPORTED}).
   */
  public static DistributionRegistry withoutDeletes(Path dir) {
    assumeInstalled();
    return start(dir, false, null, null, true, false);
  }

  /**
   * A plain-HTTP registry without auth and without an access log, creating {@code dir}: what the
   * benchmarks measure against (and {@code scripts/bench-registry-curl.sh} starts too). Not a test
   * assumption: a missing binary is an {@link IllegalStateException} naming the install script.
   */
  public static DistributionRegistry quiet(Path dir) {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          BINARY
              + " is missing: install Debian's docker-registry (scripts/install-test-deps.sh)"
              + " to run the registry benchmark");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + dir, e);
    }
    return start(dir, false, null, null, false);
  }

  /**
   * A plain-HTTP registry with token auth: it sends Bearer challenges pointing at {@code realm} and
   * accepts JWTs signed by the key of {@code signerCertificate} (see {@link TokenServer}).
   */
  public static DistributionRegistry withTokenAuth(Path dir, String realm, Path signerCertificate) {
    assumeInstalled();
    String auth =
        "auth:\n  token:\n    realm: "
            + realm
            + "\n    service: "
            + TokenServer.SERVICE
            + "\n    issuer: "
            + TokenServer.ISSUER
            + "\n    rootcertbundle: "
            + signerCertificate
            + "\n";
    return start(dir, false, null, auth, true);
  }

  /**
   * A TLS registry (self-signed CA, {@link #caFile()}) with htpasswd Basic auth for {@link #USER}.
   */
  public static DistributionRegistry tlsWithHtpasswd(Path dir) {
    assumeInstalled();
    assumeTrue(onPath("openssl"), "openssl is missing: the TLS registry tests need it");
    assumeTrue(
        onPath("htpasswd"),
        "htpasswd (apache2-utils) is missing: the htpasswd registry tests need it"
            + " (scripts/install-test-deps.sh)");
    String password = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    run(
        dir,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        "tls.key",
        "-out",
        "tls.crt",
        "-days",
        "2",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1");
    String line = run(dir, "htpasswd", "-Bbn", "-C", "4", USER, password).trim();
    write(dir.resolve("htpasswd"), line + "\n");
    return start(dir, true, password, null, true);
  }

  private static String run(Path dir, String... command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(command[0] + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(command[0] + " could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DistributionRegistry start(
      Path dir, boolean tls, String password, String extraConfig, boolean accessLog) {
    return start(dir, tls, password, extraConfig, accessLog, true);
  }

  private static DistributionRegistry start(
      Path dir,
      boolean tls,
      String password,
      String extraConfig,
      boolean accessLog,
      boolean deletes) {
    StringBuilder config =
        new StringBuilder()
            .append("version: 0.1\n")
            .append("log:\n  level: info\n  accesslog:\n    disabled: ")
            .append(!accessLog)
            .append("\n")
            .append("storage:\n  filesystem:\n    rootdirectory: ")
            .append(dir.resolve("data"))
            .append("\n  delete:\n    enabled: ")
            .append(deletes)
            .append("\n")
            .append("  maintenance:\n    uploadpurging:\n      enabled: false\n")
            .append("http:\n  addr: 127.0.0.1:0\n  secret: not-a-secret-test-only\n");
    if (tls) {
      config
          .append("  tls:\n    certificate: ")
          .append(dir.resolve("tls.crt"))
          .append("\n    key: ")
          .append(dir.resolve("tls.key"))
          .append("\n")
          .append("auth:\n  htpasswd:\n    realm: test-realm\n    path: ")
          .append(dir.resolve("htpasswd"))
          .append("\n");
    }
    if (extraConfig != null) {
      config.append(extraConfig);
    }
    write(dir.resolve("config.yml"), config.toString());
    Path err = dir.resolve("registry.err");
    Path out = dir.resolve("access.log");
    Process p;
    try {
      p =
          new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("config.yml").toString())
              .directory(dir.toFile())
              .redirectError(err.toFile())
              .redirectOutput(out.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + BINARY, e);
    }
    Process started = p;
    Thread hook = new Thread(started::destroy, "stop docker-registry " + p.pid());
    Runtime.getRuntime().addShutdownHook(hook);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      String log = read(err);
      Matcher m = LISTENING.matcher(log);
      if (m.find()) {
        return new DistributionRegistry(
            p, dir, Integer.parseInt(m.group(1)), tls, password == null ? "" : password, hook);
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("docker-registry exited at start:\n" + log);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException(
        "docker-registry printed no 'listening on' line within 20 s:\n" + read(err));
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** {@code 127.0.0.1:<port>}. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean tls() {
    return tls;
  }

  /** The self-signed certificate (its own CA) of the TLS variant. */
  public Path caFile() {
    return dir.resolve("tls.crt");
  }

  /** The htpasswd password of {@link #USER}. */
  public String password() {
    return password;
  }

  /** The registry's application log (stderr). */
  public String log() {
    return read(dir.resolve("registry.err"));
  }

  /** The access log lines (one per request the registry answered). */
  public List<String> accessLog() {
    return read(dir.resolve("access.log"))
        .lines()
        .filter(l -> l.contains("\" ") && l.toUpperCase(Locale.ROOT).contains("HTTP/"))
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down
    }
  }

  @Override
  public String toString() {
    return "DistributionRegistry[pid " + process.pid() + ", " + host() + (tls ? ", tls" : "") + "]";
  }
}
