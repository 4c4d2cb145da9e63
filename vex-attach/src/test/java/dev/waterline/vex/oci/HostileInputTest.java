package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.oci.internal.attach.Attacher;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.testkit.internal.InMemoryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken or hostile content: each problem is reported with its digests and hides nothing else. */
class HostileInputTest {
  @TempDir Path dir;

  static StoredManifest image(OciStore store) {
    return ImageWriter.write(store, "1.0", "f", "x", List.of("linux/amd64"));
  }

  @Nested
  class OnALayout {
    OciLayout layout;
    OciStore store;
    StoredManifest image;
    String where;

    @BeforeEach
    void setUp() throws IOException {
      layout = OciLayout.create(dir);
      store = layout.store();
      image = image(store);
      where = "oci:" + dir.toRealPath();
    }

    @Test
    void aTamperedAttestationBlobIsRejectedWithBothDigestsAndTheRestIsStillFetched()
        throws IOException {
      Attestation att = Fixtures.bundleAttestation(image.digest(), "x");
      Attachments.on(layout).attach("1.0", att);
      Path blob = dir.resolve("blobs/sha256/" + att.digest().hex());
      byte[] changed = att.bytes();
      changed[changed.length - 3] ^= 1;
      Files.write(blob, changed);

      FetchResult fetched = Attachments.on(layout).fetch("1.0");

      assertThat(fetched.problems())
          .containsExactly(
              "the blob "
                  + att.digest()
                  + " read from "
                  + where
                  + " has the digest "
                  + Digest.of(changed)
                  + ": the content was changed or corrupted, so it is rejected");
      assertThat(fetched.attestations())
          .singleElement()
          .satisfies(f -> assertThat(f.layout()).isEqualTo(AttachmentLayout.COSIGN_ATT_TAG));
    }

    @Test
    void aReferrerListedInIndexJsonWhoseManifestIsGoneIsReported() throws IOException {
      AttachResult r =
          Attachments.on(layout).attach("1.0", Fixtures.bundleAttestation(image.digest(), "x"));
      Digest referrer = r.entries().get(0).manifest();
      Files.delete(dir.resolve("blobs/sha256/" + referrer.hex()));

      FetchResult fetched = Attachments.on(layout).fetch("1.0");

      assertThat(fetched.problems())
          .containsExactly(
              "index.json in "
                  + where
                  + " lists "
                  + referrer
                  + ", but blobs/sha256/"
                  + referrer.hex()
                  + " is missing");
      assertThat(fetched.attestations())
          .extracting(FetchedAttestation::layout)
          .containsExactly(AttachmentLayout.COSIGN_ATT_TAG);
    }

    @Test
    void aReferrerWhoseBlobIsGoneDoesNotHideTheOthersWhenTheLayoutIsOpenedAfresh()
        throws IOException {
      Attachments attachments = Attachments.on(layout);
      Digest gone =
          attachments
              .attach(
                  "1.0",
                  Fixtures.statementAttestation(image.digest(), "gone"),
                  AttachmentLayout.STATEMENT_REFERRER)
              .entries()
              .get(0)
              .manifest();
      attachments.attach(
          "1.0",
          Fixtures.statementAttestation(image.digest(), "kept"),
          AttachmentLayout.STATEMENT_REFERRER);
      Files.delete(dir.resolve("blobs/sha256/" + gone.hex()));

      FetchResult fetched = Attachments.on(OciLayout.open(dir)).fetch("1.0");

      assertThat(fetched.attestations()).hasSize(1);
      assertThat(fetched.problems())
          .containsExactly(
              "index.json in "
                  + where
                  + " lists "
                  + gone
                  + ", but blobs/sha256/"
                  + gone.hex()
                  + " is missing");
    }

    @Test
    void aHugeManifestUnderTheAttTagIsRefusedBeforeParsing() throws IOException {
      byte[] huge = new byte[OciJson.MAX_MANIFEST_BYTES + 100];
      java.util.Arrays.fill(huge, (byte) ' ');
      Digest d = Digest.of(huge);
      Files.createDirectories(dir.resolve("blobs/sha256"));
      Files.write(dir.resolve("blobs/sha256/" + d.hex()), huge);
      ImageIndex index =
          OciJson.parseIndex(Files.readAllBytes(dir.resolve("index.json")), "i", null);
      List<Descriptor> entries = new ArrayList<>(index.manifests());
      entries.add(
          Descriptor.of(MediaTypes.OCI_MANIFEST, d, huge.length)
              .withAnnotations(
                  Map.of(MediaTypes.ANNOTATION_REF_NAME, Attacher.attTag(image.digest()))));
      Files.write(dir.resolve("index.json"), OciJson.write(index.withManifests(entries)));

      FetchResult fetched = Attachments.on(layout).fetch("1.0");

      assertThat(fetched.problems())
          .containsExactly(
              "the manifest "
                  + d
                  + " in "
                  + where
                  + " is 4194404 bytes, more than the limit of 4194304 bytes");
    }
  }

  /**
   * cosign's {@code .att} manifest gets one layer per attestation; fetch refuses a manifest of more
   * than {@link OciJson#MAX_LAYERS} layers, so attach stops at that many, before writing anything.
   */
  @Nested
  class AFullAttTag {
    final InMemoryStore store = new InMemoryStore("reg", true);

    @Test
    void oneMoreAttestationIsRefusedNamingTheTagAndNothingIsWritten() {
      StoredManifest image = image(store);
      Attachments attachments = Attachments.on(store);
      attachments.attach("1.0", Fixtures.bundleAttestation(image.digest(), "n0"));
      // the .att manifest filled up to the limit with envelopes of other attestations
      String att = Attacher.attTag(image.digest());
      StoredManifest one = store.manifest(att).orElseThrow();
      ImageManifest m = OciJson.parseManifest(one.bytes(), att, one.digest());
      Descriptor first = m.layers().get(0);
      List<Descriptor> layers = new ArrayList<>(m.layers());
      for (int i = 1; i < OciJson.MAX_LAYERS; i++) {
        byte[] envelope =
            Fixtures.dsse(Fixtures.statement(image.digest(), Fixtures.OPENVEX, "n" + i));
        layers.add(first.withContent(first.mediaType(), store.putBlob(envelope), envelope.length));
      }
      StoredManifest full =
          store.putManifest(OciJson.write(m.withLayers(layers)), m.mediaType(), att);
      int referrers = store.referrers(image.digest()).orElseThrow().referrers().size();

      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  attachments.attach("1.0", Fixtures.bundleAttestation(image.digest(), "one-more")))
          .isInstanceOf(OciException.class)
          .hasMessage(
              "cannot add the attestation to "
                  + att
                  + " in memory:reg: it already holds 1000 attestations, the most one manifest"
                  + " may have (1000 layers; fetch refuses larger ones); remove superseded"
                  + " attestations first (prune), or attach it as a referrer only; nothing was"
                  + " attached");

      assertThat(store.manifest(att)).contains(full);
      assertThat(store.referrers(image.digest()).orElseThrow().referrers()).hasSize(referrers);
      // attaching one that is there already is still fine (nothing to add)
      assertThat(
              attachments.attach("1.0", Fixtures.bundleAttestation(image.digest(), "n0")).entries())
          .isNotEmpty();
      assertThat(store.manifest(att)).contains(full);
      assertThat(attachments.fetch("1.0").attestations()).hasSize(OciJson.MAX_LAYERS + 1);
    }
  }

  @Nested
  class OnARegistryWithoutReferrersApi {
    final InMemoryStore store = new InMemoryStore("reg", false);

    @Test
    void anIndexEntryPointingAtAMissingManifestIsSkippedWithAClearMessage() {
      StoredManifest image = image(store);
      Attachments attachments = Attachments.on(store);
      AttachResult gone =
          attachments.attach("1.0", Fixtures.statementAttestation(image.digest(), "gone"));
      attachments.attach("1.0", Fixtures.statementAttestation(image.digest(), "kept"));
      Digest missing = gone.entries().get(0).manifest();
      store.deleteManifest(missing); // also drops its .ref tag, as distribution does

      FetchResult fetched = attachments.fetch("1.0");

      assertThat(fetched.problems())
          .containsExactly(
              "the referrers of "
                  + image.digest()
                  + " list the manifest "
                  + missing
                  + ", which is missing in memory:reg; skipped");
      assertThat(fetched.attestations()).hasSize(1);
    }

    @Test
    void aLayerWhoseContentDoesNotMatchItsMediaTypeIsReported() {
      StoredManifest image = image(store);
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
      store.putManifest(
          OciJson.write(
              ImageIndex.of(
                  List.of(stored.descriptor().withArtifactType(MediaTypes.DSSE_ENVELOPE)))),
          MediaTypes.OCI_INDEX,
          image.digest().referrersTag());

      FetchResult fetched = Attachments.on(store).fetch("1.0");

      assertThat(fetched.attestations()).isEmpty();
      assertThat(fetched.problems())
          .containsExactly(
              "the layer "
                  + Digest.of(statement)
                  + " of "
                  + stored.digest()
                  + " (DSSE_REFERRER) in memory:reg is not a valid attestation at /: it is stored"
                  + " as application/vnd.dsse.envelope.v1+json but holds an in-toto statement");
    }

    @Test
    void aReferrerWhoseSubjectIsAnotherImageIsNotTakenForThisOne() {
      StoredManifest image = image(store);
      StoredManifest other = ImageWriter.write(store, "2.0", "f", "y", List.of("linux/amd64"));
      AttachResult r =
          Attachments.on(store)
              .attach("2.0", Fixtures.statementAttestation(other.digest(), "other"));
      Digest foreign = r.entries().get(0).manifest();
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

      assertThat(fetched.attestations()).isEmpty();
      assertThat(fetched.problems())
          .containsExactly(
              "the referrers of "
                  + image.digest()
                  + " list "
                  + foreign
                  + ", but its subject is "
                  + other.digest()
                  + "; skipped");
    }

    @Test
    void aBuildKitEntryWithoutAReferenceDigestIsReported() {
      StoredManifest platform = image(store);
      byte[] index =
          OciJson.write(
              ImageIndex.of(
                  List.of(
                      platform.descriptor(),
                      platform
                          .descriptor()
                          .withAnnotations(
                              Map.of(
                                  MediaTypes.ANNOTATION_DOCKER_REFERENCE_TYPE,
                                  MediaTypes.DOCKER_REFERENCE_TYPE_ATTESTATION)))));
      store.putManifest(index, MediaTypes.OCI_INDEX, "bk");

      assertThat(Attachments.on(store).fetch("bk").problems())
          .containsExactly(
              "the BuildKit attestation manifest "
                  + platform.digest()
                  + " in memory:reg has no valid vnd.docker.reference.digest (\"\"); skipped");
    }

    @Test
    void aTamperedManifestIsRejected() {
      StoredManifest image = image(store);
      store.tamper(image.digest(), "{}".getBytes(StandardCharsets.UTF_8));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Attachments.on(store).fetch("1.0"))
          .isInstanceOfSatisfying(
              OciException.class, e -> assertThat(e.digest()).contains(image.digest().toString()))
          .hasMessage(
              "the manifest "
                  + image.digest()
                  + " read from memory:reg has the digest "
                  + Attacher.EMPTY_DESCRIPTOR.digest()
                  + ": the content was changed or corrupted, so it is rejected");
    }
  }
}
