package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TerminalSafeTest {
  @ParameterizedTest
  @ValueSource(
      ints = {
        0x00, 0x07, 0x08, 0x0b, 0x0c, 0x0d, 0x1b, 0x1f, 0x7f, 0x80, 0x9b, 0x9f, 0x061c, 0x200b,
        0x200e, 0x2028, 0x2029, 0x202a, 0x202e, 0x2066, 0x2069, 0xfeff
      })
  void escapesWhatATerminalWouldActOn(int c) {
    String text = "a" + (char) c + "b";
    String expected = "a" + String.format("\\u%04x", c) + "b";
    assertThat(dev.waterline.vex.internal.io.TerminalText.inert(text)).isEqualTo(expected);
    StringWriter sink = new StringWriter();
    PrintWriter w = TerminalSafe.writer(sink);
    w.print(text);
    w.print((char) c);
    w.write(text.toCharArray(), 0, 3);
    w.flush();
    assertThat(sink.toString()).isEqualTo(expected + expected.substring(1, 7) + expected);
  }

  @Test
  void leavesTabsAndPrintableTextOfAnyScriptAlone() {
    String text = "\tMüller, 東京, Ελλάδα, emoji 🙂, accents é\u00a0x";
    assertThat(dev.waterline.vex.internal.io.TerminalText.inert(text)).isSameAs(text);
    StringWriter sink = new StringWriter();
    PrintWriter w = TerminalSafe.writer(sink);
    w.println(text);
    w.flush();
    assertThat(sink.toString()).isEqualTo(text + System.lineSeparator());
  }

  @Test
  void endsLinesOnlyWherePrintlnDoesALineFeedInsideTheTextIsEscaped() {
    StringWriter sink = new StringWriter();
    PrintWriter w = TerminalSafe.writer(sink);
    w.println("remediate CVE-1\nnothing to remediate");
    w.print("a\n");
    w.print('\n');
    w.write("b\nc".toCharArray(), 0, 3);
    w.println();
    w.println((Object) "d\ne");
    w.flush();
    String nl = System.lineSeparator();
    assertThat(sink.toString())
        .isEqualTo(
            "remediate CVE-1\\u000anothing to remediate"
                + nl
                + "a\\u000a\\u000ab\\u000ac"
                + nl
                + "d\\u000ae"
                + nl);
    assertThat(w.checkError()).isFalse();
  }

  @Test
  void aFailedLineEndIsAnErrorOfTheWriter() {
    PrintWriter w =
        TerminalSafe.writer(
            new java.io.Writer() {
              @Override
              public void write(char[] buf, int off, int len) throws java.io.IOException {
                throw new java.io.IOException("closed pipe");
              }

              @Override
              public void flush() {}

              @Override
              public void close() {}
            });
    w.println();
    assertThat(w.checkError()).isTrue();
  }
}
