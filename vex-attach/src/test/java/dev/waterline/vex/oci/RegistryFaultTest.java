package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.registry.FaultProxy;
import dev.waterline.vex.oci.internal.registry.FaultProxy.Fault;
import dev.waterline.vex.oci.internal.registry.RegistryClient;
import dev.waterline.vex.oci.internal.registry.RegistryConfig;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults injected by a proxy in front of a real distribution 2.8.2. */
class RegistryFaultTest {
  @TempDir static Path dir;
  static DistributionRegistry server;
  static FaultProxy proxy;
  static final AtomicInteger REPO = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    server = DistributionRegistry.plain(dir);
    proxy = new FaultProxy(server.host());
  }

  @AfterAll
  static void stop() throws IOException {
    if (proxy != null) {
      proxy.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void clear() {
    proxy.clear();
  }

  static Registry registry() {
    return Registry.of(
        proxy.host(),
        RegistryOptions.builder().withoutDockerConfig().retryDelay(Duration.ofMillis(5)).build());
  }

  /** A repository with an image tagged 1.0 (pushed straight to the registry, no faults). */
  static Digest image(String repo) {
    RegistryClient direct =
        new RegistryClient(
            server.host(),
            new RegistryConfig(null, null, null, Set.of(), 1 << 20, 2, Duration.ofMillis(5)));
    return ImageWriter.write(
            direct.repository(repo), "1.0", "f.txt", "faults " + repo, List.of("linux/amd64"))
        .digest();
  }

  static String newRepo() {
    return "faults/app" + REPO.incrementAndGet();
  }

  @Nested
  class Retried {
    @Test
    void serverErrorsAndTooManyRequestsAreRetried() {
      String repo = newRepo();
      Digest subject = image(repo);
      proxy.inject("GET", "/manifests/1\\.0$", Fault.STATUS_500, 1);
      proxy.inject("PUT", "/blobs/uploads/", Fault.STATUS_503, 1);
      proxy.inject("GET", "/tags/list", Fault.STATUS_429, 1);
      Registry registry = registry();

      registry.attach(repo + ":1.0", Fixtures.statementAttestation(subject, "retried"));
      FetchResult fetched = registry.fetch(repo + ":1.0");

      assertThat(proxy.injected()).isEqualTo(3);
      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations()).hasSize(1);
    }

    @Test
    void aResetInTheMiddleOfABlobIsRetried() {
      String repo = newRepo();
      Digest subject = image(repo);
      Registry registry = registry();
      Attestation a = Fixtures.statementAttestation(subject, "reset");
      registry.attach(repo + ":1.0", a);
      proxy.inject("GET", "/blobs/" + a.digest(), Fault.RESET_MID_BODY, 1);

      FetchResult fetched = registry.fetch(repo + ":1.0");

      assertThat(proxy.injected()).isEqualTo(1);
      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations())
          .singleElement()
          .satisfies(f -> assertThat(f.bytes()).isEqualTo(a.bytes()));
    }
  }

  @Nested
  class Rejected {
    @Test
    void aBlobWithTheWrongDigestIsRejected() {
      String repo = newRepo();
      Digest subject = image(repo);
      Registry registry = registry();
      Attestation a = Fixtures.statementAttestation(subject, "corrupt");
      registry.attach(repo + ":1.0", a);
      proxy.inject("GET", "/blobs/" + a.digest(), Fault.CORRUPT, Integer.MAX_VALUE);

      FetchResult fetched = registry.fetch(repo + ":1.0");

      assertThat(fetched.attestations()).isEmpty();
      assertThat(fetched.problems())
          .anySatisfy(
              p ->
                  assertThat(p)
                      .contains(
                          "the blob " + a.digest() + " read from " + proxy.host() + "/" + repo)
                      .contains("rejected"));
    }

    @Test
    void aTruncatedBodyIsRejectedAfterTheRetries() {
      String repo = newRepo();
      Digest subject = image(repo);
      Registry registry = registry();
      Attestation a = Fixtures.statementAttestation(subject, "truncated");
      registry.attach(repo + ":1.0", a);
      proxy.inject("GET", "/blobs/" + a.digest(), Fault.TRUNCATE, Integer.MAX_VALUE);

      FetchResult fetched = registry.fetch(repo + ":1.0");

      assertThat(fetched.attestations()).isEmpty();
      assertThat(fetched.problems())
          .anySatisfy(
              p ->
                  assertThat(p)
                      .startsWith(
                          "the answer of the registry "
                              + proxy.host()
                              + " to GET /v2/"
                              + repo
                              + "/blobs/"
                              + a.digest()
                              + " was cut off or unreadable after 4 attempt(s)"));
    }

    @Test
    void aTruncatedManifestIsRejected() {
      String repo = newRepo();
      image(repo);
      proxy.inject("GET", "/manifests/1\\.0$", Fault.TRUNCATE, Integer.MAX_VALUE);
      assertThatThrownBy(() -> registry().fetch(repo + ":1.0"))
          .isInstanceOf(OciException.class)
          .hasMessageContaining("was cut off");
    }
  }

  @Nested
  class NothingHalfAttached {
    @Test
    void aFailedIndexUpdateLeavesNoDanglingEntryAndFetchStillFindsTheReferrer() {
      String repo = newRepo();
      Digest subject = image(repo);
      Attestation a = Fixtures.statementAttestation(subject, "half");
      proxy.inject(
          "PUT", "/manifests/" + subject.referrersTag() + "$", Fault.STATUS_500, Integer.MAX_VALUE);

      assertThatThrownBy(() -> registry().attach(repo + ":1.0", a))
          .isInstanceOf(OciException.class)
          .hasMessageContaining("HTTP 500 INJECTED");
      RegistryClient direct =
          new RegistryClient(
              server.host(),
              new RegistryConfig(null, null, null, Set.of(), 1 << 20, 2, Duration.ofMillis(5)));
      Optional<StoredManifest> index = direct.repository(repo).manifest(subject.referrersTag());
      assertThat(index).isEmpty(); // no index pointing at anything missing

      proxy.clear();
      FetchResult fetched = registry().fetch(repo + ":1.0");

      assertThat(fetched.attestations()).hasSize(1); // through its .ref tag
      StoredManifest repaired =
          direct.repository(repo).manifest(subject.referrersTag()).orElseThrow();
      assertThat(OciJson.parseIndex(repaired.bytes(), "index", repaired.digest()).manifests())
          .extracting(Descriptor::digest)
          .containsExactly(fetched.attestations().get(0).manifest());
    }
  }
}
