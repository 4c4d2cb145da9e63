package dev.waterline.cli;

import dev.waterline.vex.UnreadableInputException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** What every command needs from its surroundings: the output streams, the environment, time. */
final class Context {
  private static final Pattern EPOCH_SECONDS = Pattern.compile("-?[0-9]{1,18}");

  private final PrintWriter out;
  private final PrintWriter err;
  private final PrintWriter exactOut;
  private final PrintWriter exactErr;
  private final Map<String, String> env;
  private final Supplier<Instant> clock;

  private final boolean terminal;
  private final InputStream in;
  private boolean inRead;
  private Supplier<@Nullable String> outputFailure = () -> null;
  private boolean verbose;

  Context(PrintWriter out, PrintWriter err, Map<String, String> env, Supplier<Instant> clock) {
    this(out, err, env, clock, false);
  }

  Context(
      PrintWriter out,
      PrintWriter err,
      Map<String, String> env,
      Supplier<Instant> clock,
      boolean terminal) {
    this(out, err, env, clock, terminal, InputStream.nullInputStream());
  }

  Context(
      PrintWriter out,
      PrintWriter err,
      Map<String, String> env,
      Supplier<Instant> clock,
      boolean terminal,
      InputStream in) {
    this.exactOut = out;
    this.exactErr = err;
    this.out = TerminalSafe.writer(out);
    this.err = TerminalSafe.writer(err);
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.terminal = terminal;
    this.in = in;
  }

  /**
   * Tells this context where to ask why writing standard output failed (the operating system's
   * words, for the error line); returns it.
   */
  Context outputFailureFrom(Supplier<@Nullable String> why) {
    this.outputFailure = why;
    return this;
  }

  /** This context for a command line with {@code --verbose} (or without). */
  Context verbose(boolean on) {
    this.verbose = on;
    return this;
  }

  /** Whether the command line asked for detail ({@code --verbose}). */
  boolean verbose() {
    return verbose;
  }

  /** Why writing standard output failed, when known; null otherwise. */
  @Nullable String outputFailure() {
    return outputFailure.get();
  }

  /**
   * Standard input, read whole through the one bounded reader as an input of {@code kind}: what an
   * input named {@code -} holds. It can be read once in a command.
   *
   * @throws CliException (usage) when it was read already, or cannot be read
   */
  byte[] readStandardInput(InputKind kind) {
    if (inRead) {
      throw CliException.usage(
          "standard input ('-') can be read only once in a command: give '-' for one input");
    }
    inRead = true;
    try {
      return Inputs.read(in, kind, "standard input");
    } catch (UnreadableInputException e) {
      throw new CliException(CliException.USAGE, String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * Whether a person is watching: the process is on a terminal ({@link Main#interactive()}; the JDK
   * cannot ask about stderr alone, so stdin and stdout decide). Progress is shown only then.
   */
  boolean terminal() {
    return terminal;
  }

  /**
   * Standard output for people: reports, summaries, answers. What a terminal would act on
   * (controls, escape sequences, bidi overrides: {@link TerminalSafe}) is written as {@code
   * \\uXXXX}, as text from a document or a server may hold it.
   */
  PrintWriter out() {
    return out;
  }

  /**
   * Standard output written exactly: a document (OpenVEX, CSAF, CycloneDX, SARIF, an ignore file, a
   * JSON report; Markdown, which the library has made inert), whose bytes are its meaning, and the
   * CLI's own styling (the demo's bold headings). The same stream as {@link #out()}.
   */
  PrintWriter exactOut() {
    return exactOut;
  }

  /**
   * Whether writing standard output has failed (everything written so far is flushed first): what
   * {@link #out()} and {@link #exactOut()} wrote all goes through the latter.
   */
  boolean outputFailed() {
    out.flush();
    return exactOut.checkError();
  }

  /** The environment (passwords for keys: {@code COSIGN_PASSWORD}, {@code WATERLINE_PASSWORD}). */
  Map<String, String> env() {
    return env;
  }

  /**
   * The clock, as a {@link Clock}: what "now" is when a command judges times (a statement dated in
   * the future). Unlike {@link #now()} it ignores {@code SOURCE_DATE_EPOCH}, which is for the times
   * a command writes.
   */
  Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the CLI's clock is UTC");
      }

      @Override
      public Instant instant() {
        return clock.get();
      }
    };
  }

  /**
   * Standard error: the one-line error, warnings, and details with {@code --verbose}; for people,
   * as {@link #out()} is.
   */
  PrintWriter err() {
    return err;
  }

  /** Standard error written exactly, for the CLI's own terminal control ({@link #progress}). */
  PrintWriter exactErr() {
    return exactErr;
  }

  /**
   * Shows {@code line} as the progress line on stderr, rewriting the one shown before (carriage
   * return and erase, then the line, made inert as all text is); null erases it.
   */
  void progress(@Nullable String line) {
    exactErr.print("\r\033[K");
    if (line != null) {
      err.print(line);
    }
    err.flush();
  }

  /**
   * The time to write into new statements and documents, to the second: {@code SOURCE_DATE_EPOCH}
   * when it is set (unix seconds or an RFC 3339 time, for reproducible output), else now.
   *
   * @throws CliException when {@code SOURCE_DATE_EPOCH} is set but is neither
   */
  Instant now() {
    Instant fixed = sourceDateEpoch();
    return fixed != null ? fixed : clock.get().truncatedTo(ChronoUnit.SECONDS);
  }

  /** {@code SOURCE_DATE_EPOCH} as an instant, or null when it is unset or blank. */
  @Nullable Instant sourceDateEpoch() {
    String value = env.get("SOURCE_DATE_EPOCH");
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      if (EPOCH_SECONDS.matcher(v).matches()) {
        return Instant.ofEpochSecond(Long.parseLong(v));
      }
      // RFC 3339 allows a lowercase 't'/'z' and a space between date and time.
      String iso = v.toUpperCase(Locale.ROOT);
      if (iso.length() > 10 && iso.charAt(10) == ' ') {
        iso = iso.substring(0, 10) + 'T' + iso.substring(11);
      }
      return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant()
          .truncatedTo(ChronoUnit.SECONDS);
    } catch (DateTimeException | NumberFormatException e) {
      throw CliException.usage(
          "SOURCE_DATE_EPOCH must be unix seconds or an RFC 3339 time (e.g. 2026-01-01T00:00:00Z)"
              + " but was '"
              + value
              + "'");
    }
  }
}
