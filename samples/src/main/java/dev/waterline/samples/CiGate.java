package dev.waterline.samples;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.policy.Decision;
import dev.waterline.vex.policy.FindingDecision;
import dev.waterline.vex.policy.Policy;
import dev.waterline.vex.policy.ScanReport;
import dev.waterline.vex.policy.ScanReports;
import dev.waterline.vex.policy.Triage;
import dev.waterline.vex.policy.TriageReport;
import dev.waterline.vex.policy.VexSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * CI gate: a scanner report, the team's VEX and a policy give an exit code (0 pass, 1 something to
 * remediate, 2 bad input) and a Markdown summary for the pull request or the job summary ({@code
 * $GITHUB_STEP_SUMMARY}).
 *
 * <p>The gate judges the report as of its own scan time (Trivy's {@code CreatedAt}, Grype's {@code
 * descriptor.timestamp}), so the same inputs always give the same answer; a real pipeline would
 * scan and gate in the same job anyway.
 *
 * <pre>
 * samples/run CiGate                       # bundled report + bundled VEX: exit 0
 * samples/run CiGate --no-vex              # bundled report alone: exit 1
 * samples/run CiGate --report trivy.json --vex app.openvex.json [--vex …] \
 *     [--policy policy.json] [--summary summary.md]
 * </pre>
 *
 * The bundled inputs are {@code src/main/resources/dev/waterline/samples/ci-gate/}: a Trivy report
 * of {@code payments-api} with two high and critical Go findings and two Debian ones, and the
 * team's VEX (one {@code not_affected}, one {@code affected} with an action: an exception), and
 * {@code strict-policy.json} (medium findings remediated, exceptions for 30 days), under which the
 * same report and VEX fail. The {@code waterline triage} verb does the same from the command line.
 */
public final class CiGate {
  private CiGate() {}

  /** The gate's answer: the exit code, the Markdown summary and the full triage report. */
  public record Outcome(int exitCode, String markdown, TriageReport report) {}

  /** Decides every finding of {@code report} with the team's {@code vex} under {@code policy}. */
  public static Outcome gate(ScanReport report, List<VexSource> vex, Policy policy) {
    Triage triage = Triage.of(report).vex(vex).policy(policy);
    if (report.scannedAt().isPresent()) {
      triage = triage.scanTime(report.scannedAt().get());
    }
    TriageReport result = triage.run();
    return new Outcome(result.needsRemediation() ? 1 : 0, result.toMarkdown(), result);
  }

  /**
   * Runs the gate as a command: parses {@code args}, prints a one-line verdict and the findings to
   * remediate on {@code out}, writes the summary to {@code --summary} (else prints it), and returns
   * the exit code. Bad arguments or unreadable inputs print one line on {@code err} and return 2.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      Args a = Args.parse(args);
      ScanReport report =
          a.report == null
              ? ScanReports.read(bundled("ci-gate/trivy-report.json"))
              : ScanReports.read(a.report);
      List<VexSource> vex = new ArrayList<>();
      for (Path p : a.vex) {
        vex.add(VexSource.of(VexDocument.read(p), p.toString()));
      }
      if (a.report == null && a.vex.isEmpty() && !a.noVex) {
        String name = "ci-gate/payments-api.openvex.json";
        vex.add(VexSource.of(VexDocument.parse(bundled(name)), name));
      }
      Policy policy = a.policy == null ? Policy.defaults() : Policy.read(a.policy);

      Outcome outcome = gate(report, vex, policy);

      List<FindingDecision> remediate = outcome.report().decisions(Decision.REMEDIATE);
      out.println(
          (outcome.exitCode() == 0 ? "PASS" : "FAIL")
              + ": "
              + outcome.report().decisions().size()
              + " findings, "
              + remediate.size()
              + " to remediate");
      for (FindingDecision d : remediate) {
        out.println(
            "  "
                + d.vulnerability()
                + " in "
                + d.packageName().orElse("?")
                + " "
                + d.packageVersion().orElse("")
                + " ("
                + d.severity()
                + "): "
                + d.reasons().get(0).message());
      }
      if (a.summary != null) {
        Files.writeString(a.summary, outcome.markdown(), StandardCharsets.UTF_8);
        out.println("summary: " + a.summary);
      } else {
        out.println();
        out.print(outcome.markdown());
      }
      return outcome.exitCode();
    } catch (IllegalArgumentException | VexException | IOException | UncheckedIOException e) {
      err.println("ci-gate: error: " + e.getMessage());
      return 2;
    }
  }

  /** Runs {@link #run} and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  private static byte[] bundled(String name) {
    try (InputStream in =
        Objects.requireNonNull(CiGate.class.getResourceAsStream(name), "bundled " + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Args {
    @Nullable Path report;
    final List<Path> vex = new ArrayList<>();
    @Nullable Path policy;
    @Nullable Path summary;
    boolean noVex;

    static Args parse(String[] args) {
      Args a = new Args();
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (flag.equals("--no-vex")) {
          a.noVex = true;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("expected a value after " + flag);
        }
        Path value = Path.of(args[++i]);
        switch (flag) {
          case "--report" -> a.report = value;
          case "--vex" -> a.vex.add(value);
          case "--policy" -> a.policy = value;
          case "--summary" -> a.summary = value;
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + flag
                      + " (expected --report, --vex, --no-vex, --policy or --summary)");
        }
      }
      return a;
    }
  }
}
