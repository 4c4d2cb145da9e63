package dev.waterline.vex.policy;

import dev.waterline.vex.policy.internal.ReportReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads scanner reports, detecting the format from the content:
 *
 * <ul>
 *   <li><b>Grype JSON</b> ({@code grype -o json}, 0.61 to current): an object with a {@code
 *       matches} array and a {@code descriptor} or {@code source}.
 *   <li><b>Trivy JSON</b> ({@code trivy -f json}): an object with {@code SchemaVersion} and {@code
 *       Results} or {@code ArtifactName}.
 *   <li><b>SARIF 2.1.0</b>: an object with {@code runs}; the flavour comes from {@code
 *       runs[].tool.driver.name}. Grype: the rule id is {@code <vulnerability>-<package>}, the
 *       package and layer come from {@code logicalLocations[].fullyQualifiedName} ({@code
 *       <image>@<diffID>:<path>}) and the rule's {@code purls}. Trivy: the rule id is the
 *       vulnerability, the package, version and fixed version come from the message text. Snyk: the
 *       rule id is the Snyk id, the CVE (an alias) and package from the rule's full description,
 *       e.g. {@code (CVE-2011-3374) apt/libapt-pkg6.0@2.6.1}. Severity: the rule's severity tag or
 *       word if present, else its {@code security-severity} score, else the result's (or rule's
 *       default) {@code level}; see {@link Severity}.
 * </ul>
 *
 * <p>Every entry the report lists becomes one {@link Finding} (nothing is merged or dropped), so
 * counts equal the report's own. Anything else fails with an {@link InputParseException} naming the
 * JSON pointer of the problem.
 */
public final class ScanReports {
  private ScanReports() {}

  /**
   * Reads a report file.
   *
   * @throws IOException if the file cannot be read
   * @throws InputParseException if it is not a report we know; the message names the file
   */
  public static ScanReport read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      return ReportReader.read(bytes);
    } catch (InputParseException e) {
      throw e.withSource(file.toString());
    }
  }

  /**
   * Reads a report from its bytes (UTF-8 JSON).
   *
   * @throws InputParseException if it is not a report we know
   */
  public static ScanReport read(byte[] json) {
    return ReportReader.read(json);
  }
}
