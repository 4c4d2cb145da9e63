package dev.waterline.vex.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.VexException;
import dev.waterline.vex.policy.ScanReport;

/** Work in progress: reads Grype reports. */
final class GrypeParser {
  private GrypeParser() {}

  static ScanReport parse(JsonNode root) {
    throw new VexException("Grype reports are not read yet (work in progress)");
  }
}
