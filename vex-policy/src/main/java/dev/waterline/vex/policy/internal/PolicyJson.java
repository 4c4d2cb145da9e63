package dev.waterline.vex.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.VexException;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.json.Json;
import dev.waterline.vex.policy.Policy;
import dev.waterline.vex.policy.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads and writes policy files (JSON; the schema is {@code policy.schema.json}). */
public final class PolicyJson {
  private static final Set<String> TOP =
      Set.of(
          "$schema",
          "severities",
          "exception_max_age_days",
          "review_interval_days",
          "kev",
          "epss_threshold",
          "vendors");

  private PolicyJson() {}

  /** The policy-file key of a severity: {@code critical}, {@code high}, … */
  public static String key(Severity severity) {
    return severity.name().toLowerCase(Locale.ROOT);
  }

  /** The article's rule: critical and high remediate, the rest accepted. */
  public static Policy.Rule defaultRule(Severity severity) {
    return severity == Severity.CRITICAL || severity == Severity.HIGH
        ? Policy.Rule.REMEDIATE
        : Policy.Rule.ACCEPT;
  }

  /**
   * Parses a policy file (UTF-8 JSON bytes) through the one JSON layer; {@code source} names it in
   * messages.
   */
  public static Policy parse(byte[] json, String source) {
    JsonNode root;
    try {
      root = Json.readTree(json);
    } catch (VexParseException e) {
      throw new VexException("could not read policy " + source + ": " + e.getMessage(), e);
    }
    if (!root.isObject()) {
      throw invalid(source, "", "expected a JSON object");
    }
    Policy.Builder b = Policy.builder();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!TOP.contains(f)) {
        throw invalid(source, "/" + f, "unknown field; expected one of " + sorted(TOP));
      }
    }
    JsonNode sev = root.get("severities");
    if (sev != null) {
      if (!sev.isObject()) {
        throw invalid(source, "/severities", "expected an object");
      }
      for (Map.Entry<String, JsonNode> e : sev.properties()) {
        Severity s = severity(e.getKey());
        if (s == null) {
          throw invalid(
              source, "/severities/" + e.getKey(), "unknown severity; expected one of " + keys());
        }
        JsonNode v = e.getValue();
        String ptr = "/severities/" + e.getKey();
        if (!v.isTextual()) {
          throw invalid(source, ptr, "expected \"remediate\" or \"accept\"");
        }
        switch (v.textValue()) {
          case "remediate":
            b.rule(s, Policy.Rule.REMEDIATE);
            break;
          case "accept":
            b.rule(s, Policy.Rule.ACCEPT);
            break;
          default:
            throw invalid(
                source,
                ptr,
                "expected \"remediate\" or \"accept\" but was \"" + v.textValue() + "\"");
        }
      }
    }
    Integer days = days(root, "exception_max_age_days", source);
    if (days != null) {
      b.exceptionMaxAgeDays(days);
    }
    days = days(root, "review_interval_days", source);
    if (days != null) {
      b.reviewIntervalDays(days);
    }
    JsonNode kev = root.get("kev");
    if (kev != null) {
      if (!kev.isObject()) {
        throw invalid(source, "/kev", "expected an object");
      }
      for (Iterator<String> it = kev.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!f.equals("always_in_scope")) {
          throw invalid(source, "/kev/" + f, "unknown field; expected always_in_scope");
        }
      }
      JsonNode a = kev.get("always_in_scope");
      if (a != null) {
        if (!a.isBoolean()) {
          throw invalid(source, "/kev/always_in_scope", "expected true or false");
        }
        b.kevAlwaysInScope(a.booleanValue());
      }
    }
    JsonNode epss = root.get("epss_threshold");
    if (epss != null && !epss.isNull()) {
      if (!epss.isNumber() || epss.doubleValue() < 0 || epss.doubleValue() > 1) {
        throw invalid(source, "/epss_threshold", "expected a number from 0 to 1 but was " + epss);
      }
      b.epssThreshold(epss.doubleValue());
    }
    JsonNode vendors = root.get("vendors");
    if (vendors != null) {
      if (!vendors.isArray()) {
        throw invalid(source, "/vendors", "expected an array");
      }
      List<Policy.Vendor> list = new ArrayList<>();
      for (int i = 0; i < vendors.size(); i++) {
        JsonNode v = vendors.get(i);
        String ptr = "/vendors/" + i;
        if (!v.isObject() || v.size() != 1) {
          throw invalid(
              source, ptr, "expected an object with exactly one of \"author\" or \"signer\"");
        }
        JsonNode author = v.get("author");
        JsonNode signer = v.get("signer");
        if (author != null && author.isTextual() && !author.textValue().isBlank()) {
          list.add(Policy.Vendor.author(author.textValue()));
        } else if (signer != null && signer.isTextual() && !signer.textValue().isBlank()) {
          list.add(Policy.Vendor.signer(signer.textValue()));
        } else {
          throw invalid(
              source, ptr, "expected an object with exactly one of \"author\" or \"signer\"");
        }
      }
      b.vendors(list);
    }
    return b.build();
  }

  /** Writes a policy: every field, in the schema's order, in the house style ({@code \n}). */
  public static String write(Policy policy) {
    return Json.prettyString(tree(policy));
  }

  /** The policy as a JSON tree, every field, in the schema's order. */
  public static ObjectNode tree(Policy policy) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    ObjectNode sev = root.putObject("severities");
    for (Severity s : Severity.values()) {
      sev.put(key(s), policy.rule(s).toString());
    }
    root.put("exception_max_age_days", policy.exceptionMaxAgeDays());
    root.put("review_interval_days", policy.reviewIntervalDays());
    root.putObject("kev").put("always_in_scope", policy.kevAlwaysInScope());
    if (policy.epssThreshold().isPresent()) {
      root.put("epss_threshold", policy.epssThreshold().getAsDouble());
    }
    ArrayNode vendors = root.putArray("vendors");
    for (Policy.Vendor v : policy.vendors()) {
      ObjectNode o = vendors.addObject();
      v.authorName().ifPresent(a -> o.put("author", a));
      v.signerIdentity().ifPresent(s -> o.put("signer", s));
    }
    return root;
  }

  private static @Nullable Integer days(JsonNode root, String field, String source) {
    JsonNode n = root.get(field);
    if (n == null) {
      return null;
    }
    if (!n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > 36500) {
      throw invalid(
          source, "/" + field, "expected a whole number of days from 1 to 36500 but was " + n);
    }
    return n.intValue();
  }

  private static @Nullable Severity severity(String key) {
    for (Severity s : Severity.values()) {
      if (key(s).equals(key)) {
        return s;
      }
    }
    return null;
  }

  private static List<String> keys() {
    List<String> k = new ArrayList<>();
    for (Severity s : Severity.values()) {
      k.add(key(s));
    }
    return k;
  }

  private static List<String> sorted(Set<String> s) {
    List<String> l = new ArrayList<>(s);
    java.util.Collections.sort(l);
    return l;
  }

  private static VexException invalid(String source, String pointer, String message) {
    return new VexException(
        "invalid policy " + source + " at " + (pointer.isEmpty() ? "/" : pointer) + ": " + message);
  }
}
