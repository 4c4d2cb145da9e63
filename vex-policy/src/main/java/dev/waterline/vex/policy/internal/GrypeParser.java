package dev.waterline.vex.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.policy.Finding;
import dev.waterline.vex.policy.FixState;
import dev.waterline.vex.policy.ReportFormat;
import dev.waterline.vex.policy.ScanReport;
import dev.waterline.vex.policy.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code grype -o json} (0.61 to current). Findings are {@code matches[]}; {@code
 * ignoredMatches[]} (what Grype itself suppressed) are not findings.
 */
final class GrypeParser {
  private static final Json JSON = new Json("Grype JSON report");

  private GrypeParser() {}

  static ScanReport parse(JsonNode root) {
    JsonNode descriptor = JSON.optObject(root, "descriptor", "");
    String name = "grype";
    String version = null;
    String timestamp = null;
    if (descriptor != null) {
      String n = JSON.optText(descriptor, "name", "/descriptor");
      if (n != null && !n.isEmpty()) {
        name = n;
      }
      version = emptyToNull(JSON.optText(descriptor, "version", "/descriptor"));
      timestamp = JSON.optText(descriptor, "timestamp", "/descriptor");
    }
    ScanReport.Builder report =
        ScanReport.builder(ReportFormat.GRYPE_JSON, name)
            .scannerVersion(version)
            .scannedAt(Times.parse(timestamp));

    List<String> diffIds = List.of();
    JsonNode source = JSON.optObject(root, "source", "");
    if (source != null) {
      JsonNode target = source.get("target");
      String type = JSON.optText(source, "type", "/source");
      if (target != null && target.isObject() && (type == null || "image".equals(type))) {
        String p = "/source/target";
        report
            .imageReference(emptyToNull(JSON.optText(target, "userInput", p)))
            .imageId(emptyToNull(JSON.optText(target, "imageID", p)))
            .manifestDigest(emptyToNull(JSON.optText(target, "manifestDigest", p)))
            .repoDigests(JSON.textList(target, "repoDigests", p))
            .repoTags(JSON.textList(target, "tags", p))
            .architecture(emptyToNull(JSON.optText(target, "architecture", p)));
        JsonNode layers = JSON.optArray(target, "layers", p);
        if (layers != null) {
          List<String> ids = new ArrayList<>(layers.size());
          for (int i = 0; i < layers.size(); i++) {
            String lp = Json.child(Json.child(p, "layers"), i);
            ids.add(JSON.reqText(JSON.object(layers.get(i), lp), "digest", lp));
          }
          diffIds = ids;
        }
        if (diffIds.isEmpty()) {
          diffIds = configDiffIds(target, p);
        }
      }
    }
    report.diffIds(diffIds);
    Map<String, Integer> layerIndex = new HashMap<>();
    for (int i = 0; i < diffIds.size(); i++) {
      layerIndex.putIfAbsent(diffIds.get(i), i);
    }

    JsonNode matches = JSON.reqArray(root, "matches", "");
    List<Finding> findings = new ArrayList<>(matches.size());
    for (int i = 0; i < matches.size(); i++) {
      findings.add(match(matches.get(i), Json.child("/matches", i), i, name, layerIndex));
    }
    return report.findings(findings).build();
  }

  private static Finding match(
      JsonNode m, String p, int index, String scanner, Map<String, Integer> layerIndex) {
    JSON.object(m, p);
    String vp = Json.child(p, "vulnerability");
    JsonNode vuln = JSON.optObject(m, "vulnerability", p);
    if (vuln == null) {
      throw JSON.error(p, "missing required object 'vulnerability'");
    }
    String ap = Json.child(p, "artifact");
    JsonNode artifact = JSON.optObject(m, "artifact", p);
    if (artifact == null) {
      throw JSON.error(p, "missing required object 'artifact'");
    }
    Finding.Builder b =
        Finding.builder(JSON.reqText(vuln, "id", vp)).scanner(scanner).index(index).pointer(p);
    String severity = JSON.optText(vuln, "severity", vp);
    b.severity(severity == null ? Severity.UNKNOWN : Severity.parseOrUnknown(severity));
    JsonNode fix = JSON.optObject(vuln, "fix", vp);
    if (fix != null) {
      String fp = Json.child(vp, "fix");
      String state = JSON.optText(fix, "state", fp);
      b.fixState(state == null ? FixState.UNKNOWN : FixState.parse(state));
      b.fixVersions(JSON.textList(fix, "versions", fp));
    }
    JsonNode advisories = JSON.optArray(vuln, "advisories", vp);
    if (advisories != null && !advisories.isEmpty()) {
      List<String> ids = new ArrayList<>(advisories.size());
      for (int j = 0; j < advisories.size(); j++) {
        String ip = Json.child(Json.child(vp, "advisories"), j);
        String id = JSON.optText(JSON.object(advisories.get(j), ip), "id", ip);
        if (id != null && !id.isEmpty()) {
          ids.add(id);
        }
      }
      b.advisories(ids);
    }
    JsonNode related = JSON.optArray(m, "relatedVulnerabilities", p);
    if (related != null && !related.isEmpty()) {
      List<String> aliases = new ArrayList<>(related.size());
      for (int j = 0; j < related.size(); j++) {
        String rp = Json.child(Json.child(p, "relatedVulnerabilities"), j);
        aliases.add(JSON.reqText(JSON.object(related.get(j), rp), "id", rp));
      }
      b.aliases(aliases);
    }
    b.packageName(JSON.optText(artifact, "name", ap))
        .packageVersion(JSON.optText(artifact, "version", ap))
        .packageType(JSON.optText(artifact, "type", ap))
        .purl(JSON.optText(artifact, "purl", ap));
    JsonNode locations = JSON.optArray(artifact, "locations", ap);
    if (locations != null && !locations.isEmpty()) {
      List<String> paths = new ArrayList<>(locations.size());
      String lowest = null;
      int lowestIndex = Integer.MAX_VALUE;
      for (int j = 0; j < locations.size(); j++) {
        String lp = Json.child(Json.child(ap, "locations"), j);
        JsonNode loc = JSON.object(locations.get(j), lp);
        String path = JSON.optText(loc, "path", lp);
        if (path != null) {
          paths.add(path);
        }
        String layer = JSON.optText(loc, "layerID", lp);
        if (layer != null && !layer.isEmpty()) {
          Integer li = layerIndex.get(layer);
          int rank = li == null ? Integer.MAX_VALUE : li;
          if (lowest == null || rank < lowestIndex) {
            lowest = layer;
            lowestIndex = rank;
          }
        }
      }
      b.locations(paths).layerDiffId(lowest);
    }
    return b.build();
  }

  /** {@code rootfs.diff_ids} of the base64 image config, when the report has no layer list. */
  private static List<String> configDiffIds(JsonNode target, String p) {
    String config = JSON.optText(target, "config", p);
    if (config == null || config.isEmpty()) {
      return List.of();
    }
    String cp = Json.child(p, "config");
    byte[] bytes;
    try {
      bytes = java.util.Base64.getDecoder().decode(config);
    } catch (IllegalArgumentException e) {
      throw JSON.error(cp, "expected the base64 image config but " + e.getMessage());
    }
    JsonNode decoded;
    try {
      decoded = Json.parse(bytes, "image config");
    } catch (dev.waterline.vex.policy.InputParseException e) {
      throw JSON.error(cp, "expected the base64 of a JSON image config but " + e.getMessage());
    }
    JsonNode rootfs = decoded.isObject() ? decoded.get("rootfs") : null;
    if (rootfs == null || !rootfs.isObject()) {
      return List.of();
    }
    return JSON.textList(rootfs, "diff_ids", cp + "(decoded)/rootfs");
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
