package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.UnreadableAttestation.Reason;
import dev.waterline.vex.oci.internal.attach.Attacher;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.registry.TestImages;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.testkit.internal.InMemoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attestation that is there but cannot be read (tampered, damaged, incomplete) is a failure with
 * its digest, layout and reason, never a note that lets it drop out of the gate; an entry of a
 * listing that cannot be used stays a warning.
 */
class UnreadableAttestationsTest {
  @TempDir Path dir;

  static StoredManifest image(OciStore store) {
    return ImageWriter.write(store, "1.0", "f", "x", List.of("linux/amd64"));
  }

  /** The same bytes with one bit of the last but two flipped (same size). */
  static byte[] flipped(byte[] bytes) {
    byte[] changed = bytes.clone();
    changed[changed.length - 3] ^= 1;
    return changed;
  }

  @Nested
  class OnALayout {
    OciLayout layout;
    OciStore store;
    StoredManifest image;
    String where;
    Attachments attachments;

    @BeforeEach
    void setUp() throws IOException {
      layout = OciLayout.create(dir);
      store = layout.store();
      image = image(store);
      where = "oci:" + dir.toRealPath();
      attachments = Attachments.on(layout);
    }

    Path blob(Digest d) {
      return dir.resolve("blobs/sha256/" + d.hex());
    }

    @Test
    void aLayerWhoseBytesDoNotMatchItsDigestIsAFailureWithDigestLayoutAndReason()
        throws IOException {
      Attestation att = Fixtures.bundleAttestation(image.digest(), "x");
      Digest referrer = attachments.attach("1.0", att).entries().get(0).manifest();
      byte[] changed = flipped(att.bytes());
      Files.write(blob(att.digest()), changed);

      FetchResult fetched = attachments.fetch("1.0");

      String message =
          "the blob "
              + att.digest()
              + " read from "
              + where
              + " has the digest "
              + Digest.of(changed)
              + ": the content was changed or corrupted, so it is rejected";
      assertThat(fetched.unreadable())
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.reason()).isEqualTo(Reason.DIGEST_MISMATCH);
                assertThat(u.layout()).contains(AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
                assertThat(u.manifest()).contains(referrer);
                assertThat(u.digest()).contains(att.digest());
                assertThat(u.subject()).isEqualTo(image.digest());
                assertThat(u.predicateType()).contains(Fixtures.OPENVEX);
                assertThat(u.message()).isEqualTo(message);
              });
      assertThat(fetched.warnings()).isEmpty();
      assertThat(fetched.problems()).containsExactly(message);
      assertThat(fetched.attestations())
          .extracting(FetchedAttestation::layout)
          .containsExactly(AttachmentLayout.COSIGN_ATT_TAG);
      assertThat(fetched.toString()).endsWith(": 1 attestation(s), 1 unreadable]");
    }

    @Test
    void requireReadableThrowsNamingImageDigestAndReason() throws IOException {
      Attestation att = Fixtures.bundleAttestation(image.digest(), "x");
      attachments.attach("1.0", att, AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
      Files.write(blob(att.digest()), flipped(att.bytes()));
      FetchResult fetched = attachments.fetch("1.0");

      assertThatThrownBy(fetched::requireReadable)
          .isInstanceOfSatisfying(
              UnreadableAttestationException.class,
              e -> {
                assertThat(e.unreadable()).isEqualTo(fetched.unreadable());
                assertThat(e.digest()).contains(att.digest().toString());
                assertThat(e.reference()).contains("1.0");
              })
          .hasMessage(
              "1.0: an attestation ("
                  + att.digest()
                  + ") could not be read (DIGEST_MISMATCH): "
                  + fetched.unreadable().get(0).message());
      assertThat(Attachments.on(layout).fetch("1.0").unreadable()).hasSize(1);
    }

    @Test
    void aCleanFetchIsReadable() {
      attachments.attach("1.0", Fixtures.bundleAttestation(image.digest(), "x"));
      FetchResult fetched = attachments.fetch("1.0");
      assertThat(fetched.requireReadable()).isSameAs(fetched);
      assertThat(fetched.unreadable()).isEmpty();
    }

    @Test
    void aReferrerManifestWhoseBytesWereChangedIsAFailure() throws IOException {
      Digest referrer =
          attachments
              .attach(
                  "1.0",
                  Fixtures.statementAttestation(image.digest(), "x"),
                  AttachmentLayout.STATEMENT_REFERRER)
              .entries()
              .get(0)
              .manifest();
      byte[] changed = flipped(Files.readAllBytes(blob(referrer)));
      Files.write(blob(referrer), changed);

      FetchResult fetched = Attachments.on(OciLayout.open(dir)).fetch("1.0");

      assertThat(fetched.attestations()).isEmpty();
      assertThat(fetched.unreadable())
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.reason()).isEqualTo(Reason.DIGEST_MISMATCH);
                assertThat(u.digest()).contains(referrer);
                assertThat(u.layout()).isEmpty();
                assertThat(u.message())
                    .isEqualTo(
                        "the manifest "
                            + referrer
                            + " read from "
                            + where
                            + " has the digest "
                            + Digest.of(changed)
                            + ": the content was changed or corrupted, so it is rejected (it is"
                            + " listed without a tag, so it may be an attestation of this image)");
              });
    }

    @Test
    void aDamagedReferrerIsReportedOnceForAnIndexAndEachOfItsPlatforms() throws IOException {
      StoredManifest index =
          ImageWriter.write(store, "multi", "f", "y", List.of("linux/amd64", "linux/arm64"));
      Digest referrer =
          attachments
              .attach("multi", Fixtures.statementAttestation(index.digest(), "x"))
              .entries()
              .get(0)
              .manifest();
      Files.write(blob(referrer), flipped(Files.readAllBytes(blob(referrer))));

      FetchResult fetched = attachments.fetch("multi");

      assertThat(fetched.unreadable())
          .singleElement()
          .satisfies(u -> assertThat(u.digest()).contains(referrer));
    }

    @Test
    void theAttManifestWhoseBytesWereChangedIsAFailure() throws IOException {
      Digest att =
          attachments
              .attach(
                  "1.0",
                  Fixtures.dsseAttestation(image.digest(), "x"),
                  AttachmentLayout.COSIGN_ATT_TAG)
              .entries()
              .get(0)
              .manifest();
      Files.write(blob(att), flipped(Files.readAllBytes(blob(att))));

      FetchResult fetched = attachments.fetch("1.0");

      assertThat(fetched.unreadable())
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.reason()).isEqualTo(Reason.DIGEST_MISMATCH);
                assertThat(u.layout()).contains(AttachmentLayout.COSIGN_ATT_TAG);
                assertThat(u.digest()).contains(att);
              });
    }

    @Test
    void aReferrerManifestThatDoesNotParseIsAFailure() throws IOException {
      byte[] notJson = "{\"schemaVersion\":2,".getBytes(StandardCharsets.UTF_8);
      Digest d = Digest.of(notJson);
      Files.write(blob(d), notJson);
      addToIndexJson(Descriptor.of(MediaTypes.OCI_MANIFEST, d, notJson.length));

      FetchResult fetched = attachments.fetch("1.0");

      assertThat(fetched.unreadable())
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.reason()).isEqualTo(Reason.MALFORMED_MANIFEST);
                assertThat(u.digest()).contains(d);
              });
    }

    @Test
    void aLayerThatIsNotTheEnvelopeItsMediaTypeSaysIsAFailure() {
      byte[] statement = Fixtures.statement(image.digest(), Fixtures.OPENVEX, "x");
      store.putBlob(statement);
      store.putBlob(Attacher.EMPTY_JSON);
      byte[] m =
          OciJson.write(
              ImageManifest.oci(
                  MediaTypes.DSSE_ENVELOPE,
                  Attacher.EMPTY_DESCRIPTOR,
                  List.of(Descriptor.of(MediaTypes.DSSE_ENVELOPE, statement)),
                  image.descriptor(),
                  Map.of()));
      StoredManifest stored = store.putManifest(m, MediaTypes.OCI_MANIFEST, null);

      FetchResult fetched = attachments.fetch("1.0");

      assertThat(fetched.unreadable())
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.reason()).isEqualTo(Reason.MALFORMED_ATTESTATION);
                assertThat(u.layout()).contains(AttachmentLayout.DSSE_REFERRER);
                assertThat(u.manifest()).contains(stored.digest());
                assertThat(u.digest()).contains(Digest.of(statement));
                assertThat(u.message())
                    .isEqualTo(
                        "the layer "
                            + Digest.of(statement)
                            + " of "
                            + stored.digest()
                            + " (DSSE_REFERRER) in "
                            + where
                            + " is not a valid attestation at /: it is stored as"
                            + " application/vnd.dsse.envelope.v1+json but holds an in-toto"
                            + " statement");
              });
    }

    @Test
    void aLayerTheManifestNamesThatIsMissingIsAFailure() throws IOException {
      Attestation att = Fixtures.bundleAttestation(image.digest(), "x");
      Digest referrer =
          attachments
              .attach("1.0", att, AttachmentLayout.SIGSTORE_BUNDLE_REFERRER)
              .entries()
              .get(0)
              .manifest();
      Files.delete(blob(att.digest()));

      FetchResult fetched = attachments.fetch("1.0");

      assertThat(fetched.unreadable())
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.reason()).isEqualTo(Reason.MISSING_BLOB);
                assertThat(u.digest()).contains(att.digest());
                assertThat(u.manifest()).contains(referrer);
                assertThat(u.message())
                    .isEqualTo(
                        "the layer "
                            + att.digest()
                            + " of "
                            + referrer
                            + " (SIGSTORE_BUNDLE_REFERRER) is missing in "
                            + where
                            + ", so the attestation it holds cannot be read");
              });
    }

    @Test
    void aManifestOverTheLimitUnderTheAttTagIsAFailure() throws IOException {
      byte[] huge = new byte[OciJson.MAX_MANIFEST_BYTES + 100];
      java.util.Arrays.fill(huge, (byte) ' ');
      Digest d = Digest.of(huge);
      Files.write(blob(d), huge);
      addToIndexJson(
          Descriptor.of(MediaTypes.OCI_MANIFEST, d, huge.length)
              .withAnnotations(
                  Map.of(MediaTypes.ANNOTATION_REF_NAME, Attacher.attTag(image.digest()))));

      FetchResult fetched = attachments.fetch("1.0");

      assertThat(fetched.unreadable())
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.reason()).isEqualTo(Reason.TOO_LARGE);
                assertThat(u.layout()).contains(AttachmentLayout.COSIGN_ATT_TAG);
                assertThat(u.digest()).contains(d);
              });
    }

    @Test
    void aListedManifestThatIsGoneIsAWarningNotAFailure() throws IOException {
      Digest referrer =
          attachments
              .attach("1.0", Fixtures.bundleAttestation(image.digest(), "x"))
              .entries()
              .get(0)
              .manifest();
      Files.delete(blob(referrer));

      FetchResult fetched = attachments.fetch("1.0");

      assertThat(fetched.unreadable()).isEmpty();
      assertThat(fetched.warnings())
          .containsExactly(
              "index.json in "
                  + where
                  + " lists "
                  + referrer
                  + ", but blobs/sha256/"
                  + referrer.hex()
                  + " is missing");
      assertThat(fetched.requireReadable()).isSameAs(fetched);
    }

    @Test
    void anIndexEntryWithAnUnknownDigestAlgorithmIsAWarningNotAFailure() throws IOException {
      attachments.attach("1.0", Fixtures.bundleAttestation(image.digest(), "x"));
      String index = Files.readString(dir.resolve("index.json"));
      Files.writeString(
          dir.resolve("index.json"),
          index.replace(
              "\"manifests\":[",
              "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                  + "\"digest\":\"blake3:"
                  + "a".repeat(64)
                  + "\",\"size\":2},"));

      FetchResult fetched = attachments.fetch("1.0");

      assertThat(fetched.unreadable()).isEmpty();
      assertThat(fetched.warnings()).singleElement().asString().contains("blake3");
      assertThat(fetched.attestations()).hasSize(2);
    }

    @Test
    void onlyOpenVexKeepsUnreadableAttestationsUnlessAnnotatedWithAnotherPredicateType()
        throws IOException {
      Attestation vex = Fixtures.dsseAttestation(image.digest(), "vex");
      Attestation sbom =
          Attestation.of(
              Fixtures.dsse(
                  Fixtures.statement(image.digest(), "https://spdx.dev/Document", "sbom")));
      attachments.attach("1.0", vex);
      attachments.attach("1.0", sbom);
      Files.write(blob(vex.digest()), flipped(vex.bytes()));
      Files.write(blob(sbom.digest()), flipped(sbom.bytes()));

      FetchResult all = attachments.fetch("1.0");
      FetchResult onlyVex = all.onlyOpenVex();

      assertThat(all.unreadable())
          .extracting(u -> u.digest().orElseThrow())
          .containsExactly(vex.digest(), sbom.digest());
      assertThat(onlyVex.unreadable())
          .extracting(u -> u.digest().orElseThrow())
          .containsExactly(vex.digest());
      assertThat(onlyVex.problems()).containsExactly(onlyVex.unreadable().get(0).message());
    }

    void addToIndexJson(Descriptor entry) throws IOException {
      ImageIndex index =
          OciJson.parseIndex(Files.readAllBytes(dir.resolve("index.json")), "i", null);
      List<Descriptor> entries = new ArrayList<>(index.manifests());
      entries.add(entry);
      Files.write(dir.resolve("index.json"), OciJson.write(index.withManifests(entries)));
    }
  }

  @Nested
  class VerifiedAndBatched {
    @Test
    void verifiedFetchCountsUnreadableAttestationsAsFailures() throws IOException {
      OciLayout layout = OciLayout.create(dir);
      StoredManifest image = image(layout.store());
      var key = Keys.generate();
      Attestation signed =
          Attestation.of(
              dev.waterline.vex.sign.Attestations.of(EmbedFixtures.document("CVE-2026-0001"))
                  .subject("registry.test/app@" + image.digest())
                  .sign(key));
      Attestation other = Fixtures.bundleAttestation(image.digest(), "other");
      Attachments.on(layout).attach("1.0", signed);
      Attachments.on(layout).attach("1.0", other, AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
      Files.write(dir.resolve("blobs/sha256/" + other.digest().hex()), flipped(other.bytes()));

      VerifiedFetch v = Attachments.on(layout).fetch("1.0").verifiedWith(key.publicKey());
      BatchFetch.Item item = BatchFetch.defaults().fetch("oci:" + dir + ":1.0").get(0);

      assertThat(v.verified()).hasSize(1);
      assertThat(v.failed()).isEmpty();
      assertThat(v.unreadable()).hasSize(1);
      assertThat(v.hasFailures()).isTrue();
      assertThat(v.mergedVex()).isPresent();
      assertThat(v.toString())
          .contains("1 verified, 0 failed, 0 unsigned (0 accepted), 1 unreadable");
      assertThat(item.succeeded()).isTrue();
      assertThat(item.result().orElseThrow().unreadable()).isEqualTo(v.unreadable());
    }
  }

  @Nested
  class InMemoryWithoutReferrersApi {
    final InMemoryStore store = new InMemoryStore("reg", false);

    @Test
    void aTamperedLayerIsAFailure() {
      StoredManifest image = image(store);
      Attestation att = Fixtures.statementAttestation(image.digest(), "x");
      Attachments.on(store).attach("1.0", att);
      store.tamper(att.digest(), flipped(att.bytes()));

      FetchResult fetched = Attachments.on(store).fetch("1.0");

      assertThat(fetched.attestations()).isEmpty();
      assertThat(fetched.unreadable())
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.reason()).isEqualTo(Reason.DIGEST_MISMATCH);
                assertThat(u.layout()).contains(AttachmentLayout.STATEMENT_REFERRER);
                assertThat(u.digest()).contains(att.digest());
              });
    }

    @Test
    void aTamperedReferrersIndexIsAFailureOfTheListing() {
      StoredManifest image = image(store);
      Attachments.on(store).attach("1.0", Fixtures.statementAttestation(image.digest(), "x"));
      StoredManifest index = store.manifest(image.digest().referrersTag()).orElseThrow();
      store.tamper(index.digest(), flipped(index.bytes()));
      store.deleteTag(
          store.tags().stream().filter(t -> t.endsWith(".ref")).findFirst().orElseThrow());

      FetchResult fetched = Attachments.on(store).fetch("1.0");

      assertThat(fetched.unreadable())
          .singleElement()
          .satisfies(
              u -> {
                assertThat(u.reason()).isEqualTo(Reason.DIGEST_MISMATCH);
                assertThat(u.layout()).isEmpty();
                assertThat(u.digest()).contains(index.digest());
              });
    }

    @Test
    void aReferrersTagThatIsNotAnIndexIsAFailureOfTheListing() {
      StoredManifest image = image(store);
      store.putManifest(image.bytes(), image.mediaType(), image.digest().referrersTag());

      FetchResult fetched = Attachments.on(store).fetch("1.0");

      assertThat(fetched.unreadable())
          .singleElement()
          .satisfies(u -> assertThat(u.reason()).isEqualTo(Reason.MALFORMED_MANIFEST));
    }

    @Test
    void aReferrerOfAnotherImageIsAWarningNotAFailure() {
      StoredManifest image = image(store);
      StoredManifest other = ImageWriter.write(store, "2.0", "f", "y", List.of("linux/amd64"));
      Digest foreign =
          Attachments.on(store)
              .attach("2.0", Fixtures.statementAttestation(other.digest(), "other"))
              .entries()
              .get(0)
              .manifest();
      store.putManifest(
          OciJson.write(
              ImageIndex.of(
                  List.of(
                      store
                          .manifest(foreign.toString())
                          .orElseThrow()
                          .descriptor()
                          .withArtifactType(MediaTypes.IN_TOTO)))),
          MediaTypes.OCI_INDEX,
          image.digest().referrersTag());

      FetchResult fetched = Attachments.on(store).fetch("1.0");

      assertThat(fetched.unreadable()).isEmpty();
      assertThat(fetched.warnings()).hasSize(1);
    }
  }

  /** Bytes changed in the registry's own storage: distribution serves them as they are. */
  @Nested
  class OnADistributionRegistry {
    @TempDir static Path regDir;
    static DistributionRegistry server;
    static final AtomicInteger REPO = new AtomicInteger();

    @BeforeAll
    static void start() {
      DistributionRegistry.assumeInstalled();
      server = DistributionRegistry.plain(regDir);
    }

    @AfterAll
    static void stop() {
      if (server != null) {
        server.close();
      }
    }

    /** Where distribution's filesystem driver keeps a blob. */
    static Path storedBlob(Digest d) {
      return regDir.resolve(
          "data/docker/registry/v2/blobs/sha256/"
              + d.hex().substring(0, 2)
              + "/"
              + d.hex()
              + "/data");
    }

    @Test
    void aLayerChangedInTheRegistrysStorageIsAFailure() throws IOException {
      String repo = "tamper/app" + REPO.incrementAndGet();
      Digest subject = TestImages.push(server, repo, "1.0");
      Registry registry =
          Registry.of(
              server.host(),
              RegistryOptions.builder()
                  .withoutDockerConfig()
                  .retryDelay(Duration.ofMillis(10))
                  .build());
      Attestation att = Fixtures.bundleAttestation(subject, "x");
      registry.attach(repo + ":1.0", att);
      Files.write(storedBlob(att.digest()), flipped(att.bytes()));

      FetchResult fetched = registry.fetch(repo + ":1.0");

      assertThat(fetched.attestations())
          .extracting(FetchedAttestation::layout)
          .containsExactly(AttachmentLayout.COSIGN_ATT_TAG);
      assertThat(fetched.unreadable())
          .singleElement()
          .satisfies(
              u -> {
                // the registry store reports a digest mismatch as a failed read for now (it does
                // not throw the typed ContentException); a failure either way
                assertThat(u.reason()).isEqualTo(Reason.READ_FAILED);
                assertThat(u.layout()).contains(AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
                assertThat(u.digest()).contains(att.digest());
                assertThat(u.message())
                    .isEqualTo(
                        "the blob "
                            + att.digest()
                            + " read from "
                            + server.host()
                            + "/"
                            + repo
                            + " has the digest "
                            + Digest.of(flipped(att.bytes()))
                            + ": the content was changed or corrupted in transit, so it is"
                            + " rejected");
              });
      assertThatThrownBy(fetched::requireReadable)
          .isInstanceOf(UnreadableAttestationException.class);
    }
  }
}
