package dev.waterline.cli;

import dev.waterline.vex.UnreadableInputException;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.Validator;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.formats.ReadResult;
import dev.waterline.vex.formats.VexFormat;
import dev.waterline.vex.formats.VexFormats;
import dev.waterline.vex.formats.WriteOptions;
import dev.waterline.vex.formats.WriteResult;
import dev.waterline.vex.internal.io.Failures;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.internal.io.Outputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reading and writing documents for the commands, with one-line error messages. */
final class DocumentIo {
  private DocumentIo() {}

  /**
   * The bytes of a file of the given kind, through the one bounded reader: a regular file (no FIFO,
   * device or directory) of at most the kind's limit.
   *
   * @throws CliException (usage) naming the file when it cannot be read
   */
  static byte[] readBytes(Path path, InputKind kind) {
    if (isStandardInput(path)) {
      throw CliException.usage("'-' (standard input) is not accepted here: give a file");
    }
    try {
      return Inputs.read(path, kind);
    } catch (UnreadableInputException e) {
      throw new CliException(CliException.USAGE, String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * As {@link #readBytes(Path, InputKind)}, and {@code -} names standard input (read once).
   *
   * @throws CliException (usage) naming the file when it cannot be read
   */
  static byte[] readBytes(Context ctx, Path path, InputKind kind) {
    return isStandardInput(path) ? ctx.readStandardInput(kind) : readBytes(path, kind);
  }

  /** Whether an input is named {@code -}: standard input. */
  static boolean isStandardInput(Path path) {
    return path.toString().equals("-");
  }

  /**
   * A document read from a file for a command that consumes it: legacy documents upgraded to
   * v0.2.0, and what the reader accepted leniently said once, as one warning line on stderr.
   *
   * @throws CliException (usage) naming the file when it cannot be read or is not OpenVEX
   */
  static VexDocument read(Context ctx, Path path) {
    return read(ctx, path, null);
  }

  /**
   * A document of any dialect read from a file for a command that consumes it: OpenVEX (JSON or
   * YAML, legacy documents upgraded), CSAF 2.0 or CycloneDX, detected from the content unless
   * {@code format} forces one. What a conversion into the OpenVEX model could not carry is said on
   * stderr, one line each, and so is what the reader accepted leniently.
   *
   * @throws CliException (usage) naming the file when it cannot be read or is no VEX document
   */
  static VexDocument read(Context ctx, Path path, @Nullable VexFormat format) {
    return parse(ctx, readBytes(ctx, path, InputKind.VEX_DOCUMENT), path, format);
  }

  /**
   * A document of any dialect from bytes already read from {@code path}; see {@link #read(Context,
   * Path, VexFormat)}.
   */
  static VexDocument parse(Context ctx, byte[] bytes, Path path, @Nullable VexFormat format) {
    VexDocument doc = parseVex(ctx, bytes, path, format);
    warnLenient(ctx, path.toString(), doc);
    return doc;
  }

  /**
   * An OpenVEX document (JSON or YAML) read from a file for a command that edits it in place, such
   * as {@code add}: another dialect is refused, since writing it back as OpenVEX would replace it.
   *
   * @throws CliException (usage) naming the file and its dialect when it is no OpenVEX document
   */
  static VexDocument readOpenVex(Context ctx, Path path) {
    byte[] bytes = readBytes(ctx, path, InputKind.VEX_DOCUMENT);
    VexFormats.detect(bytes)
        .filter(f -> f != VexFormat.OPENVEX)
        .ifPresent(
            f -> {
              throw CliException.usage(
                  path
                      + " is a "
                      + f.displayName()
                      + " document: this verb edits OpenVEX; convert it first (waterline convert "
                      + path
                      + " --to openvex)");
            });
    return parse(ctx, bytes, path, VexFormat.OPENVEX);
  }

  /**
   * As {@link #parse(Context, byte[], Path, VexFormat)}, but what the reader accepted leniently is
   * left to the caller ({@link VexDocument#readWarnings()}); conversion losses are still said.
   */
  static VexDocument parseVex(Context ctx, byte[] bytes, Path path, @Nullable VexFormat format) {
    ReadResult result;
    try {
      result = format == null ? VexFormats.read(bytes) : VexFormats.read(bytes, format);
    } catch (VexException e) {
      throw new CliException(CliException.USAGE, naming(path, e.getMessage()), e);
    } catch (UncheckedIOException e) {
      throw new CliException(CliException.USAGE, "cannot read " + path + ": " + describe(e), e);
    }
    printWarnings(ctx, "waterline: " + path + ": ", result.warnings());
    return result.document();
  }

  /**
   * Writes a document in the given dialect to {@code file}, or to stdout when {@code file} is null;
   * what the dialect cannot carry is said on stderr, one line each.
   *
   * @throws CliException (usage) when the file cannot be written
   */
  static void write(Context ctx, VexDocument doc, VexFormat format, @Nullable Path file) {
    if (format == VexFormat.OPENVEX) {
      write(ctx, doc, file);
      return;
    }
    WriteResult result = VexFormats.write(doc, WriteOptions.of(format));
    printWarnings(ctx, "waterline: ", result.warnings());
    ctx.err().flush();
    writeBytes(ctx, result.bytes(), file);
  }

  /** Conversion warnings printed on stderr before the rest are only counted (--verbose: all). */
  static final int WARNINGS_PRINTED = 100;

  /**
   * Prints a read's, a conversion's or a triage run's warnings on stderr, one line each after
   * {@code prefix}; each warning says it is one ("warning at POINTER: …"). Past {@link
   * #WARNINGS_PRINTED}, unless {@code --verbose}, one line counts the rest: a document that names
   * 200,000 undefined products would otherwise bury the command's answer under 200,000 lines. The
   * count is never left out, so no loss goes unsaid.
   */
  static void printWarnings(Context ctx, String prefix, List<?> warnings) {
    int shown = ctx.verbose() ? warnings.size() : Math.min(warnings.size(), WARNINGS_PRINTED);
    for (int i = 0; i < shown; i++) {
      ctx.err().println(prefix + oneLine(String.valueOf(warnings.get(i))));
    }
    int rest = warnings.size() - shown;
    if (rest > 0) {
      ctx.err()
          .println(
              prefix
                  + String.format(
                      Locale.ROOT,
                      "warning: %,d more warnings not shown (--verbose prints every one)",
                      rest));
    }
  }

  /**
   * Says on stderr, in one line, that a document is not valid OpenVEX v0.2.0 and what was accepted
   * in it ({@link VexDocument#readWarnings()}); nothing when it was read without leniency.
   */
  static void warnLenient(Context ctx, String origin, VexDocument doc) {
    List<ValidationFinding> warnings = doc.readWarnings();
    if (warnings.isEmpty()) {
      return;
    }
    StringBuilder line = new StringBuilder("waterline: warning: ");
    line.append(origin).append(" is not valid OpenVEX v0.2.0 and was read leniently: ");
    for (int i = 0; i < warnings.size(); i++) {
      ValidationFinding f = warnings.get(i);
      line.append(i == 0 ? "" : "; ")
          .append("at ")
          .append(f.pointer().isEmpty() ? "/" : f.pointer())
          .append(": ")
          .append(oneLine(f.message()));
    }
    line.append(" (waterline validate lists every finding)");
    ctx.err().println(line);
    ctx.err().flush();
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
      ctx.exactOut().print(json);
      if (!json.endsWith("\n")) {
        ctx.exactOut().print('\n');
      }
      ctx.exactOut().flush();
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
      ctx.exactOut().print(new String(bytes, StandardCharsets.UTF_8));
      ctx.exactOut().flush();
      return;
    }
    writeAtomically(file, bytes);
  }

  /** Writes through a temporary file in the same directory, then moves it into place. */
  private static void writeAtomically(Path file, byte[] bytes) {
    try {
      Outputs.replace(file, bytes);
    } catch (IOException e) {
      throw CliException.usage("cannot write " + file + ": " + describeWrite(file, e));
    }
  }

  /**
   * Why {@code file} could not be written: as {@link #describe}, but a directory on its way that is
   * not there (or not a directory) is named, where the JDK says only "no such file".
   */
  static String describeWrite(Path file, Exception e) {
    Throwable cause = e.getCause();
    Throwable t = e instanceof UncheckedIOException && cause != null ? cause : e;
    return t instanceof IOException ? Failures.whyNotWritten(file, (IOException) t) : describe(e);
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
