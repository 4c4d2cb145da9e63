package dev.waterline.bench.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code docker-registry} (CNCF distribution 2.8.2) for the benchmarks: plain HTTP on
 * 127.0.0.1 port 0, filesystem storage in a directory of its own, the port read from its log,
 * stopped by PID on {@link #close()} and on JVM exit. The same configuration as vex-attach's test
 * harness ({@code DistributionRegistry}) and as {@code scripts/bench-registry-curl.sh}, so the JMH
 * figures and the curl baseline meet the same server.
 */
public final class RegistryProcess implements AutoCloseable {
  /** Where Debian installs it ({@code scripts/install-test-deps.sh}). */
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private static final Pattern LISTENING =
      Pattern.compile("msg=\"listening on 127\\.0\\.0\\.1:([0-9]+)");

  private final Process process;
  private final int port;
  private final Thread hook;

  private RegistryProcess(Process process, int port, Thread hook) {
    this.process = process;
    this.port = port;
    this.hook = hook;
  }

  /**
   * Starts a registry storing its data under {@code dir}.
   *
   * @throws IllegalStateException if the binary is missing or the registry does not come up
   */
  public static RegistryProcess start(Path dir) {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          BINARY
              + " is missing: install Debian's docker-registry (scripts/install-test-deps.sh)"
              + " to run the registry benchmark");
    }
    String config =
        "version: 0.1\n"
            + "log:\n  level: info\n  accesslog:\n    disabled: true\n"
            + "storage:\n  filesystem:\n    rootdirectory: "
            + dir.resolve("data")
            + "\n  delete:\n    enabled: true\n"
            + "  maintenance:\n    uploadpurging:\n      enabled: false\n"
            + "http:\n  addr: 127.0.0.1:0\n  secret: not-a-secret-bench-only\n";
    Path err = dir.resolve("registry.err");
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("config.yml"), config, StandardCharsets.UTF_8);
      Process p =
          new ProcessBuilder(BINARY.toString(), "serve", dir.resolve("config.yml").toString())
              .directory(dir.toFile())
              .redirectError(err.toFile())
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      Thread hook = new Thread(p::destroy, "stop docker-registry " + p.pid());
      Runtime.getRuntime().addShutdownHook(hook);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
      while (Instant.now().isBefore(deadline)) {
        String log = Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
        Matcher m = LISTENING.matcher(log);
        if (m.find()) {
          return new RegistryProcess(p, Integer.parseInt(m.group(1)), hook);
        }
        if (!p.isAlive()) {
          throw new IllegalStateException("docker-registry exited at start:\n" + log);
        }
        Thread.sleep(10);
      }
      p.destroyForcibly();
      throw new IllegalStateException("docker-registry printed no 'listening on' line in 20 s");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + BINARY + " in " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code 127.0.0.1:<port>}. */
  public String host() {
    return "127.0.0.1:" + port;
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
    return "RegistryProcess[pid " + process.pid() + ", " + host() + "]";
  }
}
