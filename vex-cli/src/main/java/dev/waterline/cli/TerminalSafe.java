package dev.waterline.cli;

import dev.waterline.vex.internal.io.TerminalText;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A writer for people: each character a terminal would act on ({@link TerminalText#acts}) is
 * written as a {@code \\uXXXX} escape, as what the CLI prints quotes documents, reports and
 * registries, any of which may be hostile. Documents themselves are written exactly ({@link
 * Context#exactOut()}).
 */
final class TerminalSafe extends FilterWriter {
  private TerminalSafe(Writer out) {
    super(out);
  }

  /** A writer that writes through {@code out}, escaping what {@link TerminalText#acts} says. */
  static PrintWriter writer(Writer out) {
    return new PrintWriter(new TerminalSafe(out));
  }

  @Override
  public void write(int c) throws IOException {
    if (TerminalText.acts(c)) {
      out.write(TerminalText.escape(c));
    } else {
      out.write(c);
    }
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    out.write(TerminalText.inert(new String(buf, off, len)));
  }

  @Override
  public void write(String s, int off, int len) throws IOException {
    out.write(TerminalText.inert(s.substring(off, off + len)));
  }
}
