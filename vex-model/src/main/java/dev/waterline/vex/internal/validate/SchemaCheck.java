package dev.waterline.vex.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationSeverity;
import dev.waterline.vex.internal.json.Json;
import dev.waterline.vex.internal.json.QuietLogging;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

  private static final String ID_BASE = "https://waterline.dev/schema/openvex-0.2.0";

  private static final class Holder {
    static final JsonNode SOURCE = source();
    static final Schema SCHEMA = load(SOURCE);
    static final Schema HEAD = load(head(SOURCE));
    static final Schema STATEMENT = load(statement(SOURCE));
  }

  private SchemaCheck() {}

  private static JsonNode source() {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return Json.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the resource " + RESOURCE, e);
    }
  }

  private static Schema load(JsonNode schema) {
    QuietLogging.beforeFirstLogger();
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
  }

  /**
   * The schema for a document's own fields: {@code statements} must still be a non-empty array, but
   * its items are not looked at (each statement is checked on its own) and neither is their
   * uniqueness (a duplicate statement is the rules' error inside the array, which hides the
   * schema's at the array, so the schema's would never be reported).
   */
  private static JsonNode head(JsonNode source) {
    ObjectNode head = source.deepCopy();
    head.put("$id", ID_BASE + "-document.schema.json");
    ObjectNode statements = ((ObjectNode) head.get("properties")).putObject("statements");
    statements.put("type", "array");
    statements.put("minItems", 1);
    return head;
  }

  /** The schema for one statement: the document schema's {@code $defs/statement}. */
  private static JsonNode statement(JsonNode source) {
    ObjectNode statement = Json.mapper().createObjectNode();
    statement.set("$schema", source.get("$schema"));
    statement.put("$id", ID_BASE + "-statement.schema.json");
    statement.put("$ref", "#/$defs/statement");
    statement.set("$defs", source.get("$defs").deepCopy());
    return statement;
  }

  /** The schema's errors for a parsed document, as ERROR findings (in the validator's order). */
  public static List<ValidationFinding> check(JsonNode document) {
    return findings(validate(Holder.SCHEMA, document), "");
  }

  /**
   * The schema's errors for a document's own fields, as {@link #check} gives them for the whole
   * document but without those inside its statements: {@code head} is the document with any
   * non-empty statements array replaced by a one-element one.
   */
  static List<ValidationFinding> checkHead(JsonNode head) {
    return findings(validate(Holder.HEAD, head), "");
  }

  /**
   * The schema's errors for one statement (any JSON value) at {@code pointer}, as {@link #check}
   * gives them for the whole document at and below that pointer.
   */
  static List<ValidationFinding> checkStatement(JsonNode statement, String pointer) {
    return findings(validate(Holder.STATEMENT, statement), pointer);
  }

  /**
   * The schema's errors for a value. A number too large for a double ({@code 1e400}) is read as an
   * infinite double, which networknt's {@code enum} and {@code const} cannot compare (they throw);
   * such a value is then checked as a copy with each infinite number replaced by a finite one too
   * large for a double, which is still a number of the same sign for every keyword of our schema.
   */
  private static List<Error> validate(Schema schema, JsonNode value) {
    try {
      return schema.validate(value);
    } catch (NumberFormatException e) {
      return schema.validate(finite(value));
    }
  }

  private static final BigDecimal BEYOND_DOUBLE = new BigDecimal("1E+400");

  private static JsonNode finite(JsonNode node) {
    if (node.isDouble() || node.isFloat()) {
      double d = node.doubleValue();
      if (Double.isInfinite(d)) {
        return JsonNodeFactory.instance.numberNode(d > 0 ? BEYOND_DOUBLE : BEYOND_DOUBLE.negate());
      }
      return node;
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> m : node.properties()) {
        copy.set(m.getKey(), finite(m.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
      for (JsonNode item : node) {
        copy.add(finite(item));
      }
      return copy;
    }
    return node;
  }

  private static List<ValidationFinding> findings(List<Error> errors, String prefix) {
    Set<ValidationFinding> out = new LinkedHashSet<>();
    for (Error e : errors) {
      String keyword = e.getKeyword() == null ? "" : e.getKeyword();
      if (keyword.equals("if") || keyword.equals("allOf") || keyword.equals("$ref")) {
        continue; // containers: the error that matters is reported by the keyword inside
      }
      String pointer = prefix + pointer(e.getInstanceLocation());
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
