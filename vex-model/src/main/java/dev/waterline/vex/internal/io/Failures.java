package dev.waterline.vex.internal.io;

import dev.waterline.vex.UnreadableInputException;
import dev.waterline.vex.UnreadableInputException.Reason;
import dev.waterline.vex.VexException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * The one translation of a checked {@link IOException} into Waterline's exception family, so that
 * no {@code IOException} or {@code UncheckedIOException} leaves the API (an ArchUnit rule, {@code
 * ExceptionContractTest}, forbids constructing {@code UncheckedIOException} anywhere else).
 */
public final class Failures {
  /** The source named when a JSON parser over bytes or a stream fails to read them. */
  public static final String JSON_INPUT = "the JSON input";

  private Failures() {}

  /**
   * Reading {@code source} (a file, {@code "standard input"}, a URL, or a description such as
   * {@code "the JSON input"}) failed: {@link Reason#NOT_FOUND} for a missing file, {@link
   * Reason#IO_ERROR} otherwise, with a message that names the source and what went wrong.
   */
  public static UnreadableInputException reading(String source, IOException e) {
    String detail;
    if (e instanceof NoSuchFileException) {
      detail = "no such file";
    } else if (e instanceof AccessDeniedException) {
      detail = "permission denied";
    } else {
      String m = String.valueOf(e.getMessage());
      detail = m.toLowerCase(Locale.ROOT).contains("is a directory") ? "it is a directory" : m;
    }
    return new UnreadableInputException(
        e instanceof NoSuchFileException ? Reason.NOT_FOUND : Reason.IO_ERROR,
        source,
        -1,
        "cannot read " + source + ": " + detail,
        e);
  }

  /**
   * Writing {@code target} (a file, a stream, or a description such as {@code "the OpenVEX
   * document"}) failed.
   */
  public static VexException writing(String target, IOException e) {
    String m = e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
    return new VexException("cannot write " + target + ": " + m, e);
  }
}
