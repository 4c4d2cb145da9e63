package dev.waterline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The CLI's view of the one JSON layer ({@link dev.waterline.vex.internal.json.Json}): reports on
 * stdout in the house style (two-space indent, {@code "key": value}, {@code \n} line ends on every
 * platform), and trees of input with the same limits and duplicate-key refusal as everywhere else.
 */
final class Json {
  private Json() {}

  /** A new empty object. */
  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Parses JSON bytes (input: the one layer's limits apply, duplicate keys are refused).
   *
   * @throws dev.waterline.vex.VexParseException when they are not one JSON value
   */
  static JsonNode tree(byte[] json) {
    return dev.waterline.vex.internal.json.Json.readTree(json);
  }

  /** Parses JSON text that Waterline itself wrote. */
  static JsonNode parse(String json) {
    return tree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Prints a report as indented JSON with a final newline. */
  static void print(Context ctx, JsonNode node) {
    ctx.exactOut().print(dev.waterline.vex.internal.json.Json.prettyString(node));
    ctx.exactOut().flush();
  }
}
