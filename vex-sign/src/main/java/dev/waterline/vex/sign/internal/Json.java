package dev.waterline.vex.sign.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.VexException;
import dev.waterline.vex.VexParseException;

/**
 * vex-sign's view of the one JSON layer ({@link dev.waterline.vex.internal.json.Json}): the same
 * limits and duplicate-key refusal as every other input, and output that is compact, keeps
 * insertion order and escapes every non-ASCII character as <code>&#92;uXXXX</code>, so signed bytes
 * are the same whoever counts them.
 */
public final class Json {
  private Json() {}

  /** A new empty object node. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Compact ASCII-only UTF-8 bytes of a tree, in the tree's field order. */
  public static byte[] write(JsonNode node) {
    return dev.waterline.vex.internal.json.Json.writeAscii(node);
  }

  /**
   * Parses UTF-8 JSON bytes.
   *
   * @param what what the bytes are, for the message
   * @throws VexException when they are not one JSON value
   */
  public static JsonNode read(byte[] json, String what) {
    try {
      return dev.waterline.vex.internal.json.Json.readTree(json);
    } catch (VexParseException e) {
      throw new VexException(
          "expected JSON in "
              + what
              + " but "
              + e.detail()
              + (e.pointer().isEmpty() ? "" : " at " + e.pointer())
              + (e.line() > 0 ? " (line " + e.line() + ", column " + e.column() + ")" : ""),
          e);
    }
  }
}
