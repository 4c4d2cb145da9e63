package dev.waterline.vex.formats.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.waterline.vex.internal.io.Failures;
import dev.waterline.vex.internal.json.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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
 * So the elements are handed over one at a time as the parser reaches them, once the members read
 * before them are there (one pass); when one of those comes after the array, the input is read
 * twice: first as a tree without the array's elements (the parser still reads them, so every syntax
 * error, duplicate key and limit is reported as for {@link Json#readTree(byte[])}), then once more
 * for the array alone.
 */
final class SplitTree {
  private final JsonNode root;
  private final byte @Nullable [] streamed;
  private final String member;
  private boolean streamedInline;

  private SplitTree(JsonNode root, byte @Nullable [] streamed, String member) {
    this.root = root;
    this.streamed = streamed;
    this.member = member;
  }

  /**
   * Reads {@code bytes} and hands over the document and the elements of its top-level array {@code
   * member}: {@code prepare} gets the document (with an empty array in place of {@code member},
   * when that is an array) once, then {@code each} gets each element of the array with its index,
   * in order (none when the member is absent or not an array).
   *
   * <p>When every member named in {@code before} comes before the array in the input (the members
   * {@code prepare} reads), this is one pass: {@code prepare} gets the document as read so far and
   * the elements are handed over as the parser reaches them. Otherwise the rest of the document is
   * read first, then the array once more ({@link #forEach}). Either way the caller sees the same
   * failures in the same order as with a whole read first: a failure of {@code prepare} or {@code
   * each} is held until the rest of the input has been parsed, and a syntax error, duplicate key or
   * limit anywhere in the input is thrown in its place.
   *
   * @return the document, with every member (and an empty array in place of {@code member})
   * @throws dev.waterline.vex.VexParseException when the bytes are not one well-formed JSON value
   */
  static JsonNode read(
      byte[] bytes,
      String member,
      Set<String> before,
      Consumer<JsonNode> prepare,
      ObjIntConsumer<JsonNode> each) {
    return read(bytes, member, before, Inner.NONE, prepare, each);
  }

  /**
   * Arrays inside one other top-level object member whose elements are handed over as the parser
   * reaches them, each as a tree of its own, with an empty array left in their place: the CSAF
   * product tree's products, read while they are still in the processor's cache rather than walked
   * later as a tree of half the input that has long left it.
   *
   * @param outer the top-level member (read this way only when it is an object)
   * @param arrays the members of {@code outer} read element by element (when they are arrays)
   * @param each gets the array's name, the element and its index; a failure is held as one of
   *     {@code each} of {@link #read} is, and no element is handed over after it
   */
  record Inner(String outer, Set<String> arrays, ElementConsumer each) {
    static final Inner NONE = new Inner("", Set.of(), (array, element, index) -> {});
  }

  /** Takes an element of an {@link Inner} array. */
  @FunctionalInterface
  interface ElementConsumer {
    void accept(String array, JsonNode element, int index);
  }

  /**
   * As {@link #read(byte[], String, Set, Consumer, ObjIntConsumer)}, with the elements of {@code
   * inner}'s arrays handed to it as they are parsed ({@code prepare} sees an empty array in their
   * place, and comes after the last of them when {@code before} names {@code inner}'s member or the
   * input is read twice). A failure of {@code inner} is held and thrown as the first failure;
   * {@code prepare} and {@code each} are then not called.
   */
  static JsonNode read(
      byte[] bytes,
      String member,
      Set<String> before,
      Inner inner,
      Consumer<JsonNode> prepare,
      ObjIntConsumer<JsonNode> each) {
    SplitTree split = parse(bytes, member, before, inner, prepare, each);
    if (!split.streamedInline) {
      prepare.accept(split.root);
      split.forEach(each);
    }
    return split.root;
  }

  private static SplitTree parse(
      byte[] bytes,
      String member,
      Set<String> before,
      Inner inner,
      Consumer<JsonNode> prepare,
      ObjIntConsumer<JsonNode> each) {
    try (JsonParser p = Json.parser(bytes)) {
      // Duplicate names are refused here (DuplicateName), more cheaply than the parser's own
      // detector, which makes an object (and a hash set past two names) for every object read.
      p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
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
      boolean inline = false;
      RuntimeException held = null;
      try {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          if (root.has(name)) {
            throw new DuplicateName(p, name);
          }
          JsonToken value = p.nextToken();
          if (name.equals(member) && value == JsonToken.START_ARRAY) {
            root.set(name, JsonNodeFactory.instance.arrayNode());
            if (held != null) {
              skip(p);
            } else if (hasAll(root, before)) {
              inline = true;
              held = inline(p, root, prepare, each);
            } else {
              skip(p);
              split = true;
            }
          } else if (name.equals(inner.outer()) && value == JsonToken.START_OBJECT) {
            RuntimeException[] failed = {held};
            root.set(name, outer(p, inner, failed));
            held = failed[0];
          } else {
            root.set(name, value(p));
          }
        }
      } catch (DuplicateName e) {
        throw strictly(bytes, p, e);
      } catch (IOException e) {
        throw Json.syntaxError(p, e);
      }
      Json.requireEnd(p);
      if (held != null) {
        throw held;
      }
      SplitTree out = new SplitTree(root, split ? bytes : null, member);
      out.streamedInline = inline;
      return out;
    } catch (IOException e) {
      throw Failures.reading(Failures.JSON_INPUT, e);
    }
  }

  /**
   * The {@link Inner} member, the parser on its opening brace: its arrays' elements handed over,
   * the rest read as a tree. {@code held[0]} is the failure held so far, and gets the first one.
   */
  private static ObjectNode outer(JsonParser p, Inner inner, @Nullable RuntimeException[] held)
      throws IOException {
    Map<String, JsonNode> members = new LinkedHashMap<>();
    while (next(p) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      if (members.containsKey(name)) {
        throw new DuplicateName(p, name);
      }
      JsonToken value = p.nextToken();
      if (!inner.arrays().contains(name) || value != JsonToken.START_ARRAY) {
        members.put(name, value(p));
        continue;
      }
      members.put(name, JsonNodeFactory.instance.arrayNode());
      int i = 0;
      while (next(p) != JsonToken.END_ARRAY) {
        if (held[0] != null) {
          skip(p);
          continue;
        }
        JsonNode element = value(p);
        try {
          inner.each().accept(name, element, i++);
        } catch (RuntimeException e) {
          held[0] = e;
        }
      }
    }
    return new ObjectNode(JsonNodeFactory.instance, members);
  }

  private static boolean hasAll(ObjectNode root, Set<String> names) {
    for (String n : names) {
      if (!root.has(n)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The array's elements, the parser on its first token: each parsed and handed to {@code each}
   * until a failure of {@code prepare} or {@code each}, which is returned (held) while the rest is
   * still parsed.
   */
  private static @Nullable RuntimeException inline(
      JsonParser p, ObjectNode root, Consumer<JsonNode> prepare, ObjIntConsumer<JsonNode> each)
      throws IOException {
    RuntimeException held = null;
    try {
      prepare.accept(root);
    } catch (RuntimeException e) {
      held = e;
    }
    int i = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (held != null) {
        skip(p);
        continue;
      }
      JsonNode element = value(p);
      try {
        each.accept(element, i++);
      } catch (RuntimeException e) {
        held = e;
      }
    }
    return held;
  }

  /**
   * The value at the parser's current token as a tree, leaving the parser on its last token: what
   * {@link Json#readValue} gives, but with small objects in a {@link FieldMap}. The parser enforces
   * the limits (nesting, lengths) and refuses duplicate keys, as for {@link Json#readTree(byte[])}.
   */
  private static JsonNode value(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token == null) {
      throw new JsonEOFException(p, null, "Unexpected end-of-input");
    }
    switch (token) {
      case START_OBJECT:
        return object(p);
      case START_ARRAY:
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        while (next(p) != JsonToken.END_ARRAY) {
          array.add(value(p));
        }
        return array;
      case VALUE_STRING:
        return TextNode.valueOf(p.getText());
      case VALUE_TRUE:
        return BooleanNode.TRUE;
      case VALUE_FALSE:
        return BooleanNode.FALSE;
      case VALUE_NULL:
        return NullNode.getInstance();
      default:
        // numbers (and anything else) exactly as the one JSON layer reads them
        return Json.readValue(p);
    }
  }

  /**
   * An object: up to {@value FieldMap#MAX} members in a {@link FieldMap}, more in a linked hash map
   * (the parser has refused a name given twice).
   */
  private static ObjectNode object(JsonParser p) throws IOException {
    String[] names = new String[FieldMap.MAX];
    JsonNode[] values = new JsonNode[FieldMap.MAX];
    int n = 0;
    while (next(p) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      for (int i = 0; i < n; i++) {
        if (names[i].equals(name)) {
          throw new DuplicateName(p, name);
        }
      }
      p.nextToken();
      JsonNode value = value(p);
      if (n == FieldMap.MAX) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          members.put(names[i], values[i]);
        }
        members.put(name, value);
        while (next(p) == JsonToken.FIELD_NAME) {
          String more = p.currentName();
          if (members.containsKey(more)) {
            throw new DuplicateName(p, more);
          }
          p.nextToken();
          members.put(more, value(p));
        }
        return new ObjectNode(JsonNodeFactory.instance, members);
      }
      names[n] = name;
      values[n] = value;
      n++;
    }
    return new ObjectNode(JsonNodeFactory.instance, new FieldMap(names, values, n));
  }

  /**
   * Skips the value at the parser's current token, leaving the parser on its last token, as {@link
   * JsonParser#skipChildren()} does but refusing duplicate names (the parser does not: see {@link
   * #parse}).
   */
  private static void skip(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.START_ARRAY) {
      while (next(p) != JsonToken.END_ARRAY) {
        skip(p);
      }
    } else if (token == JsonToken.START_OBJECT) {
      Distinct<String> names = new Distinct<>();
      while (next(p) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (!names.add(name)) {
          throw new DuplicateName(p, name);
        }
        next(p);
        skip(p);
      }
    }
  }

  /**
   * A name given twice in one object, found by this class rather than by the parser (whose own
   * detector is off: see {@link #parse}).
   */
  private static final class DuplicateName extends JsonParseException {
    private static final long serialVersionUID = 1L;

    DuplicateName(JsonParser p, String name) {
      super(p, "Duplicate field '" + name + "'");
    }
  }

  /**
   * The failure for a duplicate name, exactly as the one JSON layer's strict parser reports it
   * (where it stopped, in the same words): the input is read once more that way, which fails at the
   * same name, as nothing before it failed. Only when, against that, it does not fail is the
   * failure made here.
   */
  private static RuntimeException strictly(byte[] bytes, JsonParser p, DuplicateName e) {
    try {
      Json.readTree(bytes);
    } catch (RuntimeException strict) {
      return strict;
    }
    return Json.syntaxError(p, e);
  }

  private static JsonToken next(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new JsonEOFException(p, null, "Unexpected end-of-input");
    }
    return t;
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
            each.accept(value(p), i++);
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
