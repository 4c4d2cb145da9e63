package dev.waterline.vex.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;

/**
 * The house style of {@link Json#prettyPrinter()}: 2-space indent, {@code \n}, {@code "name":
 * value}, {@code []} and {@code {}} for empty containers. It writes the bytes Jackson's {@link
 * DefaultPrettyPrinter} writes with that configuration, but each line break with its indentation
 * (and the comma before it) as one run of bytes encoded in advance: the default printer writes them
 * as characters, re-encoded on every line, which cost a tenth of writing a CycloneDX BOM of 50,000
 * vulnerabilities.
 */
final class HousePrettyPrinter extends DefaultPrettyPrinter {
  private static final long serialVersionUID = 1L;

  /** Levels with a line of their own encoded in advance; deeper lines are written in pieces. */
  private static final int LEVELS = 32;

  private static final SerializedString FIELD_VALUE = new SerializedString(": ");

  /** {@code "\n"} and {@code 2k} spaces, for k up to {@link #LEVELS}. */
  private static final SerializedString[] LINES = runs("\n", LEVELS);

  /** {@code ",\n"} and {@code 2k} spaces. */
  private static final SerializedString[] COMMA_LINES = runs(",\n", LEVELS);

  /** {@code 2k} spaces. */
  private static final SerializedString[] SPACES = runs("", LEVELS);

  HousePrettyPrinter() {
    super(
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""));
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    _objectIndenter = indenter;
    _arrayIndenter = indenter;
  }

  private HousePrettyPrinter(HousePrettyPrinter base) {
    super(base);
  }

  /** The same style, the state of a new document (pretty printers keep state per generator). */
  @Override
  public HousePrettyPrinter createInstance() {
    return new HousePrettyPrinter(this);
  }

  private static SerializedString[] runs(String head, int levels) {
    SerializedString[] out = new SerializedString[levels + 1];
    StringBuilder b = new StringBuilder(head);
    for (int k = 0; k <= levels; k++) {
      out[k] = new SerializedString(b.toString());
      b.append("  ");
    }
    return out;
  }

  /** A line break (after {@code first}) and the indentation of {@code level}. */
  private static void line(JsonGenerator g, SerializableString[] first, int level)
      throws IOException {
    if (level <= LEVELS) {
      g.writeRaw(first[level]);
      return;
    }
    g.writeRaw(first[LEVELS]);
    int left = level - LEVELS;
    while (left > LEVELS) {
      g.writeRaw(SPACES[LEVELS]);
      left -= LEVELS;
    }
    g.writeRaw(SPACES[left]);
  }

  @Override
  public void writeStartObject(JsonGenerator g) throws IOException {
    g.writeRaw('{');
    ++_nesting;
  }

  @Override
  public void beforeObjectEntries(JsonGenerator g) throws IOException {
    line(g, LINES, _nesting);
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(FIELD_VALUE);
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
    line(g, COMMA_LINES, _nesting);
  }

  @Override
  public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
    end(g, nrOfEntries, '}');
  }

  @Override
  public void writeStartArray(JsonGenerator g) throws IOException {
    ++_nesting;
    g.writeRaw('[');
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) throws IOException {
    line(g, LINES, _nesting);
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
    line(g, COMMA_LINES, _nesting);
  }

  @Override
  public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
    end(g, nrOfValues, ']');
  }

  /**
   * Closes an object or array: on a line of its own unless it is empty ({@code {}}, {@code []}).
   */
  private void end(JsonGenerator g, int members, char close) throws IOException {
    --_nesting;
    if (members > 0) {
      line(g, LINES, _nesting);
    }
    g.writeRaw(close);
  }
}
