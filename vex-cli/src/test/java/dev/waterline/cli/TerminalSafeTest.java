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
  void leavesLineBreaksTabsAndPrintableTextOfAnyScriptAlone() {
    String text = "line one\n\tMüller, 東京, Ελλάδα, emoji 🙂, accents é\u00a0x";
    assertThat(dev.waterline.vex.internal.io.TerminalText.inert(text)).isSameAs(text);
    StringWriter sink = new StringWriter();
    PrintWriter w = TerminalSafe.writer(sink);
    w.println(text);
    w.flush();
    assertThat(sink.toString()).isEqualTo(text + System.lineSeparator());
  }
}
