package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.oci.internal.attach.ReferrersIndex;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.testkit.SampleImages;
import dev.waterline.vex.testkit.internal.InMemoryStore;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many writers, one subject: every attestation survives. */
class ConcurrentAttachTest {
  static final int THREADS = 16;

  @TempDir Path dir;

  /** Runs {@code THREADS} attaches of distinct bundles (default layouts) at once. */
  static void attachConcurrently(Attachments attachments, Digest subject) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<AttachResult>> results = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        Attestation att = Fixtures.bundleAttestation(subject, "thread-" + i);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return attachments.attach(subject.toString(), att);
                }));
      }
      start.countDown();
      for (Future<AttachResult> r : results) {
        assertThat(r.get(60, TimeUnit.SECONDS).entries()).allMatch(AttachResult.Entry::added);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static Attestation doc(Digest subject, int thread, int version) {
    return Fixtures.versionedBundle(
        subject,
        "doc-" + thread,
        version,
        "Team",
        "2026-11-0" + version + "T00:00:00Z",
        "pkg:oci/app-" + thread);
  }

  /**
   * Runs {@code THREADS} writers at once, each attaching version 1 of its own document, replacing
   * it with version 2, and (every fourth) pruning, or (every fourth but one) pruning keeping only
   * the latest: attaches, replaces and prunes interleave on one subject.
   */
  static void mixConcurrently(Attachments attachments, Digest subject, AttachmentLayout... layouts)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<AttachResult>> results = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        int n = i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  String image = subject.toString();
                  attachments.attach(image, doc(subject, n, 1), layouts);
                  AttachResult r = attachments.attachReplacing(image, doc(subject, n, 2), layouts);
                  if (n % 4 == 0) {
                    attachments.prune(image);
                  } else if (n % 4 == 1) {
                    attachments.pruneKeepingLatest(image);
                  }
                  return r;
                }));
      }
      start.countDown();
      for (Future<AttachResult> r : results) {
        // not "added" each: another writer's fetch may have repaired the index from the .ref tag
        // first; what counts is what is there at the end
        assertThat(r.get(120, TimeUnit.SECONDS).entries()).isNotEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Exactly version 2 of every writer's document is fetched, in {@code layouts} layouts each. */
  static void assertOnlyTheNewestOfEach(Attachments attachments, Digest subject, int layouts) {
    FetchResult fetched = attachments.fetch(subject.toString());
    assertThat(fetched.problems()).isEmpty();
    List<Digest> expected = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      expected.add(Supersession.key(doc(subject, i, 2)));
    }
    assertThat(
            fetched.attestations().stream()
                .map(a -> Supersession.key(a.attestation()))
                .distinct()
                .collect(java.util.stream.Collectors.toList()))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(fetched.attestations()).hasSize(layouts * THREADS);
  }

  @Nested
  class Threads {
    @Test
    void sixteenThreadsMixingAttachReplaceAndPruneOnALayoutLoseNothingAndKeepNothingOld()
        throws Exception {
      OciLayout layout = OciLayout.create(dir);
      Digest subject = SampleImages.write(layout, "1.0");

      mixConcurrently(Attachments.on(layout), subject);

      assertOnlyTheNewestOfEach(Attachments.on(OciLayout.open(dir)), subject, 2);
    }

    @Test
    void sixteenThreadsMixingAttachReplaceAndPruneWithoutReferrersApiKeepTheIndexRight()
        throws Exception {
      InMemoryStore store = new InMemoryStore("fallback", false);
      StoredManifest image = ImageWriter.write(store, "1.0", "f", "x", List.of("linux/amd64"));

      mixConcurrently(Attachments.on(store), image.digest());

      assertOnlyTheNewestOfEach(Attachments.on(store), image.digest(), 2);
      assertThat(ReferrersIndex.read(store, image.digest()).orElseThrow().manifests())
          .hasSize(THREADS);
    }

    @Test
    void sixteenThreadsMixingAttachReplaceAndPruneOnARegistryWithoutIfMatch() throws Exception {
      try (DistributionRegistry server = DistributionRegistry.plain(dir)) {
        Registry registry =
            Registry.of(
                server.host(),
                RegistryOptions.builder()
                    .withoutDockerConfig()
                    .retryDelay(java.time.Duration.ofMillis(10))
                    .build());
        OciStore store = registry.store("mixed/app");
        StoredManifest image = ImageWriter.write(store, "1.0", "f", "x", List.of("linux/amd64"));
        // the referrer layout only: cosign's .att tag is one manifest that every writer rewrites,
        // and distribution ignores If-Match, so concurrent .att writers can lose each other's
        // layers (docs/vex-attach-registry.md); the referrers have per-referrer tags and markers
        mixConcurrently(
            Attachments.on(store), image.digest(), AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);

        assertOnlyTheNewestOfEach(Attachments.on(store), image.digest(), 1);
        Attachments.on(store).prune("1.0"); // tidies what stale index writes put back
        assertThat(ReferrersIndex.read(store, image.digest()).orElseThrow().manifests())
            .hasSize(THREADS);
        assertOnlyTheNewestOfEach(Attachments.on(store), image.digest(), 1);
      }
    }

    @Test
    void sixteenThreadsOnOneLayoutSubjectAllSurvive() throws Exception {
      OciLayout layout = OciLayout.create(dir);
      Digest subject = SampleImages.write(layout, "1.0");

      attachConcurrently(Attachments.on(layout), subject);

      FetchResult fetched = Attachments.on(OciLayout.open(dir)).fetch("1.0");
      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.withPredicateType(Fixtures.OPENVEX)).hasSize(2 * THREADS);
      assertThat(
              fetched.attestations().stream()
                  .filter(a -> a.layout() == AttachmentLayout.COSIGN_ATT_TAG))
          .hasSize(THREADS);
    }

    @Test
    void sixteenThreadsEachWithItsOwnHandleOnTheLayoutAllSurvive() throws Exception {
      SampleImages.write(OciLayout.create(dir), "1.0");
      Digest subject = OciLayout.open(dir).resolve("1.0").orElseThrow();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
          int n = i;
          done.add(
              pool.submit(
                  () ->
                      Attachments.on(OciLayout.open(dir))
                          .attach("1.0", Fixtures.bundleAttestation(subject, "handle-" + n))));
        }
        for (Future<?> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(Attachments.on(OciLayout.open(dir)).fetch("1.0").attestations())
          .hasSize(2 * THREADS);
    }

    @Test
    void sixteenThreadsOnAStoreWithoutReferrersApiKeepEveryIndexEntry() throws Exception {
      OciStore store = new InMemoryStore("fallback", false);
      StoredManifest image = ImageWriter.write(store, "1.0", "f", "x", List.of("linux/amd64"));

      attachConcurrently(Attachments.on(store), image.digest());

      assertThat(ReferrersIndex.read(store, image.digest()).orElseThrow().manifests())
          .hasSize(THREADS);
      assertThat(Attachments.on(store).fetch("1.0").attestations()).hasSize(2 * THREADS);
    }
  }

  @Nested
  class Processes {
    @Test
    void fourProcessesAttachingToOneLayoutSubjectAllSurvive() throws Exception {
      OciLayout layout = OciLayout.create(dir);
      Digest subject = SampleImages.write(layout, "1.0");
      String java =
          ProcessHandle.current()
              .info()
              .command()
              .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      List<Process> processes = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        processes.add(
            new ProcessBuilder(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    LayoutAttachMain.class.getName(),
                    dir.toString(),
                    subject.toString(),
                    "process-" + p,
                    "6")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolveSibling(dir.getFileName() + "-p" + p + ".log").toFile())
                .start());
      }
      for (int p = 0; p < processes.size(); p++) {
        Process proc = processes.get(p);
        if (!proc.waitFor(120, TimeUnit.SECONDS)) {
          proc.destroyForcibly();
        }
        File log = dir.resolveSibling(dir.getFileName() + "-p" + p + ".log").toFile();
        assertThat(proc.exitValue())
            .as("process %d: %s", p, Files.readString(log.toPath(), StandardCharsets.UTF_8))
            .isZero();
        Files.deleteIfExists(log.toPath());
      }

      FetchResult fetched = Attachments.on(OciLayout.open(dir)).fetch("1.0");
      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations()).hasSize(2 * 4 * 6);
    }
  }
}
