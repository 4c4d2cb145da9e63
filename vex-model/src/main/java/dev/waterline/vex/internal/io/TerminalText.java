package dev.waterline.vex.internal.io;

/**
 * Text for a terminal or a log, made inert: each character a terminal or a log viewer would act on
 * is written as a {@code \\uXXXX} escape. Those are the C0 controls but line feed and tab (escape
 * sequences that clear the screen, hide or recolour text, set the window title or make links;
 * carriage return and backspace that overwrite a line), DEL, the C1 controls, and the invisible
 * characters that reorder or hide text (bidi embeddings, overrides and isolates, zero-width
 * characters, line and paragraph separators).
 *
 * <p>What Waterline prints for people quotes documents, reports and registries, any of which may
 * have been written by an attacker to take over the terminal or the CI log of whoever reads it. The
 * CLI's writers and the Maven plugin's log lines go through this; documents do not.
 */
public final class TerminalText {
  private TerminalText() {}

  /** {@code text} with each character a terminal would act on as a {@code \\uXXXX} escape. */
  public static String inert(String text) {
    int n = text.length();
    int i = 0;
    while (i < n && !acts(text.charAt(i))) {
      i++;
    }
    if (i == n) {
      return text;
    }
    StringBuilder sb = new StringBuilder(n + 16).append(text, 0, i);
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (acts(c)) {
        sb.append(escape(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * {@code text} for within one line (a log record, a line of a report): as {@link #inert}, and its
   * line feeds as {@code \\u000a} too, so that a value holding one cannot write a line of its own,
   * one that reads like the writer's.
   */
  public static String inline(String text) {
    String inert = inert(text);
    return inert.indexOf('\n') < 0 ? inert : inert.replace("\n", escape('\n'));
  }

  /** Whether a terminal (or a log viewer) would take {@code c} as more than a character. */
  public static boolean acts(int c) {
    if (c < 0x20) {
      return c != '\n' && c != '\t';
    }
    if (c < 0x7f) {
      return false;
    }
    return c <= 0x9f // DEL and the C1 controls (0x9b is CSI)
        || c == 0x061c // Arabic letter mark
        || (c >= 0x200b && c <= 0x200f) // zero-width characters, LRM, RLM
        || (c >= 0x2028 && c <= 0x202e) // line and paragraph separators, bidi embeddings
        || (c >= 0x2060 && c <= 0x2069) // word joiner, invisible operators, bidi isolates
        || c == 0xfeff; // zero-width no-break space
  }

  /** {@code c} as a {@code \\uXXXX} escape. */
  public static String escape(int c) {
    return String.format("\\u%04x", c);
  }
}
