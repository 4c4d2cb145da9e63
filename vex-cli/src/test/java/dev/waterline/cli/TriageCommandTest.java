package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.testkit.SampleImages;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriageCommandTest {
  static final String HEX = "ab".repeat(32);
  static final String BASE = "sha256:" + "01".repeat(32);
  static final String APP = "sha256:" + "02".repeat(32);

  static String vuln(String id, String pkg, String severity, String layer) {
    return "{\"VulnerabilityID\":\""
        + id
        + "\",\"PkgName\":\""
        + pkg
        + "\",\"PkgIdentifier\":{\"PURL\":\"pkg:deb/debian/"
        + pkg
        + "@1.0?arch=amd64&distro=debian-12\"},\"InstalledVersion\":\"1.0\",\"Status\":\"affected\","
        + "\"Layer\":{\"DiffID\":\""
        + layer
        + "\"},\"Severity\":\""
        + severity
        + "\"}";
  }

  /** A Trivy image report: a base layer and an app layer, three findings. */
  static final String TRIVY =
      "{\"SchemaVersion\":2,\"CreatedAt\":\"2026-05-30T00:00:00Z\",\"ArtifactName\":\"ghcr.io/acme/app:1.0\","
          + "\"ArtifactType\":\"container_image\",\"Metadata\":{\"ImageID\":\"sha256:"
          + "cc".repeat(32)
          + "\",\"DiffIDs\":[\""
          + BASE
          + "\",\""
          + APP
          + "\"],\"RepoTags\":[\"ghcr.io/acme/app:1.0\"],\"RepoDigests\":[\"ghcr.io/acme/app@sha256:"
          + HEX
          + "\"]},\"Results\":[{\"Target\":\"ghcr.io/acme/app:1.0 (debian 12.5)\",\"Class\":\"os-pkgs\","
          + "\"Type\":\"debian\",\"Vulnerabilities\":["
          + vuln("CVE-2024-0001", "openssl", "HIGH", APP)
          + ","
          + vuln("CVE-2024-0002", "zlib", "LOW", APP)
          + ","
          + vuln("CVE-2024-0003", "bash", "CRITICAL", BASE)
          + "]}]}";

  static String vex(String author, String vuln, String product, String status) {
    return "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"@id\":\"https://acme.example/vex/"
        + vuln
        + "\",\"author\":\""
        + author
        + "\",\"timestamp\":\"2026-05-01T00:00:00Z\",\"version\":1,\"statements\":[{"
        + "\"vulnerability\":{\"name\":\""
        + vuln
        + "\"},\"products\":[{\"@id\":\""
        + product
        + "\"}],\"status\":\""
        + status
        + "\""
        + (status.equals("not_affected")
            ? ",\"justification\":\"vulnerable_code_not_present\""
            : "")
        + "}]}";
  }

  /** Docker Hardened Images' unsigned VEX: bash (a base-layer package) is not affected. */
  static Path dhiVex(Path dir) {
    return Cli.write(
        dir.resolve("dhi.json"),
        vex(
            "Docker Hardened Images <dhi@docker.com>",
            "CVE-2024-0003",
            "pkg:deb/debian/bash",
            "not_affected"));
  }

  /**
   * {@code doc} in a DSSE envelope about {@code subject}, signed by {@code key}, in {@code file}.
   */
  static Path signedVex(
      Path file,
      dev.waterline.vex.VexDocument doc,
      String subject,
      dev.waterline.vex.sign.SigningKey key) {
    return Cli.write(
        file, dev.waterline.vex.sign.Attestations.of(doc).subject(subject).sign(key).toJson());
  }

  static final String KEV =
      "{\"catalogVersion\":\"2026.05.01\",\"dateReleased\":\"2026-05-01T00:00:00.000Z\",\"count\":1,"
          + "\"vulnerabilities\":[{\"cveID\":\"CVE-2024-0002\",\"vendorProject\":\"x\",\"product\":\"x\","
          + "\"vulnerabilityName\":\"x\",\"dateAdded\":\"2026-01-01\",\"shortDescription\":\"x\","
          + "\"requiredAction\":\"x\",\"dueDate\":\"2026-02-01\"}]}";

  final Cli cli = Cli.atFixedTime();
  Path report;
  Path base;

  @BeforeEach
  void files(@TempDir Path dir) {
    report = Cli.write(dir.resolve("trivy.json"), TRIVY);
    base = Cli.write(dir.resolve("base.txt"), "# base image layers\n" + BASE + "\n");
  }

  @Nested
  class Decisions {
    @Test
    void exitsOneWhenSomethingIsToRemediate() {
      Cli.Result r = cli.run("triage", "--report", report.toString());
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.outLines().get(0)).isEqualTo("2 to remediate");
      assertThat(r.outLines().get(1))
          .isEqualTo(
              "3 findings: remediate 2, exception 0, accepted 1, not_affected 0, fixed 0, vendor 0");
      assertThat(r.err()).isEmpty();
    }

    @Test
    void exitsZeroWhenVexAndTheWaterlineLeaveNothing(@TempDir Path dir) {
      Path ours =
          Cli.write(
              dir.resolve("ours.json"),
              vex("Acme", "CVE-2024-0001", "pkg:deb/debian/openssl", "fixed"));
      Cli.Result r =
          cli.run(
              "triage",
              "--report",
              report.toString(),
              "--vex",
              ours.toString(),
              "--base-diffids",
              base.toString(),
              "--format",
              "json");
      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode json = r.json();
      assertThat(json.path("counts").path("fixed").asInt()).isEqualTo(1);
      assertThat(json.path("counts").path("accepted").asInt()).isEqualTo(1);
      assertThat(json.path("counts").path("vendor").asInt()).isEqualTo(1);
      assertThat(json.path("scan_time").asText()).isEqualTo(Cli.EPOCH_RFC3339);
      assertThat(json.path("decisions").get(1).path("review_by").asText())
          .isEqualTo("2026-04-02T03:04:05Z");
      assertThat(json.path("image").path("digest").asText()).isEqualTo("sha256:" + HEX);
    }

    @Test
    void vendorVexCountsBelowTheWaterlineOnlyWhenAccepted(@TempDir Path dir) {
      Path dhi = dhiVex(dir);
      String[] args = {
        "triage",
        "--report",
        report.toString(),
        "--vex",
        dhi.toString(),
        "--base-diffids",
        base.toString(),
        "--format",
        "json"
      };
      JsonNode untrusted = cli.run(args).json();
      assertThat(untrusted.path("decisions").get(2).path("decision").asText()).isEqualTo("vendor");
      assertThat(untrusted.path("decisions").get(2).path("notes").get(0).path("rule").asText())
          .isEqualTo("vendor_vex_untrusted");
      String[] accepted = new String[args.length + 2];
      System.arraycopy(args, 0, accepted, 0, args.length);
      accepted[args.length] = "--accept-unsigned";
      accepted[args.length + 1] = "published by the vendor on docker.com";
      JsonNode trusted = cli.run(accepted).json();
      JsonNode bash = trusted.path("decisions").get(2);
      assertThat(bash.path("decision").asText()).isEqualTo("not_affected");
      assertThat(bash.path("reasons").get(0).path("statement").path("trust").asText())
          .isEqualTo("unsigned, accepted because: published by the vendor on docker.com");
    }

    @Test
    void acceptUnsignedLabelsOnlyVendorVexNotOurOwn(@TempDir Path dir) {
      Path dhi = dhiVex(dir);
      Path ours =
          Cli.write(
              dir.resolve("ours.json"),
              vex("Acme", "CVE-2024-0001", "pkg:deb/debian/openssl", "fixed"));
      JsonNode json =
          cli.run(
                  "triage",
                  "--report",
                  report.toString(),
                  "--vex",
                  dhi.toString(),
                  "--vex",
                  ours.toString(),
                  "--base-diffids",
                  base.toString(),
                  "--accept-unsigned",
                  "published by the vendor",
                  "--format",
                  "json")
              .json();
      JsonNode openssl = json.path("decisions").get(0);
      assertThat(openssl.path("decision").asText()).isEqualTo("fixed");
      assertThat(openssl.path("reasons").get(0).path("statement").path("trust").asText())
          .isEqualTo("unsigned");
      assertThat(openssl.path("reasons").get(0).path("statement").path("owner").asText())
          .isEqualTo("own");
      JsonNode bash = json.path("decisions").get(2);
      assertThat(bash.path("reasons").get(0).path("statement").path("trust").asText())
          .isEqualTo("unsigned, accepted because: published by the vendor");
    }

    @Test
    void vexAboutTheImageByDigestIsWarnedAboutWhenTheReportNamesNoDigest(@TempDir Path dir) {
      Path noDigest =
          Cli.write(
              dir.resolve("local.json"),
              TRIVY.replace(
                  "\"RepoDigests\":[\"ghcr.io/acme/app@sha256:" + HEX + "\"]",
                  "\"RepoDigests\":[]"));
      Path ours =
          Cli.write(
              dir.resolve("ours.json"),
              vex("Acme", "CVE-2024-0001", "pkg:oci/app@sha256%3A" + HEX, "fixed"));

      Cli.Result silent =
          cli.run("triage", "--report", noDigest.toString(), "--vex", ours.toString());
      Cli.Result named =
          cli.run(
              "triage",
              "--report",
              noDigest.toString(),
              "--vex",
              ours.toString(),
              "--image",
              "ghcr.io/acme/app@sha256:" + HEX,
              "--format",
              "json");

      assertThat(silent.code()).isEqualTo(1);
      assertThat(silent.err())
          .isEqualTo(
              "waterline: warning: 1 VEX statement is about images by digest (REPO@sha256:…,"
                  + " pkg:oci/…@sha256%3A…), but the report names no image digest, so they match"
                  + " nothing; name the scanned image by digest (waterline triage --image"
                  + " REPO@sha256:<hex>, Triage.image in Java)\n");
      assertThat(named.err()).as(named.toString()).isEmpty();
      assertThat(named.json().path("decisions").get(0).path("decision").asText())
          .isEqualTo("fixed");
    }

    @Test
    void aSignedVexFileForAnotherImageIsWarnedAbout(@TempDir Path dir) {
      dev.waterline.vex.sign.SigningKey key = dev.waterline.vex.sign.Keys.generate();
      Path pub = dir.resolve("team.pub");
      dev.waterline.vex.sign.Keys.writePublicPem(key.publicKey(), pub);
      dev.waterline.vex.VexDocument doc =
          dev.waterline.vex.VexDocument.parse(
              vex("Acme", "CVE-2024-0001", "pkg:deb/debian/openssl", "fixed"));
      String other = "sha256:" + "cd".repeat(32);
      Path forOther =
          signedVex(dir.resolve("other.dsse.json"), doc, "ghcr.io/acme/other@" + other, key);
      Path forThis =
          signedVex(dir.resolve("this.dsse.json"), doc, "ghcr.io/acme/app@sha256:" + HEX, key);

      Cli.Result warned =
          cli.run(
              "triage",
              "--report",
              report.toString(),
              "--vex",
              forOther.toString(),
              "--key",
              pub.toString());
      Cli.Result quiet =
          cli.run(
              "triage",
              "--report",
              report.toString(),
              "--vex",
              forThis.toString(),
              "--key",
              pub.toString());

      assertThat(warned.err())
          .isEqualTo(
              "waterline: warning: "
                  + forOther
                  + " is signed for ["
                  + other
                  + "], not for the scanned image sha256:"
                  + HEX
                  + ": its statements are used, but check that it is the right VEX (an index and"
                  + " its platform manifests have different digests)\n");
      assertThat(quiet.err()).as(quiet.toString()).isEmpty();
      assertThat(quiet.outLines().get(1)).contains("fixed 1");
    }

    @Test
    void signedVendorVexVerifiedWithAKeyCountsBelowTheWaterline(@TempDir Path dir) {
      dev.waterline.vex.sign.SigningKey key = dev.waterline.vex.sign.Keys.generate();
      Path pub = dir.resolve("vendor.pub");
      dev.waterline.vex.sign.Keys.writePublicPem(key.publicKey(), pub);
      dev.waterline.vex.VexDocument doc =
          dev.waterline.vex.VexDocument.parse(
              vex(
                  "Docker Hardened Images <dhi@docker.com>",
                  "CVE-2024-0003",
                  "pkg:deb/debian/bash",
                  "not_affected"));
      Path signed =
          signedVex(dir.resolve("dhi.dsse.json"), doc, "ghcr.io/acme/app@sha256:" + HEX, key);
      Cli.Result r =
          cli.run(
              "triage",
              "--report",
              report.toString(),
              "--vex",
              signed.toString(),
              "--key",
              pub.toString(),
              "--base-diffids",
              base.toString(),
              "--format",
              "json");
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      JsonNode bash = r.json().path("decisions").get(2);
      assertThat(bash.path("decision").asText()).isEqualTo("not_affected");
      assertThat(bash.path("reasons").get(0).path("statement").path("trust").asText())
          .isEqualTo("signed by " + key.publicKey().keyId());

      Cli.Result noKey =
          cli.run("triage", "--report", report.toString(), "--vex", signed.toString());
      assertThat(noKey.code()).isEqualTo(2);
      assertThat(noKey.err())
          .isEqualTo(
              "waterline: error: "
                  + signed
                  + " is a signed attestation: give --key PUB, or --certificate-identity ID with"
                  + " --certificate-oidc-issuer ISS, to verify it\n");

      Path other = dir.resolve("other.pub");
      dev.waterline.vex.sign.Keys.writePublicPem(
          dev.waterline.vex.sign.Keys.generate().publicKey(), other);
      Cli.Result wrongKey =
          cli.run(
              "triage",
              "--report",
              report.toString(),
              "--vex",
              signed.toString(),
              "--key",
              other.toString());
      assertThat(wrongKey.code()).isEqualTo(2);
      assertThat(wrongKey.err())
          .startsWith("waterline: error: " + signed + ": verification failed: ");
    }

    @Test
    void readsVexAttachedToAnImageInAnOciLayout(@TempDir Path dir) {
      Path layoutDir = dir.resolve("layout");
      dev.waterline.vex.oci.OciLayout layout = dev.waterline.vex.oci.OciLayout.create(layoutDir);
      dev.waterline.vex.oci.Digest digest = SampleImages.write(layout, "1.0");
      dev.waterline.vex.VexDocument doc =
          dev.waterline.vex.VexDocument.parse(
              vex("Acme", "CVE-2024-0001", "pkg:deb/debian/openssl", "fixed"));
      byte[] statement =
          dev.waterline.vex.sign.Attestations.of(doc)
              .subject("ghcr.io/acme/app@" + digest)
              .statement()
              .toPayload();
      dev.waterline.vex.oci.Attachments.on(layout)
          .attach(
              "1.0",
              dev.waterline.vex.oci.Attestation.of(
                  statement, dev.waterline.vex.oci.AttestationKind.IN_TOTO_STATEMENT),
              dev.waterline.vex.oci.AttachmentLayout.STATEMENT_REFERRER);
      Cli.Result r =
          cli.run(
              "triage",
              "--report",
              report.toString(),
              "--vex-from",
              "oci:" + layoutDir + ":1.0",
              "--format",
              "json");
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      JsonNode openssl = r.json().path("decisions").get(0);
      assertThat(openssl.path("decision").asText()).isEqualTo("fixed");
      assertThat(openssl.path("reasons").get(0).path("statement").path("origin").asText())
          .startsWith("oci:" + layoutDir + ":1.0 (");
      assertThat(r.err()).isEmpty();

      Cli.Result registry =
          cli.run(
              "triage", "--report", report.toString(), "--vex-from", "127.0.0.1:1/acme/app:1.0");
      assertThat(registry.code()).isEqualTo(2);
      assertThat(registry.err())
          .startsWith(
              "waterline: error: --vex-from 127.0.0.1:1/acme/app:1.0: could not reach the registry"
                  + " 127.0.0.1:1 ");
    }

    @Test
    void kevIsRemediatedWhateverItsSeverity(@TempDir Path dir) {
      Path kev = Cli.write(dir.resolve("kev.json"), KEV);
      Cli.Result r =
          cli.run(
              "triage", "--report", report.toString(), "--kev", kev.toString(), "--format", "json");
      JsonNode zlib = r.json().path("decisions").get(1);
      assertThat(zlib.path("severity").asText()).isEqualTo("low");
      assertThat(zlib.path("kev").asBoolean()).isTrue();
      assertThat(zlib.path("decision").asText()).isEqualTo("remediate");
    }

    @Test
    void writesMarkdown() {
      Cli.Result r = cli.run("triage", "--report", report.toString(), "--format", "markdown");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.out()).startsWith("## Waterline triage: 2 to remediate\n");
    }
  }

  @Nested
  class Errors {
    @Test
    void anInvalidPolicyIsAUsageErrorWithItsPointerNamingTheFileOnce(@TempDir Path dir) {
      Path policy = Cli.write(dir.resolve("p.json"), "{\"severities\":{\"high\":\"ignore\"}}");
      Cli.Result r =
          cli.run("triage", "--report", report.toString(), "--policy", policy.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: invalid policy "
                  + policy
                  + " at /severities/high: expected \"remediate\" or \"accept\" but was"
                  + " \"ignore\"\n");
    }

    @Test
    void anInvalidKevCatalogIsAUsageErrorNamingTheFileOnce(@TempDir Path dir) {
      Path kev = Cli.write(dir.resolve("kev2.json"), "{\"count\":\"many\"}");
      Cli.Result r = cli.run("triage", "--report", report.toString(), "--kev", kev.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).startsWith("waterline: error: " + kev + ": not a valid CISA KEV catalog");
      assertThat(r.err().split(java.util.regex.Pattern.quote(kev.toString()), -1)).hasSize(2);
    }

    @Test
    void anUnreadableReportIsAUsageError(@TempDir Path dir) {
      Cli.Result r = cli.run("triage", "--report", dir.resolve("missing.json").toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .startsWith("waterline: error: cannot read " + dir.resolve("missing.json"));
    }

    @Test
    void sarifOutputNeedsASarifReport() {
      Cli.Result r = cli.run("triage", "--report", report.toString(), "--format", "sarif");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: --format sarif needs a SARIF report, but "
                  + report
                  + " is not SARIF\n");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
      Cli.Result r = cli.run("triage", "--report", report.toString(), "--format", "yaml");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .contains("'yaml' is not a format; expected text, json, markdown or sarif");
    }
  }
}
