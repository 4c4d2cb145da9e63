package dev.waterline.vex.internal.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.VexParseException.Kind;
import dev.waterline.vex.internal.io.Failures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Turns parser state and Jackson exceptions into {@link VexParseException}s. */
final class Errors {
  private Errors() {}

  /** A syntax error at the parser's current position. */
  static VexParseException syntax(JsonParser p, String detail) {
    JsonLocation loc = p.currentLocation();
    return new VexParseException(
        Kind.SYNTAX, pointer(p), loc.getLineNr(), loc.getColumnNr(), detail);
  }

  /** A data error about the parser's current token. */
  static VexParseException data(JsonParser p, String detail) {
    JsonLocation loc = p.currentTokenLocation();
    return new VexParseException(Kind.DATA, pointer(p), loc.getLineNr(), loc.getColumnNr(), detail);
  }

  /**
   * A data error about the object that the parser has just closed (its current token is the
   * object's {@code END_OBJECT}), reported where the object started.
   */
  static VexParseException dataAtEnd(JsonParser p, Start start, String detail) {
    return new VexParseException(Kind.DATA, pointer(p), start.line, start.column, detail);
  }

  /** Fails unless the parser has reached the end of the input. */
  static void requireEnd(JsonParser p) throws IOException {
    if (p.nextToken() != null) {
      JsonLocation loc = p.currentTokenLocation();
      throw new VexParseException(
          Kind.SYNTAX,
          "",
          loc.getLineNr(),
          loc.getColumnNr(),
          "expected the end of the input after the document but found more JSON");
    }
  }

  /**
   * The {@link VexParseException} for a Jackson failure, or an {@link
   * dev.waterline.vex.UnreadableInputException} for a real I/O failure of the underlying stream.
   */
  static RuntimeException translate(JsonParser p, IOException e) {
    if (!(e instanceof JsonProcessingException)) {
      return Failures.reading(Failures.JSON_INPUT, e);
    }
    JsonProcessingException j = (JsonProcessingException) e;
    JsonLocation loc = j.getLocation();
    if (loc == null || loc.getLineNr() <= 0) {
      loc = p.currentLocation();
    }
    return new VexParseException(
        Kind.SYNTAX, pointer(p), loc.getLineNr(), loc.getColumnNr(), describe(j));
  }

  private static String describe(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (e instanceof JsonEOFException || m.startsWith("Unexpected end-of-input")) {
      return "unexpected end of input: the JSON is truncated";
    }
    if (e instanceof StreamConstraintsException) {
      if (m.contains("nesting depth")) {
        return "nesting deeper than " + Json.MAX_NESTING_DEPTH + " levels";
      }
      if (m.startsWith("String value length")) {
        return "a string value longer than "
            + Json.maxStringLength()
            + " characters (the limit is set by the system property "
            + Json.MAX_STRING_LENGTH_PROPERTY
            + ")";
      }
      if (m.startsWith("Name length")) {
        return "a field name longer than " + Json.MAX_NAME_LENGTH + " characters";
      }
      if (m.startsWith("Number value length")) {
        return "a number longer than " + Json.MAX_NUMBER_LENGTH + " characters";
      }
      return m;
    }
    if (m.startsWith("Duplicate field '")) {
      return "duplicate field " + m.substring("Duplicate field ".length()) + " in one object";
    }
    return m;
  }

  /** The RFC 6901 pointer of the parser's current token. */
  static String pointer(JsonParser p) {
    return pointer(p.getParsingContext());
  }

  static String pointer(@Nullable JsonStreamContext ctx) {
    List<String> segments = new ArrayList<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray() && c.hasCurrentIndex()) {
        segments.add(Integer.toString(c.getCurrentIndex()));
      } else if (c.inObject() && c.hasCurrentName()) {
        segments.add(escape(c.getCurrentName()));
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = segments.size() - 1; i >= 0; i--) {
      sb.append('/').append(segments.get(i));
    }
    return sb.toString();
  }

  static String escape(String segment) {
    if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) {
      return segment;
    }
    return segment.replace("~", "~0").replace("/", "~1");
  }

  /** A short description of the current value for messages: {@code 'text'}, 42, an object. */
  static String found(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      return "nothing";
    }
    switch (t) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "'" + abbreviate(p.getText()) + "'";
      default:
        return abbreviate(p.getText());
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 79) + "…";
  }

  /**
   * Where an object started, recorded cheaply when it starts (no pointer: the pointer of a closed
   * object is computed from the parser when it is needed, see {@link #dataAtEnd}).
   */
  static final class Start {
    final long line;
    final long column;

    Start(JsonParser p) {
      JsonLocation loc = p.currentTokenLocation();
      this.line = loc.getLineNr();
      this.column = loc.getColumnNr();
    }
  }
}
