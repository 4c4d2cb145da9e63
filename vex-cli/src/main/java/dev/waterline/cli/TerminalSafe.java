package dev.waterline.cli;

import dev.waterline.vex.internal.io.TerminalText;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A writer for people: each character a terminal would act on ({@link TerminalText#acts}) is
 * written as a {@code \\uXXXX} escape, as what the CLI prints quotes documents, reports and
 * registries, any of which may be hostile. Documents themselves are written exactly ({@link
 * Context#exactOut()}).
 *
 * <p>Lines end only where the CLI ends them ({@code println}): a line feed inside the text printed
 * is written as {@code \\u000a} too. Each line the CLI prints is one record (a finding to
 * remediate, a statement's author, an attestation fetched), and a value holding a line feed (a
 * vulnerability named {@code "CVE-1\\nnothing to remediate"}) would otherwise write a line of its
 * own into a CI log, one that looks like the CLI's.
 */
final class TerminalSafe extends FilterWriter {
  private TerminalSafe(Writer out) {
    super(out);
  }

  /** A writer that writes through {@code out}, escaping what {@link TerminalText#acts} says. */
  static PrintWriter writer(Writer out) {
    TerminalSafe safe = new TerminalSafe(out);
    return new PrintWriter(safe) {
      @Override
      public void println() {
        synchronized (lock) {
          try {
            safe.endLine();
          } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
          } catch (IOException e) {
            setError();
          }
        }
      }
    };
  }

  /** Ends the line: the one place a line separator is written as it is. */
  private void endLine() throws IOException {
    out.write(System.lineSeparator());
  }

  @Override
  public void write(int c) throws IOException {
    if (c == '\n' || TerminalText.acts(c)) {
      out.write(TerminalText.escape(c));
    } else {
      out.write(c);
    }
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    out.write(TerminalText.inline(new String(buf, off, len)));
  }

  @Override
  public void write(String s, int off, int len) throws IOException {
    out.write(TerminalText.inline(s.substring(off, off + len)));
  }
}
