package dev.waterline.vex.internal.io;

import dev.waterline.vex.UnreadableInputException;
import dev.waterline.vex.UnreadableInputException.Reason;
import dev.waterline.vex.VexException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

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
    return new VexException("cannot write " + target + ": " + whyNotWritten(null, e), e);
  }

  /**
   * Why writing {@code file} (null: the file the exception names) failed, in words: "permission
   * denied", the directory on the way that is not there or is not a directory, the JDK's reason
   * without the file's name again, or the exception's message. For a missing directory the JDK says
   * only the file's name.
   */
  public static String whyNotWritten(@Nullable Path file, IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (!(e instanceof FileSystemException)) {
      return String.valueOf(e.getMessage());
    }
    FileSystemException f = (FileSystemException) e;
    String reason = f.getReason();
    if (e instanceof NoSuchFileException
        || (reason != null && reason.contains("Not a directory"))) {
      Path target = file != null ? file : pathOf(f.getFile());
      Path dir = target == null ? null : target.getParent();
      if (dir != null && !Files.isDirectory(dir)) {
        return (Files.exists(dir) ? "not a directory: " : "no such directory: ") + dir;
      }
      return "no such file";
    }
    if (reason != null && !reason.isEmpty() && f.getFile() != null) {
      return Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
    }
    return String.valueOf(e.getMessage());
  }

  private static @Nullable Path pathOf(@Nullable String file) {
    try {
      return file == null ? null : Path.of(file);
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
