package dev.waterline.vex.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keyless bundles made by sigstore-js against a loopback fake Sigstore (shared fixtures {@code
 * keyless-fake-root}): verified offline with their trusted root. The non-ASCII one verifies too,
 * because sigstore-java is handed the DSSE PAE with UTF-8 byte lengths.
 */
class KeylessFixturesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Path dir() {
    return Shared.fixtures("keyless-fake-root");
  }

  private static VerificationPolicy policy(Path dir, CertificateIdentity identity)
      throws Exception {
    String sha = SigstoreConformanceTest.sha256(Files.readAllBytes(dir.resolve("artifact.txt")));
    return VerificationPolicy.keyless(
            identity, TrustedRoot.fromFile(dir.resolve("trusted_root.json")))
        .subject(Subject.of("artifact", sha));
  }

  private static CertificateIdentity identity(Path dir) throws Exception {
    return CertificateIdentity.exact(
        Files.readString(dir.resolve("identity.txt")).strip(),
        Files.readString(dir.resolve("issuer.txt")).strip());
  }

  private static VerificationResult verify(String bundle, CertificateIdentity id) throws Exception {
    Path dir = dir();
    return Verifier.verify(Files.readAllBytes(dir.resolve(bundle)), policy(dir, id));
  }

  @Test
  void asciiBundleVerifies() throws Exception {
    VerificationResult r = verify("bundle-ascii.sigstore.json", identity(dir()));
    assertThat(r.verified()).as(r.toString()).isTrue();
    assertThat(r.signer())
        .contains(
            "certificate identity https://github.com/acme/vex/.github/workflows/release.yml"
                + "@refs/heads/main issuer https://issuer.example");
  }

  @Test
  void nonAsciiBundleVerifiesWithTheCorrectPae() throws Exception {
    VerificationResult r = verify("bundle-nonascii.sigstore.json", identity(dir()));
    assertThat(r.verified()).as(r.toString()).isTrue();
    assertThat(r.statement().orElseThrow().predicate().author()).isEqualTo("René Exempel");
  }

  @Test
  void regexIdentityVerifies() throws Exception {
    VerificationResult r =
        verify(
            "bundle-ascii.sigstore.json",
            CertificateIdentity.regex("https://github\\.com/acme/.*", "https://issuer\\..*"));
    assertThat(r.verified()).as(r.toString()).isTrue();
  }

  @Test
  void wrongIdentityIsIdentityMismatch() throws Exception {
    VerificationResult r =
        verify(
            "bundle-ascii.sigstore.json",
            CertificateIdentity.exact("https://github.com/evil/x", "https://issuer.example"));
    assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.IDENTITY_MISMATCH);
  }

  @Test
  void wrongIssuerIsIssuerMismatch() throws Exception {
    Path dir = dir();
    VerificationResult r =
        verify(
            "bundle-ascii.sigstore.json",
            CertificateIdentity.exact(
                Files.readString(dir.resolve("identity.txt")).strip(), "https://other.example"));
    assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.ISSUER_MISMATCH);
    assertThat(r.failure().orElseThrow().message())
        .endsWith("but the certificate's OIDC issuer is 'https://issuer.example'");
  }

  @Test
  void otherTrustedRootIsUntrustedCertificate() throws Exception {
    Path dir = dir();
    Path otherRoot = dir.resolve("../../public-good/trusted_root.json").normalize();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.exists(otherRoot), "skipped: no " + otherRoot);
    String sha = SigstoreConformanceTest.sha256(Files.readAllBytes(dir.resolve("artifact.txt")));
    VerificationResult r =
        Verifier.verify(
            Files.readAllBytes(dir.resolve("bundle-ascii.sigstore.json")),
            VerificationPolicy.keyless(identity(dir), TrustedRoot.fromFile(otherRoot))
                .subject(Subject.of("a", sha)));
    assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.UNTRUSTED_CERTIFICATE);
  }

  @Test
  void wrongSubjectIsSubjectMismatch() throws Exception {
    Path dir = dir();
    VerificationResult r =
        Verifier.verify(
            Files.readAllBytes(dir.resolve("bundle-ascii.sigstore.json")),
            VerificationPolicy.keyless(
                    identity(dir), TrustedRoot.fromFile(dir.resolve("trusted_root.json")))
                .subject(Subject.of("a", "c".repeat(64))));
    assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.SUBJECT_MISMATCH);
  }

  @Test
  void removedTlogEntryIsMissingTlogEntry() throws Exception {
    Path dir = dir();
    ObjectNode json =
        (ObjectNode) MAPPER.readTree(dir.resolve("bundle-ascii.sigstore.json").toFile());
    ((ObjectNode) json.get("verificationMaterial")).putArray("tlogEntries");
    VerificationResult r =
        Verifier.verify(MAPPER.writeValueAsBytes(json), policy(dir, identity(dir)));
    assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.MISSING_TLOG_ENTRY);
  }

  @Test
  void tamperedSignatureIsBadSignature() throws Exception {
    Path dir = dir();
    ObjectNode json =
        (ObjectNode) MAPPER.readTree(dir.resolve("bundle-ascii.sigstore.json").toFile());
    ObjectNode sig = (ObjectNode) json.at("/dsseEnvelope/signatures/0");
    String s = sig.get("sig").asText();
    sig.put("sig", s.substring(0, 20) + (s.charAt(20) == 'A' ? 'B' : 'A') + s.substring(21));
    VerificationResult r =
        Verifier.verify(MAPPER.writeValueAsBytes(json), policy(dir, identity(dir)));
    assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.BAD_SIGNATURE);
  }
}
