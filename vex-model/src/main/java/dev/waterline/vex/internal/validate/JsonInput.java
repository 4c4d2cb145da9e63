package dev.waterline.vex.internal.validate;

import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.json.Json;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns bytes into a JSON tree for validation, or says in one sentence why it cannot: wrong
 * encoding, empty input, not JSON, limits exceeded.
 */
final class JsonInput {
  private JsonInput() {}

  /** The outcome of reading: a tree, or the problem with its pointer. */
  static final class Result {
    final com.fasterxml.jackson.databind.@Nullable JsonNode tree;
    final String pointer;
    final String problem;

    private Result(
        com.fasterxml.jackson.databind.@Nullable JsonNode tree, String pointer, String problem) {
      this.tree = tree;
      this.pointer = pointer;
      this.problem = problem;
    }
  }

  static Result read(byte[] bytes) {
    Optional<Result> problem = precheck(bytes);
    if (problem.isPresent()) {
      return problem.get();
    }
    try {
      return new Result(Json.readTree(bytes), "", "");
    } catch (VexParseException e) {
      return notJson(e);
    }
  }

  /**
   * The problem that stops bytes from being read as JSON before any parsing: an encoding other than
   * UTF-8, or nothing but white space.
   */
  static Optional<Result> precheck(byte[] bytes) {
    int offset = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      offset = 3; // a UTF-8 byte order mark is still UTF-8 (RFC 8259 lets parsers ignore it)
    } else {
      Optional<String> other = nonUtf8Encoding(bytes);
      if (other.isPresent()) {
        return Optional.of(
            problem(
                "", "OpenVEX documents must be UTF-8 encoded, but this input is " + other.get()));
      }
    }
    if (isBlank(bytes, offset)) {
      return Optional.of(problem("", "empty input: expected an OpenVEX JSON document"));
    }
    return Optional.empty();
  }

  /** The problem for bytes that the JSON parser refused. */
  static Result notJson(VexParseException e) {
    String where = e.line() > 0 ? " (line " + e.line() + ", column " + e.column() + ")" : "";
    return problem(e.pointer(), "not valid JSON: " + e.detail() + where);
  }

  private static Result problem(String pointer, String message) {
    return new Result(null, pointer, message);
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
