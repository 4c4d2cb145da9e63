package dev.waterline.vex.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationSeverity;
import dev.waterline.vex.internal.json.QuietLogging;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates Waterline's own JSON Schema for OpenVEX v0.2.0 (the resource {@value #RESOURCE},
 * written from the spec text, draft 2020-12) with networknt json-schema-validator and turns its
 * errors into findings with RFC 6901 pointers and plain messages.
 *
 * <p>Unlike the official schema ours allows fields it does not know: {@link DocumentRules} reports
 * them as warnings. Conditional requirements ({@code not_affected}, {@code affected}) and the
 * component {@code anyOf} are in the schema too, so the schema alone states the verdict the
 * official one would give apart from unknown fields.
 */
public final class SchemaCheck {
  /** Where the schema lives on the class path. */
  public static final String RESOURCE = "/dev/waterline/vex/openvex-0.2.0.schema.json";

  private static final class Holder {
    static final Schema SCHEMA = load();
  }

  private SchemaCheck() {}

  private static Schema load() {
    QuietLogging.beforeFirstLogger();
    try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(in, InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The schema's errors for a parsed document, as ERROR findings (in the validator's order). */
  public static List<ValidationFinding> check(JsonNode document) {
    Set<ValidationFinding> out = new LinkedHashSet<>();
    for (Error e : Holder.SCHEMA.validate(document)) {
      String keyword = e.getKeyword() == null ? "" : e.getKeyword();
      if (keyword.equals("if") || keyword.equals("allOf") || keyword.equals("$ref")) {
        continue; // containers: the error that matters is reported by the keyword inside
      }
      String pointer = pointer(e.getInstanceLocation());
      String evaluation = e.getEvaluationPath() == null ? "" : e.getEvaluationPath().toString();
      if (evaluation.contains("propertyNames")) {
        // networknt reports a bad key at its object; point at the key itself
        String name = e.getProperty() != null ? e.getProperty() : text(e.getInstanceNode());
        pointer = DocumentRules.child(pointer, name);
        out.add(
            new ValidationFinding(
                ValidationSeverity.ERROR,
                pointer,
                "key '"
                    + name
                    + "' is not allowed here: expected one of "
                    + list(e.getSchemaNode())));
        continue;
      }
      out.add(
          new ValidationFinding(
              ValidationSeverity.ERROR, pointer, message(e, keyword, evaluation)));
    }
    return new ArrayList<>(out);
  }

  /** An RFC 6901 pointer for a networknt instance location. */
  static String pointer(NodePath path) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object step = path.getElement(i);
      b.append('/');
      if (step instanceof Integer) {
        b.append(step);
      } else {
        b.append(String.valueOf(step).replace("~", "~0").replace("/", "~1"));
      }
    }
    return b.toString();
  }

  private static String message(Error e, String keyword, String evaluation) {
    JsonNode instance = e.getInstanceNode();
    JsonNode schema = e.getSchemaNode();
    switch (keyword) {
      case "required":
        // networknt reports a failed anyOf by its branches' errors
        if (evaluation.contains("then")) {
          return evaluation.contains("anyOf")
              ? "status 'not_affected' needs a justification or an impact_statement"
              : "status 'affected' needs an action_statement";
        }
        if (evaluation.contains("anyOf")) {
          return "a component needs an '@id' or 'identifiers'";
        }
        return "required field '" + e.getProperty() + "' is missing";
      case "anyOf":
        return evaluation.contains("then")
            ? "status 'not_affected' needs a justification or an impact_statement"
            : "a component needs an '@id' or 'identifiers'";
      case "type":
        return "expected "
            + article(schema == null ? "" : schema.asText())
            + " but found "
            + DocumentRules.kind(instance);
      case "enum":
        return "expected one of " + list(schema) + " but was " + shown(instance);
      case "minimum":
        return "expected an integer >= "
            + (schema == null ? "?" : schema.asText())
            + " but was "
            + shown(instance);
      case "minItems":
        return "expected at least "
            + (schema == null ? "?" : schema.asText())
            + " item(s) but found "
            + (instance == null ? 0 : instance.size());
      case "minProperties":
        return "expected at least "
            + (schema == null ? "?" : schema.asText())
            + " entry(ies) but found "
            + (instance == null ? 0 : instance.size());
      case "uniqueItems":
        return "expected unique items but found duplicates";
      case "propertyNames":
        return "key not allowed here: " + e.getMessage();
      default:
        return keyword + ": " + e.getMessage();
    }
  }

  private static String article(String type) {
    switch (type) {
      case "object":
      case "array":
      case "integer":
        return "an " + type;
      default:
        return "a " + type;
    }
  }

  private static String list(@Nullable JsonNode values) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    if (values != null && values.isObject()) {
      values = values.get("enum"); // propertyNames: {"enum": [...]}
    }
    if (values != null) {
      for (Iterator<JsonNode> it = values.elements(); it.hasNext(); ) {
        j.add(it.next().asText());
      }
    }
    return j.toString();
  }

  private static String text(@Nullable JsonNode node) {
    return node == null ? "" : node.asText();
  }

  private static String shown(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    String s = node.isTextual() ? "'" + node.asText() + "'" : node.toString();
    return s.length() <= 120 ? s : s.substring(0, 119) + "…";
  }
}
