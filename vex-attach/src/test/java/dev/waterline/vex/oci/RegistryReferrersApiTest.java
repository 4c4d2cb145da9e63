package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.oci.internal.attach.Attacher;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.registry.FaultProxy;
import dev.waterline.vex.oci.internal.registry.OciApiRegistry;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    return ImageWriter.write(r.store(repo), "1.0", "f", "api " + repo, List.of("linux/amd64"))
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
    void aHardenedImagesStyleStatementReferrerOnAPlatformManifestYieldsItsVex() {
      String repo = "api/dhi" + REPO.incrementAndGet();
      Registry registry = registry();
      OciStore store = registry.store(repo);
      StoredManifest index =
          ImageWriter.write(store, "dhi", "f", "x", List.of("linux/amd64", "linux/arm64"));
      Digest amd64 = OciJson.parseIndex(index.bytes(), "i", null).manifests().get(0).digest();
      StoredManifest amd64Manifest = store.manifest(amd64.toString()).orElseThrow();
      byte[] vex = Fixtures.statement(amd64, Fixtures.OPENVEX_V020, "dhi");
      store.putBlob(vex);
      store.putBlob(Attacher.EMPTY_JSON);
      store.putManifest( // pushed by digest with a subject: found only through the referrers API
          OciJson.write(
              ImageManifest.oci(
                  MediaTypes.IN_TOTO,
                  Attacher.EMPTY_DESCRIPTOR,
                  List.of(
                      Descriptor.of(MediaTypes.IN_TOTO, vex)
                          .withAnnotations(
                              Map.of(
                                  MediaTypes.ANNOTATION_IN_TOTO_PREDICATE_TYPE,
                                  Fixtures.OPENVEX_V020))),
                  amd64Manifest.descriptor(),
                  Map.of())),
          MediaTypes.OCI_MANIFEST,
          null);

      FetchResult fetched = registry.fetch(repo + ":dhi");

      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.layout()).isEqualTo(AttachmentLayout.STATEMENT_REFERRER);
                assertThat(f.subject()).isEqualTo(amd64);
                assertThat(f.bytes()).isEqualTo(vex);
              });
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
