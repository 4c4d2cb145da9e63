package dev.waterline.vex.workflow.internal;

import dev.waterline.vex.workflow.Decision;
import dev.waterline.vex.workflow.DecisionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decisions from CSV (RFC 4180): a header row naming the fields ({@link Fields}), then one decision
 * per record. Fields are separated by commas; a field that holds a comma, a quote or a line break
 * is quoted with {@code "}, and a quote inside it is written twice. Records end with CRLF or LF;
 * blank lines are skipped; a UTF-8 byte order mark is allowed. Stricter than many readers, on
 * purpose: a quote inside an unquoted field, text after a closing quote, an unterminated quote and
 * a record with more or fewer fields than the header are errors naming the line and column (the CSV
 * column, counted from 1).
 */
public final class CsvDecisions {
  private CsvDecisions() {}

  /** One record: the line it starts on and its fields. */
  public record Row(long line, List<String> fields) {}

  /**
   * Splits CSV text into records.
   *
   * @throws DecisionException on a syntax error, naming the line and column
   */
  public static List<Row> records(String text, String source) {
    List<Row> records = new ArrayList<>();
    int n = text.length();
    int i = 0;
    long line = 1;
    while (i < n) {
      long recordLine = line;
      List<String> fields = new ArrayList<>();
      boolean endOfRecord = false;
      while (!endOfRecord) {
        StringBuilder field = new StringBuilder();
        int column = fields.size() + 1;
        if (i < n && text.charAt(i) == '"') {
          long quoteLine = line;
          i++;
          while (true) {
            if (i >= n) {
              throw new DecisionException(
                  source,
                  quoteLine,
                  column,
                  null,
                  null,
                  "the quoted field that starts here has no closing quote");
            }
            char c = text.charAt(i);
            if (c == '"') {
              if (i + 1 < n && text.charAt(i + 1) == '"') {
                field.append('"');
                i += 2;
                continue;
              }
              i++;
              break;
            }
            if (c == '\n' || (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
              line++;
            }
            field.append(c);
            i++;
          }
          if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
            throw new DecisionException(
                source,
                line,
                column,
                null,
                null,
                "expected a comma or the end of the line after the closing quote but found '"
                    + text.charAt(i)
                    + "'");
          }
        } else {
          while (i < n) {
            char c = text.charAt(i);
            if (c == ',' || c == '\r' || c == '\n') {
              break;
            }
            if (c == '"') {
              throw new DecisionException(
                  source,
                  line,
                  column,
                  null,
                  null,
                  "a quote inside an unquoted field; quote the whole field and write the quote"
                      + " twice (\"\")");
            }
            field.append(c);
            i++;
          }
        }
        fields.add(field.toString());
        if (i >= n) {
          endOfRecord = true;
        } else if (text.charAt(i) == ',') {
          i++;
        } else {
          // line end: CRLF, LF or a lone CR
          if (text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
            i++;
          }
          i++;
          line++;
          endOfRecord = true;
        }
      }
      if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
        records.add(new Row(recordLine, List.copyOf(fields)));
      }
    }
    return records;
  }

  /**
   * Reads decisions from CSV bytes.
   *
   * @throws DecisionException naming the line, the column and the field of the first problem
   */
  public static List<Decision> read(byte[] bytes, String source) {
    List<Row> records = records(Text.utf8(bytes, source), source);
    if (records.isEmpty()) {
      throw new DecisionException(source, 0, 0, null, null, "empty: expected a header row");
    }
    Row header = records.get(0);
    List<String> columns = new ArrayList<>();
    Map<String, Integer> columnOf = new HashMap<>();
    for (int c = 0; c < header.fields().size(); c++) {
      String cell = header.fields().get(c);
      String field = Fields.field(cell);
      if (field == null) {
        throw new DecisionException(
            source, header.line(), c + 1, "header", null, Fields.unknown(cell));
      }
      if (columnOf.containsKey(field)) {
        throw new DecisionException(
            source,
            header.line(),
            c + 1,
            "header",
            field,
            "the field is already column " + (columnOf.get(field) + 1));
      }
      columnOf.put(field, c);
      columns.add(field);
    }
    for (String required : Fields.REQUIRED) {
      if (!columnOf.containsKey(required)) {
        throw new DecisionException(
            source,
            header.line(),
            0,
            "header",
            required,
            "required column missing; the header has " + columns);
      }
    }
    List<Decision> decisions = new ArrayList<>(records.size() - 1);
    for (int r = 1; r < records.size(); r++) {
      Row rec = records.get(r);
      if (rec.fields().size() != columns.size()) {
        throw new DecisionException(
            source,
            rec.line(),
            0,
            null,
            null,
            "expected "
                + columns.size()
                + " fields as in the header but found "
                + rec.fields().size());
      }
      Map<String, String> values = new HashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        values.put(columns.get(c), rec.fields().get(c));
      }
      try {
        decisions.add(Fields.builder(values).build());
      } catch (FieldError e) {
        Integer c = columnOf.get(e.field());
        throw new DecisionException(
            source, rec.line(), c == null ? 0 : c + 1, null, e.field(), e.detail());
      }
    }
    return decisions;
  }
}
