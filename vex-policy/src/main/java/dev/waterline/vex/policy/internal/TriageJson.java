package dev.waterline.vex.policy.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.internal.json.Json;
import dev.waterline.vex.policy.Decision;
import dev.waterline.vex.policy.Evidence;
import dev.waterline.vex.policy.FindingDecision;
import dev.waterline.vex.policy.Reason;
import dev.waterline.vex.policy.TriageReport;
import dev.waterline.vex.policy.UnreadableVex;
import dev.waterline.vex.policy.VexSource;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a triage report as JSON (format in {@code docs/policy.md}, schema {@code
 * triage.schema.json}).
 */
public final class TriageJson {
  /** The value of the report's {@code format} field. */
  public static final String FORMAT = "https://waterline.dev/triage/v1";

  private TriageJson() {}

  /** The report in the house style (2-space indent, {@code \n} line ends), a final newline. */
  public static String write(TriageReport report) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    root.put("format", FORMAT);
    ObjectNode image = root.putObject("image");
    putOptional(image, "name", report.image().orElse(null));
    putOptional(image, "digest", report.imageDigest().orElse(null));
    root.put("scan_time", report.scanTime().toString());
    ObjectNode counts = root.putObject("counts");
    counts.put("total", report.decisions().size());
    for (Map.Entry<Decision, Integer> e : report.counts().entrySet()) {
      counts.put(e.getKey().toString(), e.getValue());
    }
    root.put("remediation_needed", report.needsRemediation());
    root.set("policy", PolicyJson.tree(report.policy()));
    ObjectNode inputs = root.putObject("inputs");
    for (Map.Entry<String, String> e : report.inputs().entrySet()) {
      inputs.put(e.getKey(), e.getValue());
    }
    ArrayNode vex = inputs.putArray("vex");
    for (VexSource s : report.vex()) {
      ObjectNode o = vex.addObject();
      o.put("origin", s.origin());
      putOptional(o, "document_id", s.document().id().orElse(null));
      o.put("author", s.document().author());
      o.put("owner", TriageEngine.isVendor(report.policy(), s) ? "vendor" : "own");
      o.put("trust", s.trust());
      putOptional(o, "signer", s.signer().orElse(null));
      putOptional(o, "unsigned_reason", s.unsignedReason().orElse(null));
      o.put("statements", s.document().statements().size());
    }
    if (!report.unreadableVex().isEmpty()) {
      ArrayNode unreadable = inputs.putArray("unreadable_vex");
      for (UnreadableVex u : report.unreadableVex()) {
        ObjectNode o = unreadable.addObject();
        o.put("origin", u.origin());
        putOptional(o, "digest", u.digest().isEmpty() ? null : u.digest());
        o.put("reason", u.reason());
        o.put("message", u.message());
      }
    }
    ArrayNode decisions = root.putArray("decisions");
    for (FindingDecision d : report.decisions()) {
      ObjectNode o = decisions.addObject();
      o.put("vulnerability", d.vulnerability());
      ArrayNode aliases = o.putArray("aliases");
      d.aliases().forEach(aliases::add);
      ObjectNode pkg = o.putObject("package");
      putOptional(pkg, "name", d.packageName().orElse(null));
      putOptional(pkg, "version", d.packageVersion().orElse(null));
      putOptional(pkg, "purl", d.purl().orElse(null));
      o.put("severity", PolicyJson.key(d.severity()));
      o.put("waterline", d.position().toString());
      o.put("kev", d.kev());
      if (d.epss().isPresent()) {
        o.put("epss", d.epss().getAsDouble());
      }
      o.put("decision", d.decision().toString());
      putOptional(o, "review_by", d.reviewBy().map(Object::toString).orElse(null));
      putOptional(o, "expires", d.expires().map(Object::toString).orElse(null));
      reasons(o.putArray("reasons"), d.reasons());
      reasons(o.putArray("notes"), d.notes());
    }
    ArrayNode warnings = root.putArray("warnings");
    report.warnings().forEach(warnings::add);
    return Json.prettyString(root);
  }

  private static void reasons(ArrayNode array, List<Reason> reasons) {
    for (Reason r : reasons) {
      ObjectNode o = array.addObject();
      o.put("rule", r.rule());
      o.put("message", r.message());
      if (r.evidence().isPresent()) {
        Evidence e = r.evidence().get();
        ObjectNode s = o.putObject("statement");
        putOptional(s, "id", e.statementId().orElse(null));
        putOptional(s, "document_id", e.documentId().orElse(null));
        s.put("author", e.author());
        putOptional(s, "time", e.time().map(Object::toString).orElse(null));
        s.put("status", e.status());
        putOptional(s, "justification", e.justification().orElse(null));
        putOptional(s, "impact_statement", e.impactStatement().orElse(null));
        putOptional(s, "action_statement", e.actionStatement().orElse(null));
        s.put("origin", e.origin());
        s.put("owner", e.owner());
        s.put("trust", e.trust());
      }
    }
  }

  private static void putOptional(ObjectNode o, String field, @Nullable String value) {
    if (value != null) {
      o.put(field, value);
    }
  }
}
