package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.json.Platform;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.registry.RegistryClient;
import dev.waterline.vex.oci.internal.registry.RegistryConfig;
import dev.waterline.vex.oci.internal.registry.RegistryStore;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attach and fetch through {@link Registry} against a real CNCF distribution 2.8.2 over plain HTTP
 * (no referrers API: the tag-schema fallback and the {@code .ref} tags).
 */
class RegistryPlainHttpTest {
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
        .retryDelay(Duration.ofMillis(10))
        .build();
  }

  /** A new repository holding a one-platform image tagged 1.0, pushed by another client. */
  static String newRepository() {
    return "demo/app" + REPO.incrementAndGet();
  }

  static StoredManifest pushImage(String repository, String tag, String... platforms) {
    RegistryStore store = pusher().repository(repository);
    return ImageWriter.write(
        store,
        tag,
        "hello.txt",
        "hello " + repository,
        platforms.length == 0 ? List.of("linux/amd64") : List.of(platforms));
  }

  static RegistryClient pusher() {
    return new RegistryClient(
        server.host(),
        new RegistryConfig(null, null, null, Set.of(), 1 << 20, 2, Duration.ofMillis(10)));
  }

  @Nested
  class RoundTrips {
    @Test
    void bundleReferrerComesBackFromTheFallbackIndex() {
      String repo = newRepository();
      Digest subject = pushImage(repo, "1.0").digest();
      Registry registry = Registry.of(server.host(), options());
      Attestation bundle = Fixtures.bundleAttestation(subject, "bundle");

      AttachResult result =
          registry.attach(repo + ":1.0", bundle, AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
      FetchResult fetched = registry.fetch(repo + "@" + subject);

      assertThat(result.entries()).hasSize(1);
      assertThat(result.entries().get(0).tag())
          .hasValueSatisfying(
              t -> assertThat(t).startsWith(subject.referrersTag() + ".").endsWith(".ref"));
      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations()).hasSize(1);
      FetchedAttestation a = fetched.attestations().get(0);
      assertThat(a.layout()).isEqualTo(AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
      assertThat(a.manifest()).isEqualTo(result.entries().get(0).manifest());
      assertThat(a.bytes()).isEqualTo(bundle.bytes());
      assertThat(fallbackIndex(repo, subject)).containsExactly(a.manifest());
    }

    @Test
    void cosignAttTagComesBack() {
      String repo = newRepository();
      Digest subject = pushImage(repo, "1.0").digest();
      Registry registry = Registry.of(server.host(), options());
      Attestation envelope = Fixtures.dsseAttestation(subject, "att");

      AttachResult result = registry.attach(repo + ":1.0", envelope);
      FetchResult fetched = registry.fetch(repo + ":1.0");

      assertThat(result.entries())
          .singleElement()
          .satisfies(e -> assertThat(e.tag()).contains(subject.referrersTag() + ".att"));
      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.layout()).isEqualTo(AttachmentLayout.COSIGN_ATT_TAG);
                assertThat(a.bytes()).isEqualTo(envelope.bytes());
              });
    }

    @Test
    void statementReferrerComesBack() {
      String repo = newRepository();
      Digest subject = pushImage(repo, "1.0").digest();
      Registry registry = Registry.of(server.host(), options());
      Attestation statement = Fixtures.statementAttestation(subject, "stmt");

      registry.attach(server.host() + "/" + repo + ":1.0", statement);
      FetchResult fetched = registry.fetch(server.host() + "/" + repo + ":1.0");

      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.openVex())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.layout()).isEqualTo(AttachmentLayout.STATEMENT_REFERRER);
                assertThat(a.statement()).isEqualTo(statement.bytes());
              });
    }

    @Test
    void aStatementAboutAnotherDigestIsRefusedUnlessTheRegistryIsToldNotToCheck() {
      String repo = newRepository();
      Digest subject = pushImage(repo, "1.0").digest();
      Digest other = Digest.of("another image".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Registry registry = Registry.of(server.host(), options());
      Attestation aboutOther = Fixtures.statementAttestation(other, "other");

      assertThatThrownBy(() -> registry.attach(repo + ":1.0", aboutOther))
          .isInstanceOf(OciException.class)
          .hasMessageContaining("the statement's subjects are [" + other + "]");
      Registry unchecked = registry.withoutSubjectCheck();
      AttachResult result = unchecked.attach(repo + ":1.0", aboutOther);

      assertThat(unchecked.toString()).endsWith(", withoutSubjectCheck]");
      assertThat(registry.toString()).doesNotContain("withoutSubjectCheck");
      assertThat(result.subject()).isEqualTo(subject);
      assertThat(registry.fetch(repo + ":1.0").attestations())
          .singleElement()
          .satisfies(a -> assertThat(a.statement()).isEqualTo(aboutOther.bytes()));
    }

    @Test
    void theDefaultLayoutsOfABundleAreBothWrittenAndAttachingAgainAddsNothing() {
      String repo = newRepository();
      Digest subject = pushImage(repo, "1.0").digest();
      Registry registry = Registry.of(server.host(), options());
      Attestation bundle = Fixtures.bundleAttestation(subject, "default");

      AttachResult first = registry.attach(repo + ":1.0", bundle);
      AttachResult again = registry.attach(repo + ":1.0", bundle);

      assertThat(first.entries())
          .extracting(AttachResult.Entry::layout, AttachResult.Entry::added)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(AttachmentLayout.SIGSTORE_BUNDLE_REFERRER, true),
              org.assertj.core.groups.Tuple.tuple(AttachmentLayout.COSIGN_ATT_TAG, true));
      assertThat(again.entries())
          .extracting(AttachResult.Entry::added)
          .containsExactly(false, false);
      assertThat(registry.fetch(repo + ":1.0").attestations())
          .extracting(FetchedAttestation::layout)
          .containsExactlyInAnyOrder(
              AttachmentLayout.SIGSTORE_BUNDLE_REFERRER, AttachmentLayout.COSIGN_ATT_TAG);
    }

    @Test
    void anAttestationOnAPlatformManifestIsFoundFromTheIndex() {
      String repo = newRepository();
      StoredManifest index = pushImage(repo, "multi", "linux/amd64", "linux/arm64");
      Digest arm =
          OciJson.parseIndex(index.bytes(), "index", index.digest()).manifests().get(1).digest();
      Registry registry = Registry.of(server.host(), options());

      registry.attach(repo + "@" + arm, Fixtures.statementAttestation(arm, "arm"));

      assertThat(registry.fetch(repo + ":multi").attestations())
          .singleElement()
          .satisfies(a -> assertThat(a.subject()).isEqualTo(arm));
    }

    @Test
    void buildKitAttestationManifestsInAnIndexOnTheRegistryYieldTheirVex() {
      String repo = newRepository();
      RegistryStore store = pusher().repository(repo);
      StoredManifest platform = pushImage(repo, "platform");
      byte[] provenance =
          Fixtures.statement(platform.digest(), "https://slsa.dev/provenance/v0.2", "bk");
      byte[] vex = Fixtures.statement(platform.digest(), Fixtures.OPENVEX, "bk");
      store.putBlob(provenance);
      store.putBlob(vex);
      byte[] config =
          ("{\"architecture\":\"unknown\",\"os\":\"unknown\",\"config\":{},\"rootfs\":"
                  + "{\"type\":\"layers\",\"diff_ids\":[\""
                  + Digest.of(provenance)
                  + "\",\""
                  + Digest.of(vex)
                  + "\"]}}")
              .getBytes(StandardCharsets.UTF_8);
      store.putBlob(config);
      StoredManifest att =
          store.putManifest(
              OciJson.write(
                  ImageManifest.oci(
                      null,
                      Descriptor.of(MediaTypes.OCI_CONFIG, config),
                      List.of(
                          Descriptor.of(MediaTypes.IN_TOTO, provenance)
                              .withAnnotations(
                                  Map.of(
                                      MediaTypes.ANNOTATION_IN_TOTO_PREDICATE_TYPE,
                                      "https://slsa.dev/provenance/v0.2")),
                          Descriptor.of(MediaTypes.IN_TOTO, vex)
                              .withAnnotations(
                                  Map.of(
                                      MediaTypes.ANNOTATION_IN_TOTO_PREDICATE_TYPE,
                                      Fixtures.OPENVEX))),
                      null,
                      Map.of())),
              MediaTypes.OCI_MANIFEST,
              null);
      store.putManifest(
          OciJson.write(
              ImageIndex.of(
                  List.of(
                      platform.descriptor().withPlatform(Platform.parse("linux/amd64")),
                      att.descriptor()
                          .withPlatform(new Platform("unknown", "unknown", null, null, List.of()))
                          .withAnnotations(
                              Map.of(
                                  MediaTypes.ANNOTATION_DOCKER_REFERENCE_TYPE,
                                  MediaTypes.DOCKER_REFERENCE_TYPE_ATTESTATION,
                                  MediaTypes.ANNOTATION_DOCKER_REFERENCE_DIGEST,
                                  platform.digest().toString()))))),
          MediaTypes.OCI_INDEX,
          "built");

      FetchResult fetched = Registry.of(server.host(), options()).fetch(repo + ":built");

      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations())
          .hasSize(2)
          .allSatisfy(
              f ->
                  assertThat(f.layout()).isEqualTo(AttachmentLayout.BUILDKIT_ATTESTATION_MANIFEST));
      assertThat(fetched.openVex())
          .singleElement()
          .satisfies(f -> assertThat(f.bytes()).isEqualTo(vex));
    }

    @Test
    void aBlobOverTheLimitIsRejectedWithoutHidingTheRest() {
      String repo = newRepository();
      Digest subject = pushImage(repo, "1.0").digest();
      Attestation a = Fixtures.statementAttestation(subject, "limit");
      Registry.of(server.host(), options()).attach(repo + ":1.0", a);
      Registry small =
          Registry.of(
              server.host(),
              RegistryOptions.builder().withoutDockerConfig().maxBlobBytes(100).build());

      FetchResult fetched = small.fetch(repo + ":1.0");

      assertThat(fetched.attestations()).isEmpty();
      assertThat(fetched.problems())
          .anySatisfy(
              p ->
                  assertThat(p)
                      .contains(
                          "the answer of the registry "
                              + server.host()
                              + " to GET /v2/"
                              + repo
                              + "/blobs/"
                              + a.digest()
                              + " is over the limit of 100 bytes ("
                              + a.bytes().length
                              + " bytes seen)"));
    }

    @Test
    void aMissingImageIsAnErrorNamingRegistryAndRepository() {
      String repo = newRepository();
      Registry registry = Registry.of(server.host(), options());
      assertThatThrownBy(() -> registry.fetch(repo + ":nope"))
          .isInstanceOf(OciException.class)
          .hasMessage("no image tagged nope in " + server.host() + "/" + repo);
    }

    @Test
    void skopeoReadsBackTheExactBytesWeAttached() throws Exception {
      assumeTrue(
          Files.isExecutable(Path.of("/usr/bin/skopeo")),
          "skopeo is missing (scripts/install-test-deps.sh installs it): interop check skipped");
      String repo = newRepository();
      Digest subject = pushImage(repo, "1.0").digest();
      Registry registry = Registry.of(server.host(), options());
      AttachResult r =
          registry.attach(
              repo + ":1.0",
              Fixtures.statementAttestation(subject, "skopeo"),
              AttachmentLayout.STATEMENT_REFERRER);
      Digest referrer = r.entries().get(0).manifest();

      byte[] raw = skopeoRaw(repo + "@" + referrer);
      byte[] index = skopeoRaw(repo + ":" + subject.referrersTag());

      assertThat(Digest.of(raw)).isEqualTo(referrer);
      assertThat(OciJson.parseIndex(index, "index", null).manifests())
          .extracting(Descriptor::digest)
          .containsExactly(referrer);
    }

    private byte[] skopeoRaw(String image) throws Exception {
      Process p =
          new ProcessBuilder(
                  "skopeo",
                  "inspect",
                  "--tls-verify=false",
                  "--raw",
                  "docker://" + server.host() + "/" + image)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("skopeo exit for " + image).isZero();
      return out;
    }
  }

  static List<Digest> fallbackIndex(String repo, Digest subject) {
    StoredManifest m = pusher().repository(repo).manifest(subject.referrersTag()).orElseThrow();
    ImageIndex index = OciJson.parseIndex(m.bytes(), "index", m.digest());
    return index.manifests().stream().map(Descriptor::digest).collect(Collectors.toList());
  }

  @Nested
  class RequestEconomy {
    @Test
    void oneAttachInOneLayoutTakesAtMostNineRequestsPlusTheReferrersProbe() {
      String repo = newRepository();
      Digest subject = pushImage(repo, "1.0").digest();
      Registry registry = Registry.of(server.host(), options());
      int logBefore = server.accessLog().size();

      registry.attach(
          repo + "@" + subject,
          Fixtures.statementAttestation(subject, "economy"),
          AttachmentLayout.STATEMENT_REFERRER);

      long first = registry.requestCount();
      // resolve 1, {} 2, layer 2, manifest 1, index GET 1 + PUT 1, read-back 1; probe 1
      assertThat(first).isLessThanOrEqualTo(9 + 1); // the probe, if this process has not asked yet
      assertThat(server.accessLog().size() - logBefore).isEqualTo((int) first);

      registry.attach(
          repo + "@" + subject,
          Fixtures.statementAttestation(subject, "economy 2"),
          AttachmentLayout.STATEMENT_REFERRER);
      assertThat(registry.requestCount() - first).isLessThanOrEqualTo(9);
    }

    @Test
    void theDefaultTwoLayoutAttachStaysWithinTwenty() {
      String repo = newRepository();
      Digest subject = pushImage(repo, "1.0").digest();
      Registry registry = Registry.of(server.host(), options());

      registry.attach(repo + ":1.0", Fixtures.bundleAttestation(subject, "two layouts"));

      // 16 for the two layouts (counted exactly by the access-log tests below), plus the referrers
      // probe when this test is the first in the process to talk to the registry; DESIGN's bound
      // for the default two-layout attach is 20 all in
      assertThat(registry.requestCount()).isLessThanOrEqualTo(20);
    }

    @Test
    void fetchTakesAConstantPlusTwoRequestsPerAttestation() {
      String repo = newRepository();
      Digest subject = pushImage(repo, "1.0").digest();
      Registry writer = Registry.of(server.host(), options());
      writer.attach(repo + ":1.0", Fixtures.statementAttestation(subject, "n1"));

      Registry reader = Registry.of(server.host(), options());
      reader.fetch(repo + ":1.0"); // warms the referrers probe of this registry
      long before = reader.requestCount();
      assertThat(reader.fetch(repo + ":1.0").attestations()).hasSize(1);
      long one = reader.requestCount() - before;

      writer.attach(repo + ":1.0", Fixtures.statementAttestation(subject, "n2"));
      writer.attach(repo + ":1.0", Fixtures.statementAttestation(subject, "n3"));
      long before3 = reader.requestCount();
      assertThat(reader.fetch(repo + ":1.0").attestations()).hasSize(3);
      long three = reader.requestCount() - before3;

      // constant: resolve, fallback index, tag list, .att; then manifest + blob per attestation
      assertThat(one).isEqualTo(4 + 2);
      assertThat(three - one).isEqualTo(2 * 2);
    }

    // The three below are RegistryBenchmark's operations (docs/performance.md): the counts recorded
    // there are the ones these tests hold, on the access log as well as on our own count.

    /** Answers this process's referrers probe on a repository of its own. */
    private void answerTheProbe(Registry registry) {
      String repo = newRepository();
      Digest subject = pushImage(repo, "1.0").digest();
      registry.fetch(repo + "@" + subject);
    }

    @Test
    void aBundleReferrerAttachToAFreshRepositoryTakesNineRequestsOnceTheProbeIsAnswered() {
      Registry registry = Registry.of(server.host(), options());
      answerTheProbe(registry);
      String repo = newRepository();
      Digest subject = pushImage(repo, "1.0").digest();
      long before = registry.requestCount();
      int logBefore = server.accessLog().size();

      registry.attach(
          repo + "@" + subject,
          Fixtures.bundleAttestation(subject, "economy bundle"),
          AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);

      // resolve 1, {} 2, bundle 2, manifest with its .ref tag 1, index GET 1 + PUT 1, read-back 1
      assertThat(registry.requestCount() - before).isEqualTo(9);
      assertThat(server.accessLog().size() - logBefore).isEqualTo(9);
    }

    @Test
    void theDefaultTwoLayoutAttachToAFreshRepositoryTakesSixteenRequestsOnceTheProbeIsAnswered() {
      Registry registry = Registry.of(server.host(), options());
      answerTheProbe(registry);
      String repo = newRepository();
      Digest subject = pushImage(repo, "1.0").digest();
      long before = registry.requestCount();
      int logBefore = server.accessLog().size();

      AttachResult result =
          registry.attach(repo + "@" + subject, Fixtures.bundleAttestation(subject, "economy two"));

      assertThat(result.entries())
          .extracting(AttachResult.Entry::layout)
          .containsExactly(
              AttachmentLayout.SIGSTORE_BUNDLE_REFERRER, AttachmentLayout.COSIGN_ATT_TAG);
      // the referrer's 9; .att: envelope 2, .att GET 1, config 2, PUT 1, read-back 1
      assertThat(registry.requestCount() - before).isEqualTo(9 + 7);
      assertThat(server.accessLog().size() - logBefore).isEqualTo(9 + 7);
    }

    @Test
    void fetchingSixteenBundleReferrersTakesFourRequestsPlusTwoPerAttestation() {
      String repo = newRepository();
      Digest subject = pushImage(repo, "1.0").digest();
      Registry writer = Registry.of(server.host(), options());
      for (int i = 0; i < 16; i++) {
        writer.attach(
            repo + "@" + subject,
            Fixtures.bundleAttestation(subject, "economy fetch " + i),
            AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
      }
      Registry reader = Registry.of(server.host(), options());
      answerTheProbe(reader);
      long before = reader.requestCount();
      int logBefore = server.accessLog().size();

      assertThat(reader.fetch(repo + "@" + subject).attestations()).hasSize(16);

      assertThat(reader.requestCount() - before).isEqualTo(4 + 2 * 16);
      assertThat(server.accessLog().size() - logBefore).isEqualTo(4 + 2 * 16);
    }
  }

  @Nested
  class Concurrency {
    @Test
    void sixteenConcurrentAttachesToOneSubjectAreAllFetchedAfterwards() throws Exception {
      String repo = newRepository();
      Digest subject = pushImage(repo, "1.0").digest();
      int n = 16;
      ExecutorService pool = Executors.newFixedThreadPool(n);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<AttachResult>> futures = new ArrayList<>();
      try {
        for (int i = 0; i < n; i++) {
          int k = i;
          Callable<AttachResult> task =
              () -> {
                // like another process, with the default backoff: distribution answers 500 on a
                // tag read while other writers replace it, and 10 ms retries can all fall inside
                // that window on a loaded machine
                Registry own =
                    Registry.of(
                        server.host(),
                        RegistryOptions.builder()
                            .withoutDockerConfig()
                            .retryDelay(Duration.ofMillis(200))
                            .maxAttempts(6)
                            .build());
                Attestation a = Fixtures.statementAttestation(subject, "concurrent-" + k);
                go.await();
                return own.attach(repo + "@" + subject, a, AttachmentLayout.STATEMENT_REFERRER);
              };
          futures.add(pool.submit(task));
        }
        go.countDown();
        for (Future<AttachResult> f : futures) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }

      FetchResult fetched = Registry.of(server.host(), options()).fetch(repo + "@" + subject);

      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations()).hasSize(n);
      assertThat(
              fetched.attestations().stream()
                  .map(FetchedAttestation::manifest)
                  .collect(Collectors.toSet()))
          .hasSize(n);
      assertThat(fallbackIndex(repo, subject)).hasSize(n); // repaired from the .ref tags if needed
    }
  }

  @Nested
  class Messages {
    @Test
    void toStringsNameTheRegistry() {
      Registry registry = Registry.of(server.host(), options());
      assertThat(registry.toString()).startsWith("Registry[" + server.host() + ", ");
      assertThat(registry.attachments("demo/x").toString())
          .isEqualTo("Attachments[" + server.host() + "/demo/x]");
    }

    @Test
    void anUnreachableRegistryIsNamed() {
      Registry registry =
          Registry.of(
              "127.0.0.1:1",
              RegistryOptions.builder().withoutDockerConfig().maxAttempts(1).build());
      assertThatThrownBy(() -> registry.fetch("demo/app:1.0"))
          .isInstanceOf(OciException.class)
          .hasMessageStartingWith(
              "could not reach the registry 127.0.0.1:1 (GET /v2/demo/app/manifests/1.0) after 1"
                  + " attempt(s)");
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
