package dev.waterline.vex.policy.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.waterline.vex.UnreadableInputException;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.io.Failures;
import dev.waterline.vex.policy.InputParseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * vex-policy's reading of JSON through the project's one JSON layer ({@link
 * dev.waterline.vex.internal.json.Json}: duplicate keys refused, nesting, string, name and number
 * limits, UTF-8 only), with its failures as {@link InputParseException}s, and typed accessors that
 * fail with the JSON pointer of the offending value. Pointers are only built when something is
 * wrong.
 */
public final class Json {
  /** Longest number accepted, in characters (the one JSON layer's limit). */
  static final int MAX_NUMBER_LENGTH = dev.waterline.vex.internal.json.Json.MAX_NUMBER_LENGTH;

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
    return parse(bytes, what, Set.of());
  }

  /**
   * Parses bytes into a tree without building the values of members named in {@code skip} (at any
   * depth; they are still checked, duplicate keys included), or fails with {@link
   * InputParseException.Kind#SYNTAX}.
   */
  public static JsonNode parse(byte[] bytes, String what, Set<String> skip) {
    JsonParser parser;
    try {
      parser = dev.waterline.vex.internal.json.Json.parser(bytes);
    } catch (VexParseException e) {
      throw syntax(e, what);
    }
    try {
      return read(parser, what, skip);
    } catch (UnreadableInputException e) {
      // Bytes in memory fail only as bytes that are not JSON text (e.g. a bad encoding).
      throw new InputParseException(
          InputParseException.Kind.SYNTAX,
          what,
          null,
          "",
          0,
          0,
          String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
    }
  }

  /**
   * Parses a stream (not closed; at most as much is held as the tree needs) into a tree, skipping
   * the members in {@code skip} as {@link #parse(byte[], String, Set)} does.
   *
   * @param source the file the stream reads, for an I/O failure's message
   * @throws InputParseException when the content is not well-formed JSON
   * @throws UnreadableInputException when reading the stream fails (a bounded stream's own limit
   *     failure passes through unchanged)
   */
  public static JsonNode parse(InputStream in, String source, String what, Set<String> skip) {
    JsonParser parser;
    try {
      parser = dev.waterline.vex.internal.json.Json.parser(in);
    } catch (VexParseException e) {
      throw syntax(e, what);
    } catch (UnreadableInputException e) {
      throw ioError(source, e);
    }
    try {
      return read(parser, what, skip);
    } catch (UnreadableInputException e) {
      throw ioError(source, e);
    }
  }

  private static JsonNode read(JsonParser parser, String what, Set<String> skip) {
    try (JsonParser p = parser) {
      if (p.nextToken() == null) {
        JsonLocation loc = p.currentLocation();
        throw new InputParseException(
            InputParseException.Kind.SYNTAX,
            what,
            null,
            "",
            Math.max(0, loc.getLineNr()),
            Math.max(0, loc.getColumnNr()),
            "the input holds no JSON value");
      }
      JsonNode node = TreeReader.read(p, skip);
      if (p.nextToken() != null) {
        JsonLocation loc = p.currentTokenLocation();
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
    } catch (IOException e) {
      RuntimeException t = dev.waterline.vex.internal.json.Json.syntaxError(parser, e);
      if (t instanceof VexParseException) {
        throw syntax((VexParseException) t, what);
      }
      throw t;
    }
  }

  /** The one JSON layer's syntax error (duplicate key, limit, malformed) as ours. */
  public static InputParseException syntax(VexParseException e, String what) {
    InputParseException ours =
        new InputParseException(
            InputParseException.Kind.SYNTAX,
            what,
            null,
            e.pointer(),
            Math.max(0, e.line()),
            Math.max(0, e.column()),
            e.detail());
    ours.initCause(e);
    return ours;
  }

  private static UnreadableInputException ioError(String source, UnreadableInputException e) {
    if (e.reason() != UnreadableInputException.Reason.IO_ERROR
        || !e.source().equals(Failures.JSON_INPUT)) {
      return e; // the bounded stream's own failure, which names its source already
    }
    Throwable cause = e.getCause();
    return new UnreadableInputException(
        UnreadableInputException.Reason.IO_ERROR,
        source,
        -1,
        "cannot read " + source + ": " + (cause != null ? cause.getMessage() : e.getMessage()),
        e);
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
