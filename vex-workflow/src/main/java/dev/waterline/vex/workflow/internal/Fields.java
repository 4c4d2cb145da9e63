package dev.waterline.vex.workflow.internal;

import dev.waterline.vex.workflow.Decision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a decision as inputs name them: CSV header cells and JSON-lines keys. A name is
 * normalised as labels are ({@link Labels#normalise}: {@code Impact Statement} is {@code
 * impact_statement}); a few aliases that ticket exports use are accepted.
 */
public final class Fields {
  private Fields() {}

  /** The fields, in the order {@link Decision.Builder#build()} checks them. */
  public static final List<String> NAMES =
      List.of(
          "ticket",
          "vulnerability",
          "product",
          "subcomponent",
          "status",
          "justification",
          "impact_statement",
          "action_statement",
          "author",
          "time");

  /** The fields a decision cannot do without. */
  public static final List<String> REQUIRED =
      List.of("ticket", "vulnerability", "product", "status", "time");

  private static final Map<String, String> ALIASES = new LinkedHashMap<>();

  static {
    for (String n : NAMES) {
      ALIASES.put(n, n);
    }
    for (String a : List.of("ticket_id", "key", "issue_key", "issue")) {
      ALIASES.put(a, "ticket");
    }
    for (String a : List.of("vuln", "vulnerability_id", "cve")) {
      ALIASES.put(a, "vulnerability");
    }
    for (String a : List.of("image", "product_id")) {
      ALIASES.put(a, "product");
    }
    ALIASES.put("component", "subcomponent");
    ALIASES.put("impact", "impact_statement");
    ALIASES.put("action", "action_statement");
    ALIASES.put("decided_by", "author");
    for (String a : List.of("decision_time", "decided_at", "timestamp")) {
      ALIASES.put(a, "time");
    }
  }

  /** The field a header cell or key names, or null when it names none. */
  public static @Nullable String field(String name) {
    return ALIASES.get(Labels.normalise(name));
  }

  /** The message for a name that is no field. */
  public static String unknown(String name) {
    return "unknown field '"
        + name
        + "': expected one of "
        + NAMES
        + " (any case, spaces for underscores; aliases: "
        + String.join(", ", ALIASES.keySet().stream().filter(a -> !NAMES.contains(a)).toList())
        + ")";
  }

  /** A builder with the fields set from {@code values} (field name to text; absent is empty). */
  public static Decision.Builder builder(Map<String, String> values) {
    return Decision.builder()
        .ticket(values.get("ticket"))
        .vulnerability(values.get("vulnerability"))
        .product(values.get("product"))
        .subcomponent(values.get("subcomponent"))
        .status(values.get("status"))
        .justification(values.get("justification"))
        .impactStatement(values.get("impact_statement"))
        .actionStatement(values.get("action_statement"))
        .author(values.get("author"))
        .time(values.get("time"));
  }
}
