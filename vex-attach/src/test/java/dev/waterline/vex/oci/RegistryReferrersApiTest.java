package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.oci.internal.registry.FaultProxy;
import dev.waterline.vex.oci.internal.registry.OciApiRegistry;
import dev.waterline.vex.oci.internal.store.SampleImages;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Attach and fetch on a registry with the OCI 1.1 referrers API (our in-process registry). */
class RegistryReferrersApiTest {
  static OciApiRegistry api;
  static FaultProxy front;
  static final AtomicInteger REPO = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    api = new OciApiRegistry(2);
    front = new FaultProxy(api.host());
  }

  @AfterAll
  static void stop() throws IOException {
    front.close();
    api.close();
  }

  static Registry registry() {
    return Registry.of(
        front.host(),
        RegistryOptions.builder().withoutDockerConfig().retryDelay(Duration.ofMillis(5)).build());
  }

  static Digest image(Registry r, String repo) {
    return SampleImages.write(r.store(repo), "1.0", "f", "api " + repo, List.of("linux/amd64"))
        .digest();
  }

  @Nested
  class RoundTrips {
    @Test
    void referrersAreWrittenWithoutFallbackTagsAndFoundThroughTheApiAcrossPages() {
      String repo = "api/app" + REPO.incrementAndGet();
      Registry registry = registry();
      Digest subject = image(registry, repo);
      for (int i = 0; i < 5; i++) {
        AttachResult r =
            registry.attach(
                repo + ":1.0",
                Fixtures.statementAttestation(subject, "api-" + i),
                AttachmentLayout.STATEMENT_REFERRER);
        assertThat(r.entries()).singleElement().satisfies(e -> assertThat(e.tag()).isEmpty());
      }
      registry.attach(
          repo + ":1.0",
          Fixtures.bundleAttestation(subject, "api-bundle"),
          AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);

      FetchResult fetched = registry.fetch(repo + ":1.0");

      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations()).hasSize(6); // 3 pages of 2 referrers
      assertThat(registry.store(repo).tags()).containsExactly("1.0"); // no sha256-… tags
    }

    @Test
    void oneAttachTakesAtMostNineRequestsPlusTheProbe() {
      String repo = "api/app" + REPO.incrementAndGet();
      Digest subject = image(registry(), repo);
      Registry registry = registry();

      registry.attach(
          repo + "@" + subject,
          Fixtures.statementAttestation(subject, "economy"),
          AttachmentLayout.STATEMENT_REFERRER);

      assertThat(registry.requestCount()).isLessThanOrEqualTo(9 + 1);
    }
  }
}
