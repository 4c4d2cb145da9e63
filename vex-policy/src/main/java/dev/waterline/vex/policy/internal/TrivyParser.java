package dev.waterline.vex.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.policy.Finding;
import dev.waterline.vex.policy.FixState;
import dev.waterline.vex.policy.ReportFormat;
import dev.waterline.vex.policy.ScanReport;
import dev.waterline.vex.policy.Severity;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code trivy -f json} (schema version 2). Findings are {@code Results[].Vulnerabilities[]};
 * {@code ExperimentalModifiedFindings} (what Trivy itself suppressed) are not findings.
 */
final class TrivyParser {
  private static final Json JSON = new Json("Trivy JSON report");

  private TrivyParser() {}

  static ScanReport parse(JsonNode root) {
    JsonNode schema = root.get("SchemaVersion");
    if (schema == null || !schema.isIntegralNumber() || schema.asInt() != 2) {
      throw JSON.error(
          "/SchemaVersion",
          "expected schema version 2 but found "
              + (schema == null ? "nothing" : Json.clip(schema.toString())));
    }
    JsonNode trivy = JSON.optObject(root, "Trivy", "");
    String version = trivy == null ? null : JSON.optText(trivy, "Version", "/Trivy");
    ScanReport.Builder report =
        ScanReport.builder(ReportFormat.TRIVY_JSON, "trivy")
            .scannerVersion(emptyToNull(version))
            .scannedAt(Times.parse(JSON.optText(root, "CreatedAt", "")))
            .imageReference(emptyToNull(JSON.optText(root, "ArtifactName", "")));
    JsonNode meta = JSON.optObject(root, "Metadata", "");
    if (meta != null) {
      String mp = "/Metadata";
      report
          .imageId(emptyToNull(JSON.optText(meta, "ImageID", mp)))
          .repoDigests(JSON.textList(meta, "RepoDigests", mp))
          .repoTags(JSON.textList(meta, "RepoTags", mp));
      List<String> diffIds = JSON.textList(meta, "DiffIDs", mp);
      JsonNode config = JSON.optObject(meta, "ImageConfig", mp);
      if (config != null) {
        String cp = Json.child(mp, "ImageConfig");
        report.architecture(emptyToNull(JSON.optText(config, "architecture", cp)));
        if (diffIds.isEmpty()) {
          JsonNode rootfs = JSON.optObject(config, "rootfs", cp);
          if (rootfs != null) {
            diffIds = JSON.textList(rootfs, "diff_ids", Json.child(cp, "rootfs"));
          }
        }
      }
      report.diffIds(diffIds);
    }
    List<Finding> findings = new ArrayList<>();
    JsonNode results = JSON.optArray(root, "Results", "");
    if (results != null) {
      for (int r = 0; r < results.size(); r++) {
        String rp = Json.child("/Results", r);
        JsonNode result = JSON.object(results.get(r), rp);
        JsonNode vulns = JSON.optArray(result, "Vulnerabilities", rp);
        if (vulns == null) {
          continue;
        }
        String target = JSON.optText(result, "Target", rp);
        String type = JSON.optText(result, "Type", rp);
        for (int i = 0; i < vulns.size(); i++) {
          String vp = Json.child(Json.child(rp, "Vulnerabilities"), i);
          findings.add(vulnerability(vulns.get(i), vp, findings.size(), target, type));
        }
      }
    }
    return report.findings(findings).build();
  }

  private static Finding vulnerability(
      JsonNode v, String p, int index, @Nullable String target, @Nullable String type) {
    JSON.object(v, p);
    Finding.Builder b =
        Finding.builder(JSON.reqText(v, "VulnerabilityID", p))
            .scanner("trivy")
            .index(index)
            .pointer(p)
            .advisories(JSON.textList(v, "VendorIDs", p))
            .packageName(JSON.optText(v, "PkgName", p))
            .packageVersion(JSON.optText(v, "InstalledVersion", p))
            .packageType(type);
    JsonNode id = JSON.optObject(v, "PkgIdentifier", p);
    if (id != null) {
      b.purl(JSON.optText(id, "PURL", Json.child(p, "PkgIdentifier")));
    }
    b.severity(severity(v, p));
    String status = JSON.optText(v, "Status", p);
    String fixed = JSON.optText(v, "FixedVersion", p);
    List<String> fixVersions = splitVersions(fixed);
    b.fixVersions(fixVersions);
    if (status != null) {
      b.fixState(FixState.parse(status));
    } else if (!fixVersions.isEmpty()) {
      b.fixState(FixState.FIXED); // reports before Trivy 0.39 have no Status
    }
    JsonNode layer = JSON.optObject(v, "Layer", p);
    if (layer != null) {
      b.layerDiffId(JSON.optText(layer, "DiffID", Json.child(p, "Layer")));
    }
    String path = JSON.optText(v, "PkgPath", p);
    if (path != null && !path.isEmpty()) {
      b.locations(List.of(path));
    } else if (target != null && !target.isEmpty()) {
      b.locations(List.of(target));
    }
    return b.build();
  }

  private static Severity severity(JsonNode v, String p) {
    String word = JSON.optText(v, "Severity", p);
    if (word != null) {
      Severity s = Severity.parseOrUnknown(word);
      if (s != Severity.UNKNOWN) {
        return s;
      }
    }
    String source = JSON.optText(v, "SeveritySource", p);
    JsonNode vendor = JSON.optObject(v, "VendorSeverity", p);
    if (source != null && vendor != null) {
      JsonNode level = vendor.get(source);
      if (level != null && level.isIntegralNumber() && level.canConvertToInt()) {
        return Severity.fromTrivyLevel(level.intValue());
      }
    }
    return Severity.UNKNOWN;
  }

  static List<String> splitVersions(@Nullable String fixed) {
    if (fixed == null || fixed.isBlank()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(2);
    for (String s : fixed.split(",", -1)) {
      String t = s.strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
