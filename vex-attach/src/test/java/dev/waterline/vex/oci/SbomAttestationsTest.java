package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.oci.internal.registry.BuildKitImages;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.sign.DsseEnvelope;
import dev.waterline.vex.sign.FailureReason;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.sign.SigstoreBundle;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.testkit.internal.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** SBOM attestations: found where fetch looks, picked by predicate type, trusted by the policy. */
class SbomAttestationsTest {
  static final SigningKey KEY = Keys.generate();

  static byte[] statement(Digest subject, String predicateType, String predicate) {
    return ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app\","
            + "\"digest\":{\"sha256\":\""
            + subject.hex()
            + "\"}}],\"predicateType\":\""
            + predicateType
            + "\",\"predicate\":"
            + predicate
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] cycloneDx(Digest subject) {
    return statement(
        subject,
        "https://cyclonedx.org/bom",
        "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[]}");
  }

  static byte[] spdx(Digest subject) {
    return statement(
        subject, "https://spdx.dev/Document", "{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[]}");
  }

  static Attestation signed(byte[] statement) {
    DsseEnvelope env = DsseEnvelope.of("application/vnd.in-toto+json", statement).sign(KEY);
    return Attestation.of(SigstoreBundle.ofKeySigned(env, KEY.publicKey()));
  }

  @Nested
  class PredicateTypes {
    final InMemoryStore store = new InMemoryStore("sbom", true);

    @Test
    void keepsCycloneDxAndSpdxVersionedOrNotAndNothingElse() {
      StoredManifest image =
          ImageWriter.write(store, "1.0", "hello.txt", "hello", List.of("linux/amd64"));
      Digest d = image.digest();
      Attachments on = Attachments.on(store);
      on.attach("1.0", signed(cycloneDx(d)));
      on.attach("1.0", signed(statement(d, "https://cyclonedx.org/bom/v1.6", "{}")));
      on.attach("1.0", signed(spdx(d)));
      on.attach("1.0", signed(statement(d, "https://spdx.dev/Document/v2.3", "{}")));
      on.attach("1.0", signed(statement(d, "https://cyclonedx.org/vex", "{}")));
      on.attach("1.0", signed(statement(d, "https://slsa.dev/provenance/v1", "{}")));
      on.attach("1.0", Fixtures.bundleAttestation(d, "vex"));

      FetchResult sboms = on.fetchSboms("1.0");

      assertThat(sboms.attestations())
          .extracting(FetchedAttestation::predicateType)
          .containsOnly(
              "https://cyclonedx.org/bom",
              "https://cyclonedx.org/bom/v1.6",
              "https://spdx.dev/Document",
              "https://spdx.dev/Document/v2.3");
      assertThat(sboms.attestations()).extracting(FetchedAttestation::predicateType).hasSize(8);
      assertThat(sboms.unreadable()).isEmpty();
    }
  }

  @Nested
  class Trust {
    final InMemoryStore store = new InMemoryStore("trust", true);

    @Test
    void aSignedSbomVerifiesUnderTheKeyAndNamesItsSigner() {
      StoredManifest image =
          ImageWriter.write(store, "1.0", "hello.txt", "hello", List.of("linux/amd64"));
      Attachments.on(store).attach("1.0", signed(cycloneDx(image.digest())));

      VerifiedFetch v =
          Attachments.on(store)
              .fetchSboms("1.0")
              .verify(FetchPolicy.of(VerificationPolicy.keys(KEY.publicKey())));

      assertThat(v.accepted()).hasSize(2); // bundle referrer and .att
      assertThat(v.accepted())
          .allSatisfy(
              a -> {
                assertThat(a.state()).isEqualTo(VerificationState.VERIFIED);
                assertThat(a.signer()).isPresent();
              });
    }

    @Test
    void anotherKeyFailsIt() {
      StoredManifest image =
          ImageWriter.write(store, "1.0", "hello.txt", "hello", List.of("linux/amd64"));
      Attachments.on(store).attach("1.0", signed(cycloneDx(image.digest())));

      VerifiedFetch v =
          Attachments.on(store)
              .fetchSboms("1.0")
              .verify(FetchPolicy.of(VerificationPolicy.keys(Keys.generate().publicKey())));

      assertThat(v.accepted()).isEmpty();
      assertThat(v.failed()).isNotEmpty();
    }

    @Test
    void aStatementAboutAnotherDigestFailsWithSubjectMismatch() {
      ImageWriter.write(store, "1.0", "hello.txt", "hello", List.of("linux/amd64"));
      Digest other = Digest.of("other".getBytes(StandardCharsets.UTF_8));
      Attachments.on(store).withoutSubjectCheck().attach("1.0", signed(cycloneDx(other)));

      VerifiedFetch v =
          Attachments.on(store)
              .fetchSboms("1.0")
              .verify(FetchPolicy.of(VerificationPolicy.keys(KEY.publicKey())));

      assertThat(v.accepted()).isEmpty();
      assertThat(v.failed())
          .isNotEmpty()
          .allSatisfy(
              a ->
                  assertThat(a.failure().orElseThrow().reason())
                      .isEqualTo(FailureReason.SUBJECT_MISMATCH));
    }

    @Test
    void unsignedOnlyInTheImageIndexAcceptsBuildKitManifestsButNotABareReferrer() {
      Digest index = BuildKitImages.write(store, "built", d -> List.of(spdx(d)));
      Digest platform = Attachments.on(store).fetch("built").attestations().get(0).subject();
      Attachments.on(store).attach(platform.toString(), Attestation.of(cycloneDx(platform)));

      VerifiedFetch v =
          Attachments.on(store)
              .fetchSboms("built")
              .verify(FetchPolicy.anyOf(List.of()).acceptUnsignedInImageIndex("our builder"));

      assertThat(v.digest()).isEqualTo(index);
      assertThat(v.unsigned()).hasSize(2);
      assertThat(v.accepted())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.layout()).isEqualTo(AttachmentLayout.BUILDKIT_ATTESTATION_MANIFEST);
                assertThat(a.acceptedUnsigned()).contains("our builder");
                assertThat(a.subject()).isEqualTo(platform);
              });
      assertThat(v.policy().acceptsUnsignedOnlyInImageIndex()).isTrue();
      assertThat(v.policy().toString())
          .endsWith(", unsigned accepted in the image index only: \"our builder\"]");
    }

    @Test
    void acceptUnsignedAcceptsBoth() {
      BuildKitImages.write(store, "built", d -> List.of(spdx(d)));
      Digest platform = Attachments.on(store).fetch("built").attestations().get(0).subject();
      Attachments.on(store).attach(platform.toString(), Attestation.of(cycloneDx(platform)));

      VerifiedFetch v =
          Attachments.on(store)
              .fetchSboms("built")
              .verify(FetchPolicy.unsignedOnly("everything we push"));

      assertThat(v.accepted()).hasSize(2);
    }
  }

  @Nested
  class Platforms {
    final InMemoryStore store = new InMemoryStore("platforms", true);

    @Test
    void onSubjectsKeepsTheIndexAndThePlatformAsked() {
      StoredManifest index =
          ImageWriter.write(
              store, "multi", "hello.txt", "hello", List.of("linux/amd64", "linux/arm64"));
      List<Digest> platforms =
          dev.waterline.vex.oci.internal.json.OciJson.parseIndex(index.bytes(), "i", null)
              .manifests()
              .stream()
              .map(dev.waterline.vex.oci.internal.json.Descriptor::digest)
              .collect(java.util.stream.Collectors.toList());
      Attachments on = Attachments.on(store);
      on.attach(index.digest().toString(), Attestation.of(spdx(index.digest())));
      on.attach(platforms.get(0).toString(), Attestation.of(spdx(platforms.get(0))));
      on.attach(platforms.get(1).toString(), Attestation.of(spdx(platforms.get(1))));

      FetchResult arm =
          on.fetchSboms("multi").onSubjects(List.of(index.digest(), platforms.get(1)));

      assertThat(arm.attestations())
          .extracting(FetchedAttestation::subject)
          .containsExactlyInAnyOrder(index.digest(), platforms.get(1));
    }
  }
}
