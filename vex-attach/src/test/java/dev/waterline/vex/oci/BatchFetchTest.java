package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.registry.TestImages;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.testkit.SampleImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetch-and-verify on a real CNCF distribution registry (the JShell front door, request economy)
 * and {@link BatchFetch} over registry images and OCI layouts.
 */
class BatchFetchTest {
  @TempDir static Path dir;
  static DistributionRegistry server;
  static final AtomicInteger REPO = new AtomicInteger();

  @BeforeAll
  static void start() {
    server = DistributionRegistry.plain(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static RegistryOptions options() {
    return RegistryOptions.builder()
        .withoutDockerConfig()
        .maxAttempts(2)
        .retryDelay(Duration.ofMillis(10))
        .build();
  }

  static String newRepository() {
    return "batch/app" + REPO.incrementAndGet();
  }

  @Nested
  class OnTheRegistry {
    @Test
    void frontDoorFetchesAndVerifiesWithoutFurtherRequests() {
      String repo = newRepository();
      Digest image = TestImages.push(server, repo, "1.0");
      Registry registry = Registry.of(server.host(), options());
      registry.attach(
          repo + ":1.0", VerifiedFetchTest.bundle("CVE-2026-0001", image, VerifiedFetchTest.KEY));
      registry.attach(repo + ":1.0", VerifiedFetchTest.unsigned("CVE-2026-0002", image));

      FetchResult fetched = registry.fetchVex(repo + ":1.0");
      long requests = registry.requestCount();
      VerifiedFetch v = fetched.verifiedWith(VerifiedFetchTest.KEY.publicKey());

      assertThat(registry.requestCount()).isEqualTo(requests);
      assertThat(v.verified())
          .extracting(VerifiedAttestation::layout)
          .containsExactlyInAnyOrder(
              AttachmentLayout.SIGSTORE_BUNDLE_REFERRER, AttachmentLayout.COSIGN_ATT_TAG);
      assertThat(v.unsigned())
          .singleElement()
          .satisfies(a -> assertThat(a.layout()).isEqualTo(AttachmentLayout.STATEMENT_REFERRER));
      assertThat(VerifiedFetchTest.cves(v.mergedVex().orElseThrow()))
          .containsExactly("CVE-2026-0001");
    }
  }

  @Nested
  class FrontDoor {
    @Test
    void designsJShellLinesWorkAsWritten() {
      String repo = newRepository();
      Digest image = TestImages.push(server, repo, "1.0");
      var key = VerifiedFetchTest.KEY;
      var doc = VerifiedFetchTest.doc("CVE-2023-44487", image);
      var env =
          dev.waterline.vex.sign.Attestations.of(doc)
              .subject(server.host() + "/" + repo + "@" + image)
              .sign(key);

      AttachResult attached = Registry.of(server.host(), options()).attach(repo + "@" + image, env);
      VerifiedFetch v =
          Registry.of(server.host(), options())
              .fetchVex(repo + ":1.0")
              .verifiedWith(key.publicKey());

      assertThat(attached.entries())
          .singleElement()
          .satisfies(e -> assertThat(e.layout()).isEqualTo(AttachmentLayout.COSIGN_ATT_TAG));
      assertThat(v.verified()).hasSize(1);
      assertThat(v.mergedVex().orElseThrow().statements())
          .singleElement()
          .satisfies(s -> assertThat(s.vulnerability().name()).isEqualTo("CVE-2023-44487"));
    }
  }

  @Nested
  class Batches {
    @Test
    void resultsComeInInputOrderAndOneFailureLosesNothing(@TempDir Path tmp) {
      List<String> images = new ArrayList<>();
      List<Digest> digests = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String repo = newRepository();
        Digest d = TestImages.push(server, repo, "1.0");
        Registry.of(server.host(), options())
            .attach(
                repo + ":1.0",
                VerifiedFetchTest.bundle("CVE-2026-000" + i, d, VerifiedFetchTest.KEY),
                AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
        images.add(server.host() + "/" + repo + ":1.0");
        digests.add(d);
      }
      OciLayout layout = OciLayout.create(tmp.resolve("layout"));
      Digest onDisk = SampleImages.write(layout, "1.0");
      Attachments.on(layout)
          .attach("1.0", VerifiedFetchTest.bundle("CVE-2026-0100", onDisk, VerifiedFetchTest.KEY));
      images.add(2, server.host() + "/" + newRepository() + ":missing");
      images.add("oci:" + layout.path() + ":1.0");
      images.add("oci:" + tmp.resolve("nowhere") + ":1.0");
      List<String> events = Collections.synchronizedList(new ArrayList<>());

      List<BatchFetch.Item> items =
          BatchFetch.builder()
              .parallelism(3)
              .registryOptions(options())
              .listener(
                  new BatchFetch.Listener() {
                    @Override
                    public void started(int index, int total, String image) {
                      events.add("started " + index + "/" + total);
                    }

                    @Override
                    public void finished(BatchFetch.Item item, int done, int total) {
                      events.add("finished " + done + "/" + total);
                    }
                  })
              .build()
              .fetch(images);

      assertThat(items).extracting(BatchFetch.Item::image).containsExactlyElementsOf(images);
      assertThat(items).extracting(BatchFetch.Item::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
      assertThat(items)
          .as(items.toString())
          .extracting(BatchFetch.Item::succeeded)
          .containsExactly(true, true, false, true, true, true, true, false);
      assertThat(items.get(2).failure().orElseThrow())
          .startsWith(images.get(2) + ": ")
          .contains("missing");
      assertThat(items.get(7).error()).containsInstanceOf(OciException.class);
      assertThat(items.get(7).failure().orElseThrow()).contains("nowhere");
      List<Digest> fetched = new ArrayList<>();
      for (int i : new int[] {0, 1, 3, 4, 5}) {
        VerifiedFetch v =
            items
                .get(i)
                .verify(FetchPolicy.of(VerificationPolicy.keys(VerifiedFetchTest.KEY.publicKey())))
                .orElseThrow();
        assertThat(v.verified()).hasSize(1);
        fetched.add(v.digest());
      }
      assertThat(fetched).containsExactlyElementsOf(digests);
      assertThat(
              items
                  .get(6)
                  .verify(
                      FetchPolicy.of(VerificationPolicy.keys(VerifiedFetchTest.KEY.publicKey()))))
          .hasValueSatisfying(v -> assertThat(v.verified()).hasSize(2));
      assertThat(items.get(2).verify(FetchPolicy.unsignedOnly("x"))).isEmpty();
      assertThat(events).hasSize(16);
      assertThat(events.stream().filter(e -> e.startsWith("finished")))
          .containsExactly(
              "finished 1/8",
              "finished 2/8",
              "finished 3/8",
              "finished 4/8",
              "finished 5/8",
              "finished 6/8",
              "finished 7/8",
              "finished 8/8");
    }

    @Test
    void onlyVexKeepsOpenVexAttestations(@TempDir Path tmp) {
      OciLayout layout = OciLayout.create(tmp.resolve("layout"));
      Digest image = SampleImages.write(layout, "1.0");
      Attachments.on(layout)
          .attach(
              "1.0",
              Attestation.of(Fixtures.statement(image, "https://slsa.dev/provenance/v1", "p")));
      Attachments.on(layout).attach("1.0", VerifiedFetchTest.unsigned("CVE-2026-0001", image));
      String ref = "oci:" + layout.path() + ":1.0";

      assertThat(BatchFetch.defaults().fetch(ref).get(0).result().orElseThrow().attestations())
          .hasSize(2);
      assertThat(
              BatchFetch.builder()
                  .onlyVex(true)
                  .build()
                  .fetch(ref)
                  .get(0)
                  .result()
                  .orElseThrow()
                  .attestations())
          .singleElement()
          .satisfies(a -> assertThat(a.predicateType()).startsWith("https://openvex.dev/ns"));
    }

    @Test
    void parallelismIsBounded() {
      assertThat(BatchFetch.defaults().parallelism()).isEqualTo(4);
      assertThatThrownBy(() -> BatchFetch.builder().parallelism(0))
          .isExactlyInstanceOf(dev.waterline.vex.VexException.class)
          .hasMessage("parallelism must be between 1 and 64 but was 0");
      assertThat(BatchFetch.defaults().fetch(List.of())).isEmpty();
    }
  }
}
