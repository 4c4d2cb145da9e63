package dev.waterline.vex.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.waterline.vex.VexException;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.io.Failures;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one JSON layer of Waterline: the single place in the whole project that configures Jackson.
 * Every module reads and writes JSON through the {@link JsonFactory} and {@link ObjectMapper}s
 * built here (vex-sign, vex-attach, vex-policy, vex-formats and the CLI reach this package through
 * a qualified export), so every JSON input has the same limits and the same strictness. Other code
 * must not create mappers or factories of its own; an architecture test enforces it.
 *
 * <p>Read rules (all reported as {@link VexParseException.Kind#SYNTAX} with a JSON pointer, line
 * and column):
 *
 * <ul>
 *   <li>UTF-8 only (a UTF-8 byte order mark is skipped; UTF-16/32 and NUL bytes are refused);
 *   <li>duplicate field names in one object are an error ({@link
 *       StreamReadFeature#STRICT_DUPLICATE_DETECTION}): last-key-wins would let a second {@code
 *       "Results": []} hide a report's findings;
 *   <li>nesting depth at most {@value #MAX_NESTING_DEPTH};
 *   <li>string values up to {@code waterline.json.maxStringLength} characters (system property,
 *       read once; default {@value #DEFAULT_MAX_STRING_LENGTH}, i.e. 64 Mi);
 *   <li>field names up to {@value #MAX_NAME_LENGTH} characters, numbers up to {@value
 *       #MAX_NUMBER_LENGTH} characters;
 *   <li>exactly one value: anything after it is an error.
 * </ul>
 *
 * <p>How many bytes an input may have is decided before parsing, by the bounded reader ({@code
 * dev.waterline.vex.internal.io.Inputs}), per kind of input.
 *
 * <p>Writing: {@link #prettyPrinter()} gives the house style: 2-space indent, {@code \n} line
 * endings on every OS, {@code "name": value}, {@code []}/{@code {}} for empty containers. Nothing
 * is HTML-escaped and non-ASCII text is written as UTF-8, characters outside the Basic Multilingual
 * Plane included ({@link JsonWriteFeature#COMBINE_UNICODE_SURROGATES_IN_UTF8}); a lone surrogate is
 * written as a JSON escape (backslash, u, four hex digits).
 */
public final class Json {
  /** The deepest nesting of arrays and objects accepted on read. */
  public static final int MAX_NESTING_DEPTH = 256;

  /** The longest field name accepted on read, in characters. */
  public static final int MAX_NAME_LENGTH = 50_000;

  /** The longest number accepted on read, in characters. */
  public static final int MAX_NUMBER_LENGTH = 100;

  /** The default limit on the length of one string value, in characters. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 64 * 1024 * 1024;

  /** The system property that overrides {@link #DEFAULT_MAX_STRING_LENGTH}. */
  public static final String MAX_STRING_LENGTH_PROPERTY = "waterline.json.maxStringLength";

  private static final int MAX_STRING_LENGTH =
      Math.max(1, Integer.getInteger(MAX_STRING_LENGTH_PROPERTY, DEFAULT_MAX_STRING_LENGTH));

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING_DEPTH)
                  .maxStringLength(MAX_STRING_LENGTH)
                  .maxNameLength(MAX_NAME_LENGTH)
                  .maxNumberLength(MAX_NUMBER_LENGTH)
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .build();

  /**
   * YAML (for OpenVEX written as YAML, which go-vex reads): the same read limits and duplicate-key
   * refusal as JSON. SnakeYAML's own limits are set to match: its 3 MB default code-point limit is
   * lifted (input size is bounded by the caller), nesting stops at {@value #MAX_NESTING_DEPTH}.
   * Jackson's YAML parser does not expand aliases (it reports an alias as its anchor name); readers
   * must refuse anchors and aliases, so a billion-laughs document cannot expand.
   */
  private static final YAMLFactory YAML_FACTORY = yamlFactoryBuilt();

  private static YAMLFactory yamlFactoryBuilt() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(1);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_NESTING_DEPTH);
    options.setCodePointLimit(Integer.MAX_VALUE);
    return YAMLFactory.builder()
        .loaderOptions(options)
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
        .build();
  }

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(FACTORY).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  /**
   * For documents that are changed and written back (OCI manifests, indexes, configs):
   * floating-point numbers read as exact decimals, trailing zeroes kept, so that {@code 1.50} is
   * written back as read. Only for trees that are written back, never computed with.
   */
  private static final ObjectMapper EXACT_MAPPER =
      JsonMapper.builder(FACTORY)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          .build();

  private static final ObjectReader EXACT_TREE_READER =
      EXACT_MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Compact output, every non-ASCII character escaped: the bytes that are signed (DSSE). */
  private static final ObjectWriter ASCII_WRITER =
      MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

  private static final ObjectWriter COMPACT_WRITER = MAPPER.writer();

  /**
   * Trees from a parser positioned on the value; the trailing check is {@link Errors#requireEnd}.
   */
  private static final ObjectReader TREE_READER =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final DefaultPrettyPrinter PRETTY = new HousePrettyPrinter();

  private Json() {}

  /** The configured factory, for streaming parsers and generators. */
  public static JsonFactory factory() {
    return FACTORY;
  }

  /**
   * The configured YAML factory (read only: Waterline writes no YAML), with the limits and the
   * duplicate-key refusal of {@link #factory()}. Readers must refuse YAML anchors and aliases.
   */
  public static YAMLFactory yamlFactory() {
    return YAML_FACTORY;
  }

  /** The configured mapper (trees, and data binding where it is needed). Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The limit on one string value, in characters, in force for this JVM. */
  public static int maxStringLength() {
    return MAX_STRING_LENGTH;
  }

  /** A fresh pretty printer in the house style (pretty printers keep state per generator). */
  public static DefaultPrettyPrinter prettyPrinter() {
    return PRETTY.createInstance();
  }

  /** A UTF-8 generator writing to {@code out} in the house style; it does not close {@code out}. */
  public static JsonGenerator prettyGenerator(OutputStream out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    g.setPrettyPrinter(prettyPrinter());
    return g;
  }

  /**
   * Reads any JSON value as a tree, with the same encoding checks, limits and error reporting as
   * the OpenVEX reader.
   *
   * @throws VexParseException ({@link VexParseException.Kind#SYNTAX}) when the bytes are not one
   *     well-formed UTF-8 JSON value
   */
  public static JsonNode readTree(byte[] json) {
    int start = Utf8Check.payloadOffset(json, json.length);
    try (JsonParser p = FACTORY.createParser(json, start, json.length - start)) {
      return readTree(p);
    } catch (IOException e) {
      throw Failures.reading(Failures.JSON_INPUT, e);
    }
  }

  /**
   * Reads any JSON value as a tree from a stream (not closed); see {@link #readTree(byte[])}.
   *
   * @throws dev.waterline.vex.UnreadableInputException when reading the stream fails
   */
  public static JsonNode readTree(InputStream in) {
    try (JsonParser p = FACTORY.createParser(Utf8Check.checked(in))) {
      return readTree(p);
    } catch (IOException e) {
      throw Failures.reading(Failures.JSON_INPUT, e);
    }
  }

  /**
   * Reads a JSON file as a tree, through the bounded reader (regular files only, at most the kind's
   * limit).
   *
   * @throws dev.waterline.vex.UnreadableInputException when the file cannot be read
   * @throws VexParseException when it is not one well-formed JSON value
   */
  public static JsonNode readTree(Path file, InputKind kind) {
    return readTree(Inputs.read(file, kind));
  }

  /**
   * Reads a JSON value as a tree whose floating-point numbers are exact decimals (see {@link
   * #EXACT_MAPPER}), for documents that are written back; otherwise as {@link #readTree(byte[])}.
   */
  public static JsonNode readExactTree(byte[] json) {
    int start = Utf8Check.payloadOffset(json, json.length);
    try (JsonParser p = FACTORY.createParser(json, start, json.length - start)) {
      return readTree(p, EXACT_TREE_READER);
    } catch (IOException e) {
      throw Failures.reading(Failures.JSON_INPUT, e);
    }
  }

  /**
   * A parser over UTF-8 JSON bytes, after the encoding check, for readers that stream. Translate
   * its failures with {@link #syntaxError(JsonParser, IOException)}.
   *
   * @throws VexParseException when the bytes are empty or not UTF-8
   */
  public static JsonParser parser(byte[] json) {
    int start = Utf8Check.payloadOffset(json, json.length);
    try {
      return FACTORY.createParser(json, start, json.length - start);
    } catch (IOException e) {
      throw Failures.reading(Failures.JSON_INPUT, e);
    }
  }

  /**
   * A parser over a UTF-8 JSON stream (not closed by the parser), after the encoding check.
   *
   * @throws VexParseException when the stream is empty or not UTF-8
   */
  public static JsonParser parser(InputStream in) {
    try {
      return FACTORY.createParser(Utf8Check.checked(in));
    } catch (IOException e) {
      throw Failures.reading(Failures.JSON_INPUT, e);
    }
  }

  /**
   * The exception for a failure of a parser made here: a {@link VexParseException} ({@code SYNTAX})
   * with the JSON pointer, line and column for a Jackson failure (duplicate key, limit, malformed
   * input), an {@link dev.waterline.vex.UnreadableInputException} for a failure of the underlying
   * stream.
   */
  public static RuntimeException syntaxError(JsonParser p, IOException e) {
    return Errors.translate(p, e);
  }

  /**
   * Reads the value at a parser's current token (made here) as a tree, leaving the parser on the
   * value's last token: for streaming readers that keep one part of a large document at a time. The
   * limits, and the pointer, line and column of a failure, are those of {@link #readTree(byte[])}
   * over the whole input.
   *
   * @throws VexParseException when the value is not well-formed or breaks a limit
   */
  public static JsonNode readValue(JsonParser p) {
    try {
      return TREE_READER.readTree(p);
    } catch (IOException e) {
      throw Errors.translate(p, e);
    }
  }

  /**
   * Checks that nothing but white space follows the value a parser (made here) has just read, as
   * {@link #readTree(byte[])} does.
   *
   * @throws VexParseException when more follows
   */
  public static void requireEnd(JsonParser p) {
    try {
      Errors.requireEnd(p);
    } catch (IOException e) {
      throw Errors.translate(p, e);
    }
  }

  /** The RFC 6901 JSON pointer of the parser's current token. */
  public static String pointer(JsonParser p) {
    return Errors.pointer(p);
  }

  /** Appends one RFC 6901 segment, escaped ({@code ~0}, {@code ~1}), to {@code pointer}. */
  public static String pointer(String pointer, String segment) {
    return pointer + "/" + Errors.escape(segment);
  }

  /** A tree as compact UTF-8 JSON, in the tree's field order. */
  public static byte[] writeCompact(JsonNode node) {
    try {
      return COMPACT_WRITER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw Failures.writing("JSON", e);
    }
  }

  /**
   * A tree as compact JSON with every non-ASCII character escaped (<code>&#92;uXXXX</code>): the
   * same bytes whoever counts characters (DSSE payloads).
   */
  public static byte[] writeAscii(JsonNode node) {
    try {
      return ASCII_WRITER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw Failures.writing("JSON", e);
    }
  }

  /** A tree in the house style (2-space indent, {@code \n} line ends), ending with {@code \n}. */
  public static byte[] writePretty(JsonNode node) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (JsonGenerator g = prettyGenerator(out)) {
      MAPPER.writeTree(g, node);
    } catch (IOException e) {
      throw Failures.writing("JSON", e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  /** {@link #writePretty(JsonNode)} as a string. */
  public static String prettyString(JsonNode node) {
    return new String(writePretty(node), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static JsonNode readTree(JsonParser p) throws IOException {
    return readTree(p, TREE_READER);
  }

  private static JsonNode readTree(JsonParser p, ObjectReader reader) throws IOException {
    try {
      if (p.nextToken() == null) {
        throw Errors.syntax(p, "the input is empty: expected a JSON value");
      }
      JsonNode node = reader.readTree(p);
      Errors.requireEnd(p);
      return node;
    } catch (IOException e) {
      throw Errors.translate(p, e);
    } catch (NumberFormatException e) {
      // Exact decimals (EXACT_MAPPER) refuse an exponent of too many digits, such as
      // 6e66666666466660000000000, with an unchecked exception of their own.
      throw Errors.syntax(p, "a number whose exponent is too large to read it exactly");
    }
  }

  /** One JSON value as compact text (the form kept for unknown fields). */
  static String compact(String value) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      g.writeString(value);
    } catch (IOException e) {
      throw Failures.writing("JSON", e);
    }
    return w.toString();
  }

  /**
   * Copies the value at the parser's current token (a scalar, or a whole object or array) to {@code
   * g}, keeping numbers exactly as written. Iterative, so depth is limited only by the parser's
   * constraints. Leaves the parser on the value's last token.
   */
  static void copyValue(JsonParser p, JsonGenerator g) throws IOException {
    int depth = 0;
    JsonToken t = p.currentToken();
    while (true) {
      switch (t) {
        case START_OBJECT:
          g.writeStartObject();
          depth++;
          break;
        case START_ARRAY:
          g.writeStartArray();
          depth++;
          break;
        case END_OBJECT:
          g.writeEndObject();
          depth--;
          break;
        case END_ARRAY:
          g.writeEndArray();
          depth--;
          break;
        case FIELD_NAME:
          g.writeFieldName(p.currentName());
          break;
        case VALUE_STRING:
          g.writeString(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
          break;
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          g.writeNumber(p.getText());
          break;
        case VALUE_TRUE:
          g.writeBoolean(true);
          break;
        case VALUE_FALSE:
          g.writeBoolean(false);
          break;
        case VALUE_NULL:
          g.writeNull();
          break;
        default:
          throw new VexException("unexpected JSON token " + t);
      }
      if (depth == 0) {
        return;
      }
      t = p.nextToken();
      if (t == null) {
        throw Errors.syntax(p, "unexpected end of input: the JSON is truncated");
      }
    }
  }

  /** The raw compact JSON text of the value at the parser's current token. */
  static String rawValue(JsonParser p) throws IOException {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      copyValue(p, g);
    }
    return w.toString();
  }
}
