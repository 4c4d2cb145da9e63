package dev.waterline.vex.workflow;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.VexException;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A decision that could not be read: the file (or other source), the line, the column when known
 * and the field, with what was expected and what was found. Nothing is written when a decision is
 * refused.
 *
 * <p>Message: {@code <source>: line <l>[, column <c>][ (<where>)][, field '<f>']: <detail>}, e.g.
 * {@code decisions.csv: line 7, column 5, field 'justification': expected one of [...] but was 'not
 * reachable'}.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class DecisionException extends VexException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final long column;
  private final @Nullable String field;
  private final String detail;

  /**
   * Creates the exception.
   *
   * @param source the file or other source of the decisions
   * @param line 1-based line, or 0 when unknown
   * @param column 1-based column (a CSV column, or a character within a JSON line), or 0
   * @param where more about the place (a JSON pointer and ticket key), or null
   * @param field the decision field (or input column, or JSON field) at fault, or null
   * @param detail what was expected and what was found
   */
  public DecisionException(
      String source,
      long line,
      long column,
      @Nullable String where,
      @Nullable String field,
      String detail) {
    super(format(source, line, column, where, field, detail));
    this.source = Objects.requireNonNull(source, "source");
    this.line = line;
    this.column = column;
    this.field = field;
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  private static String format(
      String source,
      long line,
      long column,
      @Nullable String where,
      @Nullable String field,
      String detail) {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(": line ").append(line);
      if (column > 0) {
        sb.append(", column ").append(column);
      }
    }
    if (where != null) {
      sb.append(" (").append(where).append(')');
    }
    if (field != null) {
      sb.append(", field '").append(field).append('\'');
    }
    return sb.append(": ").append(detail).toString();
  }

  /** The file or other source of the decisions. */
  public String source() {
    return source;
  }

  /** The 1-based line, or 0 when unknown. */
  public long line() {
    return line;
  }

  /** The 1-based column, or 0 when unknown. */
  public long column() {
    return column;
  }

  /** The field at fault, if one is. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** What was expected and what was found, without the place. */
  public String detail() {
    return detail;
  }
}
