package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.internal.attach.Attacher;
import dev.waterline.vex.oci.internal.attach.ReferrersIndex;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.registry.FaultProxy;
import dev.waterline.vex.oci.internal.registry.OciApiRegistry;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.testkit.internal.InMemoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replace, detach and prune (issue 15 item 3) on every kind of store: an OCI layout, memory without
 * the referrers API, a real distribution 2.8.2 that allows {@code DELETE} and one that refuses it;
 * and a removal interrupted at each step, run again.
 */
class ReplaceAndPruneTest {
  @TempDir static Path serverDir;
  @TempDir static Path refusingDir;
  static DistributionRegistry server;
  static DistributionRegistry refusing;
  static final AtomicInteger REPO = new AtomicInteger();

  @BeforeAll
  static void start() {
    server = DistributionRegistry.plain(serverDir);
    refusing = DistributionRegistry.withoutDeletes(refusingDir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (refusing != null) {
      refusing.close();
    }
  }

  static Registry registry(DistributionRegistry r) {
    return Registry.of(
        r.host(),
        RegistryOptions.builder().withoutDockerConfig().retryDelay(Duration.ofMillis(10)).build());
  }

  static Attestation version(Digest subject, String id, int version) {
    return Fixtures.versionedBundle(
        subject, id, version, "Team", "2026-11-0" + version + "T00:00:00Z", "pkg:oci/app");
  }

  static List<Digest> indexEntries(OciStore store, Digest subject) {
    return ReferrersIndex.read(store, subject).map(ImageIndex::manifests).orElse(List.of()).stream()
        .map(Descriptor::digest)
        .collect(Collectors.toList());
  }

  static List<Digest> attLayers(OciStore store, Digest subject) {
    return store
        .manifest(Attacher.attTag(subject))
        .map(m -> OciJson.parseManifest(m.bytes(), "att", m.digest()).layers())
        .orElse(List.of())
        .stream()
        .map(Descriptor::digest)
        .collect(Collectors.toList());
  }

  static List<Digest> fetchedKeys(FetchResult f) {
    return f.attestations().stream()
        .map(a -> Supersession.key(a.attestation()))
        .distinct()
        .collect(Collectors.toList());
  }

  /** The same behaviour, whatever the store. */
  abstract static class Scenarios {
    OciStore store;
    Digest subject;
    Attachments vex;

    abstract OciStore newStore();

    @BeforeEach
    void setUp() {
      store = newStore();
      subject = ImageWriter.write(store, "1.0", "f", "x", List.of("linux/amd64")).digest();
      vex = Attachments.on(store);
    }

    /** What the store does with a removed referrer manifest. */
    abstract Removal.Outcome referrerOutcome();

    @Test
    void replacingWithAHigherVersionLeavesOnlyTheNewOneInEveryLayout() {
      Attestation v1 = version(subject, "doc", 1);
      Attestation v2 = version(subject, "doc", 2);
      AttachResult first = vex.attach("1.0", v1);

      AttachResult second = vex.attachReplacing("1.0", v2);

      assertThat(second.entries()).allMatch(AttachResult.Entry::added);
      assertThat(second.removed())
          .extracting(Removal::layout, Removal::version, Removal::outcome)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(
                  AttachmentLayout.SIGSTORE_BUNDLE_REFERRER, 1, referrerOutcome()),
              org.assertj.core.groups.Tuple.tuple(
                  AttachmentLayout.COSIGN_ATT_TAG, 1, Removal.Outcome.LAYER_REMOVED));
      assertThat(second.removed())
          .allSatisfy(r -> assertThat(r.documentId()).contains("https://waterline.test/vex/doc"));
      for (int i = 0; i < 2; i++) { // the second fetch sees what the first one's repair did
        FetchResult fetched = vex.fetch("1.0");
        assertThat(fetched.problems()).isEmpty();
        assertThat(fetched.attestations()).hasSize(2);
        assertThat(fetchedKeys(fetched)).containsExactly(Supersession.key(v2));
      }
      assertThat(attLayers(store, subject)).containsExactly(Supersession.key(v2));
      if (!store.supportsReferrers()) {
        Digest oldReferrer = first.entries().get(0).manifest();
        assertThat(indexEntries(store, subject))
            .containsExactly(second.entries().get(0).manifest());
        if (referrerOutcome() != Removal.Outcome.LEFT_DANGLING) { // there the tag stays, marked
          assertThat(store.tags()).doesNotContain(ReferrersIndex.referrerTag(subject, oldReferrer));
        }
      }
    }

    @Test
    void replacingWithALowerVersionRemovesNothing() {
      vex.attach("1.0", version(subject, "doc", 2));

      AttachResult r = vex.attachReplacing("1.0", version(subject, "doc", 1));

      assertThat(r.removed()).isEmpty();
      assertThat(fetchedKeys(vex.fetch("1.0"))).hasSize(2);
    }

    @Test
    void aLaterDocumentByTheSameAuthorAboutTheSameProductsSupersedesAnotherId() {
      vex.attach("1.0", version(subject, "old-id", 1));
      vex.attach(
          "1.0",
          Fixtures.versionedBundle(
              subject, "other-author", 1, "Vendor", "2026-11-01T00:00:00Z", "pkg:oci/app"));
      Attestation newer =
          Fixtures.versionedBundle(
              subject, "new-id", 1, "Team", "2026-11-05T00:00:00Z", "pkg:oci/app");

      AttachResult r = vex.attachReplacing("1.0", newer);

      assertThat(r.removed())
          .extracting(x -> x.documentId().orElseThrow())
          .containsOnly("https://waterline.test/vex/old-id");
      assertThat(fetchedKeys(vex.fetch("1.0"))).hasSize(2);
    }

    @Test
    void detachByReferrerDigestRemovesTheAttestationFromEveryLayout() {
      Attestation keep = version(subject, "keep", 1);
      Attestation drop = version(subject, "drop", 1);
      vex.attach("1.0", keep);
      AttachResult dropped = vex.attach("1.0", drop);

      DetachResult r = vex.detach("1.0", dropped.entries().get(0).manifest());

      assertThat(r.removed()).hasSize(2);
      assertThat(r.subject()).isEqualTo(subject);
      assertThat(fetchedKeys(vex.fetch("1.0"))).containsExactly(Supersession.key(keep));
      assertThat(attLayers(store, subject)).containsExactly(Supersession.key(keep));
    }

    @Test
    void detachByLayerDigestAndAgainChangesNothingTheSecondTime() {
      Attestation drop = version(subject, "drop", 1);
      vex.attach("1.0", drop, AttachmentLayout.COSIGN_ATT_TAG);
      Digest layer = Supersession.key(drop);

      DetachResult first = vex.detach("1.0", layer);
      DetachResult again = vex.detach("1.0", layer);

      assertThat(first.removed())
          .singleElement()
          .satisfies(x -> assertThat(x.outcome()).isEqualTo(Removal.Outcome.LAYER_REMOVED));
      assertThat(again.removed()).isEmpty();
      assertThat(again.notes()).singleElement().asString().contains("nothing attached");
      assertThat(vex.fetch("1.0").attestations()).isEmpty();
    }

    @Test
    void detachOfTheWholeAttManifestIsRefusedNamingIt() {
      AttachResult a = vex.attach("1.0", version(subject, "a", 1), AttachmentLayout.COSIGN_ATT_TAG);
      Digest att = a.entries().get(0).manifest();

      assertThatThrownBy(() -> vex.detach("1.0", att))
          .isInstanceOf(OciException.class)
          .hasMessageContaining(att.toString())
          .hasMessageContaining("layer digest");
    }

    @Test
    void pruneRemovesLowerVersionsOnlyAndRunningItAgainChangesNothing() {
      for (int v = 1; v <= 3; v++) {
        vex.attach("1.0", version(subject, "x", v));
      }
      Attestation y = version(subject, "y", 1);
      vex.attach("1.0", y);

      DetachResult pruned = vex.prune("1.0");
      DetachResult again = vex.prune("1.0");

      assertThat(pruned.removed()).extracting(Removal::version).containsOnly(1, 2).hasSize(4);
      assertThat(again.removed()).isEmpty();
      assertThat(fetchedKeys(vex.fetch("1.0")))
          .containsExactlyInAnyOrder(
              Supersession.key(version(subject, "x", 3)), Supersession.key(y));
    }

    @Test
    void pruneKeepingLatestKeepsOneDocumentPerAuthorAndProducts() {
      vex.attach(
          "1.0",
          Fixtures.versionedBundle(subject, "a", 1, "Team", "2026-11-01T00:00:00Z", "pkg:oci/app"));
      Attestation b =
          Fixtures.versionedBundle(subject, "b", 1, "Team", "2026-11-02T00:00:00Z", "pkg:oci/app");
      Attestation c =
          Fixtures.versionedBundle(
              subject, "c", 1, "Vendor", "2026-11-01T00:00:00Z", "pkg:oci/app");
      vex.attach("1.0", b);
      vex.attach("1.0", c);

      assertThat(vex.prune("1.0").removed()).isEmpty(); // no @id has two versions
      DetachResult r = vex.pruneKeepingLatest("1.0");

      assertThat(r.removed())
          .extracting(x -> x.documentId().orElseThrow())
          .containsOnly("https://waterline.test/vex/a");
      assertThat(fetchedKeys(vex.fetch("1.0")))
          .containsExactlyInAnyOrder(Supersession.key(b), Supersession.key(c));
    }

    @Test
    void pruneKeepingLatestKeepsExactlyOneOfDocumentsTiedOnTimeAndVersion() {
      List<Attestation> tied = new java.util.ArrayList<>();
      for (String id : List.of("p", "q", "r")) {
        Attestation a =
            Fixtures.versionedBundle(subject, id, 1, "Team", "2026-11-01T00:00:00Z", "pkg:oci/app");
        tied.add(a);
        vex.attach("1.0", a);
      }

      DetachResult r = vex.pruneKeepingLatest("1.0");
      DetachResult again = vex.pruneKeepingLatest("1.0");

      // (one removal per place an attestation was found: its referrer, its .att layer)
      assertThat(r.removed().stream().map(x -> x.documentId().orElseThrow()).distinct()).hasSize(2);
      List<Digest> left = fetchedKeys(vex.fetch("1.0"));
      assertThat(left).hasSize(1);
      assertThat(tied.stream().map(Supersession::key)).contains(left.get(0));
      assertThat(again.removed()).isEmpty();
    }

    @Test
    void attachingADetachedAttestationAgainWithReplaceBringsItBack() {
      Attestation a = version(subject, "again", 1);
      AttachResult attached = vex.attach("1.0", a);
      vex.detach("1.0", attached.entries().get(0).manifest());

      if (referrerOutcome() == Removal.Outcome.LEFT_DANGLING) {
        assertThatThrownBy(() -> vex.attachReplacing("1.0", a))
            .isInstanceOf(OciException.class)
            .hasMessageContaining("refuses DELETE")
            .hasMessageContaining("signed again");
        return;
      }
      vex.attachReplacing("1.0", a);

      assertThat(fetchedKeys(vex.fetch("1.0"))).containsExactly(Supersession.key(a));
    }
  }

  @Nested
  class OnALayout extends Scenarios {
    @TempDir Path dir;

    @Override
    OciStore newStore() {
      return OciLayout.create(dir).store();
    }

    @Override
    Removal.Outcome referrerOutcome() {
      return Removal.Outcome.UNLISTED;
    }

    @Test
    void theRemovedReferrerLeavesIndexJsonAndTheResultSaysTheBlobsStay() {
      AttachResult first = vex.attach("1.0", version(subject, "doc", 1));
      Digest old = first.entries().get(0).manifest();

      AttachResult r = vex.attachReplacing("1.0", version(subject, "doc", 2));

      assertThat(OciLayout.open(dir).store().tags()).noneMatch(t -> t.endsWith(".rm"));
      assertThat(
              ((dev.waterline.vex.oci.internal.store.LayoutStore) store)
                  .index().manifests().stream().map(Descriptor::digest))
          .doesNotContain(old);
      assertThat(store.hasBlob(old)).isTrue();
      assertThat(r.notes()).anyMatch(n -> n.contains("blobs") && n.contains("stay"));
    }
  }

  @Nested
  class InMemoryWithoutReferrersApi extends Scenarios {
    @Override
    OciStore newStore() {
      return new InMemoryStore("fallback", false);
    }

    @Override
    Removal.Outcome referrerOutcome() {
      return Removal.Outcome.DELETED;
    }
  }

  @Nested
  class OnARegistryThatDeletes extends Scenarios {
    @Override
    OciStore newStore() {
      return registry(server).store("replace/app" + REPO.incrementAndGet());
    }

    @Override
    Removal.Outcome referrerOutcome() {
      return Removal.Outcome.DELETED;
    }

    @Test
    void theOldReferrerManifestAndItsRefTagAreDeleted() {
      AttachResult first = vex.attach("1.0", version(subject, "doc", 1));
      Digest old = first.entries().get(0).manifest();

      vex.attachReplacing("1.0", version(subject, "doc", 2));

      assertThat(store.manifest(old.toString())).isEmpty();
      assertThat(store.tags()).doesNotContain(ReferrersIndex.referrerTag(subject, old));
      assertThat(store.tags()).contains(ReferrersIndex.removedTag(subject, old));
    }
  }

  @Nested
  class OnARegistryThatRefusesDelete extends Scenarios {
    @Override
    OciStore newStore() {
      return registry(refusing).store("refusing/app" + REPO.incrementAndGet());
    }

    @Override
    Removal.Outcome referrerOutcome() {
      return Removal.Outcome.LEFT_DANGLING;
    }

    @Test
    void theOldManifestStaysDanglingAndTheResultSaysSoButFetchNeverBringsItBack() {
      AttachResult first = vex.attach("1.0", version(subject, "doc", 1));
      Digest old = first.entries().get(0).manifest();

      AttachResult r = vex.attachReplacing("1.0", version(subject, "doc", 2));

      assertThat(r.leftDangling()).isTrue();
      assertThat(r.notes()).anyMatch(n -> n.contains("refused to delete") && n.contains("" + old));
      assertThat(store.manifest(old.toString())).isPresent();
      assertThat(store.tags())
          .contains(
              ReferrersIndex.referrerTag(subject, old), ReferrersIndex.removedTag(subject, old));
      for (int i = 0; i < 3; i++) { // the .ref tag is still there: the union must not repair it in
        assertThat(fetchedKeys(vex.fetch("1.0"))).hasSize(1);
        assertThat(indexEntries(store, subject)).doesNotContain(old).hasSize(1);
      }
    }
  }

  /**
   * Our in-process OCI 1.1 registry: referrers come from the referrers API (no fallback index, no
   * {@code .ref} tags) and {@code DELETE} is refused, so the API keeps listing the old referrer and
   * only its removal marker keeps it out of a fetch.
   */
  @Nested
  class OnARegistryWithTheReferrersApi extends Scenarios {
    OciApiRegistry api;
    FaultProxy front; // as RegistryReferrersApiTest: the JDK client talks to the proxy

    @Override
    OciStore newStore() {
      try {
        api = new OciApiRegistry(2);
        front = new FaultProxy(api.host());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return Registry.of(
              front.host(),
              RegistryOptions.builder()
                  .withoutDockerConfig()
                  .retryDelay(Duration.ofMillis(5))
                  .build())
          .store("api/app");
    }

    @org.junit.jupiter.api.AfterEach
    void close() throws java.io.IOException {
      front.close();
      api.close();
    }

    @Override
    Removal.Outcome referrerOutcome() {
      return Removal.Outcome.LEFT_DANGLING;
    }
  }

  @Nested
  class ForbiddenDelete {
    @Test
    void aRegistryAnswering403ToDeleteLeavesTheManifestDanglingInsteadOfFailing() throws Exception {
      try (FaultProxy front = new FaultProxy(server.host())) {
        front.inject("DELETE", ".*/manifests/sha256:.*", FaultProxy.Fault.STATUS_403, 100);
        OciStore store =
            Registry.of(
                    front.host(),
                    RegistryOptions.builder()
                        .withoutDockerConfig()
                        .retryDelay(Duration.ofMillis(5))
                        .build())
                .store("forbidden/app" + REPO.incrementAndGet());
        Digest subject = ImageWriter.write(store, "1.0", "f", "x", List.of("linux/amd64")).digest();
        Attachments vex = Attachments.on(store);
        vex.attach("1.0", version(subject, "doc", 1));

        AttachResult r = vex.attachReplacing("1.0", version(subject, "doc", 2));

        assertThat(r.leftDangling()).isTrue();
        assertThat(fetchedKeys(vex.fetch("1.0")))
            .containsExactly(Supersession.key(version(subject, "doc", 2)));
      }
    }
  }

  /** A replace cut short at each step, then run again. */
  @Nested
  class Interrupted {
    OciStore real;
    Digest subject;

    @BeforeEach
    void setUp() {
      real = registry(server).store("interrupted/app" + REPO.incrementAndGet());
      subject = ImageWriter.write(real, "1.0", "f", "x", List.of("linux/amd64")).digest();
    }

    /** The index written after the removal markers (not the attach's own index update). */
    boolean indexRewriteOfTheRemoval(String tag) {
      return tag.equals(subject.referrersTag())
          && real.tags().stream().anyMatch(t -> t.endsWith(".rm"));
    }

    void interruptThenRerun(Predicate<String> failing) {
      Attestation v1 = version(subject, "doc", 1);
      Attestation v2 = version(subject, "doc", 2);
      Attachments.on(real).attach("1.0", v1);
      FaultyStore faulty = new FaultyStore(real, failing);

      assertThatThrownBy(() -> Attachments.on(faulty).attachReplacing("1.0", v2))
          .hasMessageContaining("injected fault");
      assertThat(faulty.failed()).isTrue();
      AttachResult rerun = Attachments.on(real).attachReplacing("1.0", v2);
      AttachResult third = Attachments.on(real).attachReplacing("1.0", v2);

      assertThat(fetchedKeys(Attachments.on(real).fetch("1.0")))
          .containsExactly(Supersession.key(v2));
      assertThat(indexEntries(real, subject)).containsExactly(rerun.entries().get(0).manifest());
      assertThat(attLayers(real, subject)).containsExactly(Supersession.key(v2));
      assertThat(third.removed()).isEmpty();
    }

    @Test
    void cutBeforeTheFirstRemovalMarkerBothStayUntilTheRerun() {
      interruptThenRerun(t -> t.endsWith(".rm"));
    }

    @Test
    void cutBeforeTheIndexRewriteTheMarkerHidesTheOldOneAndTheRerunTidiesTheIndex() {
      interruptThenRerun(this::indexRewriteOfTheRemoval);
    }

    @Test
    void cutBeforeTheAttRewriteTheRerunTidiesTheAttManifest() {
      interruptThenRerun(t -> t.endsWith(".att") && attLayers(real, subject).size() == 2);
    }

    @Test
    void aFetchBetweenSeesOnlyTheNewVersion() {
      Attestation v1 = version(subject, "doc", 1);
      Attestation v2 = version(subject, "doc", 2);
      Attachments.on(real).attach("1.0", v1);
      FaultyStore faulty = new FaultyStore(real, this::indexRewriteOfTheRemoval);
      assertThatThrownBy(() -> Attachments.on(faulty).attachReplacing("1.0", v2))
          .hasMessageContaining("injected fault");

      FetchResult fetched = Attachments.on(real).fetch("1.0");

      assertThat(fetched.problems()).isEmpty();
      assertThat(fetchedKeys(fetched)).containsExactly(Supersession.key(v2));
    }
  }

  @Nested
  class RequestEconomy {
    @Test
    void detachingOneBundleFromTwoLayoutsCostsAFetchAndABoundedNumberOfRequests() {
      Registry registry = registry(server);
      String repo = "economy/app" + REPO.incrementAndGet();
      OciStore store = registry.store(repo);
      Digest subject = ImageWriter.write(store, "1.0", "f", "x", List.of("linux/amd64")).digest();
      AttachResult a = registry.attach(repo + ":1.0", version(subject, "doc", 1));
      long before = registry.requestCount();

      registry.detach(repo + ":1.0", a.entries().get(0).manifest());
      long detach = registry.requestCount() - before;
      registry.attach(repo + ":1.0", version(subject, "doc", 2));
      before = registry.requestCount();
      registry.prune(repo + ":1.0");
      long pruneNothing = registry.requestCount() - before;
      before = registry.requestCount();
      registry.attachReplacing(repo + ":1.0", version(subject, "doc", 3));
      long replace = registry.requestCount() - before;

      // fetch 4 + 2 x 2; markers 1 + 2; index 3; .att 6; DELETE 1 (20 measured)
      assertThat(detach).isLessThanOrEqualTo(8 + 3 + 3 + 6 + 1);
      // a fetch only: 4 + 2 per attestation
      assertThat(pruneNothing).isEqualTo(4 + 2 * 2);
      // attach 17, fetch 4 + 2 x 4, removal 13 (38 measured)
      assertThat(replace).isLessThanOrEqualTo(17 + 12 + 13);
    }
  }
}
