package dev.waterline.vex;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Times in the future (§6): a statement dated later than now wins over every statement issued until
 * then, so validation warns about any document or statement time more than {@link
 * Validator#CLOCK_SKEW} after its clock.
 */
class FutureDatedStatementTest {
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static String document(String docTime, String statementTime, String actionTime) {
    return """
        {
          "@context": "https://openvex.dev/ns/v0.2.0",
          "@id": "https://example.test/vex/time",
          "author": "Example",
          "timestamp": "%s",
          "version": 1,
          "statements": [
            {
              "vulnerability": { "name": "CVE-2025-0001" },
              "timestamp": "%s",
              "products": [ { "@id": "pkg:npm/left-pad@1.3.0" } ],
              "status": "affected",
              "action_statement": "upgrade",
              "action_statement_timestamp": "%s"
            }
          ]
        }
        """
        .formatted(docTime, statementTime, actionTime);
  }

  static ValidationReport validate(String json) {
    return Validator.validate(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), CLOCK);
  }

  @Test
  void theAllowanceIsFiveMinutes() {
    assertThat(Validator.CLOCK_SKEW).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aStatementMoreThanFiveMinutesAheadIsAWarningAtItsPointer() {
    ValidationReport report =
        validate(document("2026-01-01T00:00:00Z", "2026-01-02T03:09:06Z", "2026-01-01T00:00:00Z"));
    assertThat(report.isValid()).isTrue();
    assertThat(report.findings())
        .containsExactly(
            new ValidationFinding(
                ValidationSeverity.WARNING,
                "/statements/0/timestamp",
                "dated in the future: '2026-01-02T03:09:06Z' is more than 5 minutes after the time"
                    + " of validation (2026-01-02T03:04:05Z); a statement dated in the future wins"
                    + " over every statement issued until then"));
    assertThat(report.isValid(true)).isFalse();
  }

  @Test
  void exactlyTheAllowanceAheadIsNotInTheFuture() {
    assertThat(
            validate(
                    document(
                        "2026-01-02T03:09:05Z",
                        "2026-01-02T03:09:05Z",
                        "2026-01-02T04:09:05+01:00"))
                .findings())
        .isEmpty();
  }

  @Test
  void aFutureDocumentTimeIsAWarningSayingWhatItsStatementsInherit() {
    ValidationReport report =
        validate(document("2999-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"));
    assertThat(report.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.pointer()).isEqualTo("/timestamp");
              assertThat(f.message())
                  .endsWith(
                      "; its statements without a timestamp of their own inherit that time and"
                          + " win over every statement issued until then");
            });
  }

  @Test
  void aFutureActionStatementTimeSaysTheExceptionLastsLonger() {
    ValidationReport report =
        validate(document("2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "2030-01-01T00:00:00Z"));
    assertThat(report.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.pointer()).isEqualTo("/statements/0/action_statement_timestamp");
              assertThat(f.message())
                  .endsWith("; an exception counted from it lasts until that time and beyond");
            });
  }

  @Test
  void theSystemClockIsTheDefault() {
    ValidationReport report =
        Validator.validate(
            document("2026-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "2026-01-01T00:00:00Z"));
    assertThat(report.warnings())
        .extracting(ValidationFinding::pointer)
        .containsExactly("/statements/0/timestamp");
  }

  @Test
  void aDocumentIsJudgedByTheClockItIsGiven() {
    VexDocument doc =
        VexDocument.parse(
            document("2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z", "2026-01-01T00:00:00Z"));
    assertThat(Validator.validate(doc, CLOCK).warnings()).hasSize(1);
    Clock later = Clock.fixed(Instant.parse("2026-07-01T00:00:00Z"), ZoneOffset.UTC);
    assertThat(Validator.validate(doc, later).warnings()).isEmpty();
  }
}
