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
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.waterline.vex.VexException;
import dev.waterline.vex.VexParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one place in vex-model that configures Jackson: a single {@link JsonFactory} and a single
 * {@link ObjectMapper} built on it, with the same read limits everywhere. Other code must not
 * create mappers or factories of its own.
 *
 * <p>Read limits (all reported as {@link VexParseException.Kind#SYNTAX}):
 *
 * <ul>
 *   <li>nesting depth {@value #MAX_NESTING_DEPTH};
 *   <li>string values up to {@code waterline.json.maxStringLength} characters (system property,
 *       read once; default {@value #DEFAULT_MAX_STRING_LENGTH}, i.e. 64 Mi);
 *   <li>duplicate field names in one object are an error ({@link
 *       StreamReadFeature#STRICT_DUPLICATE_DETECTION}).
 * </ul>
 *
 * <p>Writing: {@link #prettyPrinter()} gives the house style: 2-space indent, {@code \n} line
 * endings on every OS, {@code "name": value}, {@code []}/{@code {}} for empty containers. Nothing
 * is HTML-escaped and non-ASCII text is written as UTF-8, characters outside the Basic Multilingual
 * Plane included ({@link JsonWriteFeature#COMBINE_UNICODE_SURROGATES_IN_UTF8}); a lone surrogate is
 * written as a JSON escape (backslash, u, four hex digits).
 */
public final class Json {
  /** The deepest nesting of arrays and objects accepted on read. */
  public static final int MAX_NESTING_DEPTH = 1000;

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
   * Trees from a parser positioned on the value; the trailing check is {@link Errors#requireEnd}.
   */
  private static final ObjectReader TREE_READER =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

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
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads any JSON value as a tree from a stream (not closed); see {@link #readTree(byte[])}.
   *
   * @throws UncheckedIOException when reading the stream fails
   */
  public static JsonNode readTree(InputStream in) {
    try (JsonParser p = FACTORY.createParser(Utf8Check.checked(in))) {
      return readTree(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode readTree(JsonParser p) throws IOException {
    try {
      if (p.nextToken() == null) {
        throw Errors.syntax(p, "the input is empty: expected a JSON value");
      }
      JsonNode node = TREE_READER.readTree(p);
      Errors.requireEnd(p);
      return node;
    } catch (IOException e) {
      throw Errors.translate(p, e);
    }
  }

  /** One JSON value as compact text (the form kept for unknown fields). */
  static String compact(String value) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      g.writeString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
