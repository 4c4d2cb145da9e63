package dev.waterline.vex.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A statement dated in the future (§6) wins over every statement issued until then. Triage still
 * lets it decide (its author may have meant it) but records a {@code future_dated} note on the
 * decision and a warning in the report, in JSON and Markdown alike.
 */
class FutureDatedStatementTest {
  static final String HEX = "ab".repeat(32);
  static final String APP_LAYER = "sha256:" + "03".repeat(32);
  static final String IMAGE = "ghcr.io/acme/app@sha256:" + HEX;
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static ScanReport report() {
    return ScanReport.builder(ReportFormat.TRIVY_JSON, "trivy")
        .imageReference("ghcr.io/acme/app:1.0")
        .repoDigests(List.of(IMAGE))
        .diffIds(List.of(APP_LAYER))
        .findings(
            List.of(
                Finding.builder("CVE-2026-1000")
                    .packageName("openssl")
                    .packageVersion("3.0.1")
                    .purl("pkg:deb/debian/openssl@3.0.1")
                    .severity(Severity.HIGH)
                    .layerDiffId(APP_LAYER)
                    .build()))
        .build();
  }

  /** Ours: affected on May 1st, then not_affected dated {@code forged}. */
  static VexSource ours(Instant forged) {
    VexDocument doc =
        Vex.document("Acme <psirt@acme.example>")
            .timestamp(Instant.parse("2026-05-01T00:00:00Z"))
            .statement(Vex.affected("CVE-2026-1000", IMAGE, "upgrade openssl"))
            .statement(
                Vex.notAffected("CVE-2026-1000", IMAGE)
                    .justification(Justification.VULNERABLE_CODE_NOT_PRESENT)
                    .timestamp(forged))
            .build();
    return VexSource.of(doc, "ours.json");
  }

  static TriageReport triage(VexSource vex) {
    return Triage.of(report()).vex(vex).scanTime(NOW).clock(CLOCK).run();
  }

  static final String NOTE =
      "the deciding statement is dated 2099-01-01T00:00:00Z, in the future (now"
          + " 2026-06-01T12:00:00Z, allowing 5 minutes of clock skew): a statement dated in the"
          + " future wins over every statement issued until then; check where it came from";

  @Nested
  class Decision_ {
    @Test
    void stillDecidesButRecordsTheFutureDateWithItsStatement() {
      FindingDecision d = triage(ours(Instant.parse("2099-01-01T00:00:00Z"))).decisions().get(0);
      assertThat(d.decision()).isEqualTo(Decision.NOT_AFFECTED);
      assertThat(d.notes())
          .singleElement()
          .satisfies(
              n -> {
                assertThat(n.rule()).isEqualTo("future_dated");
                assertThat(n.message()).isEqualTo(NOTE);
                assertThat(n.evidence().flatMap(Evidence::time))
                    .contains(Instant.parse("2099-01-01T00:00:00Z"));
                assertThat(n.evidence().map(Evidence::origin)).contains("ours.json");
              });
    }

    @Test
    void withinTheClockSkewNothingIsNoted() {
      TriageReport r = triage(ours(NOW.plusSeconds(300)));
      assertThat(r.decisions().get(0).notes()).isEmpty();
      assertThat(r.warnings()).isEmpty();
    }

    @Test
    void theClockDecidesWhatTheFutureIs() {
      VexSource vex = ours(Instant.parse("2026-07-01T00:00:00Z"));
      assertThat(triage(vex).decisions().get(0).notes()).hasSize(1);
      TriageReport later =
          Triage.of(report())
              .vex(vex)
              .scanTime(NOW)
              .clock(Clock.fixed(Instant.parse("2026-08-01T00:00:00Z"), ZoneOffset.UTC))
              .run();
      assertThat(later.decisions().get(0).notes()).isEmpty();
    }

    @Test
    void anExceptionsFutureActionTimeIsNotedToo() {
      VexDocument doc =
          Vex.document("Acme <psirt@acme.example>")
              .timestamp(Instant.parse("2026-05-01T00:00:00Z"))
              .statement(
                  Vex.affected("CVE-2026-1000", IMAGE, "mitigated by the WAF")
                      .actionStatementTimestamp(Instant.parse("2030-01-01T00:00:00Z")))
              .build();
      FindingDecision d = triage(VexSource.of(doc, "ours.json")).decisions().get(0);
      assertThat(d.decision()).isEqualTo(Decision.EXCEPTION);
      assertThat(d.notes())
          .singleElement()
          .satisfies(
              n -> {
                assertThat(n.rule()).isEqualTo("future_dated");
                assertThat(n.message())
                    .isEqualTo(
                        "the action statement is dated 2030-01-01T00:00:00Z, in the future (now"
                            + " 2026-06-01T12:00:00Z, allowing 5 minutes of clock skew): the"
                            + " exception counts its 90 days from then, so it lasts longer than"
                            + " the policy allows");
              });
    }
  }

  @Nested
  class Reports {
    static final String WARNING =
        "1 finding is decided by VEX from ours.json dated in the future (now 2026-06-01T12:00:00Z):"
            + " a future date makes a statement win over every statement issued until then; check"
            + " where it came from (the decisions' notes say which, rule future_dated)";

    @Test
    void theReportWarnsOncePerSource() {
      assertThat(triage(ours(Instant.parse("2099-01-01T00:00:00Z"))).warnings())
          .containsExactly(WARNING);
    }

    @Test
    void jsonShowsTheNoteAndTheWarningAndFitsTheSchema() throws Exception {
      String json = triage(ours(Instant.parse("2099-01-01T00:00:00Z"))).toJson();
      JsonNode root = new ObjectMapper().readTree(json);
      JsonNode note = root.at("/decisions/0/notes/0");
      assertThat(note.path("rule").asText()).isEqualTo("future_dated");
      assertThat(note.path("message").asText()).isEqualTo(NOTE);
      assertThat(note.at("/statement/time").asText()).isEqualTo("2099-01-01T00:00:00Z");
      assertThat(root.path("warnings").get(0).asText()).isEqualTo(WARNING);
      Schema schema;
      try (InputStream in = TriageReport.class.getResourceAsStream(TriageReport.SCHEMA_RESOURCE)) {
        schema =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(in, InputFormat.JSON);
      }
      assertThat(schema.validate(json, InputFormat.JSON)).isEmpty();
    }

    @Test
    void markdownShowsTheNoteAndTheWarning() {
      String md = triage(ours(Instant.parse("2099-01-01T00:00:00Z"))).toMarkdown();
      assertThat(md).contains("> **Warning:** " + WARNING);
      assertThat(md).contains("note: " + NOTE);
    }
  }
}
