package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.VexException;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An input of triage (scanner report, KEV catalog, EPSS scores, base diffIDs) that could not be
 * read. {@link #kind()} separates bytes that are not JSON at all from JSON (or text) that does not
 * have the expected shape; {@link #pointer()} says where (RFC 6901 JSON pointer, {@code ""} for the
 * whole document), {@link #line()} and {@link #column()} when known.
 *
 * <p>Message: {@code [<source>: ]not valid JSON|not a readable <what> (CSV)|not a valid <what> at
 * <pointer> [(line l, column c)]: <detail>}, e.g. {@code report.json: not a valid Grype JSON report
 * at /matches/3/vulnerability/id: expected a string but found a number}.
 */
@API(status = STABLE, since = "0.1.0")
public final class InputParseException extends VexException {
  private static final long serialVersionUID = 1L;

  /** What kind of problem stopped the read. */
  public enum Kind {
    /** Not well-formed JSON (or text), or a limit (size, depth, number length) was exceeded. */
    SYNTAX,
    /** Well-formed, but not the expected kind of document. */
    DATA
  }

  private final Kind kind;
  private final String what;
  private final @Nullable String source;
  private final String pointer;
  private final long line;
  private final long column;
  private final String detail;

  /**
   * Creates the exception.
   *
   * @param kind syntax or data
   * @param what what was expected, e.g. {@code Grype JSON report}
   * @param source the file or other source, or null
   * @param pointer RFC 6901 JSON pointer of the offending value, {@code ""} for the whole input
   * @param line 1-based line, or 0 when unknown
   * @param column 1-based column, or 0 when unknown
   * @param detail what was expected and what was found, without the location
   */
  public InputParseException(
      Kind kind,
      String what,
      @Nullable String source,
      String pointer,
      long line,
      long column,
      String detail) {
    super(format(kind, what, source, pointer, line, column, detail));
    this.kind = Objects.requireNonNull(kind, "kind");
    this.what = Objects.requireNonNull(what, "what");
    this.source = source;
    this.pointer = Objects.requireNonNull(pointer, "pointer");
    this.line = line;
    this.column = column;
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  private static String format(
      Kind kind,
      String what,
      @Nullable String source,
      String pointer,
      long line,
      long column,
      String detail) {
    StringBuilder sb = new StringBuilder();
    if (source != null) {
      sb.append(source).append(": ");
    }
    if (kind == Kind.DATA) {
      sb.append("not a valid ").append(what);
    } else {
      sb.append(what.contains("CSV") ? "not a readable " + what : "not valid JSON");
    }
    if (!pointer.isEmpty() || line == 0) {
      sb.append(" at ").append(pointer.isEmpty() ? "/" : pointer);
    }
    if (line > 0) {
      sb.append(pointer.isEmpty() ? " at line " : " (line ").append(line);
      if (column > 0) {
        sb.append(", column ").append(column);
      }
      if (!pointer.isEmpty()) {
        sb.append(')');
      }
    }
    return sb.append(": ").append(detail).toString();
  }

  /** The same problem, with the file (or other source) it was found in. */
  public InputParseException withSource(String source) {
    InputParseException e =
        new InputParseException(kind, what, source, pointer, line, column, detail);
    e.initCause(getCause() != null ? getCause() : this);
    return e;
  }

  /** Syntax or data. */
  public Kind kind() {
    return kind;
  }

  /** What was expected, e.g. {@code Grype JSON report}, {@code CISA KEV catalog}. */
  public String what() {
    return what;
  }

  /** The file or other source, if known. */
  public java.util.Optional<String> source() {
    return java.util.Optional.ofNullable(source);
  }

  /** The RFC 6901 JSON pointer of the offending value; {@code ""} means the whole input. */
  public String pointer() {
    return pointer;
  }

  /** The 1-based line of the problem, or 0 when unknown. */
  public long line() {
    return line;
  }

  /** The 1-based column of the problem, or 0 when unknown. */
  public long column() {
    return column;
  }

  /** What was expected and what was found, without the location. */
  public String detail() {
    return detail;
  }
}
