package dev.waterline.vex.formats.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.json.Rfc3339;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to a parsed JSON tree with errors that carry the JSON pointer: {@link
 * VexParseException} of kind {@code DATA}, "not a CSAF 2.0 document at /vulnerabilities/0/cve: …".
 */
final class Trees {
  private final String document;

  /** Errors name the input as {@code document}, e.g. {@code a CSAF 2.0 document}. */
  Trees(String document) {
    this.document = document;
  }

  VexParseException fail(String pointer, String detail) {
    return new VexParseException(VexParseException.Kind.DATA, document, pointer, 0, 0, detail);
  }

  static String child(String pointer, String name) {
    return pointer + "/" + escape(name);
  }

  static String child(String pointer, int index) {
    return pointer + "/" + index;
  }

  static String escape(String segment) {
    if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) {
      return segment;
    }
    return segment.replace("~", "~0").replace("/", "~1");
  }

  static String kind(@Nullable JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    if (n.isObject()) {
      return "an object";
    }
    if (n.isArray()) {
      return "an array";
    }
    if (n.isTextual()) {
      return "a string";
    }
    if (n.isNumber()) {
      return "a number";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    return "null";
  }

  /** A value in quotes, control characters replaced, never cut (for identifiers). */
  static String quoted(String s) {
    StringBuilder b = new StringBuilder("'");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7F ? '?' : c);
    }
    return b.append('\'').toString();
  }

  static String shown(String s) {
    StringBuilder b = new StringBuilder("'");
    int n = 0;
    for (int i = 0; i < s.length() && n < 80; i++, n++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7F ? '?' : c);
    }
    if (s.length() > 80) {
      b.append('…');
    }
    return b.append('\'').toString();
  }

  /** The object itself; fails unless it is one. */
  JsonNode object(JsonNode n, String pointer) {
    if (!n.isObject()) {
      throw fail(pointer, "expected an object but found " + kind(n));
    }
    return n;
  }

  /** An optional member that must be an object when present (null counts as absent). */
  @Nullable JsonNode optObject(JsonNode parent, String name, String pointer) {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw fail(child(pointer, name), "expected an object but found " + kind(n));
    }
    return n;
  }

  /** A required member that must be an object. */
  JsonNode reqObject(JsonNode parent, String name, String pointer) {
    JsonNode n = optObject(parent, name, pointer);
    if (n == null) {
      throw fail(pointer, "missing required field '" + name + "'");
    }
    return n;
  }

  /** An optional member that must be an array when present; empty when absent or null. */
  List<JsonNode> array(JsonNode parent, String name, String pointer) {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw fail(child(pointer, name), "expected an array but found " + kind(n));
    }
    List<JsonNode> out = new ArrayList<>(n.size());
    n.elements().forEachRemaining(out::add);
    return out;
  }

  /** An optional string member; empty strings and null count as absent. */
  @Nullable String optText(JsonNode parent, String name, String pointer) {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw fail(child(pointer, name), "expected a string but found " + kind(n));
    }
    String s = n.textValue();
    return s.isEmpty() ? null : s;
  }

  /** A required non-empty string member. */
  String reqText(JsonNode parent, String name, String pointer) {
    String s = optText(parent, name, pointer);
    if (s == null) {
      throw fail(pointer, "missing required field '" + name + "'");
    }
    return s;
  }

  /** A string array element. */
  String textAt(JsonNode n, String pointer) {
    if (!n.isTextual() || n.textValue().isEmpty()) {
      throw fail(pointer, "expected a non-empty string but found " + kind(n));
    }
    return n.textValue();
  }

  /** An optional RFC 3339 date-time member. */
  @Nullable Instant optTime(JsonNode parent, String name, String pointer) {
    String s = optText(parent, name, pointer);
    if (s == null) {
      return null;
    }
    Instant t = time(s);
    if (t == null) {
      throw fail(child(pointer, name), "expected an RFC 3339 date-time but was " + shown(s));
    }
    return t;
  }

  /** An RFC 3339 date-time (any offset, fraction optional) as an instant, or null. */
  static @Nullable Instant time(String s) {
    Instant fast = Rfc3339.parse(s);
    if (fast != null) {
      return fast;
    }
    // What the strict parser refuses but ISO-8601 allows (e.g. no seconds): the JDK's parser.
    try {
      return OffsetDateTime.parse(
              s.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The names of the members of an object, in input order. */
  static List<String> names(@Nullable JsonNode n) {
    if (n == null || !n.isObject()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(n.size());
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return Collections.unmodifiableList(out);
  }

  /** The members of {@code n} that are not in {@code known}, in input order. */
  static List<String> others(@Nullable JsonNode n, Map<String, ?> known) {
    List<String> out = new ArrayList<>();
    for (String name : names(n)) {
      if (!known.containsKey(name)) {
        out.add(name);
      }
    }
    return out;
  }
}
