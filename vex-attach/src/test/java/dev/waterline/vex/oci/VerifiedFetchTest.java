package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.FailureReason;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.sign.VerificationFailure;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.testkit.SampleImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FetchResult#verify}: verified, failed and unsigned attestations, and the merged view. */
class VerifiedFetchTest {
  static final SigningKey KEY = Keys.generate();
  static final SigningKey OTHER = Keys.generate();

  @TempDir Path dir;
  OciLayout layout;
  Attachments vex;
  Digest image;

  @BeforeEach
  void image() {
    layout = OciLayout.create(dir.resolve("layout"));
    image = SampleImages.write(layout, "1.0");
    vex = Attachments.on(layout);
  }

  static VexDocument doc(String cve, Digest image) {
    return Vex.document("Acme Security <psirt@acme.example>")
        .statement(
            Vex.notAffected(cve, "pkg:oci/app@" + image.toString().replace(":", "%3A"))
                .justification(dev.waterline.vex.Justification.COMPONENT_NOT_PRESENT))
        .build();
  }

  static Attestations statement(String cve, Digest about) {
    return Attestations.of(doc(cve, about)).subject("registry.test/app@" + about);
  }

  static Attestation bundle(String cve, Digest about, SigningKey key) {
    return Attestation.of(
        statement(cve, about).signBundle(key).toJson().getBytes(StandardCharsets.UTF_8));
  }

  static Attestation envelope(String cve, Digest about, SigningKey key) {
    return Attestation.of(
        statement(cve, about).sign(key).toJson().getBytes(StandardCharsets.UTF_8));
  }

  static Attestation unsigned(String cve, Digest about) {
    return Attestation.of(statement(cve, about).statement().toPayload());
  }

  static List<String> cves(VexDocument merged) {
    return merged.statements().stream()
        .map(s -> s.vulnerability().name())
        .sorted()
        .collect(Collectors.toList());
  }

  @Nested
  class Verified {
    @Test
    void bundleInBothDefaultLayoutsVerifiesWithItsSigner() {
      vex.attach("1.0", bundle("CVE-2026-0001", image, KEY));

      VerifiedFetch v = vex.fetchVex("1.0").verifiedWith(KEY.publicKey());

      assertThat(v.attestations())
          .extracting(VerifiedAttestation::layout)
          .containsExactlyInAnyOrder(
              AttachmentLayout.SIGSTORE_BUNDLE_REFERRER, AttachmentLayout.COSIGN_ATT_TAG);
      assertThat(v.attestations())
          .allSatisfy(
              a -> {
                assertThat(a.state()).isEqualTo(VerificationState.VERIFIED);
                assertThat(a.signer()).contains("key ECDSA_P256 keyid=" + KEY.publicKey().keyId());
                assertThat(a.failure()).isEmpty();
                assertThat(a.isAccepted()).isTrue();
                assertThat(a.subject()).isEqualTo(image);
              });
      assertThat(v.verified()).hasSize(2);
      assertThat(cves(v.mergedVex().orElseThrow())).containsExactly("CVE-2026-0001");
      assertThat(v.toString())
          .isEqualTo(
              "VerifiedFetch[1.0@" + image + ": 2 verified, 0 failed, 0 unsigned (0 accepted)]");
    }

    @Test
    void mergesEveryVerifiedDocument() {
      vex.attach("1.0", bundle("CVE-2026-0001", image, KEY));
      vex.attach("1.0", envelope("CVE-2026-0002", image, KEY));

      VerifiedFetch v =
          vex.fetch("1.0")
              .verify(FetchPolicy.of(VerificationPolicy.keys(OTHER.publicKey(), KEY.publicKey())));

      assertThat(v.verified()).hasSize(3);
      assertThat(cves(v.mergedVex().orElseThrow()))
          .containsExactly("CVE-2026-0001", "CVE-2026-0002");
    }

    @Test
    void attestationOnAPlatformManifestNamesThatDigest() {
      Digest index = SampleImages.write(layout, "2.0", "linux/amd64", "linux/arm64");
      Digest arm = layout.resolve("2.0", "linux/arm64").orElseThrow();
      vex.attach(arm.toString(), bundle("CVE-2026-0003", arm, KEY));

      VerifiedFetch v = vex.fetchVex("2.0").verifiedWith(KEY.publicKey());

      assertThat(v.digest()).isEqualTo(index);
      assertThat(v.verified()).hasSize(2).allSatisfy(a -> assertThat(a.subject()).isEqualTo(arm));
      assertThat(cves(v.mergedVex().orElseThrow())).containsExactly("CVE-2026-0003");
    }
  }

  @Nested
  class Failed {
    @Test
    void wrongKeyFailsWithVexSignsReasonAndIsLeftOutOfTheMergedView() {
      vex.attach("1.0", bundle("CVE-2026-0001", image, KEY));

      VerifiedFetch v = vex.fetchVex("1.0").verifiedWith(OTHER.publicKey());

      assertThat(v.failed()).hasSize(2);
      assertThat(v.verified()).isEmpty();
      assertThat(v.attestations())
          .allSatisfy(
              a -> {
                assertThat(a.isAccepted()).isFalse();
                assertThat(a.signer()).isEmpty();
                assertThat(a.statement()).isEmpty();
                assertThat(a.vex()).isEmpty();
                assertThat(a.failure().map(VerificationFailure::reason))
                    .hasValueSatisfying(
                        r ->
                            assertThat(r)
                                .isIn(FailureReason.UNKNOWN_KEY, FailureReason.BAD_SIGNATURE));
              });
      assertThat(v.mergedVex()).isEmpty();
    }

    @Test
    void tamperedPayloadFailsAsBadSignature() {
      String good = statement("CVE-2026-0001", image).sign(KEY).toJson();
      String forged =
          Base64.getEncoder()
              .encodeToString(statement("CVE-2026-9999", image).statement().toPayload());
      String payload = good.replaceAll(".*\"payload\":\"([^\"]+)\".*", "$1");
      Attestation tampered =
          Attestation.of(good.replace(payload, forged).getBytes(StandardCharsets.UTF_8));
      vex.attach("1.0", tampered, AttachmentLayout.COSIGN_ATT_TAG);
      vex.attach("1.0", bundle("CVE-2026-0002", image, KEY));

      VerifiedFetch v = vex.fetchVex("1.0").verifiedWith(KEY.publicKey());

      VerifiedAttestation bad =
          v.failed().stream()
              .filter(a -> a.fetched().attestation().equals(tampered))
              .findFirst()
              .orElseThrow();
      assertThat(bad.failure().orElseThrow().reason()).isEqualTo(FailureReason.BAD_SIGNATURE);
      assertThat(bad.failure().orElseThrow().message())
          .contains("does not match the payload and payload type");
      assertThat(v.verified()).hasSize(2);
      assertThat(cves(v.mergedVex().orElseThrow())).containsExactly("CVE-2026-0002");
    }

    @Test
    void statementAboutAnotherDigestFailsAsSubjectMismatch() {
      Digest other = SampleImages.write(layout, "other");
      Attestation elsewhere = bundle("CVE-2026-0001", other, KEY);
      vex.withoutSubjectCheck().attach("1.0", elsewhere, AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);

      VerifiedAttestation a =
          vex.fetchVex("1.0").verifiedWith(KEY.publicKey()).attestations().get(0);

      assertThat(a.state()).isEqualTo(VerificationState.FAILED);
      assertThat(a.failure().orElseThrow().reason()).isEqualTo(FailureReason.SUBJECT_MISMATCH);
      assertThat(a.failure().orElseThrow().message())
          .contains("names [registry.test/app@sha256:" + other.hex() + "], not " + image);
    }

    @Test
    void signedAttestationUnderAnUnsignedOnlyPolicyFails() {
      vex.attach("1.0", bundle("CVE-2026-0001", image, KEY), AttachmentLayout.COSIGN_ATT_TAG);

      VerifiedAttestation a =
          vex.fetch("1.0").verify(FetchPolicy.unsignedOnly("ours")).attestations().get(0);

      assertThat(a.state()).isEqualTo(VerificationState.FAILED);
      assertThat(a.failure().orElseThrow().reason()).isEqualTo(FailureReason.UNKNOWN_KEY);
      assertThat(a.failure().orElseThrow().message())
          .endsWith(
              "is signed (DSSE_ENVELOPE), but the fetch policy trusts no key or certificate"
                  + " identity");
    }
  }

  @Nested
  class Unsigned {
    @Test
    void bareStatementIsUnsignedAndNotAcceptedByDefault() {
      vex.attach("1.0", unsigned("CVE-2026-0001", image));
      vex.attach("1.0", bundle("CVE-2026-0002", image, KEY));

      VerifiedFetch v = vex.fetchVex("1.0").verifiedWith(KEY.publicKey());

      VerifiedAttestation u = v.unsigned().get(0);
      assertThat(u.layout()).isEqualTo(AttachmentLayout.STATEMENT_REFERRER);
      assertThat(u.isAccepted()).isFalse();
      assertThat(u.acceptedUnsigned()).isEmpty();
      assertThat(u.statement()).isPresent();
      assertThat(u.vex()).isEmpty();
      assertThat(cves(v.mergedVex().orElseThrow())).containsExactly("CVE-2026-0002");
      assertThat(u.toString()).startsWith("VerifiedAttestation[unsigned (not accepted) ");
    }

    @Test
    void acceptedWithAReasonThatIsRecorded() {
      vex.attach("1.0", unsigned("CVE-2026-0001", image));

      VerifiedFetch v =
          vex.fetchVex("1.0")
              .verify(
                  FetchPolicy.of(VerificationPolicy.keys(KEY.publicKey()))
                      .acceptUnsigned("  vendor signs out of band "));

      VerifiedAttestation u = v.attestations().get(0);
      assertThat(u.state()).isEqualTo(VerificationState.UNSIGNED);
      assertThat(u.isAccepted()).isTrue();
      assertThat(u.acceptedUnsigned()).contains("vendor signs out of band");
      assertThat(v.accepted()).containsExactly(u);
      assertThat(cves(v.mergedVex().orElseThrow())).containsExactly("CVE-2026-0001");
      assertThat(v.policy().toString())
          .isEqualTo(
              "FetchPolicy[keys ["
                  + KEY.publicKey()
                  + "], unsigned accepted: \"vendor signs out of band\"]");
    }

    @Test
    void aBlankReasonIsRefused() {
      assertThatThrownBy(() -> FetchPolicy.unsignedOnly(" "))
          .isExactlyInstanceOf(dev.waterline.vex.VexException.class)
          .hasMessage(
              "accepting unsigned statements needs a reason (it is recorded with each one)");
    }

    @Test
    void nothingAcceptedMeansNoMergedView() {
      vex.attach("1.0", unsigned("CVE-2026-0001", image));

      assertThat(vex.fetchVex("1.0").verifiedWith(KEY.publicKey()).mergedVex()).isEmpty();
    }
  }

  /** {@link VerifiedFetch#vexSources()}: what triage decides on, with the same rules as the CLI. */
  @Nested
  class TriageSources {
    @Test
    void verifiedAttestationsAreSignedByTheKeyThatVerifiedThemWithTheirSubject() {
      vex.attach("1.0", bundle("CVE-2026-0001", image, KEY));

      VerifiedFetch v =
          vex.fetch("1.0")
              .verify(
                  FetchPolicy.anyOf(
                      List.of(
                          dev.waterline.vex.sign.VerificationPolicy.keys(OTHER.publicKey()),
                          dev.waterline.vex.sign.VerificationPolicy.keys(KEY.publicKey()))));

      assertThat(v.vexSources())
          .hasSize(2)
          .allSatisfy(
              s -> {
                assertThat(s.signer()).contains(KEY.publicKey().keyId());
                assertThat(s.subjects()).containsExactly(image.toString());
                assertThat(s.origin()).startsWith("1.0 (").contains("manifest sha256:");
              });
      assertThat(v.leftOut()).isEmpty();
    }

    @Test
    void aSignatureNoPolicyTrustsIsLeftOutWithItsReason() {
      vex.attach("1.0", envelope("CVE-2026-0001", image, OTHER));

      VerifiedFetch v =
          vex.fetch("1.0").verify(FetchPolicy.of(VerificationPolicy.keys(KEY.publicKey())));

      assertThat(v.vexSources()).isEmpty();
      assertThat(v.leftOut())
          .isNotEmpty()
          .allSatisfy(l -> assertThat(l).contains(" left out: verification failed: UNKNOWN_KEY: "));
    }

    @Test
    void withNothingTrustedASignedAttestationIsLeftOutAsSigned() {
      vex.attach("1.0", envelope("CVE-2026-0001", image, KEY));

      VerifiedFetch v = vex.fetch("1.0").verify(FetchPolicy.anyOf(List.of()));

      assertThat(v.vexSources()).isEmpty();
      assertThat(v.leftOut())
          .isNotEmpty()
          .allSatisfy(
              l ->
                  assertThat(l)
                      .endsWith(
                          " is signed; without a trusted key or certificate identity it is left"
                              + " out"));
    }

    @Test
    void unsignedStatementsAreUntrustedSourcesUnlessThePolicyAcceptsThem() {
      vex.attach("1.0", unsigned("CVE-2026-0001", image));

      List<dev.waterline.vex.policy.VexSource> plain =
          vex.fetch("1.0")
              .verify(FetchPolicy.of(VerificationPolicy.keys(KEY.publicKey())))
              .vexSources();
      assertThat(plain)
          .isNotEmpty()
          .allSatisfy(
              s -> {
                assertThat(s.trusted()).isFalse();
                assertThat(s.signer()).isEmpty();
              });

      List<dev.waterline.vex.policy.VexSource> accepted =
          vex.fetch("1.0")
              .verify(
                  FetchPolicy.of(VerificationPolicy.keys(KEY.publicKey()))
                      .acceptUnsigned("our own layout"))
              .vexSources();
      assertThat(accepted)
          .isNotEmpty()
          .allSatisfy(s -> assertThat(s.unsignedReason()).contains("our own layout"));
    }

    @Test
    void anAttestationAboutAnotherImageIsLeftOutEvenWhenSignedByATrustedKey() {
      Digest other = SampleImages.write(layout, "2.0");
      vex.withoutSubjectCheck().attach("1.0", envelope("CVE-2026-0001", other, KEY));

      VerifiedFetch v =
          vex.fetch("1.0").verify(FetchPolicy.of(VerificationPolicy.keys(KEY.publicKey())));

      assertThat(v.vexSources()).isEmpty();
      assertThat(v.leftOut())
          .isNotEmpty()
          .allSatisfy(l -> assertThat(l).contains("SUBJECT_MISMATCH"));
    }
  }
}
