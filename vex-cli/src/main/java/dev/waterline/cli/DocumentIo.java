package dev.waterline.cli;

import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.Validator;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reading and writing documents for the commands, with one-line error messages. */
final class DocumentIo {
  private DocumentIo() {}

  /**
   * The bytes of a file.
   *
   * @throws CliException (usage) naming the file when it cannot be read
   */
  static byte[] readBytes(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw CliException.usage("cannot read " + path + ": " + describe(e));
    }
  }

  /**
   * A document read from a file, legacy documents upgraded to v0.2.0.
   *
   * @throws CliException (usage) naming the file when it cannot be read or is not OpenVEX
   */
  static VexDocument read(Path path) {
    byte[] bytes = readBytes(path);
    try {
      return VexDocument.parse(bytes);
    } catch (VexException e) {
      throw new CliException(CliException.USAGE, naming(path, e.getMessage()), e);
    } catch (UncheckedIOException e) {
      throw new CliException(CliException.USAGE, "cannot read " + path + ": " + describe(e), e);
    }
  }

  /**
   * Validates a document before it is written; refuses (usage error) when it has errors.
   *
   * @throws CliException when the document is invalid, quoting its first error
   */
  static void requireValid(VexDocument doc) {
    ValidationReport report = Validator.validate(doc);
    List<ValidationFinding> errors = report.errors();
    if (!errors.isEmpty()) {
      String more = errors.size() == 1 ? "" : " (and " + (errors.size() - 1) + " more)";
      throw CliException.usage(
          "refusing to write an invalid document: " + describe(errors.get(0)) + more);
    }
  }

  /** A finding as {@code error at /statements/0/status: …}. */
  static String describe(ValidationFinding f) {
    return f.severity()
        + " at "
        + (f.pointer().isEmpty() ? "/" : f.pointer())
        + ": "
        + oneLine(f.message());
  }

  /**
   * Writes a document to {@code file}, or to stdout when {@code file} is null.
   *
   * @throws CliException (usage) when the file cannot be written
   */
  static void write(Context ctx, VexDocument doc, @Nullable Path file) {
    String json = doc.toJson();
    if (file == null) {
      ctx.out().print(json);
      if (!json.endsWith("\n")) {
        ctx.out().print('\n');
      }
      ctx.out().flush();
      return;
    }
    writeAtomically(file, json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes bytes (a document already serialised, ending with a line break) to {@code file}, or as
   * UTF-8 text to stdout when {@code file} is null.
   *
   * @throws CliException (usage) when the file cannot be written
   */
  static void writeBytes(Context ctx, byte[] bytes, @Nullable Path file) {
    if (file == null) {
      ctx.out().print(new String(bytes, StandardCharsets.UTF_8));
      ctx.out().flush();
      return;
    }
    writeAtomically(file, bytes);
  }

  /** Writes through a temporary file in the same directory, then moves it into place. */
  private static void writeAtomically(Path file, byte[] bytes) {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      Files.write(tmp, bytes);
      keepPermissions(tmp, target);
      try {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw CliException.usage("cannot write " + file + ": " + describe(e));
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The move succeeded or the write already failed; nothing more to report.
        }
      }
    }
  }

  /**
   * Temporary files are created owner-only; give the new file the permissions of the file it
   * replaces, or rw-r--r-- for a new one, as a plain write would.
   */
  private static void keepPermissions(Path tmp, Path target) throws IOException {
    if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    Set<PosixFilePermission> permissions =
        Files.exists(target)
            ? Files.getPosixFilePermissions(target)
            : PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(tmp, permissions);
  }

  /** An I/O failure in words: "no such file", "permission denied", or the JDK's message. */
  static String describe(Exception e) {
    Throwable cause = e.getCause();
    Throwable t = e instanceof UncheckedIOException && cause != null ? cause : e;
    if (t instanceof NoSuchFileException) {
      return "no such file";
    }
    if (t instanceof AccessDeniedException) {
      return "permission denied";
    }
    String m = t.getMessage();
    if (t instanceof IOException && m != null) {
      return m.toLowerCase(java.util.Locale.ROOT).contains("is a directory") ? "is a directory" : m;
    }
    return String.valueOf(t.getMessage());
  }

  /** Text on one line: line breaks become spaces. */
  static String oneLine(@Nullable String text) {
    return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }

  /**
   * {@code message} on one line, prefixed with {@code file} unless it already names the file (so
   * that an error names it once).
   */
  static String naming(Path file, @Nullable String message) {
    String line = oneLine(message);
    return line.contains(file.toString()) ? line : file + ": " + line;
  }
}
