package dev.waterline.vex.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkdownTextTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '"',
      value = {
        "a link; [approved](https://evil.example); \\[approved\\](https://evil.example)",
        "an image and a tag; ![x](https://t.example/p) <img src=x>; !\\[x\\](https://t.example/p) \\<img src=x\\>",
        "a pipe that would end the cell; a|b; a\\|b",
        "a code span; `rm -rf`; \\`rm -rf\\`",
        "a backslash; C:\\tmp; C:\\\\tmp",
        "emphasis and strikethrough; *urgent* ~~fixed~~; \\*urgent\\* \\~\\~fixed\\~\\~",
        "underscores that could be emphasis; _private_ __init__; \\_private\\_ \\_\\_init\\_\\_",
        "underscores inside a word stay; vulnerable_code_not_present typing_extensions; vulnerable_code_not_present typing_extensions",
        "an underscore at a word's end; snake_ case; snake\\_ case",
        "a CPE; cpe:2.3:a:acme:lib:1.2:*:*; cpe:2.3:a:acme:lib:1.2:\\*:\\*",
      })
  void escapesWhatMarkdownWouldTakeForMarkup(String what, String text, String cell) {
    assertThat(MarkdownText.cell(text)).isEqualTo(cell);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "a line feed; 1",
        "a carriage return; 2",
        "both; 3",
      })
  void putsTextOnOneLine(String what, int kind) {
    String br = kind == 1 ? "\n" : kind == 2 ? "\r" : "\r\n";
    String cell = MarkdownText.cell("x" + br + "# heading" + br + "| forged | row |");
    assertThat(cell).doesNotContain("\n").doesNotContain("\r");
    assertThat(cell).startsWith("x ").contains("# heading").contains("\\| forged \\| row \\|");
  }
}
