package dev.waterline.vex.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.policy.InputParseException;
import dev.waterline.vex.policy.ScanReport;
import java.io.InputStream;
import java.util.Set;

/** Detects the report format and hands it to its parser. */
public final class ReportReader {
  private static final String WHAT = "scanner report";
  private static final Json JSON = new Json(WHAT);

  /**
   * Members no parser reads, skipped while building the tree: descriptions, CVSS, match details,
   * package metadata, Grype's base64 manifest and its ignored matches, Trivy's image history,
   * package lists and suppressed findings, SARIF's Markdown help, regions and help links.
   */
  private static final Set<String> SKIP =
      Set.of(
          "description",
          "Description",
          "cvss",
          "CVSS",
          "urls",
          "References",
          "Title",
          "matchDetails",
          "metadata",
          "licenses",
          "cpes",
          "cwes",
          "CweIDs",
          "knownExploited",
          "epss",
          "manifest",
          "configuration",
          "db",
          "ignoredMatches",
          "alertsByPackage",
          "history",
          "Packages",
          "ExperimentalModifiedFindings",
          "markdown",
          "dataSource",
          "DataSource",
          "PrimaryURL",
          "PublishedDate",
          "LastModifiedDate",
          "Fingerprint",
          "PkgID",
          "UID",
          "BOMRef",
          "upstreams",
          "annotations",
          "accessPath",
          "region",
          "helpUri",
          "informationUri");

  private ReportReader() {}

  /** Reads a Grype JSON, Trivy JSON or SARIF report. */
  public static ScanReport read(byte[] bytes) {
    return parse(Json.parse(bytes, WHAT, SKIP));
  }

  /**
   * Reads a Grype JSON, Trivy JSON or SARIF report from a stream (not closed), holding only the
   * members triage reads.
   *
   * @param source the file, for the message of an I/O failure
   */
  public static ScanReport read(InputStream in, String source) {
    return parse(Json.parse(in, source, WHAT, SKIP));
  }

  private static ScanReport parse(JsonNode root) {
    if (!root.isObject()) {
      throw JSON.error(
          "", "expected a Grype JSON, Trivy JSON or SARIF object but found " + Json.typeName(root));
    }
    if (root.has("runs")) {
      return SarifParser.parse(root);
    }
    if (root.has("matches") && (root.has("descriptor") || root.has("source"))) {
      return GrypeParser.parse(root);
    }
    if (root.has("SchemaVersion") && (root.has("Results") || root.has("ArtifactName"))) {
      return TrivyParser.parse(root);
    }
    throw new InputParseException(
        InputParseException.Kind.DATA,
        WHAT,
        null,
        "",
        0,
        0,
        "expected Grype JSON (matches, descriptor), Trivy JSON (SchemaVersion, Results) or SARIF"
            + " (runs) but found none of these members");
  }
}
