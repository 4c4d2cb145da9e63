package dev.waterline.vex.policy;

import static dev.waterline.vex.policy.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.UnreadableInputException;
import dev.waterline.vex.UnreadableInputException.Reason;
import dev.waterline.vex.internal.io.InputKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file vex-policy reads goes through the one bounded reader with its own kind: a directory, a
 * FIFO, a device or a file larger than the kind's limit is refused before it is read, as an {@link
 * UnreadableInputException} naming the file; EPSS gzip data is bounded on its decompressed size.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoundedReadsTest {
  @TempDir Path dir;

  /** One {@code read(Path)} of vex-policy. */
  interface Reader {
    Object read(Path file) throws Exception;
  }

  static Stream<Arguments> readers() {
    return Stream.of(
        Arguments.of("ScanReports", InputKind.SCAN_REPORT, (Reader) ScanReports::read),
        Arguments.of("KevCatalog", InputKind.KEV_CATALOG, (Reader) KevCatalog::read),
        Arguments.of("EpssScores", InputKind.EPSS_SCORES, (Reader) EpssScores::read),
        Arguments.of("Policy", InputKind.POLICY, (Reader) Policy::read),
        Arguments.of("Waterline", InputKind.DIFF_IDS, (Reader) Waterline::read));
  }

  static UnreadableInputException refused(Reader reader, Path file) {
    UnreadableInputException e =
        catchThrowableOfType(UnreadableInputException.class, () -> reader.read(file));
    assertThat(e).as("reading " + file + " must be refused").isNotNull();
    assertThat(e.source()).isEqualTo(file.toString());
    assertThat(e.getMessage()).startsWith("cannot read " + file + ": ");
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void aDirectoryIsRefused(String name, InputKind kind, Reader reader) {
    UnreadableInputException e = refused(reader, dir);
    assertThat(e.reason()).isEqualTo(Reason.NOT_A_REGULAR_FILE);
    assertThat(e.getMessage())
        .isEqualTo("cannot read " + dir + ": it is a directory, not a regular file");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void aMissingFileIsNotFound(String name, InputKind kind, Reader reader) {
    Path missing = dir.resolve("missing.json");
    UnreadableInputException e = refused(reader, missing);
    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
    assertThat(e.getMessage()).isEqualTo("cannot read " + missing + ": no such file");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void aFifoIsRefusedWithoutBlocking(String name, InputKind kind, Reader reader)
      throws InterruptedException {
    Path fifo = dir.resolve("pipe");
    assumeTrue(mkfifo(fifo), "mkfifo is not available here: FIFO case skipped");
    UnreadableInputException e = refused(reader, fifo);
    assertThat(e.reason()).isEqualTo(Reason.NOT_A_REGULAR_FILE);
    assertThat(e.getMessage())
        .isEqualTo("cannot read " + fifo + ": it is a FIFO (named pipe), not a regular file");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void aCharacterDeviceIsRefused(String name, InputKind kind, Reader reader) {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero), "/dev/zero is not available here: device case skipped");
    UnreadableInputException e = refused(reader, zero);
    assertThat(e.reason()).isEqualTo(Reason.NOT_A_REGULAR_FILE);
    assertThat(e.getMessage())
        .isEqualTo("cannot read /dev/zero: it is a character device, not a regular file");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void aSparseFileOneByteOverTheLimitIsRefusedWithoutReadingIt(
      String name, InputKind kind, Reader reader) throws IOException {
    Path big = dir.resolve("big");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(kind.limit() + 1);
    }
    UnreadableInputException e = refused(reader, big);
    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(e.limit()).hasValue(kind.limit());
    assertThat(e.getMessage())
        .endsWith(
            " limit for " + kind.description() + " (raise it with -D" + kind.property() + "=SIZE)");
  }

  @Nested
  class EpssGzip {
    @AfterEach
    void restoreTheLimit() {
      System.clearProperty(InputKind.EPSS_SCORES.property());
    }

    /** A valid feed (a header and 2 MiB of blank lines) that gzip makes a few kilobytes. */
    byte[] bomb() throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(utf8("cve,epss,percentile\n"));
        byte[] blank = new byte[1024];
        Arrays.fill(blank, (byte) '\n');
        for (int i = 0; i < 2048; i++) {
          gz.write(blank);
        }
      }
      return out.toByteArray();
    }

    @Test
    void aGzipFileThatDecompressesBeyondTheLimitStopsThere() throws IOException {
      Path file = dir.resolve("epss.csv.gz");
      byte[] bomb = bomb();
      Files.write(file, bomb);
      assertThat(EpssScores.read(file).size()).isZero(); // within the default limit: read
      System.setProperty(InputKind.EPSS_SCORES.property(), "1m");
      assertThat((long) bomb.length).isLessThan(1L << 20);
      UnreadableInputException e =
          catchThrowableOfType(UnreadableInputException.class, () -> EpssScores.read(file));
      assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
      assertThat(e.source()).isEqualTo(file + " (decompressed)");
      assertThat(e.getMessage())
          .isEqualTo(
              "cannot read "
                  + file
                  + " (decompressed): it holds more than the 1 MiB limit for an EPSS file (raise"
                  + " it with -Dwaterline.limit.epss=SIZE)");
    }

    @Test
    void gzipBytesThatDecompressBeyondTheLimitStopThere() throws IOException {
      byte[] bomb = bomb();
      System.setProperty(InputKind.EPSS_SCORES.property(), "1m");
      UnreadableInputException e =
          catchThrowableOfType(UnreadableInputException.class, () -> EpssScores.read(bomb));
      assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
      assertThat(e.getMessage())
          .isEqualTo(
              "cannot read the EPSS data (decompressed): it holds more than the 1 MiB limit for an"
                  + " EPSS file (raise it with -Dwaterline.limit.epss=SIZE)");
    }

    @Test
    void aLineLongerThanAnyRealOneIsRefusedWithItsNumber() {
      byte[] csv = utf8("cve,epss,percentile\nCVE-1-1," + "9".repeat(20_000) + ",0.5\n");
      InputParseException e =
          catchThrowableOfType(InputParseException.class, () -> EpssScores.read(csv));
      assertThat(e.getMessage())
          .isEqualTo("not a valid EPSS CSV file at line 2: a line longer than 10000 characters");
    }
  }

  static boolean mkfifo(Path p) throws InterruptedException {
    try {
      Process proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
      return proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0 && Files.exists(p);
    } catch (IOException e) {
      return false;
    }
  }
}
