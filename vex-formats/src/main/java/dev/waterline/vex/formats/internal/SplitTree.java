package dev.waterline.vex.formats.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.internal.io.Failures;
import dev.waterline.vex.internal.json.Json;
import java.io.IOException;
import java.util.function.ObjIntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A JSON document read as a tree except for one large top-level array, whose elements are read and
 * handed over one at a time.
 *
 * <p>The dialect readers need the whole document except its {@code vulnerabilities} at once (the
 * product tree, the components, the metadata), but each vulnerability on its own. Holding one tree
 * of the whole input costs as much memory again as the input, and a collector that keeps copying a
 * growing tree: reading 50,000 CycloneDX vulnerabilities spent more time collecting than parsing.
 * So the input is read twice: first as a tree without the array's elements (the parser still reads
 * them, so every syntax error, duplicate key and limit is reported as for {@link
 * Json#readTree(byte[])}), then once more for the array alone, an element at a time.
 */
final class SplitTree {
  private final JsonNode root;
  private final byte @Nullable [] streamed;
  private final String member;

  private SplitTree(JsonNode root, byte @Nullable [] streamed, String member) {
    this.root = root;
    this.streamed = streamed;
    this.member = member;
  }

  /**
   * Reads {@code bytes}; the top-level member {@code member}, when it is an array, is left out of
   * {@link #root()} (an empty array stands in its place) and read by {@link #forEach}.
   *
   * @throws dev.waterline.vex.VexParseException when the bytes are not one well-formed JSON value
   */
  static SplitTree read(byte[] bytes, String member) {
    try (JsonParser p = Json.parser(bytes)) {
      JsonToken first;
      try {
        first = p.nextToken();
      } catch (IOException e) {
        throw Json.syntaxError(p, e);
      }
      if (first != JsonToken.START_OBJECT) {
        // Not an object: the whole-tree reader reports what it is (or what is wrong with it).
        return new SplitTree(Json.readTree(bytes), null, member);
      }
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      boolean split = false;
      try {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if (name.equals(member) && value == JsonToken.START_ARRAY) {
            p.skipChildren();
            root.set(name, JsonNodeFactory.instance.arrayNode());
            split = true;
          } else {
            root.set(name, Json.readValue(p));
          }
        }
      } catch (IOException e) {
        throw Json.syntaxError(p, e);
      }
      Json.requireEnd(p);
      return new SplitTree(root, split ? bytes : null, member);
    } catch (IOException e) {
      throw Failures.reading(Failures.JSON_INPUT, e);
    }
  }

  /** The document, with an empty array in place of the member read element by element. */
  JsonNode root() {
    return root;
  }

  /**
   * Hands each element of the member's array, with its index, to {@code each}, in order; nothing
   * when the member is absent or not an array (then {@link #root()} holds it as it is).
   */
  void forEach(ObjIntConsumer<JsonNode> each) {
    if (streamed == null) {
      return;
    }
    try (JsonParser p = Json.parser(streamed)) {
      // read() has checked the whole input for duplicate keys already
      p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      try {
        p.nextToken();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (!name.equals(member)) {
            p.skipChildren();
            continue;
          }
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            each.accept(Json.readValue(p), i++);
          }
          return;
        }
      } catch (IOException e) {
        throw Json.syntaxError(p, e);
      }
    } catch (IOException e) {
      throw Failures.reading(Failures.JSON_INPUT, e);
    }
  }
}
