package dev.waterline.vex.sign.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.VexException;
import java.io.IOException;

/**
 * The one JSON mapper of vex-sign. Output is compact, keeps insertion order and escapes every
 * non-ASCII character as <code>&#92;uXXXX</code>, so signed bytes are the same whoever counts them.
 */
public final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
          .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .build();

  private Json() {}

  /** A new empty object node. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Compact ASCII-only UTF-8 bytes of a tree, in the tree's field order. */
  public static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new VexException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Parses UTF-8 JSON bytes.
   *
   * @param what what the bytes are, for the message
   * @throws VexException when they are not one JSON value
   */
  public static JsonNode read(byte[] json, String what) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new VexException("expected JSON in " + what + " but it is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new VexException(
          "expected JSON in "
              + what
              + " but "
              + e.getOriginalMessage()
              + (e.getLocation() != null
                  ? " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                  : ""));
    } catch (IOException e) {
      throw new VexException("cannot read JSON in " + what + ": " + e.getMessage(), e);
    }
  }
}
