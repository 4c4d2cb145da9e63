package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
  private final Cli cli = Cli.atFixedTime();

  @TempDir Path dir;

  @Nested
  class Text {
    @Test
    void firstLineIsTheEffectiveStatus() {
      Path ours = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Cli.Result r =
          cli.run(
              "status",
              "--vex",
              ours.toString(),
              "--product",
              Fixtures.APP,
              "--vuln",
              "CVE-2023-44487");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.outLines().get(0)).isEqualTo("not_affected");
      assertThat(r.outLines())
          .contains(
              "  statement: /statements/0 of " + ours,
              "  document:  https://example.com/vex/ours by Acme Security <psirt@acme.example>",
              "  time:      2026-01-01T00:00:00Z");
      assertThat(r.err()).isEmpty();
    }

    @Test
    void theLatestStatementAcrossDocumentsWins() {
      Path ours = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Path later = Cli.write(dir.resolve("later.json"), Fixtures.LATER);
      // Later document first on the command line: time decides, not order.
      Cli.Result r =
          cli.run(
              "status",
              "--vex",
              later.toString(),
              "--vex",
              ours.toString(),
              "--product",
              Fixtures.APP,
              "--vuln",
              "CVE-2023-44487");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.outLines().get(0)).isEqualTo("affected");
      assertThat(r.outLines()).contains("  statement: /statements/0 of " + later);
      assertThat(r.outLines()).contains("  time:      2026-01-05T00:00:00Z");
    }

    @Test
    void answersForEachVulnerabilityOnItsOwn() {
      Path ours = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Cli.Result r =
          cli.run(
              "status",
              "--vex",
              ours.toString(),
              "--product",
              Fixtures.APP,
              "--vuln",
              "CVE-2024-0001");
      assertThat(r.outLines().get(0)).isEqualTo("under_investigation");
    }

    @Test
    void unknownWhenNothingMatches() {
      Path ours = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Cli.Result r =
          cli.run(
              "status",
              "--vex",
              ours.toString(),
              "--product",
              "pkg:oci/other",
              "--vuln",
              "CVE-2023-44487");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.outLines())
          .containsExactly(
              "unknown",
              "  no statement in 1 document matches product pkg:oci/other and vulnerability"
                  + " CVE-2023-44487");
    }
  }

  @Nested
  class JsonOutput {
    @Test
    void givesTheDecidingStatementAndItsDocument() {
      Path ours = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Path later = Cli.write(dir.resolve("later.json"), Fixtures.LATER);
      Cli.Result r =
          cli.run(
              "status",
              "--format",
              "json",
              "--vex",
              ours.toString(),
              later.toString(),
              "--product",
              Fixtures.APP,
              "--vuln",
              "CVE-2023-44487");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.err()).isEmpty();
      JsonNode json = r.json();
      assertThat(json.path("status").asText()).isEqualTo("affected");
      assertThat(json.path("product").asText()).isEqualTo(Fixtures.APP);
      assertThat(json.path("vulnerability").asText()).isEqualTo("CVE-2023-44487");
      assertThat(json.path("time").asText()).isEqualTo("2026-01-05T00:00:00Z");
      assertThat(json.path("statement").path("status").asText()).isEqualTo("affected");
      assertThat(json.path("statement").path("action_statement").asText())
          .isEqualTo("Update the app to 1.2.3");
      assertThat(json.path("document").path("@id").asText())
          .isEqualTo("https://example.com/vex/later");
      assertThat(json.path("document").path("path").asText()).isEqualTo(later.toString());
      assertThat(json.path("document").path("pointer").asText()).isEqualTo("/statements/0");
    }

    @Test
    void unknownHasNullStatementAndDocument() {
      Path ours = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Cli.Result r =
          cli.run(
              "status",
              "--format",
              "json",
              "--vex",
              ours.toString(),
              "--product",
              Fixtures.APP,
              "--vuln",
              "CVE-1999-0001");
      assertThat(r.code()).isZero();
      JsonNode json = r.json();
      assertThat(json.path("status").asText()).isEqualTo("unknown");
      assertThat(json.path("statement").isNull()).isTrue();
      assertThat(json.path("document").isNull()).isTrue();
    }
  }

  @Nested
  class Errors {
    @Test
    void needsVexProductAndVuln() {
      Cli.Result r = cli.run("status", "--product", "pkg:oci/a", "--vuln", "CVE-1");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: Missing required option: '--vex=FILE'"
                  + " (see 'waterline status --help')");
    }

    @Test
    void unreadableVexIsAnInputError() {
      Path missing = dir.resolve("missing.json");
      Cli.Result r =
          cli.run(
              "status", "--vex", missing.toString(), "--product", "pkg:oci/a", "--vuln", "CVE-1");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.errLines())
          .containsExactly("waterline: error: cannot read " + missing + ": no such file");
    }
  }
}
