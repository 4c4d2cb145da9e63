package dev.waterline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Runs {@link Main#run} in-process with captured output, for tests. */
final class Cli {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** 2026-01-02T03:04:05Z, the fixed time most tests run at. */
  static final String EPOCH = "1767323045";

  static final String EPOCH_RFC3339 = "2026-01-02T03:04:05Z";

  private final Map<String, String> env = new HashMap<>();
  private Supplier<Instant> clock = Instant::now;

  private Cli() {}

  /** A CLI with {@code SOURCE_DATE_EPOCH} fixed at {@link #EPOCH}. */
  static Cli atFixedTime() {
    return new Cli().env("SOURCE_DATE_EPOCH", EPOCH);
  }

  /** A CLI without {@code SOURCE_DATE_EPOCH}: real time. */
  static Cli atRealTime() {
    return new Cli();
  }

  Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** This CLI with its clock stopped at {@code now} (what "now" is when judging times). */
  Cli clock(Instant now) {
    this.clock = () -> now;
    return this;
  }

  Result run(String... args) {
    return runWithInput(new byte[0], args);
  }

  /** Runs with {@code stdin} as standard input. */
  Result runWithInput(byte[] stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Context ctx =
        new Context(
            new PrintWriter(out),
            new PrintWriter(err),
            env,
            clock,
            false,
            new java.io.ByteArrayInputStream(stdin));
    int code = Main.run(ctx, args);
    return new Result(code, out.toString(), err.toString());
  }

  /** What a run produced. */
  record Result(int code, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    List<String> errLines() {
      return err.lines().toList();
    }

    JsonNode json() {
      try {
        return MAPPER.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("stdout is not JSON: " + out, e);
      }
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode readJsonString(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode readJson(Path file) {
    try {
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
