package dev.waterline.vex.formats.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.io.Failures;
import dev.waterline.vex.internal.json.Json;
import dev.waterline.vex.internal.json.VexJsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads OpenVEX written as YAML (as go-vex reads it): the YAML is turned into compact JSON token by
 * token and read by the OpenVEX reader, so every rule of the JSON reader applies and errors point
 * to the same places.
 *
 * <p>Refused, each with the JSON pointer and the YAML line: anchors and aliases (so a "billion
 * laughs" document cannot expand: Jackson does not expand aliases, and Waterline does not accept
 * them at all), explicit tags ({@code !!python/object} and the like), more than one YAML document,
 * non-finite numbers, duplicate keys, nesting deeper than the JSON limit.
 */
final class YamlReader {
  static final String DOCUMENT = "an OpenVEX document written as YAML";

  private YamlReader() {}

  /** The YAML as compact UTF-8 JSON. */
  static byte[] toJson(byte[] yaml) {
    ByteArrayBuilder out = new ByteArrayBuilder();
    JsonParser p;
    try {
      p = Json.yamlFactory().createParser(yaml);
    } catch (IOException e) {
      throw Failures.reading("the YAML input", e);
    }
    try (p;
        JsonGenerator g = Json.factory().createGenerator(out)) {
      copy(p, g);
    } catch (JsonProcessingException e) {
      throw fail(p, e);
    } catch (IOException e) {
      throw Failures.reading("the YAML input", e);
    } catch (RuntimeException e) {
      if (e instanceof VexParseException) {
        throw e;
      }
      throw new VexParseException(
          VexParseException.Kind.DATA, DOCUMENT, "", 0, 0, "invalid YAML: " + e.getMessage());
    }
    byte[] bytes = out.toByteArray();
    out.release();
    return bytes;
  }

  /** Reads the YAML as an OpenVEX document. */
  static VexDocument read(byte[] yaml) {
    byte[] json = toJson(yaml);
    try {
      return VexJsonReader.openVex(json);
    } catch (VexParseException e) {
      throw new VexParseException(e.kind(), DOCUMENT, e.pointer(), 0, 0, e.detail());
    }
  }

  private static void copy(JsonParser p, JsonGenerator g) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw error(p, "the input is empty: expected an OpenVEX document");
    }
    int depth = 0;
    while (true) {
      check(p);
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
          g.writeString(p.getText());
          break;
        case VALUE_NUMBER_INT:
          g.writeNumber(p.getBigIntegerValue());
          break;
        case VALUE_NUMBER_FLOAT:
          double d = p.getDoubleValue();
          if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw error(p, "a number that is not finite: " + Trees.shown(p.getText()));
          }
          g.writeNumber(BigDecimal.valueOf(d));
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
          throw error(p, "unexpected YAML content " + t);
      }
      if (depth == 0) {
        break;
      }
      t = p.nextToken();
      if (t == null) {
        throw error(p, "unexpected end of input: the YAML is truncated");
      }
    }
    if (p.nextToken() != null) {
      throw error(p, "more than one YAML document: expected one OpenVEX document");
    }
  }

  private static void check(JsonParser p) throws IOException {
    if (p instanceof YAMLParser && ((YAMLParser) p).isCurrentAlias()) {
      throw error(
          p,
          "YAML alias *"
              + p.getText()
              + ": anchors and aliases are not accepted (they let a small document expand)");
    }
    if (p.getObjectId() != null) {
      throw error(
          p,
          "YAML anchor &"
              + p.getObjectId()
              + ": anchors and aliases are not accepted (they let a small document expand)");
    }
    if (p.getTypeId() != null) {
      throw error(p, "YAML tag " + Trees.shown(String.valueOf(p.getTypeId())) + " is not accepted");
    }
  }

  private static VexParseException error(JsonParser p, String detail) {
    JsonLocation loc = p.currentTokenLocation();
    return new VexParseException(
        VexParseException.Kind.DATA,
        DOCUMENT,
        pointer(p.getParsingContext()),
        loc.getLineNr(),
        loc.getColumnNr(),
        detail);
  }

  private static VexParseException fail(JsonParser p, JsonProcessingException e) {
    JsonLocation loc = e.getLocation();
    String m = String.valueOf(e.getOriginalMessage());
    if (m.startsWith("Duplicate field '")) {
      m = "duplicate field " + m.substring("Duplicate field ".length()) + " in one mapping";
    }
    return new VexParseException(
        VexParseException.Kind.DATA,
        DOCUMENT,
        pointer(p.getParsingContext()),
        loc == null ? 0 : loc.getLineNr(),
        loc == null ? 0 : loc.getColumnNr(),
        "invalid YAML: " + DocumentText.oneLine(m));
  }

  static String pointer(@Nullable JsonStreamContext ctx) {
    List<String> segments = new ArrayList<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray() && c.hasCurrentIndex()) {
        segments.add(Integer.toString(c.getCurrentIndex()));
      } else if (c.inObject() && c.hasCurrentName()) {
        segments.add(Trees.escape(c.getCurrentName()));
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = segments.size() - 1; i >= 0; i--) {
      sb.append('/').append(segments.get(i));
    }
    return sb.toString();
  }
}
