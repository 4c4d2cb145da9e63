package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A statement dated in the future (§6): {@code validate} warns at its pointer, {@code status} and
 * {@code triage} say on stderr when it decided, and triage's JSON records the note. "Now" is the
 * CLI's clock (not {@code SOURCE_DATE_EPOCH}), allowing 5 minutes of skew.
 */
class FutureDatedStatementTest {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  static final String IMAGE = "pkg:oci/app@sha256%3A" + TriageCommandTest.HEX;

  /** Affected on May 1st, then not_affected at {@code time}. */
  static String vex(String time) {
    return """
        {
          "@context": "https://openvex.dev/ns/v0.2.0",
          "@id": "https://example.test/vex/future",
          "author": "Acme",
          "timestamp": "2026-05-01T00:00:00Z",
          "version": 1,
          "statements": [
            {
              "vulnerability": { "name": "CVE-2024-0001" },
              "products": [ { "@id": "%s" } ],
              "status": "affected",
              "action_statement": "upgrade openssl"
            },
            {
              "vulnerability": { "name": "CVE-2024-0001" },
              "timestamp": "%s",
              "products": [ { "@id": "%s" } ],
              "status": "not_affected",
              "justification": "vulnerable_code_not_present"
            }
          ]
        }
        """
        .formatted(IMAGE, time, IMAGE);
  }

  @TempDir Path dir;
  final Cli cli = Cli.atFixedTime().clock(NOW);

  @Test
  void statusSaysWhenAFutureDatedStatementDecided() {
    Path f = Cli.write(dir.resolve("future.json"), vex("2099-01-01T00:00:00Z"));
    Cli.Result r = cli.run("status", "--vex", f.toString(), "-p", IMAGE, "-v", "CVE-2024-0001");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.outLines().get(0)).isEqualTo("not_affected");
    assertThat(r.errLines())
        .containsExactly(
            "waterline: warning: the deciding statement /statements/1 of "
                + f
                + " is dated 2099-01-01T00:00:00Z, in the future (now 2026-06-01T12:00:00Z,"
                + " allowing 5 minutes of clock skew): a statement dated in the future wins over"
                + " every statement issued until then; check where it came from");
  }

  @Test
  void statusIsQuietWithinTheClockSkew() {
    Path f = Cli.write(dir.resolve("soon.json"), vex("2026-06-01T12:05:00Z"));
    Cli.Result r = cli.run("status", "--vex", f.toString(), "-p", IMAGE, "-v", "CVE-2024-0001");
    assertThat(r.outLines().get(0)).isEqualTo("not_affected");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void validateWarnsAtThePointerAndStrictFails() {
    Path f = Cli.write(dir.resolve("future.json"), vex("2099-01-01T00:00:00Z"));
    Cli.Result r = cli.run("validate", f.toString());
    assertThat(r.code()).isZero();
    assertThat(r.outLines())
        .containsExactly(
            f
                + ": warning at /statements/1/timestamp: dated in the future:"
                + " '2099-01-01T00:00:00Z' is more than 5 minutes after the time of validation"
                + " (2026-06-01T12:00:00Z); a statement dated in the future wins over every"
                + " statement issued until then",
            f + ": valid (0 errors, 1 warning)");
    assertThat(cli.run("validate", "--strict", f.toString()).code()).isEqualTo(1);
  }

  @Test
  void triageSaysSoOnStderrAndRecordsTheNote() {
    Path f = Cli.write(dir.resolve("future.json"), vex("2099-01-01T00:00:00Z"));
    Path report = Cli.write(dir.resolve("trivy.json"), TriageCommandTest.TRIVY);
    Cli.Result r =
        cli.run("triage", "--report", report.toString(), "--vex", f.toString(), "--format", "json");
    assertThat(r.errLines())
        .containsExactly(
            "waterline: warning: 1 finding is decided by VEX from "
                + f
                + " dated in the future (now 2026-06-01T12:00:00Z): a future date makes a"
                + " statement win over every statement issued until then; check where it came"
                + " from (the decisions' notes say which, rule future_dated)");
    JsonNode decision = r.json().path("decisions").get(0);
    assertThat(decision.path("decision").asText()).isEqualTo("not_affected");
    assertThat(decision.at("/notes/0/rule").asText()).isEqualTo("future_dated");
    assertThat(decision.at("/notes/0/statement/time").asText()).isEqualTo("2099-01-01T00:00:00Z");
  }
}
