package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code triage --vex} with a keyless Sigstore bundle: verified with the same flags as {@code
 * verify}, the certificate identity recorded as the signer in every decision's reasons. The bundles
 * are the shared keyless fixtures (made by sigstore-js against a loopback fake Sigstore, with their
 * own trusted root); their statement says CVE-2024-0001 is not_affected in {@code
 * pkg:generic/artifact.txt}. Skipped when the shared data is absent.
 */
class TriageKeylessTest {
  static final String BASE = "sha256:" + "01".repeat(32);
  static final String APP = "sha256:" + "02".repeat(32);
  static final String SAN =
      "https://github.com/acme/vex/.github/workflows/release.yml@refs/heads/main";
  static final String ISSUER = "https://issuer.example";

  /** A Trivy report: CVE-2024-0001 (high) in pkg:generic/artifact.txt from the base layer. */
  static final String TRIVY =
      "{\"SchemaVersion\":2,\"ArtifactName\":\"ghcr.io/acme/app:1.0\","
          + "\"ArtifactType\":\"container_image\",\"Metadata\":{\"DiffIDs\":[\""
          + BASE
          + "\",\""
          + APP
          + "\"]},\"Results\":[{\"Target\":\"app\",\"Class\":\"lang-pkgs\",\"Type\":\"generic\","
          + "\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-2024-0001\",\"PkgName\":\"artifact.txt\","
          + "\"PkgIdentifier\":{\"PURL\":\"pkg:generic/artifact.txt@1.0\"},\"InstalledVersion\":\"1.0\","
          + "\"Layer\":{\"DiffID\":\""
          + BASE
          + "\"},\"Severity\":\"HIGH\"}]}]}";

  final Cli cli = Cli.atFixedTime();
  Path dir;
  Path fixtures;
  Path report;
  Path bundle;
  Path root;

  @BeforeEach
  void files(@TempDir Path tmp) {
    String shared = System.getProperty("waterline.shared");
    assumeTrue(shared != null, "skipped: system property waterline.shared is not set");
    fixtures = Path.of(shared, "sigstore", "fixtures", "keyless-fake-root");
    assumeTrue(
        Files.isDirectory(fixtures), "skipped: shared keyless fixtures not found at " + fixtures);
    dir = tmp;
    report = Cli.write(tmp.resolve("trivy.json"), TRIVY);
    bundle = fixtures.resolve("bundle-ascii.sigstore.json");
    root = fixtures.resolve("trusted_root.json");
  }

  Cli.Result triage(String... extra) {
    String[] base = {"triage", "--report", report.toString(), "--vex", bundle.toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return cli.run(args);
  }

  @Nested
  class Verified {
    @Test
    void keylessBundleDecidesAndItsIdentityIsInTheReasons() {
      Cli.Result r =
          triage(
              "--certificate-identity",
              SAN,
              "--certificate-oidc-issuer",
              ISSUER,
              "--trusted-root",
              root.toString(),
              "--format",
              "json");
      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode d = r.json().path("decisions").get(0);
      assertThat(d.path("decision").asText()).isEqualTo("not_affected");
      JsonNode statement = d.path("reasons").get(0).path("statement");
      assertThat(statement.path("trust").asText())
          .isEqualTo("signed by certificate identity " + SAN + " issuer " + ISSUER);
      assertThat(statement.path("owner").asText()).isEqualTo("own");
      assertThat(statement.path("origin").asText()).isEqualTo(bundle.toString());
      JsonNode input = r.json().path("inputs").path("vex").get(0);
      assertThat(input.path("signer").asText())
          .isEqualTo("certificate identity " + SAN + " issuer " + ISSUER);
    }

    @Test
    void regexpFlagsVerifyToo() {
      Cli.Result r =
          triage(
              "--certificate-identity-regexp",
              "https://github\\.com/acme/.*",
              "--certificate-oidc-issuer-regexp",
              "https://issuer\\..*",
              "--trusted-root",
              root.toString());
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.outLines().get(0)).isEqualTo("nothing to remediate");
    }

    @Test
    void aPolicyVendorNamedByTheSanMakesItVendorVexBelowTheWaterline() throws IOException {
      Path base = Cli.write(dir.resolve("base.txt"), BASE + "\n");
      Path policy =
          Cli.write(dir.resolve("policy.json"), "{\"vendors\":[{\"signer\":\"" + SAN + "\"}]}");
      Cli.Result r =
          triage(
              "--certificate-identity",
              SAN,
              "--certificate-oidc-issuer",
              ISSUER,
              "--trusted-root",
              root.toString(),
              "--policy",
              policy.toString(),
              "--base-diffids",
              base.toString(),
              "--format",
              "json");
      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode statement = r.json().path("decisions").get(0).path("reasons").get(0);
      assertThat(statement.path("statement").path("owner").asText()).isEqualTo("vendor");
      assertThat(r.json().path("decisions").get(0).path("decision").asText())
          .isEqualTo("not_affected");
    }

    @Test
    void aKeyForOtherFilesDoesNotStopKeylessVerification() {
      dev.waterline.vex.sign.SigningKey key = dev.waterline.vex.sign.Keys.generate();
      Path pub = dir.resolve("other.pub");
      dev.waterline.vex.sign.Keys.writePublicPem(key.publicKey(), pub);
      Cli.Result r =
          triage(
              "--key",
              pub.toString(),
              "--certificate-identity",
              SAN,
              "--certificate-oidc-issuer",
              ISSUER,
              "--trusted-root",
              root.toString());
      assertThat(r.code()).as(r.toString()).isZero();
    }
  }

  @Nested
  class Refused {
    @Test
    void aSignedFileWithoutVerificationFlagsIsAUsageError() {
      Cli.Result r = triage();
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: "
                  + bundle
                  + " is a signed attestation: give --key PUB, or --certificate-identity ID with"
                  + " --certificate-oidc-issuer ISS, to verify it\n");
    }

    @Test
    void anotherIdentityFailsVerification() {
      Cli.Result r =
          triage(
              "--certificate-identity",
              "https://github.com/evil/x",
              "--certificate-oidc-issuer",
              ISSUER,
              "--trusted-root",
              root.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .startsWith("waterline: error: " + bundle + ": verification failed: IDENTITY_MISMATCH: ");
    }

    @Test
    void incompleteKeylessFlagsFailEvenWithoutSignedFiles() {
      Cli.Result r =
          cli.run(
              "triage",
              "--report",
              report.toString(),
              "--certificate-oidc-issuer",
              ISSUER,
              "--trusted-root",
              root.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: keyless verification needs --certificate-identity ID (or"
                  + " --certificate-identity-regexp RE)\n");
    }

    @Test
    void anIdentityWithoutIssuerIsAUsageError() {
      Cli.Result r = triage("--certificate-identity", SAN, "--trusted-root", root.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: keyless verification needs --certificate-oidc-issuer ISS (or"
                  + " --certificate-oidc-issuer-regexp RE)\n");
    }
  }
}
