package dev.waterline.vex.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TriageTest {
  static final String HEX = "ab".repeat(32);
  static final String BASE0 = "sha256:" + "01".repeat(32);
  static final String BASE1 = "sha256:" + "02".repeat(32);
  static final String APP = "sha256:" + "03".repeat(32);
  static final Instant SCAN = Instant.parse("2026-06-01T00:00:00Z");
  static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

  static Finding finding(
      String id, String pkg, Severity severity, String layer, String... aliases) {
    return Finding.builder(id)
        .aliases(List.of(aliases))
        .packageName(pkg)
        .packageVersion("1.0")
        .purl("pkg:deb/debian/" + pkg + "@1.0?arch=amd64")
        .severity(severity)
        .layerDiffId(layer)
        .build();
  }

  /** A Trivy-like image report: two base layers, one app layer. */
  static ScanReport report(Finding... findings) {
    return ScanReport.builder(ReportFormat.TRIVY_JSON, "trivy")
        .imageReference("ghcr.io/acme/app:1.0")
        .repoDigests(List.of("ghcr.io/acme/app@sha256:" + HEX))
        .diffIds(List.of(BASE0, BASE1, APP))
        .findings(List.of(findings))
        .build();
  }

  static KevCatalog kev(String... cves) {
    StringBuilder sb =
        new StringBuilder("{\"catalogVersion\":\"2026.05.01\",\"vulnerabilities\":[");
    for (int i = 0; i < cves.length; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"cveID\":\"")
          .append(cves[i])
          .append("\",\"vendorProject\":\"x\",\"product\":\"x\",\"vulnerabilityName\":\"x\",")
          .append("\"dateAdded\":\"2026-01-01\",\"shortDescription\":\"x\",")
          .append("\"requiredAction\":\"x\",\"dueDate\":\"2026-02-01\"}");
    }
    return KevCatalog.read(sb.append("]}").toString().getBytes(StandardCharsets.UTF_8));
  }

  static VexSource own(VexDocument d) {
    return VexSource.of(d, "ours.json");
  }

  static VexDocument doc(String author, dev.waterline.vex.Statement.Builder... statements) {
    VexDocument.Builder b = Vex.document(author).timestamp(T0);
    for (var s : statements) {
      b.statement(s);
    }
    return b.build();
  }

  TriageReport sample() {
    ScanReport r =
        report(
            finding("CVE-2024-0001", "openssl", Severity.HIGH, APP),
            finding("CVE-2024-0002", "zlib", Severity.MEDIUM, APP),
            finding("CVE-2024-0003", "bash", Severity.CRITICAL, BASE0),
            finding("CVE-2024-0004", "curl", Severity.LOW, BASE1),
            finding("CVE-2024-0005", "tar", Severity.HIGH, APP, "GHSA-cfh5-3ghh-wfjx"),
            finding("CVE-2024-0006", "libx", Severity.CRITICAL, BASE1),
            finding("CVE-2024-0007", "gzip", Severity.CRITICAL, null));
    VexDocument ours =
        doc(
            "Acme <psirt@acme.example>",
            Vex.notAffected("CVE-2024-0001", "pkg:oci/app@sha256%3A" + HEX)
                .subcomponent("pkg:deb/debian/openssl")
                .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH),
            Vex.affected("GHSA-cfh5-3ghh-wfjx", "ghcr.io/acme/app@sha256:" + HEX, "patch in 2.1"));
    VexDocument vendor =
        doc(
            Policy.DOCKER_HARDENED_IMAGES,
            Vex.notAffected("CVE-2024-0003", "pkg:deb/debian/bash")
                .justification(Justification.VULNERABLE_CODE_NOT_PRESENT),
            Vex.notAffected("CVE-2024-0002", "pkg:deb/debian/zlib")
                .justification(Justification.VULNERABLE_CODE_NOT_PRESENT));
    return Triage.of(r)
        .vex(own(ours), VexSource.of(vendor, "dhi.json").acceptedUnsigned("fetched over TLS"))
        .kev(kev("CVE-2024-0006"))
        .waterline(Waterline.of(BASE0, BASE1))
        .scanTime(SCAN)
        .run();
  }

  @Nested
  class Decisions {
    @Test
    void decideEveryFindingOnce() {
      TriageReport r = sample();
      assertThat(r.decisions())
          .extracting(d -> d.vulnerability() + "=" + d.decision())
          .containsExactly(
              "CVE-2024-0001=not_affected",
              "CVE-2024-0002=accepted",
              "CVE-2024-0003=not_affected",
              "CVE-2024-0004=vendor",
              "CVE-2024-0005=exception",
              "CVE-2024-0006=remediate",
              "CVE-2024-0007=remediate");
      int sum = r.counts().values().stream().mapToInt(Integer::intValue).sum();
      assertThat(sum).isEqualTo(7).isEqualTo(r.decisions().size());
      assertThat(r.needsRemediation()).isTrue();
      assertThat(r.imageDigest()).contains("sha256:" + HEX);
    }

    @Test
    void vendorVexAboveTheWaterlineIsIgnoredAndNoted() {
      FindingDecision zlib = sample().decisions().get(1);
      assertThat(zlib.position()).isEqualTo(Waterline.Position.ABOVE);
      assertThat(zlib.notes())
          .extracting(Reason::rule)
          .containsExactly("vendor_vex_above_waterline");
      assertThat(zlib.reviewBy()).contains(Instant.parse("2026-08-30T00:00:00Z"));
    }

    @Test
    void kevBelowTheWaterlineIsRemediatedByPullingAPatchedBase() {
      FindingDecision libx = sample().decisions().get(5);
      assertThat(libx.kev()).isTrue();
      assertThat(libx.reasons().get(0).message()).endsWith("pull a patched base image");
    }

    @Test
    void unknownLayerIsAboveTheWaterline() {
      FindingDecision gzip = sample().decisions().get(6);
      assertThat(gzip.position()).isEqualTo(Waterline.Position.UNKNOWN);
      assertThat(gzip.notes()).extracting(Reason::rule).containsExactly("waterline");
    }

    @Test
    void belowTheWaterlineTheReasonSaysWhetherVendorVexSpokeAndSettledNothing() {
      VexDocument vendor =
          doc(
              Policy.DOCKER_HARDENED_IMAGES,
              Vex.affected("CVE-2024-0003", "pkg:deb/debian/bash", "Fixed in bash 5.2.1"));
      TriageReport r =
          Triage.of(
                  report(
                      finding("CVE-2024-0003", "bash", Severity.CRITICAL, BASE0),
                      finding("CVE-2024-0004", "curl", Severity.LOW, BASE1)))
              .vex(VexSource.of(vendor, "dhi.json").acceptedUnsigned("ok"))
              .waterline(Waterline.of(BASE0, BASE1))
              .scanTime(SCAN)
              .run();
      FindingDecision bash = r.decisions().get(0);
      assertThat(bash.decision()).isEqualTo(Decision.VENDOR);
      assertThat(bash.reasons().get(0).message())
          .contains("no VEX statement settles it")
          .doesNotContain("no vendor VEX covers it");
      assertThat(bash.notes()).extracting(Reason::rule).containsExactly("vendor_affected");
      FindingDecision curl = r.decisions().get(1);
      assertThat(curl.decision()).isEqualTo(Decision.VENDOR);
      assertThat(curl.reasons().get(0).message()).contains("no vendor VEX covers it");
      assertThat(curl.notes()).isEmpty();
    }

    @Test
    void vexAboutTheImageByDigestIsAWarningWhenNoImageDigestIsKnown() {
      ScanReport local =
          ScanReport.builder(ReportFormat.TRIVY_JSON, "trivy")
              .imageReference("app:dev")
              .diffIds(List.of(BASE0, BASE1, APP))
              .findings(List.of(finding("CVE-2024-0001", "openssl", Severity.HIGH, APP)))
              .build();
      VexDocument ours =
          doc(
              "Acme <psirt@acme.example>",
              Vex.notAffected("CVE-2024-0001", "pkg:oci/app@sha256%3A" + HEX)
                  .subcomponent("pkg:deb/debian/openssl")
                  .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH),
              Vex.fixed("CVE-2024-0002", "pkg:deb/debian/zlib"));

      TriageReport unnamed = Triage.of(local).vex(own(ours)).scanTime(SCAN).run();
      TriageReport named =
          Triage.of(local)
              .vex(own(ours))
              .image("ghcr.io/acme/app@sha256:" + HEX)
              .scanTime(SCAN)
              .run();

      assertThat(unnamed.warnings())
          .singleElement()
          .asString()
          .startsWith("1 VEX statement is about images by digest")
          .contains("the report names no image digest, so they match nothing");
      assertThat(unnamed.decisions().get(0).decision()).isEqualTo(Decision.REMEDIATE);
      assertThat(unnamed.toJson()).contains("\"warnings\": [\n    \"1 VEX statement is");
      assertThat(unnamed.toMarkdown()).contains("> **Warning:** 1 VEX statement is");
      assertThat(named.warnings()).isEmpty();
      assertThat(named.decisions().get(0).decision()).isEqualTo(Decision.NOT_AFFECTED);
      assertThat(named.toJson()).contains("\"warnings\": []");
    }

    @Test
    void aBaseThatIsNotAPrefixIsAnError() {
      Triage t =
          Triage.of(report(finding("CVE-1", "a", Severity.LOW, APP)))
              .waterline(Waterline.of(APP))
              .scanTime(SCAN);
      assertThatThrownBy(t::run)
          .isInstanceOf(VexException.class)
          .hasMessageContaining("is not a base of");
    }

    @Test
    void withoutAWaterlineVendorVexNeverCounts() {
      VexDocument vendor =
          doc(
              Policy.DOCKER_HARDENED_IMAGES,
              Vex.notAffected("CVE-2024-0003", "pkg:deb/debian/bash")
                  .justification(Justification.VULNERABLE_CODE_NOT_PRESENT));
      TriageReport r =
          Triage.of(report(finding("CVE-2024-0003", "bash", Severity.CRITICAL, BASE0)))
              .vex(VexSource.of(vendor, "dhi.json").acceptedUnsigned("ok"))
              .scanTime(SCAN)
              .run();
      assertThat(r.decisions().get(0).decision()).isEqualTo(Decision.REMEDIATE);
      assertThat(r.decisions().get(0).position()).isEqualTo(Waterline.Position.UNKNOWN);
      assertThat(r.decisions().get(0).notes())
          .extracting(Reason::rule)
          .containsExactly("vendor_vex_above_waterline");
      assertThat(r.inputs().get("waterline")).isEqualTo("none (every finding counts as above)");
    }
  }

  @Nested
  class Json {
    @Test
    void validatesAgainstTheSchemaAndKeepsItsFieldOrder() throws IOException {
      String json = sample().toJson();
      Schema schema;
      try (InputStream in = TriageReport.class.getResourceAsStream(TriageReport.SCHEMA_RESOURCE)) {
        schema =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(in, InputFormat.JSON);
      }
      assertThat(schema.validate(json, InputFormat.JSON)).isEmpty();
      JsonNode root = new ObjectMapper().readTree(json);
      assertThat(root.fieldNames())
          .toIterable()
          .containsExactly(
              "format",
              "image",
              "scan_time",
              "counts",
              "remediation_needed",
              "policy",
              "inputs",
              "decisions",
              "warnings");
      assertThat(root.path("counts").path("total").asInt())
          .isEqualTo(root.path("decisions").size());
      JsonNode first = root.path("decisions").get(0);
      assertThat(first.path("decision").asText()).isEqualTo("not_affected");
      JsonNode st = first.path("reasons").get(0).path("statement");
      assertThat(st.path("author").asText()).isEqualTo("Acme <psirt@acme.example>");
      assertThat(st.path("origin").asText()).isEqualTo("ours.json");
      assertThat(st.path("justification").asText())
          .isEqualTo("vulnerable_code_not_in_execute_path");
      assertThat(root.path("inputs").path("vex").get(1).path("trust").asText())
          .isEqualTo("unsigned, accepted because: fetched over TLS");
      assertThat(root.path("inputs").path("vex").get(1).path("owner").asText()).isEqualTo("vendor");
    }

    @Test
    void isDeterministic() {
      assertThat(sample().toJson()).isEqualTo(sample().toJson());
    }
  }

  /** VEX that could not be read and was left out on request is part of the audit trail. */
  @Nested
  class UnreadableVexLeftOut {
    final UnreadableVex tampered =
        UnreadableVex.of(
            "registry.test/app:1.0",
            "sha256:" + "cd".repeat(32),
            "DIGEST_MISMATCH",
            "the blob sha256:cdcd… read from registry.test/app has the digest sha256:efef…");

    TriageReport run(UnreadableVex... unreadable) {
      return Triage.of(report(finding("CVE-2024-0001", "openssl", Severity.HIGH, APP)))
          .unreadableVex(unreadable)
          .scanTime(SCAN)
          .run();
    }

    @Test
    void isRecordedInTheJsonInputsAndValidatesAgainstTheSchema() throws IOException {
      TriageReport r = run(tampered);
      String json = r.toJson();
      Schema schema;
      try (InputStream in = TriageReport.class.getResourceAsStream(TriageReport.SCHEMA_RESOURCE)) {
        schema =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(in, InputFormat.JSON);
      }

      assertThat(r.unreadableVex()).containsExactly(tampered);
      assertThat(schema.validate(json, InputFormat.JSON)).isEmpty();
      JsonNode inputs = new ObjectMapper().readTree(json).path("inputs");
      assertThat(inputs.fieldNames())
          .toIterable()
          .containsExactly("report", "kev", "epss", "waterline", "vex", "unreadable_vex");
      assertThat(inputs.path("unreadable_vex").toString())
          .isEqualTo(
              "[{\"origin\":\"registry.test/app:1.0\",\"digest\":\"sha256:"
                  + "cd".repeat(32)
                  + "\",\"reason\":\"DIGEST_MISMATCH\",\"message\":\"the blob sha256:cdcd… read"
                  + " from registry.test/app has the digest sha256:efef…\"}]");
    }

    @Test
    void isAbsentFromTheJsonWhenThereIsNone() throws IOException {
      JsonNode inputs = new ObjectMapper().readTree(run().toJson()).path("inputs");
      assertThat(inputs.has("unreadable_vex")).isFalse();
    }

    @Test
    void isAWarningAndATableInTheMarkdown() {
      String md = run(tampered).toMarkdown();

      assertThat(md)
          .contains(
              "> **Warning:** 1 VEX attestation could not be read and was left out; the decisions"
                  + " below were made without it.\n\n### Unreadable VEX, left out (1)\n\n"
                  + "| origin | digest | reason | what was found |\n| --- | --- | --- | --- |\n"
                  + "| registry.test/app:1.0 | `sha256:"
                  + "cd".repeat(32)
                  + "` | DIGEST_MISMATCH | the blob sha256:cdcd… read from registry.test/app has"
                  + " the digest sha256:efef… |\n");
      assertThat(run().toMarkdown()).doesNotContain("Unreadable VEX");
    }

    @Test
    void needsAnOriginAndAReason() {
      assertThatThrownBy(() -> UnreadableVex.of(" ", "", "DIGEST_MISMATCH", "m"))
          .isExactlyInstanceOf(dev.waterline.vex.VexException.class)
          .hasMessage("the origin and reason of unreadable VEX must be given");
    }
  }

  @Nested
  class Markdown {
    @Test
    void summarisesForAPullRequest() {
      String md = sample().toMarkdown();
      assertThat(md).startsWith("## Waterline triage: 2 to remediate\n");
      assertThat(md).contains("| remediate | 2 |");
      assertThat(md).contains("### To remediate (2)");
      assertThat(md).contains("<details><summary>Accepted, to review (1)</summary>");
    }

    /**
     * A report's or a document's text cannot add Markdown of its own to a pull request: no line (a
     * heading), no link, image or HTML tag, no end to a code span or a table cell.
     */
    @Test
    void textFromTheReportAndTheVexAddsNoMarkdownOfItsOwn() {
      String link = "[approved](https://evil.example)";
      ScanReport r =
          ScanReport.builder(ReportFormat.TRIVY_JSON, "trivy")
              .imageReference("app`\n\n## All clear ``x")
              .diffIds(List.of(BASE0, APP))
              .findings(
                  List.of(
                      finding(
                          "CVE-2024-0001" + link,
                          "a|b<img src=https://t.example/p>",
                          Severity.HIGH,
                          APP),
                      finding("CVE-2024-0002", "zlib", Severity.HIGH, APP)))
              .build();
      VexDocument vex =
          doc(
              "</details>\n# ok <a href=https://evil.example>x</a>",
              Vex.notAffected("CVE-2024-0002", "pkg:deb/debian/zlib")
                  .justification(Justification.VULNERABLE_CODE_NOT_PRESENT));
      String md = Triage.of(r).vex(own(vex)).scanTime(SCAN).run().toMarkdown();

      assertThat(md)
          .contains("Image: ```app`  ## All clear ``x``` · scanned ")
          .contains(
              "| CVE-2024-0001\\[approved\\](https://evil.example) | a\\|b\\<img src=https://t.example/p\\> 1.0 |")
          .contains("(\\</details\\> # ok \\<a href=https://evil.example\\>x\\</a\\>, ours.json)")
          .doesNotContain("\n## All clear", "\n# ok");
      assertThat(md.lines().filter(l -> l.startsWith("#")))
          .containsExactly("## Waterline triage: 1 to remediate", "### To remediate (1)");
    }
  }

  /** vexctl's SARIF examples, triaged: the VEX statements about the nginx image decide. */
  @Nested
  class VexctlExamples {
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} with {1}")
    @org.junit.jupiter.params.provider.CsvSource({
      "trivy, sample-1statement, 1",
      "snyk, sample-1statement, 1",
      "trivy, sample-2vulns, 3",
      "snyk, sample-2vulns, 2"
    })
    void suppressesWhatVexctlFilters(String scanner, String vex, int suppressed)
        throws IOException {
      String shared = System.getProperty("waterline.shared", "");
      java.nio.file.Path dir = java.nio.file.Path.of(shared, "openvex", "examples");
      org.junit.jupiter.api.Assumptions.assumeTrue(
          !shared.isEmpty() && java.nio.file.Files.isDirectory(dir.resolve("sarif")),
          "shared data not found (system property waterline.shared): skipping vexctl examples");
      ScanReport report =
          ScanReports.read(dir.resolve("sarif/vexctl_nginx-" + scanner + ".sarif.json"));
      VexDocument doc = VexDocument.read(dir.resolve("vexctl_sarif_" + vex + ".openvex.json"));
      TriageReport r = Triage.of(report).vex(own(doc)).scanTime(SCAN).run();
      assertThat(r.counts().get(Decision.NOT_AFFECTED) + r.counts().get(Decision.FIXED))
          .isEqualTo(suppressed);
      assertThat(r.decisions()).hasSize(report.findings().size());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"sample-1statement, 1", "sample-2vulns, 3"})
    void grypeSarifNamesTheImageInItsLocations(String vex, int suppressed) throws IOException {
      String shared = System.getProperty("waterline.shared", "");
      java.nio.file.Path dir = java.nio.file.Path.of(shared, "openvex", "examples");
      org.junit.jupiter.api.Assumptions.assumeTrue(
          !shared.isEmpty() && java.nio.file.Files.isDirectory(dir.resolve("sarif")),
          "shared data not found (system property waterline.shared): skipping vexctl examples");
      ScanReport report = ScanReports.read(dir.resolve("sarif/vexctl_nginx-grype.sarif.json"));
      VexDocument doc = VexDocument.read(dir.resolve("vexctl_sarif_" + vex + ".openvex.json"));
      // No --image: Grype's user input "nginx@sha256:…" is in every logical location.
      TriageReport r = Triage.of(report).vex(own(doc)).scanTime(SCAN).run();
      assertThat(r.counts().get(Decision.NOT_AFFECTED) + r.counts().get(Decision.FIXED))
          .isEqualTo(suppressed);
      assertThat(r.imageDigest())
          .contains("sha256:13d22ec63300e16014d4a42aed735207a8b33c223cff19627dd3042e5a10a3a0");
    }
  }

  @Nested
  class Image {
    @Test
    void grypeSarifImageMatchesVexAboutItWithoutBeingNamed() {
      ScanReport sarif = Fixtures.report("sarif-grype-small.json");
      VexDocument d =
          doc(
              "Acme",
              Vex.notAffected("CVE-2024-2000", "pkg:oci/app@sha256%3A" + "5".repeat(64))
                  .justification(Justification.VULNERABLE_CODE_NOT_PRESENT));
      TriageReport r = Triage.of(sarif).vex(own(d)).scanTime(SCAN).run();
      assertThat(r.decisions().get(0).decision()).isEqualTo(Decision.NOT_AFFECTED);
      assertThat(r.image()).contains("app@sha256:" + "5".repeat(64));
      assertThat(r.imageDigest()).contains("sha256:" + "5".repeat(64));
    }

    @Test
    void theImageNamedOverridesTheReportsInTheOutput() {
      ScanReport sarif = Fixtures.report("sarif-grype-tagged.json");
      VexDocument d = doc("Acme", Vex.fixed("CVE-2024-2100", "pkg:oci/app@sha256%3A" + HEX));
      assertThat(Triage.of(sarif).vex(own(d)).scanTime(SCAN).run().decisions().get(0).decision())
          .isEqualTo(Decision.REMEDIATE);
      TriageReport r =
          Triage.of(sarif)
              .vex(own(d))
              .image("registry.example/team/app@sha256:" + HEX)
              .scanTime(SCAN)
              .run();
      assertThat(r.decisions().get(0).decision()).isEqualTo(Decision.FIXED);
      assertThat(r.image()).contains("registry.example/team/app@sha256:" + HEX);
      assertThat(r.imageDigest()).contains("sha256:" + HEX);
    }

    @Test
    void theMarkdownHeaderNamesTheDigestOnceWhenTheReferenceHoldsIt() {
      TriageReport r =
          Triage.of(Fixtures.report("sarif-grype-tagged.json"))
              .image("registry.example/team/app@sha256:" + HEX)
              .scanTime(SCAN)
              .run();
      assertThat(r.toMarkdown())
          .contains("Image: `registry.example/team/app@sha256:" + HEX + "` · scanned ")
          .containsOnlyOnce("sha256:" + HEX);
    }

    @Test
    void rejectsAReferenceWithoutADigest() {
      assertThatThrownBy(() -> Triage.of(report()).image("nginx:1.25"))
          .isExactlyInstanceOf(dev.waterline.vex.VexException.class)
          .hasMessage(
              "expected an image reference with a digest (repo@sha256:<hex>) or a digest"
                  + " (sha256:<hex>) but was 'nginx:1.25'");
    }

    @Test
    void namesTheImageForVexAboutIt() {
      ScanReport bare =
          ScanReport.builder(ReportFormat.SARIF, "x")
              .findings(List.of(finding("CVE-2024-0001", "openssl", Severity.HIGH, null)))
              .build();
      VexDocument d = doc("Acme", Vex.fixed("CVE-2024-0001", "pkg:oci/app@sha256%3A" + HEX));
      assertThat(Triage.of(bare).vex(own(d)).scanTime(SCAN).run().decisions().get(0).decision())
          .isEqualTo(Decision.REMEDIATE);
      assertThat(
              Triage.of(bare)
                  .vex(own(d))
                  .image("ghcr.io/acme/app@sha256:" + HEX)
                  .scanTime(SCAN)
                  .run()
                  .decisions()
                  .get(0)
                  .decision())
          .isEqualTo(Decision.FIXED);
    }
  }

  @Nested
  class Immutable {
    @Test
    void aTriageUsedTwiceWithDifferentSettingsDoesNotLeakSettingsBetweenRuns() {
      VexDocument ours =
          doc(
              "Acme <psirt@acme.example>",
              Vex.notAffected("CVE-2024-0001", "pkg:deb/debian/openssl")
                  .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH));
      Triage base =
          Triage.of(report(finding("CVE-2024-0001", "openssl", Severity.HIGH, APP))).scanTime(SCAN);

      Triage withVex = base.vex(VexSource.of(ours, "ours.json")).input("ticket", "SEC-1");
      Triage laterScan = base.scanTime(SCAN.plusSeconds(86_400));

      TriageReport first = base.run();
      assertThat(withVex.run().decisions().get(0).decision()).isEqualTo(Decision.NOT_AFFECTED);
      assertThat(laterScan.run().scanTime()).isEqualTo(SCAN.plusSeconds(86_400));
      TriageReport again = base.run();

      assertThat(withVex).isNotSameAs(base);
      assertThat(again.decisions().get(0).decision())
          .isEqualTo(first.decisions().get(0).decision())
          .isNotEqualTo(Decision.NOT_AFFECTED);
      assertThat(again.vex()).isEmpty();
      assertThat(again.inputs()).doesNotContainKey("ticket");
      assertThat(again.scanTime()).isEqualTo(SCAN);
      assertThat(again.toJson()).isEqualTo(first.toJson());
    }
  }
}
