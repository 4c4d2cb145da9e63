package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output that cannot all be written to standard output is an error (exit 2), never exit 0. */
class StandardOutputTest {
  @TempDir Path dir;

  /** Standard output on a device that takes {@code room} bytes, then fails as a full disk does. */
  private static final class FullDisk extends OutputStream {
    final ByteArrayOutputStream taken = new ByteArrayOutputStream();
    final int room;

    FullDisk(int room) {
      this.room = room;
    }

    @Override
    public void write(int b) throws IOException {
      if (taken.size() >= room) {
        throw new IOException("No space left on device");
      }
      taken.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int i = 0; i < len; i++) {
        write(b[off + i]);
      }
    }
  }

  private static Cli.Result runTo(OutputStream device, String... args) {
    StandardOutput stdout = new StandardOutput(device);
    StringWriter err = new StringWriter();
    Context ctx =
        new Context(
                new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8)),
                new PrintWriter(err),
                Map.of("SOURCE_DATE_EPOCH", Cli.EPOCH),
                Instant::now)
            .outputFailureFrom(stdout::failure);
    int code = Main.run(ctx, args);
    return new Cli.Result(code, "", err.toString());
  }

  @Test
  void aConversionCutShortByAFullDiskExitsTwoAndSaysWhy() {
    Path in = Cli.write(dir.resolve("ours.json"), DialectsCommandTest.OURS);
    FullDisk device = new FullDisk(100);
    Cli.Result r = runTo(device, "convert", in.toString(), "--to", "cyclonedx");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.errLines())
        .contains(
            "waterline: error: cannot write standard output (No space left on device): what it"
                + " holds is incomplete");
    assertThat(device.taken.size()).isEqualTo(100);
  }

  @Test
  void aNegativeAnswerWhoseReportIsLostIsAnErrorNotANegativeAnswer() {
    Path invalid = Cli.write(dir.resolve("invalid.json"), "{\"@context\": \"nope\"}");
    Cli.Result lost = runTo(new FullDisk(0), "validate", invalid.toString(), "--format", "json");
    assertThat(lost.code()).as(lost.toString()).isEqualTo(2);
    assertThat(lost.err()).contains("cannot write standard output (No space left on device)");
    // The same command with room for its report gives its own answer.
    Cli.Result kept = runTo(new ByteArrayOutputStream(), "validate", invalid.toString());
    assertThat(kept.code()).as(kept.toString()).isEqualTo(1);
    assertThat(kept.err()).doesNotContain("cannot write standard output");
  }
}
