package dev.waterline.vex.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Sigstore conformance vectors under {@code ${waterline.shared}/sigstore/conformance}
 * (bundle-verify conventions: {@code artifact}, {@code identity}, {@code issuer}, {@code key.pub},
 * {@code trusted_root.json}) and our keyless fixtures from a fake Sigstore. Skipped when the shared
 * data is absent.
 */
class SigstoreConformanceTest {
  private static final String DEFAULT_IDENTITY =
      "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/"
          + "workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
  private static final String DEFAULT_ISSUER = "https://token.actions.githubusercontent.com";

  /**
   * Cases whose expected outcome waterline cannot reach, with the reason. Every other case must
   * give its expected outcome.
   */
  static final Map<String, String> UNSUPPORTED =
      Map.of(
          "bundle-verify/intoto-with-custom-trust-root",
          "tlog entry kind intoto/0.0.2 (legacy cosign): sigstore-java 2.0.0 cannot verify it"
              + " ('Could not parse DSSE from log entry body'; upstream xfails it too)",
          "bundle-verify/rekor2-dsse-happy-path",
          "Rekor v2 hashedrekord/0.0.2 over the DSSE PAE is newer than sigstore-java 2.0.0"
              + " (it verifies only dsse/0.0.2 Rekor v2 entries)",
          "bundle-verify/managed-key-and-trusted-root",
          "messageSignature bundle (hashedrekord over a blob): not an attestation; waterline"
              + " verifies DSSE attestations only",
          "bundle-verify/managed-key-happy-path",
          "messageSignature bundle (hashedrekord over a blob): not an attestation; waterline"
              + " verifies DSSE attestations only");

  /**
   * The reason each failing case must fail with. The {@code intoto-*} cases carry intoto/0.0.2 log
   * entries, which sigstore-java 2.0.0 cannot read: they fail as BAD_TLOG_ENTRY ("Expecting type
   * dsse:0.0.2, but found intoto:0.0.2") unless the log's integrated time lies outside the
   * certificate's validity, which we detect first (EXPIRED_CERTIFICATE). So
   * intoto-tsa-timestamp-outside-cert-validity_fail fails, but for the unsupported entry kind, not
   * because of its timestamp. Likewise the current upstream {@code rekor2-dsse-mismatch-*_fail}
   * cases fail as BAD_TLOG_ENTRY because sigstore-java 2.0.0 cannot read hashedrekord/0.0.2 entries
   * (the legacy dsse/0.0.2 twins fail for their real reason), and {@code managed-key-*_fail} fail
   * as MALFORMED because message-signature bundles are not attestations.
   */
  static final Map<String, FailureReason> FAIL_REASONS =
      Map.ofEntries(
          Map.entry("bundle-verify/dsse-invalid-sig_fail", FailureReason.BAD_SIGNATURE),
          Map.entry("bundle-verify/dsse-mismatch-envelope_fail", FailureReason.BAD_TLOG_ENTRY),
          Map.entry("bundle-verify/dsse-mismatch-sig_fail", FailureReason.BAD_TLOG_ENTRY),
          Map.entry(
              "bundle-verify/intoto-expired-certificate_fail", FailureReason.EXPIRED_CERTIFICATE),
          Map.entry("bundle-verify/intoto-log-entry-mismatch_fail", FailureReason.BAD_TLOG_ENTRY),
          Map.entry(
              "bundle-verify/intoto-missing-inclusion-proof_fail", FailureReason.BAD_TLOG_ENTRY),
          Map.entry(
              "bundle-verify/intoto-set-outside-signing-cert-validity_fail",
              FailureReason.EXPIRED_CERTIFICATE),
          Map.entry(
              "bundle-verify/intoto-tsa-timestamp-outside-cert-validity_fail",
              FailureReason.BAD_TLOG_ENTRY),
          Map.entry("bundle-verify/managed-key-no-key_fail", FailureReason.MALFORMED),
          Map.entry("bundle-verify/managed-key-wrong-key_fail", FailureReason.MALFORMED),
          Map.entry("bundle-verify/rekor2-dsse-invalid-sig_fail", FailureReason.BAD_SIGNATURE),
          Map.entry(
              "bundle-verify/rekor2-dsse-mismatch-envelope_fail", FailureReason.BAD_TLOG_ENTRY),
          Map.entry("bundle-verify/rekor2-dsse-mismatch-sig_fail", FailureReason.BAD_TLOG_ENTRY),
          Map.entry(
              "bundle-verify-legacy-8cfa6cf/rekor2-dsse-invalid-sig_fail",
              FailureReason.BAD_SIGNATURE),
          Map.entry(
              "bundle-verify-legacy-8cfa6cf/rekor2-dsse-mismatch-envelope_fail",
              FailureReason.BAD_TLOG_ENTRY),
          Map.entry(
              "bundle-verify-legacy-8cfa6cf/rekor2-dsse-mismatch-sig_fail",
              FailureReason.BAD_TLOG_ENTRY));

  static Path conformance() {
    String shared = System.getProperty("waterline.shared");
    assumeTrue(
        shared != null, "skipped: system property waterline.shared is not set (no shared data)");
    Path dir = Path.of(shared, "sigstore", "conformance");
    assumeTrue(Files.isDirectory(dir), "skipped: conformance vectors not found at " + dir);
    return dir;
  }

  static Stream<String> cases() throws IOException {
    String shared = System.getProperty("waterline.shared");
    Path dir = shared == null ? null : Path.of(shared, "sigstore", "conformance");
    if (dir == null || !Files.isDirectory(dir)) {
      // one placeholder so the parameterized test reports a clear skip instead of "no arguments"
      return Stream.of("(shared conformance data absent)");
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> groups =
          s.filter(p -> p.getFileName().toString().startsWith("bundle-verify")).sorted().toList();
      return groups.stream()
          .flatMap(
              g -> {
                try (Stream<Path> cs = Files.list(g)) {
                  return cs
                      .filter(Files::isDirectory)
                      .map(c -> g.getFileName() + "/" + c.getFileName())
                      .sorted()
                      .toList()
                      .stream();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
    }
  }

  static VerificationResult verifyCase(Path root, String name) throws Exception {
    Path dir = root.resolve(name);
    Path artifact =
        Files.exists(dir.resolve("artifact"))
            ? dir.resolve("artifact")
            : root.resolve("bundle-verify/a.txt");
    String sha = sha256(Files.readAllBytes(artifact));
    VerificationPolicy policy;
    if (Files.exists(dir.resolve("key.pub"))) {
      policy = VerificationPolicy.keys(PublicKey.read(dir.resolve("key.pub")));
    } else {
      Path trusted =
          Files.exists(dir.resolve("trusted_root.json"))
              ? dir.resolve("trusted_root.json")
              : root.resolve("../public-good/trusted_root.json").normalize();
      policy =
          VerificationPolicy.keyless(
              CertificateIdentity.exact(
                  read(dir.resolve("identity"), DEFAULT_IDENTITY),
                  read(dir.resolve("issuer"), DEFAULT_ISSUER)),
              TrustedRoot.fromFile(trusted));
    }
    policy = policy.subject(Subject.of("artifact", sha));
    return Verifier.verify(Files.readAllBytes(dir.resolve("bundle.sigstore.json")), policy);
  }

  private static String read(Path file, String fallback) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : fallback;
  }

  static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("conformance case gives its expected outcome")
  void conformanceCaseGivesExpectedOutcome(String name) throws Exception {
    Path root = conformance();
    assumeTrue(
        !UNSUPPORTED.containsKey(name),
        "skipped: " + name + " is not supported: " + UNSUPPORTED.get(name));
    VerificationResult result = verifyCase(root, name);
    if (name.endsWith("_fail")) {
      assertThat(FAIL_REASONS).as("expected reason listed for " + name).containsKey(name);
      assertThat(result.verified()).as(name + ": " + result).isFalse();
      assertThat(result.failure().orElseThrow().reason())
          .as(name + ": " + result)
          .isEqualTo(FAIL_REASONS.get(name));
    } else {
      assertThat(result.verified()).as(name + ": " + result).isTrue();
      assertThat(result.signer().orElseThrow()).contains(DEFAULT_IDENTITY);
    }
  }

  @Nested
  class UnsupportedCases {
    @Test
    void unsupportedCasesReallyFailSoTheListStaysHonest() throws Exception {
      Path root = conformance();
      for (String name : UNSUPPORTED.keySet()) {
        assertThat(verifyCase(root, name).verified())
            .as(name + " is listed unsupported; if it verifies now, remove it from the list")
            .isFalse();
      }
    }

    @Test
    void messageSignatureBundlesAreRejectedAsNotAttestations() throws Exception {
      Path root = conformance();
      VerificationResult r = verifyCase(root, "bundle-verify/managed-key-happy-path");
      assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.MALFORMED);
      assertThat(r.failure().orElseThrow().message())
          .isEqualTo(
              "Sigstore bundle: /messageSignature this bundle signs a plain message digest, not"
                  + " an attestation (waterline reads bundles with a dsseEnvelope)");
    }
  }
}
