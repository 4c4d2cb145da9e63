package dev.waterline.vex.oci;

import static dev.waterline.vex.oci.Fixtures.OPENVEX;
import static dev.waterline.vex.oci.Fixtures.OPENVEX_V020;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.internal.attach.Attacher;
import dev.waterline.vex.oci.internal.attach.ReferrersIndex;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.testkit.SampleImages;
import dev.waterline.vex.testkit.internal.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AttachmentsTest {
  @TempDir Path dir;

  /** The stores every round trip runs on. */
  enum Kind {
    LAYOUT,
    MEMORY_WITH_REFERRERS_API,
    MEMORY_WITHOUT_REFERRERS_API;

    OciStore create(Path dir) {
      switch (this) {
        case LAYOUT:
          return OciLayout.create(dir.resolve("layout")).store();
        case MEMORY_WITH_REFERRERS_API:
          return new InMemoryStore("api", true);
        default:
          return new InMemoryStore("fallback", false);
      }
    }
  }

  static StoredManifest image(OciStore store, String tag) {
    return ImageWriter.write(store, tag, "hello.txt", "hello " + tag, List.of("linux/amd64"));
  }

  static ImageManifest manifest(OciStore store, Digest d) {
    return OciJson.parseManifest(
        store.manifest(d.toString()).orElseThrow().bytes(), "manifest " + d, d);
  }

  static ImageManifest manifest(OciStore store, String tag) {
    StoredManifest m = store.manifest(tag).orElseThrow();
    return OciJson.parseManifest(m.bytes(), "manifest " + tag, m.digest());
  }

  static List<Digest> fallbackEntries(OciStore store, Digest subject) {
    return ReferrersIndex.read(store, subject).orElseThrow().manifests().stream()
        .map(Descriptor::digest)
        .collect(Collectors.toList());
  }

  @Nested
  class RoundTrip {
    @ParameterizedTest
    @EnumSource(Kind.class)
    void bundleReferrerInCosignThreeShape(Kind kind) {
      OciStore store = kind.create(dir);
      StoredManifest image = image(store, "1.0");
      Attestation att = Fixtures.bundleAttestation(image.digest(), "a");

      AttachResult result =
          Attachments.on(store).attach("1.0", att, AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);

      assertThat(result.subject()).isEqualTo(image.digest());
      AttachResult.Entry entry = result.entries().get(0);
      assertThat(entry.added()).isTrue();
      ImageManifest m = manifest(store, entry.manifest());
      assertThat(m.artifactType()).isEqualTo(MediaTypes.SIGSTORE_BUNDLE_V03);
      assertThat(m.config()).isEqualTo(Attacher.EMPTY_DESCRIPTOR);
      assertThat(m.layers())
          .containsExactly(
              Descriptor.of(MediaTypes.SIGSTORE_BUNDLE_V03, att.digest(), att.bytes().length));
      assertThat(m.subject()).isEqualTo(image.descriptor());
      assertThat(m.annotations())
          .containsExactly(
              Map.entry("dev.sigstore.bundle.content", "dsse-envelope"),
              Map.entry("dev.sigstore.bundle.predicateType", OPENVEX));

      FetchResult fetched = Attachments.on(store).fetch("1.0");
      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.layout()).isEqualTo(AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
                assertThat(f.kind()).isEqualTo(AttestationKind.SIGSTORE_BUNDLE);
                assertThat(f.subject()).isEqualTo(image.digest());
                assertThat(f.manifest()).isEqualTo(entry.manifest());
                assertThat(f.bytes()).isEqualTo(att.bytes());
                assertThat(f.statement()).isEqualTo(att.statement());
                assertThat(f.predicateType()).isEqualTo(OPENVEX);
              });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void cosignAttTagWithOneDsseLayerPerAttestation(Kind kind) {
      OciStore store = kind.create(dir);
      StoredManifest image = image(store, "1.0");
      Attestation first = Fixtures.dsseAttestation(image.digest(), "first");
      Attestation second = Fixtures.dsseAttestation(image.digest(), "second");

      AttachResult r1 = Attachments.on(store).attach("1.0", first);
      Attachments.on(store).attach("1.0", second);

      String tag = "sha256-" + image.digest().hex() + ".att";
      assertThat(r1.entries()).singleElement().satisfies(e -> assertThat(e.tag()).contains(tag));
      ImageManifest m = manifest(store, tag);
      assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
      assertThat(m.subject()).isNull();
      assertThat(m.config().mediaType()).isEqualTo(MediaTypes.OCI_CONFIG);
      assertThat(m.config().size()).isEqualTo(342); // cosign's config: 233 + 109 per extra layer
      assertThat(m.layers()).hasSize(2);
      assertThat(m.layers().get(0).digest()).isEqualTo(first.digest());
      assertThat(m.layers().get(1).digest()).isEqualTo(second.digest());
      assertThat(m.layers().get(0).mediaType()).isEqualTo(MediaTypes.DSSE_ENVELOPE);
      assertThat(m.layers().get(0).annotations())
          .containsExactly(
              Map.entry("dev.cosignproject.cosign/signature", ""),
              Map.entry("predicateType", OPENVEX));
      byte[] config = store.blob(m.config().digest()).orElseThrow();
      assertThat(new String(config, StandardCharsets.UTF_8))
          .contains(
              "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                  + first.digest()
                  + "\",\""
                  + second.digest()
                  + "\"]}");

      FetchResult fetched = Attachments.on(store).fetch("1.0");
      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations())
          .extracting(FetchedAttestation::layout, FetchedAttestation::layer)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(AttachmentLayout.COSIGN_ATT_TAG, first.digest()),
              org.assertj.core.groups.Tuple.tuple(
                  AttachmentLayout.COSIGN_ATT_TAG, second.digest()));
      assertThat(fetched.attestations().get(0).bytes()).isEqualTo(first.bytes());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBundleGoesToBothDefaultLayoutsAndItsEnvelopeToAtt(Kind kind) {
      OciStore store = kind.create(dir);
      StoredManifest image = image(store, "1.0");
      Attestation att = Fixtures.bundleAttestation(image.digest(), "b");

      AttachResult result = Attachments.on(store).attach("1.0", att);

      assertThat(result.entries())
          .extracting(AttachResult.Entry::layout)
          .containsExactly(
              AttachmentLayout.SIGSTORE_BUNDLE_REFERRER, AttachmentLayout.COSIGN_ATT_TAG);
      FetchResult fetched = Attachments.on(store).fetch("1.0");
      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations()).hasSize(2);
      FetchedAttestation fromAtt = fetched.attestations().get(1);
      assertThat(fromAtt.layout()).isEqualTo(AttachmentLayout.COSIGN_ATT_TAG);
      assertThat(fromAtt.kind()).isEqualTo(AttestationKind.DSSE_ENVELOPE);
      assertThat(fromAtt.bytes()).isEqualTo(att.envelope().orElseThrow());
      assertThat(fromAtt.statement()).isEqualTo(att.statement());
      assertThat(new String(fromAtt.bytes(), StandardCharsets.UTF_8))
          .startsWith("{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void unsignedStatementReferrerInTheDockerShape(Kind kind) {
      OciStore store = kind.create(dir);
      StoredManifest image = image(store, "1.0");
      Attestation att = Fixtures.statementAttestation(image.digest(), "s");

      AttachResult result = Attachments.on(store).attach("1.0", att);

      ImageManifest m = manifest(store, result.entries().get(0).manifest());
      assertThat(m.artifactType()).isEqualTo(MediaTypes.IN_TOTO);
      assertThat(m.layers())
          .singleElement()
          .satisfies(
              l -> {
                assertThat(l.mediaType()).isEqualTo(MediaTypes.IN_TOTO);
                assertThat(l.annotations())
                    .containsExactly(Map.entry("in-toto.io/predicate-type", OPENVEX_V020));
              });
      FetchResult fetched = Attachments.on(store).fetch("1.0");
      assertThat(fetched.openVex())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.layout()).isEqualTo(AttachmentLayout.STATEMENT_REFERRER);
                assertThat(f.kind().isSigned()).isFalse();
                assertThat(f.bytes()).isEqualTo(att.bytes());
              });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void attachingTheSameAttestationTwiceAddsNothing(Kind kind) {
      OciStore store = kind.create(dir);
      StoredManifest image = image(store, "1.0");
      Attestation att = Fixtures.bundleAttestation(image.digest(), "twice");
      Attachments attachments = Attachments.on(store);

      AttachResult first = attachments.attach("1.0", att);
      List<String> tagsAfterFirst = store.tags();
      AttachResult second = attachments.attach("sha256:" + image.digest().hex(), att);

      assertThat(first.entries()).allMatch(AttachResult.Entry::added);
      assertThat(second.entries()).noneMatch(AttachResult.Entry::added);
      assertThat(second.entries())
          .extracting(AttachResult.Entry::manifest)
          .isEqualTo(
              first.entries().stream()
                  .map(AttachResult.Entry::manifest)
                  .collect(Collectors.toList()));
      assertThat(store.tags()).isEqualTo(tagsAfterFirst);
      assertThat(attachments.fetch("1.0").attestations()).hasSize(2);
      assertThat(manifest(store, "sha256-" + image.digest().hex() + ".att").layers()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCreationTimeIsAnAnnotationOfTheReferrer(Kind kind) {
      OciStore store = kind.create(dir);
      StoredManifest image = image(store, "1.0");
      AttachResult r =
          Attachments.on(store)
              .withCreated(Instant.parse("2026-11-26T10:15:30.123Z"))
              .attach(
                  "1.0",
                  Fixtures.bundleAttestation(image.digest(), "t"),
                  AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
      assertThat(manifest(store, r.entries().get(0).manifest()).annotations())
          .containsEntry("org.opencontainers.image.created", "2026-11-26T10:15:30Z");
    }
  }

  @Nested
  class MultiPlatform {
    @ParameterizedTest
    @EnumSource(Kind.class)
    void fetchLooksAtTheIndexAndEachPlatformManifest(Kind kind) {
      OciStore store = kind.create(dir);
      StoredManifest index =
          ImageWriter.write(store, "multi", "f", "x", List.of("linux/amd64", "linux/arm64"));
      List<Descriptor> platforms =
          OciJson.parseIndex(index.bytes(), "index", index.digest()).manifests();
      Digest arm = platforms.get(1).digest();
      Attachments attachments = Attachments.on(store);

      attachments.attach("multi", Fixtures.bundleAttestation(index.digest(), "on-index"));
      attachments.attach(arm.toString(), Fixtures.statementAttestation(arm, "on-arm"));

      FetchResult fetched = attachments.fetch("multi");
      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.digest()).isEqualTo(index.digest());
      assertThat(fetched.attestations())
          .extracting(FetchedAttestation::subject, FetchedAttestation::layout)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  index.digest(), AttachmentLayout.SIGSTORE_BUNDLE_REFERRER),
              org.assertj.core.groups.Tuple.tuple(index.digest(), AttachmentLayout.COSIGN_ATT_TAG),
              org.assertj.core.groups.Tuple.tuple(arm, AttachmentLayout.STATEMENT_REFERRER));
    }
  }

  @Nested
  class Fallback {
    final InMemoryStore store = new InMemoryStore("fallback", false);

    @Test
    void theIndexEntryCopiesArtifactTypeAndAnnotationsAndTheReferrerHasItsOwnTag() {
      StoredManifest image = image(store, "1.0");
      AttachResult r =
          Attachments.on(store)
              .attach(
                  "1.0",
                  Fixtures.bundleAttestation(image.digest(), "x"),
                  AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
      Digest referrer = r.entries().get(0).manifest();
      String refTag =
          "sha256-" + image.digest().hex() + "." + referrer.hex().substring(0, 16) + ".ref";
      assertThat(r.entries().get(0).tag()).contains(refTag);
      assertThat(store.tags()).containsExactly("1.0", "sha256-" + image.digest().hex(), refTag);
      StoredManifest indexBytes = store.manifest("sha256-" + image.digest().hex()).orElseThrow();
      assertThat(indexBytes.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
      assertThat(new String(indexBytes.bytes(), StandardCharsets.UTF_8))
          .isEqualTo(
              "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                  + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                  + "\"digest\":\""
                  + referrer
                  + "\",\"size\":"
                  + store.manifest(referrer.toString()).orElseThrow().bytes().length
                  + ",\"artifactType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\","
                  + "\"annotations\":{\"dev.sigstore.bundle.content\":\"dsse-envelope\","
                  + "\"dev.sigstore.bundle.predicateType\":\"https://openvex.dev/ns\"}}]}");
    }

    @Test
    void mergingKeepsEntriesOthersWroteAndSkipsArtifactsThatAreNotAttestations() {
      StoredManifest image = image(store, "1.0");
      // An oras-style SBOM referrer without artifactType (config media type stands in), listed
      // by another tool in the fallback index before we attach.
      store.putBlob(Attacher.EMPTY_JSON);
      byte[] sbom = "{\"sbom\":true}".getBytes(StandardCharsets.UTF_8);
      store.putBlob(sbom);
      byte[] foreign =
          OciJson.write(
              new ImageManifest(
                  MediaTypes.OCI_MANIFEST,
                  null,
                  Descriptor.of("test/sbom.file", Attacher.EMPTY_DESCRIPTOR.digest(), 2),
                  List.of(Descriptor.of("application/json", sbom)),
                  image.descriptor(),
                  Map.of("org.opencontainers.image.created", "2023-01-01T00:00:00Z")));
      StoredManifest f = store.putManifest(foreign, MediaTypes.OCI_MANIFEST, null);
      Descriptor foreignEntry =
          f.descriptor()
              .withArtifactType("test/sbom.file")
              .withAnnotations(Map.of("org.opencontainers.image.created", "2023-01-01T00:00:00Z"));
      store.putManifest(
          OciJson.write(ImageIndex.of(List.of(foreignEntry))),
          MediaTypes.OCI_INDEX,
          image.digest().referrersTag());

      Attachments.on(store).attach("1.0", Fixtures.statementAttestation(image.digest(), "a"));
      Attachments.on(store).attach("1.0", Fixtures.bundleAttestation(image.digest(), "b"));

      List<Descriptor> entries =
          ReferrersIndex.read(store, image.digest()).orElseThrow().manifests();
      assertThat(entries).hasSize(3);
      assertThat(entries.get(0)).isEqualTo(foreignEntry);
      FetchResult fetched = Attachments.on(store).fetch("1.0");
      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations())
          .extracting(FetchedAttestation::layout)
          .containsExactly(
              AttachmentLayout.STATEMENT_REFERRER,
              AttachmentLayout.SIGSTORE_BUNDLE_REFERRER,
              AttachmentLayout.COSIGN_ATT_TAG);
    }

    @Test
    void anEntryLostFromTheIndexIsFoundByItsRefTagAndTheIndexIsRepaired() {
      StoredManifest image = image(store, "1.0");
      Attachments attachments = Attachments.on(store);
      AttachResult kept =
          attachments.attach(
              "1.0",
              Fixtures.statementAttestation(image.digest(), "kept"),
              AttachmentLayout.STATEMENT_REFERRER);
      byte[] indexWithOne = store.manifest(image.digest().referrersTag()).orElseThrow().bytes();
      AttachResult lost =
          attachments.attach(
              "1.0",
              Fixtures.statementAttestation(image.digest(), "lost"),
              AttachmentLayout.STATEMENT_REFERRER);
      // A writer that read the index before the second attach overwrites it (a lost update).
      store.putManifest(indexWithOne, MediaTypes.OCI_INDEX, image.digest().referrersTag());
      assertThat(fallbackEntries(store, image.digest()))
          .containsExactly(kept.entries().get(0).manifest());

      FetchResult fetched = attachments.fetch("1.0");

      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations())
          .extracting(FetchedAttestation::manifest)
          .containsExactlyInAnyOrder(
              kept.entries().get(0).manifest(), lost.entries().get(0).manifest());
      assertThat(fallbackEntries(store, image.digest()))
          .containsExactly(kept.entries().get(0).manifest(), lost.entries().get(0).manifest());
    }

    @Test
    void aDeletedIndexIsRebuiltFromTheRefTags() {
      StoredManifest image = image(store, "1.0");
      Attachments attachments = Attachments.on(store);
      attachments.attach("1.0", Fixtures.statementAttestation(image.digest(), "1"));
      attachments.attach("1.0", Fixtures.statementAttestation(image.digest(), "2"));
      store.deleteTag(image.digest().referrersTag());

      assertThat(attachments.fetch("1.0").attestations()).hasSize(2);
      assertThat(fallbackEntries(store, image.digest())).hasSize(2);
    }

    @Test
    void aTagInTheIndexPlaceThatIsNotAnIndexIsLeftAloneAndReported() {
      StoredManifest image = image(store, "1.0");
      store.putManifest(image.bytes(), image.mediaType(), image.digest().referrersTag());
      assertThatThrownBy(
              () ->
                  Attachments.on(store)
                      .attach("1.0", Fixtures.statementAttestation(image.digest(), "x")))
          .hasMessage(
              "the referrers tag "
                  + image.digest().referrersTag()
                  + " in memory:fallback holds a application/vnd.oci.image.manifest.v1+json ("
                  + image.digest()
                  + "), not an image index; it is left alone");
    }
  }

  @Nested
  class VendorShapes {
    final InMemoryStore store = new InMemoryStore("vendor", true);

    byte[] statement(Digest subject, String predicateType) {
      return Fixtures.statement(subject, predicateType, "vendor");
    }

    @Test
    void buildKitAttestationManifestsInTheIndexYieldTheirStatements() {
      // An image index as BuildKit writes it: the image, and an attestation manifest listed
      // with platform unknown/unknown and vnd.docker.reference annotations (legacy shape: a
      // placeholder image config, no artifactType, no subject).
      StoredManifest platform = image(store, "platform");
      byte[] provenance = statement(platform.digest(), "https://slsa.dev/provenance/v0.2");
      byte[] vex = statement(platform.digest(), OPENVEX);
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
      byte[] attManifest =
          OciJson.write(
              ImageManifest.oci(
                  null,
                  Descriptor.of(MediaTypes.OCI_CONFIG, config),
                  List.of(
                      Descriptor.of(MediaTypes.IN_TOTO, provenance)
                          .withAnnotations(
                              Map.of(
                                  "in-toto.io/predicate-type", "https://slsa.dev/provenance/v0.2")),
                      Descriptor.of(MediaTypes.IN_TOTO, vex)
                          .withAnnotations(Map.of("in-toto.io/predicate-type", OPENVEX))),
                  null,
                  Map.of()));
      StoredManifest att = store.putManifest(attManifest, MediaTypes.OCI_MANIFEST, null);
      byte[] index =
          OciJson.write(
              ImageIndex.of(
                  List.of(
                      platform
                          .descriptor()
                          .withPlatform(
                              dev.waterline.vex.oci.internal.json.Platform.parse("linux/amd64")),
                      att.descriptor()
                          .withPlatform(
                              new dev.waterline.vex.oci.internal.json.Platform(
                                  "unknown", "unknown", null, null, List.of()))
                          .withAnnotations(
                              Map.of(
                                  "vnd.docker.reference.type",
                                  "attestation-manifest",
                                  "vnd.docker.reference.digest",
                                  platform.digest().toString())))));
      store.putManifest(index, MediaTypes.OCI_INDEX, "built");

      FetchResult fetched = Attachments.on(store).fetch("built");

      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations())
          .hasSize(2)
          .allSatisfy(
              f -> {
                assertThat(f.layout()).isEqualTo(AttachmentLayout.BUILDKIT_ATTESTATION_MANIFEST);
                assertThat(f.subject()).isEqualTo(platform.digest());
                assertThat(f.manifest()).isEqualTo(att.digest());
                assertThat(f.kind()).isEqualTo(AttestationKind.IN_TOTO_STATEMENT);
              });
      assertThat(fetched.openVex())
          .singleElement()
          .satisfies(f -> assertThat(f.bytes()).isEqualTo(vex));
    }

    @Test
    void aHardenedImagesStyleReferrerOnThePlatformManifestYieldsItsVex() {
      // Docker Hardened Images: bare statements as referrers of each platform manifest, under
      // artifactType application/vnd.in-toto+json; the index has only a signature referrer.
      StoredManifest index =
          ImageWriter.write(store, "dhi", "f", "x", List.of("linux/amd64", "linux/arm64"));
      Digest amd64 = OciJson.parseIndex(index.bytes(), "i", null).manifests().get(0).digest();
      StoredManifest amd64Manifest = store.manifest(amd64.toString()).orElseThrow();
      byte[] vex = statement(amd64, OPENVEX_V020);
      store.putBlob(vex);
      store.putBlob(Attacher.EMPTY_JSON);
      store.putManifest(
          OciJson.write(
              ImageManifest.oci(
                  MediaTypes.IN_TOTO,
                  Attacher.EMPTY_DESCRIPTOR,
                  List.of(
                      Descriptor.of(MediaTypes.IN_TOTO, vex)
                          .withAnnotations(Map.of("in-toto.io/predicate-type", OPENVEX_V020))),
                  amd64Manifest.descriptor(),
                  Map.of())),
          MediaTypes.OCI_MANIFEST,
          null);
      byte[] simpleSigning = "{\"critical\":{}}".getBytes(StandardCharsets.UTF_8);
      store.putBlob(simpleSigning);
      store.putManifest(
          OciJson.write(
              ImageManifest.oci(
                  "application/vnd.dev.cosign.artifact.sig.v1+json",
                  Attacher.EMPTY_DESCRIPTOR,
                  List.of(
                      Descriptor.of(
                          "application/vnd.dev.cosign.simplesigning.v1+json", simpleSigning)),
                  index.descriptor(),
                  Map.of())),
          MediaTypes.OCI_MANIFEST,
          null);

      FetchResult fetched = Attachments.on(store).fetch("dhi");

      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.layout()).isEqualTo(AttachmentLayout.STATEMENT_REFERRER);
                assertThat(f.subject()).isEqualTo(amd64);
                assertThat(f.predicateType()).isEqualTo(OPENVEX_V020);
                assertThat(f.bytes()).isEqualTo(vex);
              });
    }
  }

  @Nested
  class Naming {
    @Test
    void anOciReferenceToTheLayoutWorksLikeItsTag() {
      OciLayout layout = OciLayout.create(dir);
      Digest d = SampleImages.write(layout, "1.0");
      Attachments.on(ImageReference.parse("oci:" + dir + ":1.0"))
          .attach("oci:" + dir + ":1.0", Fixtures.statementAttestation(d, "x"));
      assertThat(Attachments.on(layout).fetch("oci:" + dir + "@" + d).attestations()).hasSize(1);
      assertThat(Attachments.on(layout).fetch("oci:" + dir).digest())
          .as("the layout's only image")
          .isEqualTo(d);
    }

    @Test
    void aRegistryReferenceIsRefusedOnALayout() {
      OciLayout layout = OciLayout.create(dir);
      SampleImages.write(layout, "1.0");
      assertThatThrownBy(() -> Attachments.on(layout).fetch("registry.test/app:1.0"))
          .hasMessage(
              "registry.test/app:1.0 names an image in a registry, but these attachments are in "
                  + "oci:"
                  + layout.path()
                  + "; name the image by tag, by digest or as oci:PATH[:TAG|@DIGEST]");
    }

    @Test
    void anotherLayoutIsRefused() {
      OciLayout layout = OciLayout.create(dir.resolve("a"));
      SampleImages.write(layout, "1.0");
      assertThatThrownBy(() -> Attachments.on(layout).fetch("oci:" + dir.resolve("b") + ":1.0"))
          .hasMessage(
              "oci:" + dir.resolve("b") + ":1.0 names another layout than oci:" + layout.path());
    }

    @Test
    void aLayoutWithSeveralImagesNeedsATag() {
      OciLayout layout = OciLayout.create(dir);
      SampleImages.write(layout, "1.0");
      SampleImages.write(layout, "2.0");
      assertThatThrownBy(() -> Attachments.on(layout).fetch("oci:" + dir))
          .hasMessage(
              "oci:"
                  + dir
                  + " names no tag or digest, and oci:"
                  + layout.path()
                  + " has several image tags [1.0, 2.0]; name one as oci:PATH:TAG or"
                  + " oci:PATH@DIGEST");
    }

    @Test
    void creatingALayoutInADirectoryWithOtherFilesIsRefused() throws Exception {
      java.nio.file.Files.writeString(dir.resolve("notes.txt"), "mine");
      assertThatThrownBy(() -> OciLayout.create(dir))
          .hasMessage(
              "will not create an OCI image layout in oci:"
                  + dir.toRealPath()
                  + ": the directory is not empty and holds no oci-layout file");
    }
  }

  @Nested
  class Rejects {
    final InMemoryStore store = new InMemoryStore("x", false);

    @Test
    void anImageThatIsNotThere() {
      assertThatThrownBy(
              () ->
                  Attachments.on(store)
                      .attach("nope", Fixtures.statementAttestation(Digest.of(new byte[0]), "x")))
          .isInstanceOfSatisfying(
              OciException.class, e -> assertThat(e.reference()).contains("nope"))
          .hasMessage("no image tagged nope in memory:x");
    }

    @Test
    void aLayoutThatCannotHoldTheKindOfAttestation() {
      StoredManifest image = image(store, "1.0");
      Attestation statement = Fixtures.statementAttestation(image.digest(), "x");
      assertThatThrownBy(
              () ->
                  Attachments.on(store)
                      .attach("1.0", statement, AttachmentLayout.SIGSTORE_BUNDLE_REFERRER))
          .hasMessage(
              "cannot attach "
                  + statement
                  + ": SIGSTORE_BUNDLE_REFERRER needs a Sigstore bundle, but the attestation is a"
                  + " IN_TOTO_STATEMENT");
      assertThatThrownBy(
              () -> Attachments.on(store).attach("1.0", statement, AttachmentLayout.COSIGN_ATT_TAG))
          .hasMessageEndingWith(
              "COSIGN_ATT_TAG needs a DSSE envelope or a bundle holding one, but the attestation is"
                  + " a IN_TOTO_STATEMENT");
      assertThat(store.tags()).containsExactly("1.0");
    }

    @Test
    void aStatementAboutAnotherDigestUnlessTheCheckIsTurnedOff() {
      StoredManifest image = image(store, "1.0");
      StoredManifest other = image(store, "2.0");
      Attestation aboutOther = Fixtures.bundleAttestation(other.digest(), "other");
      assertThatThrownBy(() -> Attachments.on(store).attach("1.0", aboutOther))
          .isInstanceOfSatisfying(
              OciException.class, e -> assertThat(e.digest()).contains(image.digest().toString()))
          .hasMessage(
              "cannot attach "
                  + aboutOther
                  + " to 1.0 ("
                  + image.digest()
                  + "): the statement's subjects are ["
                  + other.digest()
                  + "], so verifiers would reject it there; attach it to the digest it names, or"
                  + " turn the check off (withoutSubjectCheck(), waterline attach"
                  + " --no-subject-check)");
      assertThat(store.tags()).containsExactly("1.0", "2.0");

      Attachments unchecked = Attachments.on(store).withoutSubjectCheck();
      assertThat(unchecked.toString()).isEqualTo("Attachments[memory:x withoutSubjectCheck]");
      assertThat(unchecked.attach("1.0", aboutOther).entries()).hasSize(2);
    }

    @Test
    void aReadOnlyLayout() {
      StoredManifest image = image(store, "1.0");
      assertThatThrownBy(
              () ->
                  Attachments.on(store)
                      .attach(
                          "1.0",
                          Fixtures.statementAttestation(image.digest(), "x"),
                          AttachmentLayout.BUILDKIT_ATTESTATION_MANIFEST))
          .hasMessageEndingWith(
              ": BUILDKIT_ATTESTATION_MANIFEST is read only: Waterline does not write it");
    }
  }
}
