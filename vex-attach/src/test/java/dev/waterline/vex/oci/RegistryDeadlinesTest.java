package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.waterline.vex.oci.internal.registry.HostileRegistry;
import dev.waterline.vex.oci.internal.registry.HostileRegistry.Handler;
import dev.waterline.vex.oci.internal.registry.HostileRegistry.Routes;
import dev.waterline.vex.oci.internal.registry.HostileRegistry.TinyImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Registries that accept a request and never answer, answer one byte every so often, or ask to be
 * retried in a day: every operation fails within its deadlines, naming the registry and what was
 * being read, and retries draw on one budget per operation. The deadlines here are short and set by
 * each test; the only timing assertion is a generous bound showing that nothing hung.
 */
class RegistryDeadlinesTest {
  /** Far above every deadline set here: a test slower than this hung. */
  static final Duration DID_NOT_HANG = Duration.ofSeconds(25);

  HostileRegistry server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  static RegistryOptions.Builder options() {
    return RegistryOptions.builder().withoutDockerConfig().retryDelay(Duration.ofMillis(1));
  }

  /** Runs {@code action} and returns what it threw, checking that it did not hang. */
  static OciException failure(Runnable action) {
    long start = System.nanoTime();
    OciException e = catchThrowableOfType(OciException.class, action::run);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DID_NOT_HANG);
    assertThat(e).as("the operation should have failed").isNotNull();
    return e;
  }

  /** Headers of a manifest answer, then its body one byte every {@code every}. */
  static Handler drippingManifest(Duration every) {
    return (r, w) -> {
      w.raw(
          "HTTP/1.1 200 OK\r\nContent-Type: "
              + TinyImage.MEDIA_TYPE
              + "\r\nContent-Length: "
              + TinyImage.MANIFEST.length
              + "\r\n\r\n");
      w.drip(TinyImage.MANIFEST, every);
    };
  }

  @Nested
  class Silence {
    @Test
    void aSilentRegistryFailsAtTheReadTimeoutNamingTheRegistryAndTheManifest() throws IOException {
      server = HostileRegistry.silent();
      Registry registry =
          Registry.of(server.host(), options().readTimeout(Duration.ofMillis(500)).build());

      OciException e = failure(() -> registry.fetch("app:1.0"));

      assertThat(e)
          .hasMessage(
              "reading the manifest 1.0 in "
                  + server.host()
                  + "/app timed out: the registry "
                  + server.host()
                  + " sent nothing for 500ms (read timeout; RegistryOptions.readTimeout)");
      assertThat(e.reference()).contains(server.host() + "/app");
    }

    @Test
    void theOperationDeadlineEndsItWhenItComesFirst() throws IOException {
      server = HostileRegistry.silent();
      Registry registry =
          Registry.of(
              server.host(),
              options()
                  .readTimeout(Duration.ofSeconds(30))
                  .timeout(Duration.ofMillis(700))
                  .build());
      String digest = TinyImage.DIGEST;

      OciException e = failure(() -> registry.fetch("app@" + digest));

      assertThat(e)
          .hasMessage(
              "reading the manifest "
                  + digest
                  + " in "
                  + server.host()
                  + "/app timed out: the deadline of 700ms for the whole operation passed while"
                  + " waiting for the registry "
                  + server.host()
                  + " (RegistryOptions.timeout, waterline --timeout)");
      assertThat(e.digest()).contains(digest);
    }
  }

  @Nested
  class SlowDrip {
    @Test
    void aBodyThatKeepsComingEndsAtTheOperationDeadline() throws IOException {
      server = HostileRegistry.start(drippingManifest(Duration.ofMillis(100)));
      Registry registry =
          Registry.of(
              server.host(),
              options()
                  .readTimeout(Duration.ofSeconds(5))
                  .timeout(Duration.ofMillis(1500))
                  .build());

      OciException e = failure(() -> registry.fetch("app:1.0"));

      assertThat(e)
          .hasMessage(
              "reading the manifest 1.0 in "
                  + server.host()
                  + "/app timed out: the deadline of 1s500ms for the whole operation passed while"
                  + " waiting for the registry "
                  + server.host()
                  + " (RegistryOptions.timeout, waterline --timeout)");
    }

    @Test
    void aByteEveryTwoSecondsEndsAtAShorterReadTimeout() throws IOException {
      server = HostileRegistry.start(drippingManifest(Duration.ofSeconds(2)));
      Registry registry =
          Registry.of(server.host(), options().readTimeout(Duration.ofMillis(600)).build());

      OciException e = failure(() -> registry.fetch("app:1.0"));

      assertThat(e)
          .hasMessage(
              "reading the manifest 1.0 in "
                  + server.host()
                  + "/app timed out: the registry "
                  + server.host()
                  + " sent nothing for 600ms (read timeout; RegistryOptions.readTimeout)");
    }

    @Test
    void headersThatNeverEndEndAtTheOperationDeadline() throws IOException {
      server =
          HostileRegistry.start(
              (r, w) -> {
                w.raw("HTTP/1.1 200 OK\r\n");
                w.drip(
                    "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                        .getBytes(StandardCharsets.US_ASCII),
                    Duration.ofMillis(100));
              });
      Registry registry =
          Registry.of(
              server.host(),
              options().readTimeout(Duration.ofSeconds(5)).timeout(Duration.ofSeconds(1)).build());

      OciException e = failure(() -> registry.fetch("app:1.0"));

      assertThat(e.getMessage())
          .isEqualTo(
              "reading the manifest 1.0 in "
                  + server.host()
                  + "/app timed out: the deadline of 1s for the whole operation passed while"
                  + " waiting for the registry "
                  + server.host()
                  + " (RegistryOptions.timeout, waterline --timeout)");
    }
  }

  @Nested
  class RetryBudget {
    static final String SLOW_DOWN =
        "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}";

    @Test
    void aRetryAfterLongerThanTheBudgetIsNotWaitedFor() throws IOException {
      server =
          HostileRegistry.start(
              (r, w) -> w.respond(429, Map.of("Retry-After", "100000"), SLOW_DOWN));
      Registry registry = Registry.of(server.host(), options().build());

      OciException e = failure(() -> registry.fetch("app:1.0"));

      assertThat(e)
          .hasMessage(
              "reading the manifest 1.0 in "
                  + server.host()
                  + "/app failed: HTTP 429 TOOMANYREQUESTS (slow down); the registry asks to retry"
                  + " after 27h46m40s (Retry-After), which is not waited for: a wait of 27h46m40s"
                  + " is more than the 1m left of the operation's retry budget of 1m"
                  + " (RegistryOptions.retryBudget)");
      assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aRetryAfterPastTheDeadlineIsNotWaitedFor() throws IOException {
      server =
          HostileRegistry.start((r, w) -> w.respond(503, Map.of("Retry-After", "5"), SLOW_DOWN));
      Registry registry =
          Registry.of(server.host(), options().timeout(Duration.ofSeconds(2)).build());

      OciException e = failure(() -> registry.fetch("app:1.0"));

      assertThat(e.getMessage())
          .startsWith(
              "reading the manifest 1.0 in "
                  + server.host()
                  + "/app failed: HTTP 503 TOOMANYREQUESTS (slow down); the registry asks to retry"
                  + " after 5s (Retry-After), which is not waited for: a wait of 5s would pass the"
                  + " operation's deadline of 2s (")
          .endsWith(" left; RegistryOptions.timeout, waterline --timeout)");
      assertThat(server.requests()).hasSize(1);
    }

    @Test
    void retriesOfEveryRequestInOneOperationDrawOnOneBudget() throws IOException {
      Set<String> failedOnce = ConcurrentHashMap.newKeySet();
      Routes image = new Routes().image("app", "1.0");
      server =
          HostileRegistry.start(
              (r, w) -> {
                if (failedOnce.add(r.method() + " " + r.target())) {
                  w.respond(503, Map.of("Retry-After", "0"), SLOW_DOWN);
                } else {
                  image.handle(r, w);
                }
              });
      Registry registry =
          Registry.of(server.host(), options().retryBudget(2, Duration.ofSeconds(10)).build());

      OciException e = failure(() -> registry.fetch("app:1.0"));

      // every request fails once; two of them were retried, the third was not
      assertThat(e.getMessage())
          .contains(" failed: HTTP 503 TOOMANYREQUESTS (slow down); not retried: the operation's")
          .endsWith(" retry budget of 2 retries is spent (RegistryOptions.retryBudget)");
      List<String> retried = new ArrayList<>();
      List<String> all = new ArrayList<>();
      server
          .requests()
          .forEach(
              r -> {
                String key = r.method() + " " + r.target();
                if (all.contains(key)) {
                  retried.add(key);
                }
                all.add(key);
              });
      assertThat(retried).hasSize(2);

      // the next operation has a budget of its own (and the requests now succeed)
      assertThat(registry.fetch("app:1.0").digest()).hasToString(TinyImage.DIGEST);
    }
  }

  @Nested
  class Connect {
    @Test
    void aConnectionThatNeverOpensEndsAtTheConnectTimeout() throws IOException {
      // a listening socket that never accepts, its backlog full: further SYNs go unanswered
      try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        List<Socket> fill = new ArrayList<>();
        try {
          for (int i = 0; i < 8; i++) {
            Socket s = new Socket();
            try {
              s.connect(
                  new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()),
                  200);
              fill.add(s);
            } catch (IOException queueFull) {
              s.close();
              break;
            }
          }
          String host = "127.0.0.1:" + full.getLocalPort();
          Registry registry =
              Registry.of(
                  host,
                  options()
                      .connectTimeout(Duration.ofMillis(300))
                      .readTimeout(Duration.ofSeconds(10))
                      .build());

          OciException e = failure(() -> registry.fetch("app:1.0"));

          assertThat(e)
              .hasMessage(
                  "reading the manifest 1.0 in "
                      + host
                      + "/app timed out: could not connect to the registry "
                      + host
                      + " within 300ms (connect timeout; RegistryOptions.connectTimeout)");
        } finally {
          for (Socket s : fill) {
            s.close();
          }
        }
      }
    }
  }

  @Nested
  class Options {
    @Test
    void deadlinesAreCheckedAndShown() {
      RegistryOptions o =
          RegistryOptions.builder()
              .connectTimeout(Duration.ofSeconds(3))
              .readTimeout(Duration.ofMillis(1500))
              .timeout(Duration.ofMinutes(5))
              .retryBudget(0, Duration.ZERO)
              .build();
      assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(o.readTimeout()).isEqualTo(Duration.ofMillis(1500));
      assertThat(o.timeout()).isEqualTo(Duration.ofMinutes(5));
      assertThat(o.maxRetries()).isZero();
      assertThat(o.maxRetryWait()).isZero();
      assertThat(o.toString())
          .endsWith(", connectTimeout=3s, readTimeout=1s500ms, timeout=5m, retryBudget=0/0s]");
      assertThat(RegistryOptions.defaults().timeout()).isEqualTo(Duration.ofMinutes(2));
      assertThat(RegistryOptions.defaults().readTimeout()).isEqualTo(Duration.ofSeconds(30));
      assertThat(RegistryOptions.defaults().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(RegistryOptions.defaults().maxRetries()).isEqualTo(10);
      assertThat(RegistryOptions.defaults().maxRetryWait()).isEqualTo(Duration.ofSeconds(60));

      assertThatThrownBy(() -> RegistryOptions.builder().timeout(Duration.ZERO))
          .isExactlyInstanceOf(dev.waterline.vex.VexException.class)
          .hasMessage("timeout must be above 0 and at most 24h but was 0s");
      assertThatThrownBy(() -> RegistryOptions.builder().readTimeout(Duration.ofHours(25)))
          .isExactlyInstanceOf(dev.waterline.vex.VexException.class)
          .hasMessage("readTimeout must be above 0 and at most 24h but was 25h");
      assertThatThrownBy(() -> RegistryOptions.builder().connectTimeout(Duration.ofSeconds(-1)))
          .isExactlyInstanceOf(dev.waterline.vex.VexException.class)
          .hasMessage("connectTimeout must be above 0 and at most 24h but was -1s");
      assertThatThrownBy(() -> RegistryOptions.builder().retryBudget(101, Duration.ZERO))
          .isExactlyInstanceOf(dev.waterline.vex.VexException.class)
          .hasMessage("retryBudget retries must be 0 to 100: 101");
    }

    @Test
    void aRetryBudgetOfNothingMeansNoRetries() throws IOException {
      server = HostileRegistry.start((r, w) -> w.respond(503, Map.of(), RetryBudget.SLOW_DOWN));
      Registry registry =
          Registry.of(server.host(), options().retryBudget(0, Duration.ZERO).build());

      OciException e = failure(() -> registry.fetch("app:1.0"));

      assertThat(e)
          .hasMessage(
              "reading the manifest 1.0 in "
                  + server.host()
                  + "/app failed: HTTP 503 TOOMANYREQUESTS (slow down); not retried: the"
                  + " operation's retry budget of 0 retries is spent (RegistryOptions.retryBudget)");
      assertThat(server.requests()).hasSize(1);
    }
  }
}
