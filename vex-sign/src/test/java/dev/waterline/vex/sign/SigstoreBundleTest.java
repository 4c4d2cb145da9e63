package dev.waterline.vex.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.VexException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SigstoreBundleTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SigningKey KEY = Keys.generate();
  private static final SigningKey OTHER = Keys.generate();

  private static SigstoreBundle signed() {
    return Attestations.of(TestDocs.document()).subject(TestDocs.IMAGE).signBundle(KEY);
  }

  private static ObjectNode tree(SigstoreBundle b) throws Exception {
    return (ObjectNode) MAPPER.readTree(b.toJson());
  }

  private static String minimal(String verificationMaterial) {
    return "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\","
        + "\"verificationMaterial\":"
        + verificationMaterial
        + ",\"dsseEnvelope\":{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\","
        + "\"signatures\":[{\"sig\":\"AAAA\",\"keyid\":\"\"}]}}";
  }

  @Nested
  class KeyBasedWriter {
    @Test
    void writesV03WithPublicKeyHintAndEmptyTlog() throws Exception {
      SigstoreBundle b = signed();
      JsonNode json = tree(b);
      assertThat(json.get("mediaType").asText())
          .isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
      assertThat(json.at("/verificationMaterial/publicKey/hint").asText())
          .isEqualTo(KEY.publicKey().keyId());
      assertThat(json.at("/verificationMaterial/tlogEntries").isArray()).isTrue();
      assertThat(json.at("/verificationMaterial/tlogEntries")).isEmpty();
      assertThat(json.at("/dsseEnvelope/signatures/0/keyid").asText())
          .isEqualTo(KEY.publicKey().keyId());
      assertThat(b.publicKeyHint()).contains(KEY.publicKey().keyId());
      assertThat(b.certificate()).isEmpty();
      assertThat(b.hasTransparencyLogEntry()).isFalse();
      assertThat(b.toJson()).isEqualTo(new String(b.toJsonBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void payloadIsAsciiOnlyAndRoundTrips() {
      SigstoreBundle b = signed();
      assertThat(b.toJson()).doesNotContainPattern("[^\\x00-\\x7F]");
      SigstoreBundle again = SigstoreBundle.parse(b.toJsonBytes());
      assertThat(again).isEqualTo(b);
      assertThat(again.toJson()).isEqualTo(b.toJson());
      assertThat(again.envelope()).isEqualTo(b.envelope());
      assertThat(InTotoStatement.parse(again.envelope().payload()).predicate().author())
          .isEqualTo("René Exempel <rene@example.com>");
    }

    @Test
    void refusesEnvelopeWithTwoSignatures() {
      DsseEnvelope two = signed().envelope().sign(OTHER);
      assertThatThrownBy(() -> SigstoreBundle.ofKeySigned(two, KEY.publicKey()))
          .isInstanceOf(VexException.class)
          .hasMessage("a Sigstore bundle holds exactly one DSSE signature, but the envelope has 2");
    }

    @Test
    void refusesKeyWhoseIdDiffersFromTheSignature() {
      assertThatThrownBy(() -> SigstoreBundle.ofKeySigned(signed().envelope(), OTHER.publicKey()))
          .isInstanceOf(VexException.class)
          .hasMessageContaining("names keyid '" + KEY.publicKey().keyId() + "'");
    }
  }

  @Nested
  class Parser {
    @Test
    void readsOlderMediaTypesAndCertificateChains() {
      String json =
          minimal(
                  "{\"x509CertificateChain\":{\"certificates\":[{\"rawBytes\":\"AQID\"},"
                      + "{\"rawBytes\":\"BAU=\"}]},\"tlogEntries\":[{}]}")
              .replace(
                  "application/vnd.dev.sigstore.bundle.v0.3+json",
                  "application/vnd.dev.sigstore.bundle+json;version=0.2");
      SigstoreBundle b = SigstoreBundle.parse(json);
      assertThat(b.mediaType()).isEqualTo("application/vnd.dev.sigstore.bundle+json;version=0.2");
      assertThat(b.certificate()).hasValueSatisfying(c -> assertThat(c).containsExactly(1, 2, 3));
      assertThat(b.certificateChain()).hasSize(2);
      assertThat(b.hasTransparencyLogEntry()).isTrue();
    }

    @Test
    void rejectsUnknownMediaTypeWithPointer() {
      assertThatThrownBy(
              () ->
                  SigstoreBundle.parse(
                      minimal("{\"publicKey\":{\"hint\":\"\"}}")
                          .replace("bundle.v0.3+json", "bundle.v9+json")))
          .isInstanceOf(VexException.class)
          .hasMessageStartingWith(
              "Sigstore bundle: /mediaType 'application/vnd.dev.sigstore.bundle.v9+json' is not a"
                  + " Sigstore bundle media type");
    }

    @Test
    void rejectsMissingVerificationMaterialForm() {
      assertThatThrownBy(() -> SigstoreBundle.parse(minimal("{\"tlogEntries\":[]}")))
          .hasMessage(
              "Sigstore bundle: /verificationMaterial has none of certificate,"
                  + " x509CertificateChain, publicKey");
    }

    @Test
    void rejectsBadBase64CertificateWithPointer() {
      assertThatThrownBy(
              () -> SigstoreBundle.parse(minimal("{\"certificate\":{\"rawBytes\":\"%%%\"}}")))
          .hasMessage(
              "Sigstore bundle: /verificationMaterial/certificate/rawBytes is not valid standard"
                  + " padded base64");
    }

    @Test
    void rejectsNonArrayTlogEntries() {
      assertThatThrownBy(
              () ->
                  SigstoreBundle.parse(
                      minimal("{\"publicKey\":{\"hint\":\"x\"},\"tlogEntries\":{}}")))
          .hasMessage(
              "Sigstore bundle: /verificationMaterial/tlogEntries must be an array but is object");
    }

    @Test
    void rejectsBadEnvelopeWithBundlePointer() {
      String json = minimal("{\"publicKey\":{\"hint\":\"x\"}}").replace("\"e30=\"", "\"e30\"");
      assertThatThrownBy(() -> SigstoreBundle.parse(json))
          .hasMessageStartingWith("Sigstore bundle: /dsseEnvelope: /payload is not valid base64");
    }

    @Test
    void rejectsMessageSignatureBundles() {
      String json =
          "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\","
              + "\"verificationMaterial\":{\"publicKey\":{\"hint\":\"x\"}},"
              + "\"messageSignature\":{}}";
      assertThatThrownBy(() -> SigstoreBundle.parse(json))
          .hasMessage(
              "Sigstore bundle: /messageSignature this bundle signs a plain message digest, not"
                  + " an attestation (waterline reads bundles with a dsseEnvelope)");
    }

    @Test
    void rejectsNonJson() {
      assertThatThrownBy(() -> SigstoreBundle.parse("nope"))
          .isInstanceOf(VexException.class)
          .hasMessageStartingWith("expected JSON in the Sigstore bundle");
    }
  }

  @Nested
  class KeyBasedVerification {
    @Test
    void verifiesWithTheKey() {
      VerificationResult r =
          Verifier.verify(
              signed().toJsonBytes(),
              VerificationPolicy.keys(KEY.publicKey()).subject(TestDocs.IMAGE));
      assertThat(r.verified()).as(r.toString()).isTrue();
      assertThat(r.signerKey()).contains(KEY.publicKey());
      assertThat(r.predicateType()).contains(InTotoStatement.PREDICATE_TYPE_OPENVEX);
    }

    @Test
    void wrongKeyIsUnknownKey() {
      VerificationResult r =
          Verifier.verify(signed().toJsonBytes(), VerificationPolicy.keys(OTHER.publicKey()));
      assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.UNKNOWN_KEY);
    }

    @Test
    void tamperedPayloadIsBadSignature() throws Exception {
      ObjectNode json = tree(signed());
      String other =
          java.util.Base64.getEncoder()
              .encodeToString(
                  InTotoStatement.of(TestDocs.document(), Subject.of("x", "a".repeat(64)))
                      .toPayload());
      ((ObjectNode) json.get("dsseEnvelope")).put("payload", other);
      VerificationResult r =
          Verifier.verify(MAPPER.writeValueAsBytes(json), VerificationPolicy.keys(KEY.publicKey()));
      assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.BAD_SIGNATURE);
    }

    @Test
    void subjectMismatch() {
      VerificationResult r =
          Verifier.verify(
              signed().toJsonBytes(),
              VerificationPolicy.keys(KEY.publicKey())
                  .subject("registry.local/app@sha256:" + "b".repeat(64)));
      assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.SUBJECT_MISMATCH);
    }

    @Test
    void keyidDifferentFromHintIsMalformed() throws Exception {
      ObjectNode json = tree(signed());
      ((ObjectNode) json.at("/verificationMaterial/publicKey")).put("hint", "other");
      VerificationResult r =
          Verifier.verify(MAPPER.writeValueAsBytes(json), VerificationPolicy.keys(KEY.publicKey()));
      assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.MALFORMED);
      assertThat(r.failure().orElseThrow().message())
          .contains("/verificationMaterial/publicKey/hint");
    }

    @Test
    void requiredTlogIsMissing() {
      VerificationResult r =
          Verifier.verify(
              signed().toJsonBytes(),
              VerificationPolicy.keys(KEY.publicKey()).requireTransparencyLog(true));
      assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.MISSING_TLOG_ENTRY);
    }

    @Test
    void keylessPolicyOnKeyBundleIsUntrustedCertificate() {
      VerificationResult r =
          Verifier.verify(
              signed().toJsonBytes(),
              VerificationPolicy.keyless(
                  CertificateIdentity.exact("a@b", "https://issuer"),
                  TrustedRoot.productionFromTuf()));
      assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.UNTRUSTED_CERTIFICATE);
      assertThat(r.failure().orElseThrow().message()).contains("signed by a self-managed key");
    }

    @Test
    void noSignatures() throws Exception {
      ObjectNode json = tree(signed());
      ((ObjectNode) json.get("dsseEnvelope")).putArray("signatures");
      VerificationResult r =
          Verifier.verify(MAPPER.writeValueAsBytes(json), VerificationPolicy.keys(KEY.publicKey()));
      assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.NO_SIGNATURES);
    }
  }

  @Nested
  class KeylessVerificationWithoutVexSignSigstore {
    @Test
    void aCertificateBundleFailsAsUntrustedSayingToAddTheModule() throws Exception {
      byte[] bundle;
      try (var in =
          SigstoreBundleTest.class.getResourceAsStream(
              "VerifierFuzzTestInputs/verifyReturnsAResultForAnyInput/certificate-tlog-shaped.json")) {
        bundle = in.readAllBytes();
      }
      assertThat(SigstoreBundle.parse(bundle).certificate()).isPresent();
      VerificationResult r =
          Verifier.verify(
              bundle,
              VerificationPolicy.keyless(
                  CertificateIdentity.exact("seed@waterline.example", "https://issuer"),
                  TrustedRoot.productionFromTuf()));
      assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.UNTRUSTED_CERTIFICATE);
      assertThat(r.failure().orElseThrow().message())
          .isEqualTo(
              "the bundle's signing certificate cannot be checked: keyless signing and keyless"
                  + " verification need the module dev.waterline:vex-sign-sigstore on the class"
                  + " path (it brings sigstore-java); add it as a dependency next to"
                  + " dev.waterline:vex-sign");
    }
  }

  @Nested
  class Identity {
    @Test
    void exactAndRegexMatching() {
      CertificateIdentity exact = CertificateIdentity.exact("a@example.com", "https://iss");
      assertThat(exact.matchesSan("a@example.com")).isTrue();
      assertThat(exact.matchesSan("xa@example.com")).isFalse();
      CertificateIdentity re =
          CertificateIdentity.builder()
              .sanRegex("https://github\\.com/acme/.*")
              .issuer("https://iss")
              .build();
      assertThat(re.matchesSan("https://github.com/acme/vex/x.yml@refs/heads/main")).isTrue();
      assertThat(re.matchesSan("evil https://github.com/acme/")).isFalse();
      assertThat(re.matchesIssuer("https://iss")).isTrue();
      assertThat(re.toString())
          .isEqualTo("identity ~'https://github\\.com/acme/.*' issuer 'https://iss'");
    }

    @Test
    void rejectsMissingIssuerAndBadRegex() {
      assertThatThrownBy(() -> CertificateIdentity.builder().san("a").build())
          .hasMessageContaining("needs the expected OIDC issuer");
      assertThatThrownBy(() -> CertificateIdentity.regex("(", "x"))
          .hasMessageStartingWith("certificate identity regular expression '(' is invalid");
    }
  }

  @Nested
  class TrustedRoots {
    @Test
    void rejectsFileThatIsNoTrustedRoot(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
        throws Exception {
      java.nio.file.Path f = dir.resolve("trusted_root.json");
      java.nio.file.Files.writeString(f, "{\"mediaType\":\"x\"}");
      assertThatThrownBy(() -> TrustedRoot.fromFile(f))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "trusted root "
                  + f
                  + ": /mediaType must start with 'application/vnd.dev.sigstore.trustedroot' but"
                  + " is \"x\"");
    }

    @Test
    void tufRootsSayWhereTheyComeFrom() {
      assertThat(TrustedRoot.stagingFromTuf().toString()).isEqualTo("TrustedRoot[staging TUF]");
      assertThat(TrustedRoot.productionFromTuf().source())
          .isEqualTo(TrustedRoot.Source.PRODUCTION_TUF);
    }
  }
}
