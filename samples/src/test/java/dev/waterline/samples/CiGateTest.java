package dev.waterline.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.policy.Decision;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiGateTest {
  @TempDir Path dir;
  Path report;
  Path vex;
  Path strictPolicy;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void copyInputs() throws Exception {
    report = copy("ci-gate/trivy-report.json");
    vex = copy("ci-gate/payments-api.openvex.json");
    strictPolicy = copy("ci-gate/strict-policy.json");
  }

  int gate(String... args) {
    return CiGate.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Nested
  class APassingInput {
    @Test
    void exitsZeroWhenTheTeamsVexCoversTheHighAndCriticalFindings() throws Exception {
      Path summary = dir.resolve("summary.md");

      int code =
          gate("--report", report.toString(), "--vex", vex.toString(), "--summary", "" + summary);

      assertThat(code).isZero();
      assertThat(out()).startsWith("PASS: 4 findings, 0 to remediate\n");
      assertThat(err.size()).isZero();
      String md = Files.readString(summary);
      assertThat(md)
          .startsWith("## Waterline triage: nothing to remediate\n")
          .contains("| remediate | 0 |")
          .contains("### Exceptions (1)")
          .contains("| CVE-2024-24790 | stdlib v1.21.0 | critical | unknown |  | 2026-06-08 |")
          .contains(
              "| CVE-2023-44487 | golang.org/x/net v0.7.0 | high | unknown |  | our VEX says");
    }

    @Test
    void decidesEachFindingFromTheVexOrTheSeverityRule() throws Exception {
      var outcome =
          CiGate.gate(
              dev.waterline.vex.policy.ScanReports.read(report),
              java.util.List.of(
                  dev.waterline.vex.policy.VexSource.of(
                      dev.waterline.vex.VexDocument.read(vex), vex.toString())),
              dev.waterline.vex.policy.Policy.defaults());

      assertThat(outcome.exitCode()).isZero();
      assertThat(outcome.report().decisions())
          .extracting(d -> d.vulnerability() + " " + d.decision())
          .containsExactly(
              "CVE-2024-2511 accepted",
              "CVE-2011-3374 accepted",
              "CVE-2023-44487 not_affected",
              "CVE-2024-24790 exception");
      assertThat(outcome.report().counts())
          .containsAllEntriesOf(
              Map.of(
                  Decision.REMEDIATE, 0,
                  Decision.ACCEPTED, 2,
                  Decision.NOT_AFFECTED, 1,
                  Decision.EXCEPTION, 1));
    }

    @Test
    void runsOnTheBundledInputsWithoutArguments() {
      assertThat(gate()).isZero();
      assertThat(out()).startsWith("PASS: 4 findings, 0 to remediate\n");
    }
  }

  @Nested
  class AFailingInput {
    @Test
    void exitsOneAndNamesTheFindingsWithoutVex() throws Exception {
      Path summary = dir.resolve("summary.md");

      int code = gate("--report", report.toString(), "--summary", summary.toString());

      assertThat(code).isEqualTo(1);
      assertThat(out())
          .startsWith("FAIL: 4 findings, 2 to remediate\n")
          .contains("  CVE-2023-44487 in golang.org/x/net v0.7.0 (high): ")
          .contains("  CVE-2024-24790 in stdlib v1.21.0 (critical): ");
      assertThat(Files.readString(summary))
          .doesNotStartWith("## Waterline triage: nothing to remediate")
          .contains("| remediate | 2 |");
    }

    @Test
    void exitsOneUnderAStricterPolicyDespiteTheVex() {
      int code =
          gate(
              "--report",
              report.toString(),
              "--vex",
              vex.toString(),
              "--policy",
              strictPolicy.toString(),
              "--summary",
              dir.resolve("s.md").toString());

      // medium is "remediate" and exceptions last 30 days: the 2026-03-10 exception still holds
      // on 2026-03-15, the medium libssl3 finding does not pass.
      assertThat(code).isEqualTo(1);
      assertThat(out())
          .startsWith("FAIL: 4 findings, 1 to remediate\n")
          .contains("  CVE-2024-2511 in libssl3 ");
    }

    @Test
    void exitsOneOnTheBundledReportWithNoVex() {
      assertThat(gate("--no-vex")).isEqualTo(1);
    }
  }

  @Nested
  class BadInput {
    @Test
    void exitsTwoWithOneLineForAnUnknownOption() {
      assertThat(gate("--reprot", "x")).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .isEqualTo(
              "ci-gate: error: unknown option --reprot (expected --report, --vex, --no-vex,"
                  + " --policy or --summary)\n");
    }

    @Test
    void exitsTwoForAReportThatIsNotOne() throws Exception {
      Path notReport = Files.writeString(dir.resolve("x.json"), "{\"hello\": 1}");
      assertThat(gate("--report", notReport.toString())).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("ci-gate: error: ");
    }
  }

  Path copy(String resource) throws Exception {
    Path target = dir.resolve(resource.substring(resource.indexOf('/') + 1));
    try (InputStream in =
        Objects.requireNonNull(CiGate.class.getResourceAsStream(resource), resource)) {
      Files.copy(in, target);
    }
    return target;
  }
}
