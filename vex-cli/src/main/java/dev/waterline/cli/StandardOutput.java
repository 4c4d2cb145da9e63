package dev.waterline.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Standard output that remembers why a write failed. A {@link java.io.PrintWriter} only records
 * that one did ({@code checkError()}), and {@code System.out} records not even that where the
 * writer can see it; a full disk or a closed pipe must not leave a command's output cut short with
 * exit 0, and the error line should say why.
 */
final class StandardOutput extends FilterOutputStream {
  private @Nullable IOException failure;

  StandardOutput(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      throw failed(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  /** Why the first failed write failed (the operating system's words), or null. */
  @Nullable String failure() {
    IOException f = failure;
    if (f == null) {
      return null;
    }
    String message = f.getMessage();
    return message != null ? message : f.getClass().getSimpleName();
  }

  private IOException failed(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }
}
