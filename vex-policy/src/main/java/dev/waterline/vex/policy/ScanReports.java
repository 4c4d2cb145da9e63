package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.UnreadableInputException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.policy.internal.ReportReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apiguardian.api.API;

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
 * JSON pointer of the problem. Reports are read through Waterline's one JSON layer: a member named
 * twice in one object (a second {@code "Results": []} that would hide the first's findings) is a
 * syntax error, as are nesting deeper than 256 levels and numbers longer than 100 characters.
 */
@API(status = STABLE, since = "0.1.0")
public final class ScanReports {
  private ScanReports() {}

  /**
   * Reads a report file, streaming it: only the members triage reads are held in memory, so a
   * report of a gigabyte needs far less than that. The file goes through Waterline's bounded
   * reader: it must be a regular file (not a directory, FIFO or device) of at most 1 GiB (system
   * property {@code waterline.limit.report}, a size such as {@code 4g}).
   *
   * @throws dev.waterline.vex.UnreadableInputException if the file is missing, not a regular file,
   *     larger than the limit, or cannot be read
   * @throws InputParseException if it is not a report we know (duplicate keys included); the
   *     message names the file
   */
  public static ScanReport read(Path file) {
    try (InputStream in = Inputs.open(file, InputKind.SCAN_REPORT)) {
      return ReportReader.read(in, file.toString());
    } catch (InputParseException e) {
      throw e.withSource(file.toString());
    } catch (IOException e) {
      // Only closing can fail here; everything read has been read.
      throw new UnreadableInputException(
          UnreadableInputException.Reason.IO_ERROR,
          file.toString(),
          -1,
          "cannot read " + file + ": " + e.getMessage(),
          e);
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
