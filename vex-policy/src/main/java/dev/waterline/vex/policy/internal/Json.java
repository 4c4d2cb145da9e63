package dev.waterline.vex.policy.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.waterline.vex.policy.InputParseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one JSON configuration of vex-policy, and typed accessors that fail with the JSON pointer of
 * the offending value. Pointers are only built when something is wrong.
 */
public final class Json {
  /** Deepest nesting accepted; real reports stay well below 30. */
  static final int MAX_DEPTH = 200;

  /** Longest number accepted, in characters. */
  static final int MAX_NUMBER_LENGTH = 100;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxNumberLength(MAX_NUMBER_LENGTH)
                          .build())
                  .build())
          .build();

  private final String what;

  /** Accessors for a document of the given kind (used in messages). */
  public Json(String what) {
    this.what = what;
  }

  /** The kind of document, e.g. {@code Grype JSON report}. */
  public String what() {
    return what;
  }

  /** Parses bytes into a tree, or fails with {@link InputParseException.Kind#SYNTAX}. */
  public static JsonNode parse(byte[] bytes, String what) {
    return parse(bytes, what, java.util.Set.of());
  }

  /**
   * Parses bytes into a tree without building the values of members named in {@code skip} (at any
   * depth), or fails with {@link InputParseException.Kind#SYNTAX}.
   */
  public static JsonNode parse(byte[] bytes, String what, java.util.Set<String> skip) {
    if (bytes.length == 0) {
      throw new InputParseException(
          InputParseException.Kind.SYNTAX, what, null, "", 0, 0, "the input is empty");
    }
    try {
      try (JsonParser parser = MAPPER.createParser(bytes)) {
        if (parser.nextToken() == null) {
          throw new InputParseException(
              InputParseException.Kind.SYNTAX,
              what,
              null,
              "",
              0,
              0,
              "the input holds no JSON value");
        }
        JsonNode node = TreeReader.read(parser, skip);
        if (parser.nextToken() != null) {
          JsonLocation loc = parser.currentTokenLocation();
          throw new InputParseException(
              InputParseException.Kind.SYNTAX,
              what,
              null,
              "",
              Math.max(0, loc.getLineNr()),
              Math.max(0, loc.getColumnNr()),
              "unexpected content after the JSON value");
        }
        return node;
      }
    } catch (StreamConstraintsException e) {
      JsonLocation loc = e.getLocation();
      throw new InputParseException(
          InputParseException.Kind.SYNTAX,
          what,
          null,
          "",
          loc == null ? 0 : Math.max(0, loc.getLineNr()),
          loc == null ? 0 : Math.max(0, loc.getColumnNr()),
          limitMessage(e));
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      throw new InputParseException(
          InputParseException.Kind.SYNTAX,
          what,
          null,
          "",
          loc == null ? 0 : Math.max(0, loc.getLineNr()),
          loc == null ? 0 : Math.max(0, loc.getColumnNr()),
          e.getOriginalMessage());
    } catch (IOException e) {
      throw new InputParseException(
          InputParseException.Kind.SYNTAX, what, null, "", 0, 0, String.valueOf(e.getMessage()));
    }
  }

  private static String limitMessage(StreamConstraintsException e) {
    String m = String.valueOf(e.getOriginalMessage());
    String lower = m.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("nesting depth")) {
      return "nested deeper than " + MAX_DEPTH + " levels";
    }
    if (lower.contains("number value length")) {
      return "a number longer than " + MAX_NUMBER_LENGTH + " characters";
    }
    return m;
  }

  /** A data error at the pointer. */
  public InputParseException error(String pointer, String detail) {
    return new InputParseException(
        InputParseException.Kind.DATA, what, null, pointer, 0, 0, detail);
  }

  /** The pointer of a member of the object at {@code parent}. */
  public static String child(String parent, String field) {
    return parent + "/" + field.replace("~", "~0").replace("/", "~1");
  }

  /** The pointer of an element of the array at {@code parent}. */
  public static String child(String parent, int index) {
    return parent + "/" + index;
  }

  /** The JSON word for a node's type. */
  public static String typeName(JsonNode node) {
    return typeName(node.getNodeType());
  }

  private static String typeName(JsonNodeType t) {
    switch (t) {
      case OBJECT:
        return "an object";
      case ARRAY:
        return "an array";
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      default:
        return t.toString().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Fails unless the node is an object. */
  public JsonNode object(JsonNode node, String pointer) {
    if (!node.isObject()) {
      throw error(pointer, "expected an object but found " + typeName(node));
    }
    return node;
  }

  /** The member if it is an object; null when absent or null; fails on another type. */
  public @Nullable JsonNode optObject(JsonNode parent, String field, String pointer) {
    return optOfType(parent, field, pointer, JsonNodeType.OBJECT);
  }

  /** The member if it is an array; null when absent or null; fails on another type. */
  public @Nullable JsonNode optArray(JsonNode parent, String field, String pointer) {
    return optOfType(parent, field, pointer, JsonNodeType.ARRAY);
  }

  /** The member if it has {@code type}; null when absent or null; fails on another type. */
  private @Nullable JsonNode optOfType(
      JsonNode parent, String field, String pointer, JsonNodeType type) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.getNodeType() != type) {
      throw error(
          child(pointer, field), "expected " + typeName(type) + " but found " + typeName(v));
    }
    return v;
  }

  /** The member, which must be an array. */
  public JsonNode reqArray(JsonNode parent, String field, String pointer) {
    JsonNode v = optArray(parent, field, pointer);
    if (v == null) {
      throw error(pointer, "missing required array '" + field + "'");
    }
    return v;
  }

  /** The member if it is a string; null when absent or null; fails on another type. */
  public @Nullable String optText(JsonNode parent, String field, String pointer) {
    JsonNode v = optOfType(parent, field, pointer, JsonNodeType.STRING);
    return v == null ? null : v.textValue();
  }

  /** The member, which must be a non-empty string. */
  public String reqText(JsonNode parent, String field, String pointer) {
    String v = optText(parent, field, pointer);
    if (v == null) {
      throw error(pointer, "missing required string '" + field + "'");
    }
    if (v.isEmpty()) {
      throw error(child(pointer, field), "expected a non-empty string");
    }
    return v;
  }

  /** The strings of an array member (absent or null: empty); fails on other element types. */
  public List<String> textList(JsonNode parent, String field, String pointer) {
    JsonNode a = optArray(parent, field, pointer);
    if (a == null || a.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      JsonNode v = a.get(i);
      if (!v.isTextual()) {
        throw error(child(child(pointer, field), i), "expected a string but found " + typeName(v));
      }
      out.add(v.textValue());
    }
    return out;
  }

  /**
   * The member as a finite number; null when absent or null. Strings holding a number are accepted
   * (SARIF's {@code security-severity} is a string).
   */
  public @Nullable Double optNumber(JsonNode parent, String field, String pointer) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    double d;
    if (v.isNumber()) {
      d = v.doubleValue();
    } else if (v.isTextual()) {
      try {
        d = Double.parseDouble(v.textValue().trim());
      } catch (NumberFormatException e) {
        throw error(
            child(pointer, field),
            "expected a number but found the string '" + clip(v.textValue()) + "'");
      }
    } else {
      throw error(child(pointer, field), "expected a number but found " + typeName(v));
    }
    if (!Double.isFinite(d)) {
      throw error(child(pointer, field), "expected a finite number but found " + clip(v.asText()));
    }
    return d;
  }

  /** A value for a message, cut to 80 characters. */
  public static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
