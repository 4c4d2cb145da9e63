package dev.waterline.vex.policy.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;

/**
 * Builds a Jackson tree from a parser of the one JSON layer, skipping (without building) the values
 * of members whose name is in a skip set, at any depth. Skipped values are still parsed by the
 * parser, so they are checked like the rest (duplicate keys, limits). Scanner reports are mostly
 * descriptions, CVSS vectors, match details and package metadata that triage never reads; not
 * building them keeps reading a report cheaper than Jackson's own full tree parse.
 */
final class TreeReader {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TreeReader() {}

  /** Reads the value at the parser's current token. */
  static JsonNode read(JsonParser p, Set<String> skip) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        return object(p, skip);
      case START_ARRAY:
        return array(p, skip);
      default:
        return scalar(p, t);
    }
  }

  private static ObjectNode object(JsonParser p, Set<String> skip) throws IOException {
    ObjectNode node = NODES.objectNode();
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      if (skip.contains(name)) {
        p.skipChildren();
        continue;
      }
      JsonNode value;
      if (t == JsonToken.START_OBJECT) {
        value = object(p, skip);
      } else if (t == JsonToken.START_ARRAY) {
        value = array(p, skip);
      } else {
        value = scalar(p, t);
      }
      node.set(name, value);
    }
    return node;
  }

  private static ArrayNode array(JsonParser p, Set<String> skip) throws IOException {
    ArrayNode node = NODES.arrayNode();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new JsonParseException(p, "unexpected end of input: the JSON is truncated");
      }
      if (t == JsonToken.START_OBJECT) {
        node.add(object(p, skip));
      } else if (t == JsonToken.START_ARRAY) {
        node.add(array(p, skip));
      } else {
        node.add(scalar(p, t));
      }
    }
    return node;
  }

  private static JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return NODES.numberNode(p.getIntValue());
          case LONG:
            return NODES.numberNode(p.getLongValue());
          default:
            return NODES.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new JsonParseException(p, "unexpected token " + t);
    }
  }
}
