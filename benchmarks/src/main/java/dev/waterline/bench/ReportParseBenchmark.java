package dev.waterline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waterline.vex.policy.Finding;
import dev.waterline.vex.policy.ReportFormat;
import dev.waterline.vex.policy.ScanReport;
import dev.waterline.vex.policy.ScanReports;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a scanner report ({@code ScanReports.read(byte[])}: format detection, parse, findings)
 * beside Jackson's own tree parse of the same bytes (the yardstick, DESIGN "Benchmarks": ours
 * within 2×), for generated Grype JSON, Trivy JSON and Grype SARIF reports (see {@link
 * ReportGenerator}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class ReportParseBenchmark {
  /** The report format. */
  @Param({"GRYPE", "TRIVY", "SARIF"})
  public ReportGenerator.Format format = ReportGenerator.Format.GRYPE;

  /** Findings in the report. */
  @Param({"10000"})
  public int findings = 10_000;

  private final ObjectMapper mapper = new ObjectMapper();
  private byte[] json = new byte[0];

  /**
   * Generates the report and checks that reading it does its job: the right format, every finding,
   * the fields triage reads present on each.
   */
  @Setup(Level.Trial)
  public void setUp() {
    json = ReportGenerator.generate(format, 42, findings);
    check(ScanReports.read(json), format, findings);
  }

  static void check(ScanReport report, ReportGenerator.Format format, int findings) {
    ReportFormat expected =
        format == ReportGenerator.Format.GRYPE
            ? ReportFormat.GRYPE_JSON
            : format == ReportGenerator.Format.TRIVY
                ? ReportFormat.TRIVY_JSON
                : ReportFormat.GRYPE_SARIF;
    if (report.format() != expected || report.findings().size() != findings) {
      throw new IllegalStateException(
          "expected " + findings + " findings of " + expected + " but read " + report);
    }
    for (Finding f : report.findings()) {
      if (!f.vulnerabilityId().startsWith("CVE-")
          || f.packageName().isEmpty()
          || f.purl().isEmpty()
          || f.layerDiffId().isEmpty()) {
        throw new IllegalStateException("a finding lacks what triage reads: " + f);
      }
    }
    if (format != ReportGenerator.Format.SARIF && report.diffIds().isEmpty()) {
      throw new IllegalStateException("the image's layers were not read: " + report);
    }
  }

  /** {@code ScanReports.read(byte[])}. */
  @Benchmark
  public ScanReport parse() {
    return ScanReports.read(json);
  }

  /** Jackson's {@code ObjectMapper.readTree} of the same bytes. */
  @Benchmark
  public JsonNode jacksonReadTree() throws IOException {
    return mapper.readTree(json);
  }
}
