package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Input that could not be read as an OpenVEX document. {@link #kind()} separates bytes that are not
 * JSON at all ({@link Kind#SYNTAX}: truncated, wrong encoding, duplicate keys, limits exceeded)
 * from JSON that does not have the shape of an OpenVEX document ({@link Kind#DATA}: wrong types,
 * unknown status values, invalid purls in places that must hold one).
 *
 * <p>Every instance carries where the problem is: a JSON pointer (RFC 6901, {@code ""} for the
 * whole document) and, when the input was text, the line and column.
 */
@API(status = STABLE, since = "0.1.0")
public final class VexParseException extends VexException {
  private static final long serialVersionUID = 1L;

  /** What kind of problem stopped the read. */
  public enum Kind {
    /** The bytes are not well-formed JSON, or break a limit (size, depth, encoding). */
    SYNTAX,
    /** The JSON is well formed but is not an OpenVEX document. */
    DATA
  }

  private final Kind kind;
  private final String document;
  private final String pointer;
  private final long line;
  private final long column;
  private final String detail;

  /**
   * Creates the exception.
   *
   * @param kind syntax or data
   * @param pointer RFC 6901 JSON pointer of the offending value, {@code ""} for the root
   * @param line 1-based line, or 0 when unknown
   * @param column 1-based column, or 0 when unknown
   * @param detail what was expected and what was found, without the location
   */
  public VexParseException(Kind kind, String pointer, long line, long column, String detail) {
    this(kind, "an OpenVEX document", pointer, line, column, detail);
  }

  /**
   * Creates the exception for input read as another kind of document (a CSAF 2.0 document, a
   * CycloneDX BOM, …): a {@link Kind#DATA} message then reads {@code not <document> at …}.
   *
   * @param kind syntax or data
   * @param document what the input was read as, with its article, e.g. {@code a CycloneDX BOM}
   * @param pointer RFC 6901 JSON pointer of the offending value, {@code ""} for the root
   * @param line 1-based line, or 0 when unknown
   * @param column 1-based column, or 0 when unknown
   * @param detail what was expected and what was found, without the location
   */
  public VexParseException(
      Kind kind, String document, String pointer, long line, long column, String detail) {
    super(format(kind, document, pointer, line, column, detail));
    this.kind = Objects.requireNonNull(kind, "kind");
    this.document = Objects.requireNonNull(document, "document");
    this.pointer = Objects.requireNonNull(pointer, "pointer");
    this.line = line;
    this.column = column;
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  private static String format(
      Kind kind, String document, String pointer, long line, long column, String detail) {
    StringBuilder sb = new StringBuilder();
    sb.append(kind == Kind.SYNTAX ? "not valid JSON" : "not " + document);
    sb.append(" at ").append(pointer.isEmpty() ? "/" : pointer);
    if (line > 0) {
      sb.append(" (line ").append(line).append(", column ").append(column).append(')');
    }
    return sb.append(": ").append(detail).toString();
  }

  /** Syntax or data. */
  public Kind kind() {
    return kind;
  }

  /**
   * What the input was read as, with its article: {@code an OpenVEX document}, {@code a CSAF 2.0
   * document}, {@code a CycloneDX BOM}, ….
   */
  public String document() {
    return document;
  }

  /** The RFC 6901 JSON pointer of the offending value; {@code ""} means the whole document. */
  public String pointer() {
    return pointer;
  }

  /** The 1-based line of the problem in the input, or 0 when unknown. */
  public long line() {
    return line;
  }

  /** The 1-based column of the problem in the input, or 0 when unknown. */
  public long column() {
    return column;
  }

  /** What was expected and what was found, without the location. */
  public String detail() {
    return detail;
  }
}
