package dev.waterline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The CLI's one JSON mapper, for machine-readable reports on stdout. */
final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private Json() {}

  /** A new empty object. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses JSON text that Waterline itself wrote. */
  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Waterline wrote JSON it cannot read back", e);
    }
  }

  /** Prints a report as indented JSON with a final newline. */
  static void print(Context ctx, JsonNode node) {
    try {
      ctx.out().print(MAPPER.writeValueAsString(node).replace("\r\n", "\n"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON report", e);
    }
    ctx.out().print('\n');
    ctx.out().flush();
  }
}
