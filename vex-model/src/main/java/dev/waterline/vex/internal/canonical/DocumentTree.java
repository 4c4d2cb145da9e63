package dev.waterline.vex.internal.canonical;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.waterline.vex.Component;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.Vulnerability;
import dev.waterline.vex.internal.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a document as a generic tree ({@link Map}, {@link List}, {@link String}, {@link
 * Number}, {@link Boolean}, {@code null}), with the field names the OpenVEX v0.2.0 writer uses.
 * Absent optional values and empty optional lists and maps are left out; {@code statements} is
 * always present. Times are RFC 3339 UTC strings as {@link Instant#toString()} gives them. Unknown
 * fields are parsed from their raw JSON text.
 *
 * <p>Built from the model directly so that the canonical form does not depend on the pretty writer;
 * the key order of the maps is irrelevant because RFC 8785 sorts keys.
 */
final class DocumentTree {
  private DocumentTree() {}

  /** Unknown-field snippets are read with the module's one JSON configuration. */
  private static final JsonFactory JSON = Json.factory();

  static Map<String, Object> of(VexDocument doc) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("@context", doc.context());
    doc.id().ifPresent(v -> m.put("@id", v));
    m.put("author", doc.author());
    doc.role().ifPresent(v -> m.put("role", v));
    doc.timestamp().ifPresent(v -> m.put("timestamp", time(v)));
    doc.lastUpdated().ifPresent(v -> m.put("last_updated", time(v)));
    m.put("version", doc.version());
    doc.tooling().ifPresent(v -> m.put("tooling", v));
    List<Object> statements = new ArrayList<>();
    List<Statement> list = doc.statements();
    for (int i = 0; i < list.size(); i++) {
      statements.add(statement(list.get(i), "/statements/" + i));
    }
    m.put("statements", statements);
    addUnknown(m, doc.unknownFields(), "");
    return m;
  }

  private static Map<String, Object> statement(Statement s, String pointer) {
    Map<String, Object> m = new LinkedHashMap<>();
    s.id().ifPresent(v -> m.put("@id", v));
    s.version().ifPresent(v -> m.put("version", v));
    m.put("vulnerability", vulnerability(s.vulnerability(), pointer + "/vulnerability"));
    s.timestamp().ifPresent(v -> m.put("timestamp", time(v)));
    s.lastUpdated().ifPresent(v -> m.put("last_updated", time(v)));
    if (!s.products().isEmpty()) {
      List<Object> products = new ArrayList<>();
      for (int i = 0; i < s.products().size(); i++) {
        products.add(product(s.products().get(i), pointer + "/products/" + i));
      }
      m.put("products", products);
    }
    m.put("status", s.status().value());
    s.supplier().ifPresent(v -> m.put("supplier", v));
    s.statusNotes().ifPresent(v -> m.put("status_notes", v));
    s.justification().ifPresent(v -> m.put("justification", v.value()));
    s.impactStatement().ifPresent(v -> m.put("impact_statement", v));
    s.actionStatement().ifPresent(v -> m.put("action_statement", v));
    s.actionStatementTimestamp().ifPresent(v -> m.put("action_statement_timestamp", time(v)));
    addUnknown(m, s.unknownFields(), pointer);
    return m;
  }

  private static Map<String, Object> vulnerability(Vulnerability v, String pointer) {
    Map<String, Object> m = new LinkedHashMap<>();
    v.id().ifPresent(x -> m.put("@id", x));
    if (v.hasName()) {
      m.put("name", v.name());
    }
    v.description().ifPresent(x -> m.put("description", x));
    if (!v.aliases().isEmpty()) {
      m.put("aliases", new ArrayList<Object>(v.aliases()));
    }
    addUnknown(m, v.unknownFields(), pointer);
    return m;
  }

  private static Map<String, Object> product(Product p, String pointer) {
    Map<String, Object> m = component(p.component(), pointer);
    if (!p.subcomponents().isEmpty()) {
      List<Object> subs = new ArrayList<>();
      for (int i = 0; i < p.subcomponents().size(); i++) {
        subs.add(component(p.subcomponents().get(i), pointer + "/subcomponents/" + i));
      }
      if (m.containsKey("subcomponents")) {
        throw duplicate("subcomponents", pointer);
      }
      m.put("subcomponents", subs);
    }
    return m;
  }

  private static Map<String, Object> component(Component c, String pointer) {
    Map<String, Object> m = new LinkedHashMap<>();
    c.id().ifPresent(x -> m.put("@id", x));
    if (!c.identifiers().isEmpty()) {
      m.put("identifiers", new LinkedHashMap<String, Object>(c.identifiers()));
    }
    if (!c.hashes().isEmpty()) {
      m.put("hashes", new LinkedHashMap<String, Object>(c.hashes()));
    }
    addUnknown(m, c.unknownFields(), pointer);
    return m;
  }

  private static String time(Instant t) {
    return t.toString();
  }

  private static void addUnknown(Map<String, Object> m, Map<String, String> raw, String pointer) {
    for (Map.Entry<String, String> e : raw.entrySet()) {
      if (m.containsKey(e.getKey())) {
        throw duplicate(e.getKey(), pointer);
      }
      m.put(e.getKey(), parse(e.getValue(), pointer + "/" + escape(e.getKey())));
    }
  }

  private static VexException duplicate(String name, String pointer) {
    return new VexException(
        "cannot build the canonical JSON: the unknown field '"
            + name
            + "' at '"
            + pointer
            + "' has the name of a field Waterline knows");
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /**
   * Parses one raw JSON value (the text of an unknown field) into a generic tree.
   *
   * @throws VexException naming {@code pointer} when the text is not one JSON value
   */
  static @Nullable Object parse(String rawJson, String pointer) {
    try (JsonParser p = JSON.createParser(rawJson)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new VexException(
            "cannot build the canonical JSON: the unknown field at '" + pointer + "' is empty");
      }
      Object value = read(p, first);
      if (p.nextToken() != null) {
        throw new VexException(
            "cannot build the canonical JSON: the unknown field at '"
                + pointer
                + "' holds more than one JSON value");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new VexException(
          "cannot build the canonical JSON: the unknown field at '"
              + pointer
              + "' is not valid JSON: "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new VexException(
          "cannot build the canonical JSON: reading the unknown field at '"
              + pointer
              + "' failed: "
              + e.getMessage(),
          e);
    }
  }

  private static @Nullable Object read(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
        {
          Map<String, @Nullable Object> m = new LinkedHashMap<>();
          JsonToken next;
          while ((next = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            m.put(name, read(p, p.nextToken()));
          }
          if (next != JsonToken.END_OBJECT) {
            throw new JsonParseException(p, "unexpected " + next + " in a JSON object");
          }
          return m;
        }
      case START_ARRAY:
        {
          List<@Nullable Object> l = new ArrayList<>();
          JsonToken next;
          while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
            if (next == null) {
              throw new JsonParseException(p, "the JSON array is not closed");
            }
            l.add(read(p, next));
          }
          return l;
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        {
          // RFC 8785 reads every number as the nearest IEEE 754 double.
          double d = Double.parseDouble(p.getText());
          if (Double.isInfinite(d)) {
            throw new JsonParseException(
                p, "the number " + p.getText() + " is outside the range of an IEEE 754 double");
          }
          return d;
        }
      case VALUE_TRUE:
        return true;
      case VALUE_FALSE:
        return false;
      case VALUE_NULL:
        return null;
      default:
        throw new JsonParseException(p, "unexpected JSON token " + t);
    }
  }
}
