package dev.waterline.vex.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.internal.image.ImageText;
import dev.waterline.vex.policy.Finding;
import dev.waterline.vex.policy.FixState;
import dev.waterline.vex.policy.ReportFormat;
import dev.waterline.vex.policy.ScanReport;
import dev.waterline.vex.policy.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads SARIF 2.1.0 from Grype, Trivy, Snyk and, generically, other tools. Findings are {@code
 * runs[].results[]}.
 */
final class SarifParser {
  private static final Json JSON = new Json("SARIF report");

  /** The length of {@code sha256:<64 hex>}. */
  private static final int DIGEST_LENGTH = "sha256:".length() + ImageText.SHA256_HEX_LENGTH;

  /**
   * The image in Grype's {@code <userInput>@<diffID>:<path>}: everything before the first {@code @}
   * that is followed by a layer digest (or nothing) and a colon. The user's input may itself hold
   * {@code @sha256:…}, which is followed by {@code @}, not by a colon.
   */
  private static final Pattern GRYPE_FQN_IMAGE =
      Pattern.compile("^(.+?)@(?:(?:sha256:)?" + ImageText.SHA256_HEX_REGEX + ")?:");

  /** Grype's result message: {@code … was found in image <userInput> at: <path>}. */
  private static final Pattern GRYPE_MESSAGE_IMAGE = Pattern.compile(" in image (\\S+) at: ");

  private static final Pattern CVE = Pattern.compile("^(CVE-\\d{4}-\\d+)(?:-|$)");
  private static final Pattern GHSA =
      Pattern.compile("^(GHSA-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4})(?:-|$)");

  /** Snyk's full description: {@code (CVE-2011-3374) apt/libapt-pkg6.0@2.6.1}. */
  private static final Pattern SNYK_DESCRIPTION =
      Pattern.compile("^\\(([^)]*)\\)\\s+(\\S+)@(\\S+)\\s*$");

  private static final Pattern SNYK_SEVERITY = Pattern.compile("^(\\w+) severity\\b");

  private SarifParser() {}

  private static final class Rules {
    final List<JsonNode> byIndex = new ArrayList<>();
    final Map<String, JsonNode> byId = new HashMap<>();
    final java.util.IdentityHashMap<JsonNode, String> pointers = new java.util.IdentityHashMap<>();

    String pointer(@Nullable JsonNode rule) {
      String p = rule == null ? null : pointers.get(rule);
      return p == null ? "" : p;
    }
  }

  static ScanReport parse(JsonNode root) {
    JsonNode runs = JSON.reqArray(root, "runs", "");
    ReportFormat format = ReportFormat.SARIF;
    String scanner = "unknown";
    String version = null;
    List<Finding> findings = new ArrayList<>();
    ScanReport.Builder report = null;
    boolean namesImage = false;
    List<String> grypeImages = new ArrayList<>();
    for (int r = 0; r < runs.size(); r++) {
      String rp = Json.child("/runs", r);
      JsonNode run = JSON.object(runs.get(r), rp);
      JsonNode tool = JSON.optObject(run, "tool", rp);
      if (tool == null) {
        throw JSON.error(rp, "missing required object 'tool'");
      }
      String tp = Json.child(rp, "tool");
      JsonNode driver = JSON.optObject(tool, "driver", tp);
      if (driver == null) {
        throw JSON.error(tp, "missing required object 'driver'");
      }
      String dp = Json.child(tp, "driver");
      String name = JSON.reqText(driver, "name", dp);
      ReportFormat runFormat = flavour(name);
      if (report == null) {
        format = runFormat;
        scanner = name;
        version = JSON.optText(driver, "version", dp);
        report = ScanReport.builder(format, scanner).scannerVersion(emptyToNull(version));
        namesImage = runProperties(run, rp, report);
      }
      Rules rules = rules(driver, dp);
      JsonNode results = JSON.optArray(run, "results", rp);
      if (results == null) {
        continue;
      }
      for (int i = 0; i < results.size(); i++) {
        String p = Json.child(Json.child(rp, "results"), i);
        findings.add(
            result(
                results.get(i), p, findings.size(), runFormat, name, rules, report, grypeImages));
      }
    }
    if (report == null) {
      report = ScanReport.builder(format, scanner);
    }
    if (!namesImage && !grypeImages.isEmpty()) {
      // Grype's SARIF has no run properties: the image is the user's input in its locations.
      report.imageReference(grypeImages.get(0));
    }
    return report.findings(findings).build();
  }

  private static ReportFormat flavour(String toolName) {
    String n = toolName.toLowerCase(Locale.ROOT);
    if (n.equals("grype")) {
      return ReportFormat.GRYPE_SARIF;
    }
    if (n.equals("trivy")) {
      return ReportFormat.TRIVY_SARIF;
    }
    if (n.startsWith("snyk")) {
      return ReportFormat.SNYK_SARIF;
    }
    return ReportFormat.SARIF;
  }

  /** Reads Trivy's run properties; returns whether they name the image. */
  private static boolean runProperties(JsonNode run, String rp, ScanReport.Builder report) {
    JsonNode props = JSON.optObject(run, "properties", rp);
    if (props == null) {
      return false;
    }
    String pp = Json.child(rp, "properties");
    String imageName = emptyToNull(JSON.optText(props, "imageName", pp));
    List<String> repoDigests = JSON.textList(props, "repoDigests", pp);
    report
        .imageReference(imageName)
        .imageId(emptyToNull(JSON.optText(props, "imageID", pp)))
        .repoDigests(repoDigests)
        .repoTags(JSON.textList(props, "repoTags", pp));
    return imageName != null || !repoDigests.isEmpty();
  }

  private static Rules rules(JsonNode driver, String dp) {
    Rules rules = new Rules();
    JsonNode array = JSON.optArray(driver, "rules", dp);
    if (array == null) {
      return rules;
    }
    for (int i = 0; i < array.size(); i++) {
      String p = Json.child(Json.child(dp, "rules"), i);
      JsonNode rule = JSON.object(array.get(i), p);
      rules.byIndex.add(rule);
      rules.pointers.put(rule, p);
      String id = JSON.optText(rule, "id", p);
      if (id != null) {
        rules.byId.putIfAbsent(id, rule);
      }
    }
    return rules;
  }

  private static Finding result(
      JsonNode result,
      String p,
      int index,
      ReportFormat format,
      String scanner,
      Rules rules,
      ScanReport.Builder report,
      List<String> grypeImages) {
    JSON.object(result, p);
    String ruleId = JSON.optText(result, "ruleId", p);
    JsonNode ruleRef = JSON.optObject(result, "rule", p);
    if (ruleId == null && ruleRef != null) {
      ruleId = JSON.optText(ruleRef, "id", Json.child(p, "rule"));
    }
    JsonNode rule = null;
    JsonNode ruleIndex = result.get("ruleIndex");
    if (ruleIndex == null && ruleRef != null) {
      ruleIndex = ruleRef.get("index");
    }
    if (ruleIndex != null && !ruleIndex.isNull()) {
      if (!ruleIndex.isIntegralNumber()
          || !ruleIndex.canConvertToInt()
          || ruleIndex.intValue() < 0
          || ruleIndex.intValue() >= rules.byIndex.size()) {
        throw JSON.error(
            Json.child(p, "ruleIndex"),
            "expected the index of one of the run's "
                + rules.byIndex.size()
                + " rules but found "
                + Json.clip(ruleIndex.toString()));
      }
      rule = rules.byIndex.get(ruleIndex.intValue());
    } else if (ruleId != null) {
      rule = rules.byId.get(ruleId);
    }
    if (ruleId == null && rule != null) {
      ruleId = rule.path("id").isTextual() ? rule.path("id").textValue() : null;
    }
    if (ruleId == null || ruleId.isEmpty()) {
      throw JSON.error(p, "missing required string 'ruleId'");
    }
    String message = messageText(result, p);
    String help = rule == null ? null : textOf(rule.get("help"));
    Finding.Builder b = Finding.builder(ruleId).scanner(scanner).index(index).pointer(p);
    switch (format) {
      case GRYPE_SARIF:
        grype(b, ruleId, result, p, rule, rules.pointer(rule), help);
        if (grypeImages.isEmpty()) {
          String image = grypeImage(result, message);
          if (image != null) {
            grypeImages.add(image);
          }
        }
        break;
      case TRIVY_SARIF:
        trivy(b, message);
        break;
      case SNYK_SARIF:
        snyk(b, rule, result, p, report);
        break;
      default:
        break;
    }
    b.severity(severity(result, p, rule, rules.pointer(rule), message, help));
    if (format != ReportFormat.GRYPE_SARIF) {
      List<String> uris = physicalUris(result, p);
      b.locations(uris);
    }
    return b.build();
  }

  private static void grype(
      Finding.Builder b,
      String ruleId,
      JsonNode result,
      String p,
      @Nullable JsonNode rule,
      String rulePointer,
      @Nullable String help) {
    String id = field(help, "Vulnerability ");
    String pkg = field(help, "Package: ");
    if (id == null) {
      id = knownIdPrefix(ruleId);
    }
    if (id == null) {
      id = ruleId;
    }
    b.vulnerabilityId(id)
        .packageName(pkg)
        .packageVersion(field(help, "Version: "))
        .packageType(field(help, "Type: "));
    List<String> fixes = TrivyParser.splitVersions(field(help, "Fix Version: "));
    if (!fixes.isEmpty()) {
      b.fixState(FixState.FIXED).fixVersions(fixes);
    }
    if (rule != null) {
      JsonNode props = rule.get("properties");
      if (props != null && props.isObject()) {
        JsonNode purls = props.get("purls");
        if (allText(purls)) {
          if (!purls.isEmpty()) {
            b.purl(purls.get(0).textValue());
          }
        } else if (purls != null && !purls.isNull()) {
          // Not an array of strings: let the checked reader say where (pointers are built only
          // for errors; this runs for every result).
          List<String> checked =
              JSON.textList(props, "purls", Json.child(rulePointer, "properties"));
          if (!checked.isEmpty()) {
            b.purl(checked.get(0));
          }
        }
      }
    }
    List<String> paths = new ArrayList<>();
    String layer = null;
    JsonNode locations = JSON.optArray(result, "locations", p);
    if (locations != null) {
      for (int i = 0; i < locations.size(); i++) {
        JsonNode loc = locations.get(i);
        if (!loc.isObject()) {
          JSON.object(loc, Json.child(Json.child(p, "locations"), i));
        }
        JsonNode logical = loc.get("logicalLocations");
        if (logical == null || logical.isNull()) {
          continue;
        }
        if (!logical.isArray()) {
          JSON.optArray(loc, "logicalLocations", Json.child(Json.child(p, "locations"), i));
        }
        for (int j = 0; j < logical.size(); j++) {
          JsonNode ll = logical.get(j);
          JsonNode fqnNode = ll.get("fullyQualifiedName");
          JsonNode nameNode = ll.get("name");
          if (!ll.isObject() || !textOrAbsent(fqnNode) || !textOrAbsent(nameNode)) {
            String llp =
                Json.child(
                    Json.child(Json.child(Json.child(p, "locations"), i), "logicalLocations"), j);
            JSON.object(ll, llp);
            JSON.optText(ll, "fullyQualifiedName", llp);
            JSON.optText(ll, "name", llp);
          }
          String fqn = fqnNode == null || fqnNode.isNull() ? null : fqnNode.textValue();
          String name = nameNode == null || nameNode.isNull() ? null : nameNode.textValue();
          if (fqn != null) {
            int at = layerAt(fqn);
            if (at >= 0) {
              if (layer == null) {
                layer = fqn.substring(at + 1, at + 1 + DIGEST_LENGTH);
              }
              paths.add(fqn.substring(at + 2 + DIGEST_LENGTH));
              continue;
            }
          }
          if (name != null) {
            paths.add(name);
          }
        }
      }
    }
    b.locations(paths).layerDiffId(layer);
  }

  /** Whether the node is an array of strings only. */
  private static boolean allText(@Nullable JsonNode node) {
    if (node == null || !node.isArray()) {
      return false;
    }
    for (JsonNode e : node) {
      if (!e.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static boolean textOrAbsent(@Nullable JsonNode node) {
    return node == null || node.isNull() || node.isTextual();
  }

  /**
   * Where Grype's {@code <userInput>@<diffID>:<path>} puts its layer: the index of the last
   * {@code @} when a {@code sha256:<64 hex>} digest and a colon follow it (the path holds no
   * {@code @}), else -1. The same as matching {@code @(sha256:<64 hex>):([^@]*)$}, without a
   * regular expression (this runs for every location of every result).
   */
  static int layerAt(String fqn) {
    int at = fqn.lastIndexOf('@');
    if (at < 0
        || fqn.length() < at + 2 + DIGEST_LENGTH
        || !fqn.startsWith("sha256:", at + 1)
        || fqn.charAt(at + 1 + DIGEST_LENGTH) != ':') {
      return -1;
    }
    return ImageText.isLowerHex(fqn, at + 8, ImageText.SHA256_HEX_LENGTH) ? at : -1;
  }

  /**
   * The image the user named to Grype, from a result's first logical location ({@code
   * <userInput>@<diffID>:<path>}), else from its message ({@code … in image <userInput> at: …}).
   */
  private static @Nullable String grypeImage(JsonNode result, @Nullable String message) {
    for (JsonNode loc : result.path("locations")) {
      for (JsonNode ll : loc.path("logicalLocations")) {
        JsonNode fqn = ll.get("fullyQualifiedName");
        if (fqn != null && fqn.isTextual()) {
          Matcher m = GRYPE_FQN_IMAGE.matcher(fqn.textValue());
          if (m.find()) {
            return m.group(1);
          }
        }
      }
    }
    if (message != null) {
      Matcher m = GRYPE_MESSAGE_IMAGE.matcher(message);
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }

  private static void trivy(Finding.Builder b, @Nullable String message) {
    b.packageName(field(message, "Package: "))
        .packageVersion(field(message, "Installed Version: "));
    List<String> fixes = TrivyParser.splitVersions(field(message, "Fixed Version: "));
    if (!fixes.isEmpty()) {
      b.fixState(FixState.FIXED).fixVersions(fixes);
    }
  }

  private static void snyk(
      Finding.Builder b,
      @Nullable JsonNode rule,
      JsonNode result,
      String p,
      ScanReport.Builder report) {
    if (rule != null) {
      String full = textOf(rule.get("fullDescription"));
      if (full != null) {
        Matcher m = SNYK_DESCRIPTION.matcher(full.strip());
        if (m.matches()) {
          List<String> aliases = new ArrayList<>();
          for (String a : m.group(1).split(",", -1)) {
            if (!a.isBlank()) {
              aliases.add(a.strip());
            }
          }
          b.aliases(aliases);
          String name = m.group(2);
          if (!name.startsWith("@") && name.indexOf('/') >= 0) {
            name = name.substring(name.lastIndexOf('/') + 1);
          }
          b.packageName(name).packageVersion(m.group(3));
        }
      }
      JsonNode props = rule.get("properties");
      if (props != null && props.isObject()) {
        JsonNode tags = props.get("tags");
        if (tags != null && tags.isArray()) {
          for (JsonNode t : tags) {
            if (t.isTextual()
                && !t.textValue().equals("security")
                && !t.textValue().startsWith("CWE-")) {
              b.packageType(t.textValue());
            }
          }
        }
      }
    }
    // Snyk names the image as the artifact, with '_' for ':' in the digest.
    List<String> uris = physicalUris(result, p);
    if (!uris.isEmpty()) {
      report.imageReference(uris.get(0).replace("@sha256_", "@sha256:"));
    }
  }

  private static Severity severity(
      JsonNode result,
      String p,
      @Nullable JsonNode rule,
      String rulePointer,
      @Nullable String message,
      @Nullable String help) {
    // 1. The scanner's own word: "Severity: LOW" (Trivy message, Grype help).
    for (String text : new String[] {message, help}) {
      String word = field(text, "Severity: ");
      if (word != null) {
        Severity s = Severity.parseOrUnknown(word);
        if (s != Severity.UNKNOWN) {
          return s;
        }
      }
    }
    JsonNode props = rule == null ? null : rule.get("properties");
    if (props != null && props.isObject()) {
      // 2. A severity word among the tags (Trivy: ["vulnerability", "security", "LOW"]).
      JsonNode tags = props.get("tags");
      if (tags != null && tags.isArray()) {
        for (JsonNode t : tags) {
          if (t.isTextual()) {
            Severity s = Severity.parse(t.textValue()).orElse(null);
            if (s != null && s != Severity.NEGLIGIBLE) {
              return s;
            }
          }
        }
      }
    }
    // 3. Snyk: "Low severity - …".
    String shortDescription = rule == null ? null : textOf(rule.get("shortDescription"));
    if (shortDescription != null) {
      Matcher m = SNYK_SEVERITY.matcher(shortDescription);
      if (m.find()) {
        Severity s = Severity.parseOrUnknown(m.group(1));
        if (s != Severity.UNKNOWN) {
          return s;
        }
      }
    }
    // 4. The security-severity score.
    if (props != null && props.isObject()) {
      Double score =
          JSON.optNumber(props, "security-severity", Json.child(rulePointer, "properties"));
      if (score != null) {
        Severity s = Severity.fromScore(score);
        if (s != Severity.UNKNOWN) {
          return s;
        }
      }
    }
    // 5. The level, on the result or the rule's default configuration.
    String level = JSON.optText(result, "level", p);
    if (level == null && rule != null) {
      JsonNode config = rule.get("defaultConfiguration");
      if (config != null && config.isObject() && config.path("level").isTextual()) {
        level = config.path("level").textValue();
      }
    }
    return level == null ? Severity.UNKNOWN : Severity.fromSarifLevel(level);
  }

  private static List<String> physicalUris(JsonNode result, String p) {
    JsonNode locations = JSON.optArray(result, "locations", p);
    if (locations == null || locations.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(locations.size());
    for (JsonNode loc : locations) {
      JsonNode uri = loc.path("physicalLocation").path("artifactLocation").path("uri");
      if (uri.isTextual() && !uri.textValue().isEmpty()) {
        out.add(uri.textValue());
      }
    }
    return out;
  }

  private static @Nullable String messageText(JsonNode result, String p) {
    JsonNode message = JSON.optObject(result, "message", p);
    return message == null ? null : textOf(message);
  }

  private static @Nullable String textOf(@Nullable JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode text = node.get("text");
    return text != null && text.isTextual() ? text.textValue() : null;
  }

  /** The rest of the first line starting with the prefix, or null when none or empty. */
  static @Nullable String field(@Nullable String text, String prefix) {
    if (text == null) {
      return null;
    }
    int at = text.startsWith(prefix) ? 0 : text.indexOf("\n" + prefix);
    if (at < 0) {
      return null;
    }
    int start = at == 0 && text.startsWith(prefix) ? prefix.length() : at + 1 + prefix.length();
    int end = text.indexOf('\n', start);
    String v = (end < 0 ? text.substring(start) : text.substring(start, end)).strip();
    return v.isEmpty() ? null : v;
  }

  private static @Nullable String knownIdPrefix(String ruleId) {
    Matcher m = CVE.matcher(ruleId);
    if (m.find()) {
      return m.group(1);
    }
    m = GHSA.matcher(ruleId);
    if (m.find()) {
      return m.group(1);
    }
    return null;
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
