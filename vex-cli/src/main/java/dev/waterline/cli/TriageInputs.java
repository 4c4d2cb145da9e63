package dev.waterline.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.waterline.vex.UnreadableInputException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.policy.EpssScores;
import dev.waterline.vex.policy.KevCatalog;
import dev.waterline.vex.policy.ScanReport;
import dev.waterline.vex.policy.ScanReports;
import dev.waterline.vex.policy.Triage;
import dev.waterline.vex.policy.Waterline;
import java.io.IOException;
import java.io.InputStream;
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
    // Streams the top level only, so a large report is not parsed twice; a report that is not
    // JSON is not SARIF here, and reading it for triage reports why. A file that cannot be read at
    // all (missing, a FIFO or device, too large) is said so now.
    try (InputStream in = Inputs.open(report, InputKind.SCAN_REPORT);
        JsonParser p = dev.waterline.vex.internal.json.Json.parser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("runs")) {
          return value == JsonToken.START_ARRAY;
        }
        p.skipChildren();
      }
      return false;
    } catch (UnreadableInputException e) {
      throw new CliException(CliException.USAGE, String.valueOf(e.getMessage()), e);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
