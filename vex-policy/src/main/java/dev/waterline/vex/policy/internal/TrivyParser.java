package dev.waterline.vex.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.VexException;
import dev.waterline.vex.policy.ScanReport;

/** Work in progress: reads Trivy reports. */
final class TrivyParser {
  private TrivyParser() {}

  static ScanReport parse(JsonNode root) {
    throw new VexException("Trivy reports are not read yet (work in progress)");
  }
}
