package dev.waterline.vex.policy;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import java.time.Instant;

/**
 * Fuzzes {@link ScanReports#read(byte[])} (Grype JSON, Trivy JSON, SARIF from Grype, Trivy, Snyk
 * and others): it returns a report or throws {@link InputParseException}; nothing else may escape.
 * A report that was read is triaged against a VEX document and rendered as JSON and Markdown, which
 * must not fail either; triaged against a waterline, only the documented "not a base" may fail.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/policy/ScanReportFuzzTestInputs/}.
 */
class ScanReportFuzzTest {
  private static final String LAYER = "sha256:" + "c".repeat(64);
  private static final VexDocument VEX =
      Vex.document("Fuzz <fuzz@waterline.example>")
          .timestamp(Instant.parse("2025-01-01T00:00:00Z"))
          .statement(
              Vex.notAffected("CVE-2024-0001", "pkg:oci/app")
                  .subcomponent("pkg:maven/org.example/widget@1.2.3")
                  .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH))
          .statement(Vex.fixed("CVE-2024-0002", "pkg:oci/app"))
          .build();

  @FuzzTest
  @DictionaryEntries({
    "\"matches\"",
    "\"vulnerability\"",
    "\"relatedVulnerabilities\"",
    "\"artifact\"",
    "\"locations\"",
    "\"layerID\"",
    "\"purl\"",
    "\"fix\"",
    "\"state\"",
    "\"source\"",
    "\"target\"",
    "\"userInput\"",
    "\"repoDigests\"",
    "\"SchemaVersion\"",
    "\"ArtifactName\"",
    "\"Metadata\"",
    "\"RepoDigests\"",
    "\"DiffIDs\"",
    "\"Results\"",
    "\"Vulnerabilities\"",
    "\"VulnerabilityID\"",
    "\"PkgIdentifier\"",
    "\"PURL\"",
    "\"Layer\"",
    "\"DiffID\"",
    "\"Severity\"",
    "\"VendorSeverity\"",
    "\"Status\"",
    "\"runs\"",
    "\"tool\"",
    "\"driver\"",
    "\"rules\"",
    "\"results\"",
    "\"ruleId\"",
    "\"ruleIndex\"",
    "\"properties\"",
    "\"security-severity\"",
    "\"level\"",
    "\"purls\"",
    "\"$schema\"",
    "\"version\"",
    "\"2.1.0\"",
    "\"CVE-2024-0001\"",
    "\"pkg:maven/org.example/widget@1.2.3\""
  })
  void readThrowsOnlyInputParseExceptionAndTriages(byte[] json) {
    ScanReport report;
    try {
      report = ScanReports.read(json);
    } catch (InputParseException expected) {
      return;
    }
    // Without a waterline, triage has no documented failure: nothing may escape.
    TriageReport triage =
        Triage.of(report)
            .image("registry.example/app@sha256:" + "a".repeat(64))
            .vex(VexSource.of(VEX, "fuzz.vex.json").asOwn())
            .scanTime(Instant.parse("2025-06-01T00:00:00Z"))
            .run();
    triage.toJson();
    triage.toMarkdown();
    // With one, a report whose layers do not start with the base's fails as Waterline documents.
    try {
      Triage.of(report)
          .waterline(Waterline.of(LAYER))
          .scanTime(Instant.parse("2025-06-01T00:00:00Z"))
          .run()
          .toJson();
    } catch (VexException documented) {
      if (!documented.getMessage().contains(" is not a base of ")) {
        throw documented;
      }
    }
  }
}
