package dev.waterline.bench.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.oci.AttachmentLayout;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.Registry;
import dev.waterline.vex.oci.RegistryOptions;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The curl baseline replays what the recording proxy wrote down, so the proxy must see every
 * request our client counts, in order, with the bodies it sent.
 */
class RecordingProxyTest {
  @TempDir static Path dir;
  static DistributionRegistry server;
  static RecordingProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        Files.isExecutable(DistributionRegistry.BINARY),
        DistributionRegistry.BINARY
            + " is missing: install Debian's docker-registry (scripts/install-test-deps.sh)");
    server = DistributionRegistry.quiet(dir);
    proxy = new RecordingProxy(server.host());
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Nested
  class Recording {
    @Test
    void writesDownEveryRequestTheClientCountsUnderItsPhase() {
      Registry registry =
          Registry.of(proxy.host(), RegistryOptions.builder().withoutDockerConfig().build());
      BenchImages images = new BenchImages(proxy.host());
      Digest probe = images.pushImage("test/probe", "probe");
      registry.fetch("test/probe@" + probe);
      Digest subject = images.pushImage("test/app", "app");
      long before = registry.requestCount();

      proxy.phase("attach");
      registry.attach(
          "test/app@" + subject,
          BenchImages.bundle(subject, "one"),
          AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
      proxy.phase("fetch");
      assertThat(registry.fetch("test/app@" + subject).attestations()).hasSize(1);
      proxy.phase("setup");

      List<RecordingProxy.Exchange> attach = phase("attach");
      List<RecordingProxy.Exchange> fetch = phase("fetch");
      assertThat(attach.size() + fetch.size()).isEqualTo(registry.requestCount() - before);
      assertThat(attach).hasSize(9);
      assertThat(fetch).hasSize(4 + 2);
      assertThat(attach)
          .extracting(RecordingProxy.Exchange::method)
          .containsExactly("GET", "POST", "PUT", "POST", "PUT", "PUT", "GET", "PUT", "GET");
      // the bundle's own bytes went up as the second blob
      assertThat(attach.get(4).body()).isEqualTo(BenchImages.bundle(subject, "one").bytes());
      assertThat(attach.get(4).status()).isEqualTo(201);
      assertThat(attach.get(2).headers()).contains("Content-Type: application/octet-stream");
    }

    private List<RecordingProxy.Exchange> phase(String name) {
      return proxy.exchanges().stream().filter(e -> e.phase().equals(name)).toList();
    }
  }

  @Nested
  class Attestations {
    @Test
    void aFreshSeedGivesFreshBytesAndTheSameSeedTheSameBytes() {
      Digest subject = Digest.of(new byte[] {1});
      assertThat(BenchImages.bundle(subject, "a").bytes())
          .isEqualTo(BenchImages.bundle(subject, "a").bytes())
          .isNotEqualTo(BenchImages.bundle(subject, "b").bytes());
      assertThat(BenchImages.bundle(subject, "a").subjects()).containsExactly(subject);
    }
  }
}
