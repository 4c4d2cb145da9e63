package dev.waterline.vex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An unversioned (or v0.0.1) context on a document of the v0.2.0 shape (§9): validation reports the
 * legacy context and every other deviation; nothing stops at the first finding.
 */
class UnversionedContextValidationTest {
  /** v0.2.0 shape, legacy context, no document @id, an affected statement without action. */
  static String document(String context) {
    return """
        {
          "@context": "%s",
          "author": "Example Security",
          "timestamp": "2026-01-01T00:00:00Z",
          "version": 1,
          "statements": [
            {
              "vulnerability": { "name": "CVE-2025-0001" },
              "products": [ { "@id": "pkg:npm/left-pad@1.3.0" } ],
              "status": "affected"
            },
            {
              "vulnerability": { "name": "CVE-2025-0002" },
              "products": [ { "@id": "pkg:npm/left-pad@1.3.0" } ],
              "status": "not_affected"
            }
          ]
        }
        """
        .formatted(context);
  }

  static final String AFFECTED_WITHOUT_ACTION =
      "an affected statement needs an action_statement describing how to remediate or mitigate";

  @Nested
  class Validation {
    @Test
    void reportsTheContextAndEveryOtherFinding() {
      ValidationReport report = Validator.validate(document("https://openvex.dev/ns"));
      assertThat(report.findings())
          .containsExactly(
              new ValidationFinding(
                  ValidationSeverity.ERROR, "", "required field '@id' is missing"),
              new ValidationFinding(
                  ValidationSeverity.ERROR,
                  "/@context",
                  "legacy OpenVEX context 'https://openvex.dev/ns' (unversioned: v0.0.1): OpenVEX"
                      + " v0.2.0 needs 'https://openvex.dev/ns/v0.2.0'; Waterline reads and"
                      + " upgrades the legacy form (`waterline merge FILE` writes it as v0.2.0)"),
              new ValidationFinding(
                  ValidationSeverity.ERROR, "/statements/0/status", AFFECTED_WITHOUT_ACTION),
              new ValidationFinding(
                  ValidationSeverity.ERROR,
                  "/statements/1/status",
                  "a not_affected statement needs a justification (one of "
                      + Justification.labels()
                      + ") or an impact_statement"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://openvex.dev/ns/", "https://openvex.dev/ns/v0.0.1"})
    void everyLegacySpellingIsOneFindingBesideTheOthers(String context) {
      ValidationReport report = Validator.validate(document(context));
      assertThat(report.errors())
          .extracting(ValidationFinding::pointer)
          .containsExactly("", "/@context", "/statements/0/status", "/statements/1/status");
    }

    @Test
    void theVersionedContextLeavesOnlyTheOtherFindings() {
      ValidationReport report = Validator.validate(document(VexDocument.CONTEXT_V0_2_0));
      assertThat(report.errors())
          .extracting(ValidationFinding::pointer)
          .containsExactly("", "/statements/0/status", "/statements/1/status");
    }

    @Test
    void legacyValuesAreEachReportedWhereTheyAre() {
      String legacy =
          document("https://openvex.dev/ns")
              .replace("\"version\": 1", "\"version\": \"1\"")
              .replace("{ \"name\": \"CVE-2025-0001\" }", "\"CVE-2025-0001\"")
              .replace(
                  "[ { \"@id\": \"pkg:npm/left-pad@1.3.0\" } ],\n      \"status\": \"not_affected\"",
                  "[ \"pkg:npm/left-pad@1.3.0\" ],\n      \"status\": \"not_affected\"");
      ValidationReport report = Validator.validate(legacy);
      assertThat(report.errors())
          .extracting(ValidationFinding::pointer)
          .containsExactly(
              "",
              "/@context",
              "/version",
              "/statements/0/vulnerability",
              "/statements/0/status",
              "/statements/1/products/0",
              "/statements/1/status");
    }

    @Test
    void aMissingDocumentFieldHidesNothingInsideTheDocument() {
      String noVersion =
          document(VexDocument.CONTEXT_V0_2_0)
              .replace("\"version\": 1,", "")
              .replace("pkg:npm/left-pad@1.3.0", "pkg:npm/left pad@1.3.0");
      List<String> pointers =
          Validator.validate(noVersion).errors().stream().map(ValidationFinding::pointer).toList();
      assertThat(pointers)
          .contains("", "/statements/0/products/0/@id", "/statements/1/products/0/@id");
    }
  }

  @Nested
  class Reading {
    @Test
    void readsItAsV020WithOneWarningPerKind() {
      VexDocument doc = VexDocument.parse(document("https://openvex.dev/ns"));
      assertThat(doc.context()).isEqualTo(VexDocument.CONTEXT_V0_2_0);
      assertThat(doc.readWarnings())
          .extracting(ValidationFinding::pointer, ValidationFinding::message)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "/@context",
                  "legacy @context (an unversioned context means OpenVEX v0.0.1): read as"
                      + " v0.2.0"),
              org.assertj.core.groups.Tuple.tuple("", "required field '@id' is missing"));
    }

    @Test
    void theTrailingSlashOfTheV020ContextIsNoLeniency() {
      VexDocument doc =
          VexDocument.parse(
              document(VexDocument.CONTEXT_V0_2_0 + "/")
                  .replace("\"author\"", "\"@id\": \"https://example.test/v\", \"author\""));
      assertThat(doc.readWarnings()).isEmpty();
      assertThat(Validator.validate(doc).errors())
          .extracting(ValidationFinding::pointer)
          .containsExactly("/statements/0/status", "/statements/1/status");
    }
  }
}
