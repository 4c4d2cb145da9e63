package dev.waterline.vex;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A legacy document without a document timestamp (§8; the shape of go-vex's {@code v001-1.vex.json}
 * and of documents written before the spec's v0.2.0: unversioned context, string vulnerability and
 * products, no {@code version}, an extra {@code format}). Read leniently with warnings; merging
 * upgrades it into a valid document carrying the time of the merge.
 */
class LegacyWithoutTimestampTest {
  static final Instant MERGE_TIME = Instant.parse("2026-03-04T05:06:07Z");

  /** Written for this test in the pre-v0.2.0 shape. */
  static final String LEGACY =
      """
      {
        "@context": "https://openvex.dev/ns",
        "@id": "legacy-doc-7",
        "format": "text/vex+json",
        "author": "Jane Roe",
        "role": "issuer",
        "statements": [
          {
            "timestamp": "2023-02-03T04:05:06-05:00",
            "products": ["pkg:apk/wolfi/curl@8.0.0", "pkg:apk/wolfi/curl@8.0.1"],
            "vulnerability": "CVE-2023-27533",
            "status": "fixed",
            "status_notes": ""
          }
        ]
      }
      """;

  /** No time anywhere: go-vex's regression case, written for this test. */
  static final String TIMELESS =
      """
      {"@context":"https://openvex.dev/ns/v0.2.0","@id":"https://example.test/vex/timeless",
       "author":"t","version":1,"statements":[{"vulnerability":{"name":"CVE-2025-1111"},
       "products":[{"@id":"pkg:golang/example.test/m@1.0"}],"status":"not_affected",
       "justification":"vulnerable_code_not_present"}]}
      """;

  @Nested
  class Reading {
    @Test
    void upgradesItAndSaysWhatItAccepted() {
      VexDocument doc = VexDocument.parse(LEGACY);
      assertThat(doc.context()).isEqualTo(VexDocument.CONTEXT_V0_2_0);
      assertThat(doc.timestamp()).isEmpty();
      assertThat(doc.readWarnings())
          .containsExactly(
              new ValidationFinding(
                  ValidationSeverity.WARNING,
                  "/@context",
                  "legacy @context (an unversioned context means OpenVEX v0.0.1): read as"
                      + " v0.2.0"),
              new ValidationFinding(
                  ValidationSeverity.WARNING,
                  "/statements/0/products/0",
                  "legacy v0.0.1 shape (a string where v0.2.0 has an object or a number, or"
                      + " statement-level subcomponents): upgraded to v0.2.0 on read (3 values;"
                      + " also at /statements/0/products/1, /statements/0/vulnerability)"),
              new ValidationFinding(
                  ValidationSeverity.WARNING, "", "required field 'version' is missing"),
              new ValidationFinding(
                  ValidationSeverity.WARNING,
                  "",
                  "no document timestamp (required): statements without a timestamp of their own"
                      + " have no time and count as the oldest"));
    }

    @Test
    void keepsTheStatementsOwnTime() {
      Statement s = VexDocument.parse(LEGACY).statements().get(0);
      assertThat(s.timestamp()).contains(Instant.parse("2023-02-03T09:05:06Z"));
    }

    @Test
    void namesEveryMissingRequiredField() {
      VexDocument doc =
          VexDocument.parse(
              "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"timestamp\":"
                  + "\"2026-01-01T00:00:00Z\"}");
      assertThat(doc.readWarnings())
          .containsExactly(
              new ValidationFinding(
                  ValidationSeverity.WARNING,
                  "",
                  "required fields '@id', 'author', 'version' and 'statements' are missing"));
    }
  }

  @Nested
  class Merging {
    @Test
    void givesTheUpgradedDocumentTheTimeOfTheMerge() {
      VexDocument merged =
          Vex.merge(
              List.of(VexDocument.parse(LEGACY)),
              MergeOptions.builder().timestamp(MERGE_TIME).build());
      assertThat(merged.timestamp()).contains(MERGE_TIME);
      assertThat(merged.statements().get(0).timestamp())
          .contains(Instant.parse("2023-02-03T09:05:06Z"));
      assertThat(merged.id().orElseThrow()).startsWith("https://openvex.dev/docs/public/vex-");
      ValidationReport report = merged.validate();
      assertThat(report.findings()).as(report.toString()).isEmpty();
    }

    @Test
    void withoutAMergeTimeTakesTheLatestTimeOfTheInputsStatements() {
      VexDocument merged = Vex.merge(List.of(VexDocument.parse(LEGACY)));
      assertThat(merged.timestamp()).contains(Instant.parse("2023-02-03T09:05:06Z"));
      assertThat(merged.validate().isValid()).isTrue();
    }

    @Test
    void letsAStatementWithNoTimeAnywhereInheritTheTimeOfTheMerge() {
      VexDocument merged =
          Vex.merge(
              List.of(VexDocument.parse(TIMELESS)),
              MergeOptions.builder().timestamp(MERGE_TIME).build());
      assertThat(merged.statements().get(0).timestamp()).isEmpty();
      assertThat(merged.effectiveTimestamp(merged.statements().get(0))).contains(MERGE_TIME);
      ValidationReport report = merged.validate();
      assertThat(report.findings()).as(report.toString()).isEmpty();
    }

    @Test
    void theWrittenUpgradeReadsBackWithoutWarnings() {
      VexDocument merged =
          Vex.merge(
              List.of(VexDocument.parse(LEGACY)),
              MergeOptions.builder().timestamp(MERGE_TIME).build());
      assertThat(VexDocument.parse(merged.toJson()).readWarnings()).isEmpty();
    }
  }

  @Nested
  class Validation {
    @Test
    void reportsTheMissingTimestampBesideTheLegacyFindings() {
      ValidationReport report = Validator.validate(LEGACY);
      assertThat(report.errors())
          .extracting(ValidationFinding::pointer)
          .containsExactly(
              "",
              "",
              "/@context",
              "/statements/0/products/0",
              "/statements/0/products/1",
              "/statements/0/vulnerability");
      assertThat(report.errors())
          .extracting(ValidationFinding::message)
          .contains("required field 'timestamp' is missing", "required field 'version' is missing");
    }
  }
}
