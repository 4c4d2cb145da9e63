package dev.waterline.vex.internal.io;

/**
 * Text from a document, a report or a registry, for a Markdown table cell (the triage report, the
 * audit table): on one line, with what Markdown would take as more than text escaped, so that a
 * package named {@code [approved](https://evil)}, {@code <img src=https://tracker>} or {@code
 * *urgent*} is shown as those characters.
 *
 * <p>Escaped with a backslash: the backslash itself, a pipe (which ends a table cell), a backquote
 * (a code span), brackets (a link or an image), angle brackets (an HTML tag, an autolink), an
 * asterisk and a tilde (emphasis, strikethrough), and an underscore that could open or close
 * emphasis: one not between two letters or digits (CommonMark never takes {@code
 * vulnerable_code_not_present}'s as emphasis, so those stay as written). A line break becomes a
 * space: it would start a heading, a list or a row of the writer's choosing.
 */
public final class MarkdownText {
  private MarkdownText() {}

  /** {@code text} for a table cell, as the class comment says. */
  public static String cell(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\':
        case '|':
        case '`':
        case '[':
        case ']':
        case '<':
        case '>':
        case '*':
        case '~':
          sb.append('\\').append(c);
          break;
        case '_':
          if (i > 0
              && i + 1 < text.length()
              && Character.isLetterOrDigit(text.charAt(i - 1))
              && Character.isLetterOrDigit(text.charAt(i + 1))) {
            sb.append(c);
          } else {
            sb.append("\\_");
          }
          break;
        case '\n':
        case '\r':
          sb.append(' ');
          break;
        default:
          sb.append(c);
      }
    }
    return sb.toString();
  }
}
