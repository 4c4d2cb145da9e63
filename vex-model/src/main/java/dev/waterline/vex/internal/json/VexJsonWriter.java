package dev.waterline.vex.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.waterline.vex.Component;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.Vulnerability;
import dev.waterline.vex.internal.io.Failures;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the model as OpenVEX v0.2.0 JSON, streaming: spec field order, 2-space indent, {@code \n}
 * line endings, a trailing newline, UTF-8 without escaping non-ASCII or HTML characters, times in
 * UTC in {@link Instant#toString()} form (seconds, and a fraction only when it is not zero).
 *
 * <p>Field order: document {@code @context, @id, author, role, timestamp, last_updated, version,
 * tooling, statements}; statement {@code @id, version, vulnerability, timestamp, last_updated,
 * products, status, supplier, status_notes, justification, impact_statement, action_statement,
 * action_statement_timestamp}; vulnerability {@code @id, name, description, aliases}; component
 * {@code @id, identifiers, hashes, subcomponents}. Unknown fields follow the known ones of their
 * object in their original order, re-indented like the rest.
 *
 * <p>Absent and empty optional fields are left out. So are an empty {@code author} and a document
 * {@code version} of 0, which is how the reader records that the input had none; {@code statements}
 * is always written.
 */
public final class VexJsonWriter {
  private static final Instant MIN_TIME = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private VexJsonWriter() {}

  /**
   * Writes a document to {@code out}, which is flushed but not closed.
   *
   * @throws VexException when writing fails
   * @throws VexException when an unknown field's text is not one JSON value, or a time lies outside
   *     the years 0000 to 9999 that RFC 3339 can express
   */
  public static void write(VexDocument doc, OutputStream out) {
    try (JsonGenerator g = Json.factory().createGenerator(out, JsonEncoding.UTF8)) {
      g.setPrettyPrinter(Json.prettyPrinter());
      document(doc, g);
      g.writeRaw('\n');
      g.flush();
    } catch (IOException e) {
      throw Failures.writing("the OpenVEX document", e);
    }
  }

  private static void document(VexDocument doc, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("@context", doc.context());
    string(g, "@id", doc.id());
    if (!doc.author().isEmpty()) {
      g.writeStringField("author", doc.author());
    }
    string(g, "role", doc.role());
    time(g, "timestamp", doc.timestamp());
    time(g, "last_updated", doc.lastUpdated());
    if (doc.version() != 0) {
      g.writeNumberField("version", doc.version());
    }
    string(g, "tooling", doc.tooling());
    g.writeArrayFieldStart("statements");
    for (Statement s : doc.statements()) {
      statement(s, g);
    }
    g.writeEndArray();
    unknown(g, doc.unknownFields());
    g.writeEndObject();
  }

  private static void statement(Statement s, JsonGenerator g) throws IOException {
    g.writeStartObject();
    string(g, "@id", s.id());
    if (s.version().isPresent()) {
      g.writeNumberField("version", s.version().getAsInt());
    }
    g.writeFieldName("vulnerability");
    vulnerability(s.vulnerability(), g);
    time(g, "timestamp", s.timestamp());
    time(g, "last_updated", s.lastUpdated());
    if (!s.products().isEmpty()) {
      g.writeArrayFieldStart("products");
      for (Product p : s.products()) {
        product(p, g);
      }
      g.writeEndArray();
    }
    g.writeStringField("status", s.status().value());
    string(g, "supplier", s.supplier());
    string(g, "status_notes", s.statusNotes());
    if (s.justification().isPresent()) {
      g.writeStringField("justification", s.justification().get().value());
    }
    string(g, "impact_statement", s.impactStatement());
    string(g, "action_statement", s.actionStatement());
    time(g, "action_statement_timestamp", s.actionStatementTimestamp());
    unknown(g, s.unknownFields());
    g.writeEndObject();
  }

  private static void vulnerability(Vulnerability v, JsonGenerator g) throws IOException {
    g.writeStartObject();
    string(g, "@id", v.id());
    if (v.hasName()) {
      g.writeStringField("name", v.name());
    }
    string(g, "description", v.description());
    if (!v.aliases().isEmpty()) {
      g.writeArrayFieldStart("aliases");
      for (String a : v.aliases()) {
        g.writeString(a);
      }
      g.writeEndArray();
    }
    unknown(g, v.unknownFields());
    g.writeEndObject();
  }

  private static void product(Product p, JsonGenerator g) throws IOException {
    g.writeStartObject();
    componentFields(p.component(), g);
    if (!p.subcomponents().isEmpty()) {
      g.writeArrayFieldStart("subcomponents");
      for (Component c : p.subcomponents()) {
        component(c, g);
      }
      g.writeEndArray();
    }
    unknown(g, p.component().unknownFields());
    g.writeEndObject();
  }

  private static void component(Component c, JsonGenerator g) throws IOException {
    g.writeStartObject();
    componentFields(c, g);
    unknown(g, c.unknownFields());
    g.writeEndObject();
  }

  private static void componentFields(Component c, JsonGenerator g) throws IOException {
    string(g, "@id", c.id());
    map(g, "identifiers", c.identifiers());
    map(g, "hashes", c.hashes());
  }

  private static void map(JsonGenerator g, String name, Map<String, String> map)
      throws IOException {
    if (map.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart(name);
    for (Map.Entry<String, String> e : map.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void string(JsonGenerator g, String name, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeStringField(name, value.get());
    }
  }

  private static void time(JsonGenerator g, String name, Optional<Instant> value)
      throws IOException {
    if (value.isPresent()) {
      Instant t = value.get();
      if (t.isBefore(MIN_TIME) || t.isAfter(MAX_TIME)) {
        throw new VexException(
            "cannot write " + name + " " + t + ": RFC 3339 needs a year from 0000 to 9999");
      }
      g.writeStringField(name, t.toString());
    }
  }

  private static void unknown(JsonGenerator g, Map<String, String> fields) throws IOException {
    for (Map.Entry<String, String> e : fields.entrySet()) {
      g.writeFieldName(e.getKey());
      raw(g, e.getKey(), e.getValue());
    }
  }

  /** Re-emits one unknown field's JSON text through {@code g}, so it is indented like the rest. */
  private static void raw(JsonGenerator g, String name, String json) throws IOException {
    try (JsonParser p = Json.factory().createParser(json)) {
      if (p.nextToken() == null) {
        throw new VexException("cannot write unknown field '" + name + "': its JSON text is empty");
      }
      Json.copyValue(p, g);
      if (p.nextToken() != null) {
        throw new VexException(
            "cannot write unknown field '" + name + "': its text holds more than one JSON value");
      }
    } catch (JsonProcessingException e) {
      throw new VexException(
          "cannot write unknown field '"
              + name
              + "': its text is not valid JSON ("
              + e.getOriginalMessage()
              + ")",
          e);
    }
  }

  /**
   * Statement-level subcomponents as compact JSON, for a statement that has no product to move them
   * into: each element as a string when it was written as one, else as an object.
   */
  static String compactComponents(List<Component> components, List<Boolean> wasString) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = Json.factory().createGenerator(w)) {
      g.writeStartArray();
      for (int i = 0; i < components.size(); i++) {
        Component c = components.get(i);
        if (wasString.get(i) && c.id().isPresent()) {
          g.writeString(c.id().get());
        } else {
          component(c, g);
        }
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw Failures.writing("JSON", e);
    }
    return w.toString();
  }
}
