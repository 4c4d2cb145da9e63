package dev.waterline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waterline.vex.policy.EpssScores;
import dev.waterline.vex.policy.KevCatalog;
import dev.waterline.vex.policy.ScanReport;
import dev.waterline.vex.policy.ScanReports;
import dev.waterline.vex.policy.Triage;
import dev.waterline.vex.policy.Waterline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Reads triage's input files, turning every failure into a usage error naming the file. */
final class TriageInputs {
  private final Path report;
  private final @Nullable Path kev;
  private final @Nullable Path epss;
  private final @Nullable Path baseDiffIds;
  private @Nullable ScanReport scan;

  TriageInputs(Path report, @Nullable Path kev, @Nullable Path epss, @Nullable Path baseDiffIds) {
    this.report = report;
    this.kev = kev;
    this.epss = epss;
    this.baseDiffIds = baseDiffIds;
  }

  /** Reads the report (once) and starts a triage of it. */
  Triage triage() {
    ScanReport s = scan;
    if (s == null) {
      s = TriageCommand.input(() -> ScanReports.read(report), report);
      scan = s;
    }
    return Triage.of(s);
  }

  /** The report (read once). */
  ScanReport report() {
    triage();
    return java.util.Objects.requireNonNull(scan);
  }

  KevCatalog kev() {
    Path p = Objects.requireNonNull(kev);
    return TriageCommand.input(() -> KevCatalog.read(p), p);
  }

  EpssScores epss() {
    Path p = Objects.requireNonNull(epss);
    return TriageCommand.input(() -> EpssScores.read(p), p);
  }

  Waterline waterline() {
    Path p = Objects.requireNonNull(baseDiffIds);
    return TriageCommand.input(() -> Waterline.read(p), p);
  }

  /** Whether the report is SARIF (an object with a {@code runs} array). */
  boolean isSarif() {
    if (!Files.isRegularFile(report)) {
      return false;
    }
    try {
      JsonNode root = new ObjectMapper().readTree(report.toFile());
      return root != null && root.path("runs").isArray();
    } catch (IOException e) {
      return false;
    }
  }
}
