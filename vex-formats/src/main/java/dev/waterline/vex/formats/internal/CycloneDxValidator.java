package dev.waterline.vex.formats.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.ValidationSeverity;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates CycloneDX against the official schema of its {@code specVersion} (1.4 to 1.7), then
 * what the schema cannot say: bom-refs are unique, and every {@code affects[].ref} names a
 * component of the BOM, a BOM-link or a purl (a warning otherwise: the statement names nothing a
 * reader can find).
 */
final class CycloneDxValidator {
  private static final JsonNode EMPTY = JsonNodeFactory.instance.arrayNode();

  private static final Pattern BOM_LINK =
      Pattern.compile("^urn:cdx:[0-9a-fA-F-]{36}/[1-9][0-9]*#.+$");

  private CycloneDxValidator() {}

  static ValidationReport validate(byte[] bytes) {
    JsonNode root;
    try {
      root = Json.readTree(bytes);
    } catch (VexParseException e) {
      return ValidationReport.of(
          List.of(
              new ValidationFinding(
                  ValidationSeverity.ERROR, e.pointer(), String.valueOf(e.getMessage()))));
    }
    List<ValidationFinding> out = new ArrayList<>();
    JsonNode spec = root.path("specVersion");
    if (!root.isObject() || !spec.isTextual() || !Cdx.VERSIONS.contains(spec.textValue())) {
      out.add(
          new ValidationFinding(
              ValidationSeverity.ERROR,
              root.isObject() ? "/specVersion" : "",
              "expected a CycloneDX BOM with a specVersion of "
                  + Cdx.VERSIONS
                  + " but found "
                  + (spec.isTextual() ? Trees.shown(spec.textValue()) : Trees.kind(spec))));
      return ValidationReport.of(out);
    }
    out.addAll(
        Schemas.check(Schemas.cycloneDx(spec.textValue()), root, "schema " + spec.textValue()));
    Map<String, String> refs = new HashMap<>();
    List<Object[]> stack = new ArrayList<>();
    if (root.path("metadata").path("component").isObject()) {
      stack.add(new Object[] {root.path("metadata").path("component"), "/metadata/component"});
    }
    JsonNode components = array(root.path("components"));
    for (int i = 0; i < components.size(); i++) {
      stack.add(new Object[] {components.get(i), "/components/" + i});
    }
    while (!stack.isEmpty()) {
      Object[] e = stack.remove(stack.size() - 1);
      JsonNode c = (JsonNode) e[0];
      String p = (String) e[1];
      JsonNode ref = c.path("bom-ref");
      if (ref.isTextual()) {
        String before = refs.putIfAbsent(ref.textValue(), p);
        if (before != null) {
          out.add(
              new ValidationFinding(
                  ValidationSeverity.ERROR,
                  p + "/bom-ref",
                  "bom-ref " + Trees.shown(ref.textValue()) + " is also used at " + before));
        }
      }
      JsonNode nested = array(c.path("components"));
      for (int i = 0; i < nested.size(); i++) {
        stack.add(new Object[] {nested.get(i), p + "/components/" + i});
      }
    }
    JsonNode vulnerabilities = array(root.path("vulnerabilities"));
    for (int i = 0; i < vulnerabilities.size(); i++) {
      JsonNode affects = array(vulnerabilities.get(i).path("affects"));
      for (int k = 0; k < affects.size(); k++) {
        JsonNode ref = affects.get(k).path("ref");
        if (ref.isTextual()
            && !refs.containsKey(ref.textValue())
            && !BOM_LINK.matcher(ref.textValue()).matches()
            && !Ids.purl(ref.textValue())) {
          out.add(
              new ValidationFinding(
                  ValidationSeverity.WARNING,
                  "/vulnerabilities/" + i + "/affects/" + k + "/ref",
                  Trees.shown(ref.textValue())
                      + " is not the bom-ref of a component of this BOM, a BOM-link or a purl"));
        }
      }
    }
    return ValidationReport.of(out);
  }

  /**
   * The node when it is an array, else an empty one: the schema check has already reported a member
   * of the wrong type, and the reference checks below must not trip over it.
   */
  private static JsonNode array(JsonNode node) {
    return node.isArray() ? node : EMPTY;
  }
}
