package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.store.Referrers;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the example manifests other tools wrote ({@code shared/oci/examples}, read in place, never
 * copied) and checks that our parser and our referrers-list entries agree with them. Skipped when
 * the shared directory is absent (a clean clone).
 */
class SharedExamplesCrossCheckTest {
  static Path examples;

  @BeforeAll
  static void locate() {
    String shared = System.getProperty("waterline.shared");
    assumeTrue(
        shared != null, "waterline.shared is not set: the shared examples are not available");
    examples = Path.of(shared, "oci", "examples");
    assumeTrue(
        Files.isDirectory(examples),
        "no " + examples + ": the shared OCI examples are absent, so this cross-check is skipped");
  }

  static byte[] read(String name) throws IOException {
    return Files.readAllBytes(examples.resolve(name));
  }

  @Test
  void orasBlobsHaveTheDigestsTheirNamesStartWith() throws IOException {
    try (var files = Files.list(examples)) {
      for (Path f :
          (Iterable<Path>)
              files.filter(
                      p ->
                          p.getFileName()
                              .toString()
                              .matches("oras_e2e_(subject|referrer).*_[0-9a-f]{8}\\.json"))
                  ::iterator) {
        String name = f.getFileName().toString();
        String prefix = name.substring(name.length() - 13, name.length() - 5);
        assertThat(Digest.of(Files.readAllBytes(f)).hex()).as(name).startsWith(prefix);
      }
    }
  }

  @Test
  void ourReferrersEntryForAnOrasReferrerEqualsTheOneOrasWroteIntoTheFallbackIndex()
      throws IOException {
    byte[] referrer = read("oras_e2e_referrer-manifest_e2c6633a.json");
    StoredManifest stored =
        new StoredManifest(referrer, MediaTypes.OCI_MANIFEST, Digest.of(referrer));
    Referrers.Referrer ours = Referrers.of(stored, "examples").orElseThrow();

    byte[] index = read("oras_e2e_fallback-index_tag-sha256-fd6ed2f3.json");
    ImageIndex theirs = OciJson.parseIndex(index, "oras fallback index", Digest.of(index));

    assertThat(ours.subject())
        .isEqualTo(Digest.of(read("oras_e2e_subject-manifest_fd6ed2f3.json")));
    assertThat(theirs.manifests()).containsExactly(ours.descriptor());
    assertThat(ours.descriptor().artifactType()).contains("test/sbom.file");
  }

  @Test
  void orasReferrersWithArtifactTypeAndOfAnIndexParse() throws IOException {
    byte[] modern = read("oras_e2e_referrer-artifactType-emptyconfig_20e7d3a6.json");
    ImageManifest m = OciJson.parseManifest(modern, "oras referrer", Digest.of(modern));
    assertThat(m.effectiveArtifactType()).isEqualTo("referrer/image");
    assertThat(m.config().data()).isPresent();

    byte[] ofIndex = read("oras_e2e_referrer-of-index_d37baf66.json");
    ImageManifest r = OciJson.parseManifest(ofIndex, "oras referrer", Digest.of(ofIndex));
    assertThat(r.layers()).isEmpty();
    assertThat(r.subject()).isNotNull();
    assertThat(r.subject().mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
  }

  @Test
  void buildKitShapesParseAsTheFetcherExpects() throws IOException {
    ImageIndex index =
        OciJson.parseIndex(read("buildkit_attestation-storage_image-index.json"), "bk index", null);
    Descriptor att =
        index.manifests().stream()
            .filter(d -> d.annotation(MediaTypes.ANNOTATION_DOCKER_REFERENCE_TYPE).isPresent())
            .findFirst()
            .orElseThrow();
    assertThat(att.annotation(MediaTypes.ANNOTATION_DOCKER_REFERENCE_TYPE))
        .contains(MediaTypes.DOCKER_REFERENCE_TYPE_ATTESTATION);
    assertThat(att.annotation(MediaTypes.ANNOTATION_DOCKER_REFERENCE_DIGEST))
        .contains(index.manifests().get(0).digest().toString());
    assertThat(att.platform()).hasValueSatisfying(p -> assertThat(p.isUnknown()).isTrue());

    ImageManifest modern =
        OciJson.parseManifest(
            read("buildkit_attestation-storage_attestation-manifest-oci-artifact.json"),
            "bk attestation manifest",
            null);
    assertThat(modern.effectiveArtifactType()).isEqualTo(MediaTypes.DOCKER_ATTESTATION_MANIFEST);
    assertThat(modern.layers()).allMatch(l -> l.mediaType().equals(MediaTypes.IN_TOTO));

    ImageManifest legacy =
        OciJson.parseManifest(
            read("buildkit-legacy_attestation-storage_attestation-manifest.json"), "legacy", null);
    assertThat(legacy.subject()).isNull();
    assertThat(legacy.layers()).allMatch(l -> l.mediaType().equals(MediaTypes.IN_TOTO));
  }

  @Test
  void cosignAndTrivyBundlesAreReadAsAttestations() throws IOException {
    Attestation cosign = Attestation.of(read("cosign_testdata_oci-attestation.sigstore.json"));
    assertThat(cosign.kind()).isEqualTo(AttestationKind.SIGSTORE_BUNDLE);
    assertThat(cosign.predicateType()).isEqualTo("https://cosign.sigstore.dev/attestation/v1");
    assertThat(cosign.envelope()).isPresent();

    Attestation trivy = Attestation.of(read("trivy_testdata_sigstore-bundle-cyclonedx.json"));
    assertThat(trivy.predicateType()).isEqualTo("https://cyclonedx.org/bom");
  }

  @Test
  void ourBundleReferrerCarriesTheAnnotationsOfCosignsSpecExample() throws IOException {
    byte[] spec = read("cosign_BUNDLE_SPEC_bundle-referrer-manifest-annotated.json");
    // The spec example abbreviates digests ("sha256:44136fa3..."): shape only, and rejected.
    assertThatThrownBy(() -> OciJson.parseManifest(spec, "cosign spec example", null))
        .isInstanceOfSatisfying(
            OciException.class, e -> assertThat(e.pointer()).contains("/config/digest"));
    var tree = OciJson.tree(spec, "cosign spec example");
    assertThat(tree.get("artifactType").asText()).isEqualTo(MediaTypes.SIGSTORE_BUNDLE_V03);
    assertThat(tree.get("layers").get(0).get("mediaType").asText())
        .isEqualTo(MediaTypes.SIGSTORE_BUNDLE_V03);
    assertThat(tree.get("config").get("mediaType").asText()).isEqualTo(MediaTypes.EMPTY);
    assertThat(tree.get("annotations").get(MediaTypes.ANNOTATION_BUNDLE_CONTENT).asText())
        .isEqualTo("dsse-envelope");
    assertThat(tree.get("annotations").has(MediaTypes.ANNOTATION_BUNDLE_PREDICATE_TYPE)).isTrue();
  }
}
