package dev.waterline.vex.internal.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns bytes into a JSON tree for validation, or says in one sentence why it cannot: wrong
 * encoding, empty input, not JSON, limits exceeded.
 */
final class JsonInput {
  /** Deeper nesting than this is not an OpenVEX document; it is refused before it costs stack. */
  static final int MAX_DEPTH = 1000;

  /** One string longer than this is refused while it is read. */
  static final int MAX_STRING_LENGTH = 64 * 1024 * 1024;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxStringLength(MAX_STRING_LENGTH)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private JsonInput() {}

  /** The outcome of reading: a tree, or the problem with its pointer. */
  static final class Result {
    final @Nullable JsonNode tree;
    final String pointer;
    final String problem;

    private Result(@Nullable JsonNode tree, String pointer, String problem) {
      this.tree = tree;
      this.pointer = pointer;
      this.problem = problem;
    }
  }

  static Result read(byte[] bytes) {
    int offset = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      offset = 3; // a UTF-8 byte order mark is still UTF-8 (RFC 8259 lets parsers ignore it)
    } else {
      Optional<String> other = nonUtf8Encoding(bytes);
      if (other.isPresent()) {
        return problem(
            "", "OpenVEX documents must be UTF-8 encoded, but this input is " + other.get());
      }
    }
    if (isBlank(bytes, offset)) {
      return problem("", "empty input: expected an OpenVEX JSON document");
    }
    try (JsonParser parser = MAPPER.createParser(bytes, offset, bytes.length - offset)) {
      try {
        JsonNode tree = MAPPER.readTree(parser);
        return new Result(tree, "", "");
      } catch (JsonProcessingException e) {
        return problem(pointerOf(parser), "not valid JSON: " + describe(e));
      }
    } catch (IOException e) {
      return problem("", "not valid JSON: " + e.getMessage());
    }
  }

  private static Result problem(String pointer, String message) {
    return new Result(null, pointer, message);
  }

  private static String pointerOf(JsonParser parser) {
    try {
      return parser.getParsingContext().pathAsPointer().toString();
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** Jackson's first message line, without its source excerpt, plus line and column. */
  private static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      message = e.getClass().getSimpleName();
    }
    int nl = message.indexOf('\n');
    if (nl >= 0) {
      message = message.substring(0, nl);
    }
    if (message.length() > 300) {
      message = message.substring(0, 299) + "…";
    }
    JsonLocation loc = e.getLocation();
    if (loc != null && loc.getLineNr() > 0) {
      message += " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }
    return message;
  }

  private static boolean isBlank(byte[] bytes, int offset) {
    for (int i = offset; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * Recognises UTF-16 and UTF-32, with or without a byte order mark, from the first bytes (JSON
   * text starts with an ASCII character, so the zero bytes give the encoding away).
   */
  static Optional<String> nonUtf8Encoding(byte[] b) {
    if (b.length >= 4) {
      if (b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xfe && (b[3] & 0xff) == 0xff) {
        return Optional.of("UTF-32BE (byte order mark)");
      }
      if ((b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe && b[2] == 0 && b[3] == 0) {
        return Optional.of("UTF-32LE (byte order mark)");
      }
      if (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0) {
        return Optional.of("UTF-32BE");
      }
      if (b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0) {
        return Optional.of("UTF-32LE");
      }
    }
    if (b.length >= 2) {
      if ((b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
        return Optional.of("UTF-16BE (byte order mark)");
      }
      if ((b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
        return Optional.of("UTF-16LE (byte order mark)");
      }
      if (b[0] == 0 && b[1] != 0) {
        return Optional.of("UTF-16BE");
      }
      if (b[0] != 0 && b[1] == 0) {
        return Optional.of("UTF-16LE");
      }
    }
    return Optional.empty();
  }
}
