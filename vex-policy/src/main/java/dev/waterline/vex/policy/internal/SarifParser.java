package dev.waterline.vex.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.VexException;
import dev.waterline.vex.policy.ScanReport;

/** Work in progress: reads Sarif reports. */
final class SarifParser {
  private SarifParser() {}

  static ScanReport parse(JsonNode root) {
    throw new VexException("Sarif reports are not read yet (work in progress)");
  }
}
