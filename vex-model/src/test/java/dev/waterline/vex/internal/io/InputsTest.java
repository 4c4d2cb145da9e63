package dev.waterline.vex.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.UnreadableInputException;
import dev.waterline.vex.UnreadableInputException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one bounded reader, attacked: special files must be refused before they are opened (a FIFO
 * would block, a device never ends), and nothing is read past the limit (a sparse file of many
 * gigabytes costs nothing to make and would exhaust the heap if read whole).
 */
class InputsTest {
  @TempDir Path dir;

  @AfterEach
  void clearLimit() {
    System.clearProperty(InputKind.POLICY.property());
  }

  @Nested
  class RefusesWhatIsNotARegularFile {
    @Test
    void aFileThatIsLargerThanItsCheckedSizeWhenOpenedIsReadWholeWithoutLosingAByte()
        throws IOException {
      // The size is checked before the open; a writer's atomic rename in between hands the reader
      // a larger file (an index.json another thread just rewrote). Every byte must come through.
      byte[] larger = "{\"manifests\":[{\"mediaType\":\"x\"}]}".getBytes(StandardCharsets.UTF_8);
      byte[] read =
          Inputs.readCapped(
              new ByteArrayInputStream(larger), InputKind.OCI_MANIFEST, "index.json", 1 << 20, 14);
      assertThat(read).isEqualTo(larger);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
      Path fifo = dir.resolve("pipe");
      assumeTrue(mkfifo(fifo), "mkfifo is not available here: FIFO case skipped");
      UnreadableInputException e =
          catchThrowableOfType(
              UnreadableInputException.class, () -> Inputs.read(fifo, InputKind.POLICY));
      assertThat(e.reason()).isEqualTo(Reason.NOT_A_REGULAR_FILE);
      assertThat(e.getMessage())
          .isEqualTo("cannot read " + fifo + ": it is a FIFO (named pipe), not a regular file");
      assertThat(
              catchThrowableOfType(
                      UnreadableInputException.class,
                      () -> Inputs.open(fifo, InputKind.VEX_DOCUMENT))
                  .reason())
          .isEqualTo(Reason.NOT_A_REGULAR_FILE);
    }

    @Test
    void aCharacterDeviceIsRefused() {
      Path zero = Path.of("/dev/zero");
      assumeTrue(Files.exists(zero), "/dev/zero is not available here: device case skipped");
      UnreadableInputException e =
          catchThrowableOfType(
              UnreadableInputException.class, () -> Inputs.read(zero, InputKind.KEY));
      assertThat(e.getMessage())
          .isEqualTo("cannot read /dev/zero: it is a character device, not a regular file");
      assertThat(e.source()).isEqualTo("/dev/zero");
    }

    @Test
    void aLinkToADeviceIsRefusedLikeTheDevice() throws IOException {
      Path zero = Path.of("/dev/zero");
      assumeTrue(Files.exists(zero), "/dev/zero is not available here: device case skipped");
      Path link = Files.createSymbolicLink(dir.resolve("key.pem"), zero);
      UnreadableInputException e =
          catchThrowableOfType(
              UnreadableInputException.class, () -> Inputs.read(link, InputKind.KEY));
      assertThat(e.reason()).isEqualTo(Reason.NOT_A_REGULAR_FILE);
      assertThat(e.getMessage()).contains("a character device");
    }

    @Test
    void aDirectoryIsRefused() {
      UnreadableInputException e =
          catchThrowableOfType(
              UnreadableInputException.class, () -> Inputs.read(dir, InputKind.SCAN_REPORT));
      assertThat(e.getMessage())
          .isEqualTo("cannot read " + dir + ": it is a directory, not a regular file");
    }

    @Test
    void aMissingFileIsNamed() {
      Path missing = dir.resolve("nope.json");
      UnreadableInputException e =
          catchThrowableOfType(
              UnreadableInputException.class, () -> Inputs.read(missing, InputKind.KEV_CATALOG));
      assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
      assertThat(e.getMessage()).isEqualTo("cannot read " + missing + ": no such file");
    }
  }

  @Nested
  class StopsAtTheLimit {
    @Test
    void aSparseFileOfManyGigabytesIsRefusedFromItsSize() throws IOException {
      Path huge = dir.resolve("index.json");
      try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
        f.setLength(3L << 30);
      }
      UnreadableInputException e =
          catchThrowableOfType(
              UnreadableInputException.class, () -> Inputs.read(huge, InputKind.OCI_MANIFEST));
      assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
      assertThat(e.limit()).hasValue(4L << 20);
      assertThat(e.getMessage())
          .isEqualTo(
              "cannot read "
                  + huge
                  + ": it is 3 GiB, larger than the 4 MiB limit for an OCI manifest or index (raise it with"
                  + " -Dwaterline.limit.ociManifest=SIZE)");
    }

    @Test
    void aFileExactlyAtTheLimitIsRead() throws IOException {
      System.setProperty(InputKind.POLICY.property(), "16");
      Path f = Files.write(dir.resolve("p.json"), new byte[16]);
      assertThat(Inputs.read(f, InputKind.POLICY)).hasSize(16);
      Path g = Files.write(dir.resolve("q.json"), new byte[17]);
      assertThat(
              catchThrowableOfType(
                      UnreadableInputException.class, () -> Inputs.read(g, InputKind.POLICY))
                  .reason())
          .isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void aStreamIsCutOffAfterTheLimitWithoutReadingTheRest() {
      InputStream endless = new EndlessStream();
      UnreadableInputException e =
          catchThrowableOfType(
              UnreadableInputException.class,
              () -> Inputs.read(endless, InputKind.PASSWORD, Inputs.STDIN));
      assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
      assertThat(e.getMessage())
          .startsWith("cannot read standard input: it holds more than the 64 KiB limit");
      assertThat(((EndlessStream) endless).served).isLessThanOrEqualTo((64L << 10) + (64 << 10));
    }

    @Test
    void aBoundedStreamFailsWhenItsReaderGoesPastTheLimit() throws IOException {
      System.setProperty(InputKind.POLICY.property(), "8");
      try (InputStream in =
          Inputs.bounded(new ByteArrayInputStream(new byte[100]), InputKind.POLICY, "body")) {
        byte[] buf = new byte[100];
        UnreadableInputException e =
            catchThrowableOfType(UnreadableInputException.class, () -> readFully(in, buf));
        assertThat(e.getMessage()).startsWith("cannot read body: it holds more than the 8 bytes");
      }
    }

    @Test
    void aFileThatGrowsAfterItsSizeWasTakenIsStillStopped() throws IOException {
      // open() checks the size first; the stream itself enforces the limit on what is read.
      System.setProperty(InputKind.POLICY.property(), "10");
      Path f = Files.write(dir.resolve("grow.json"), new byte[5]);
      try (InputStream in = Inputs.open(f, InputKind.POLICY)) {
        Files.write(f, new byte[50]);
        byte[] buf = new byte[64];
        assertThat(
                catchThrowableOfType(UnreadableInputException.class, () -> readFully(in, buf))
                    .reason())
            .isEqualTo(Reason.TOO_LARGE);
      }
    }
  }

  @Nested
  class Limits {
    @Test
    void aLimitIsRaisedWithItsSystemProperty() {
      System.setProperty(InputKind.POLICY.property(), "2m");
      assertThat(InputKind.POLICY.limit()).isEqualTo(2L << 20);
    }

    @Test
    void anUnparsableLimitIsAnErrorNotIgnored() {
      System.setProperty(InputKind.POLICY.property(), "lots");
      assertThat(catchThrowableOfType(IllegalStateException.class, InputKind.POLICY::limit))
          .hasMessage(
              "system property waterline.limit.policy must be a size in bytes (e.g. 1048576,"
                  + " 512k, 64m, 2g) but is 'lots'");
    }

    @Test
    void sizesParseWithUnits() {
      assertThat(InputKind.parseSize("4096")).isEqualTo(4096);
      assertThat(InputKind.parseSize("512k")).isEqualTo(512L << 10);
      assertThat(InputKind.parseSize("64MiB")).isEqualTo(64L << 20);
      assertThat(InputKind.parseSize(" 2G ")).isEqualTo(2L << 30);
      assertThat(InputKind.parseSize("1.5g")).isEqualTo(-1);
      assertThat(InputKind.parseSize("99999999999999999999")).isEqualTo(-1);
      assertThat(InputKind.parseSize("9999999999999t")).isEqualTo(-1);
    }

    @Test
    void sizesPrintInTheLargestWholeUnit() {
      assertThat(InputKind.describeSize(4L << 20)).isEqualTo("4 MiB");
      assertThat(InputKind.describeSize(1536)).isEqualTo("1.5 KiB");
      assertThat(InputKind.describeSize(700)).isEqualTo("700 bytes");
      assertThat(InputKind.describeSize(3L << 30)).isEqualTo("3 GiB");
    }

    @Test
    void everyKindHasItsOwnPropertyAndAPositiveDefault() {
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (InputKind k : InputKind.values()) {
        assertThat(k.defaultLimit()).as(k.name()).isPositive();
        assertThat(seen.add(k.property())).as(k.property()).isTrue();
      }
    }
  }

  @Test
  void readsARegularFileWhole() throws IOException {
    Path f = Files.writeString(dir.resolve("k.pem"), "héllo");
    assertThat(Inputs.readString(f, InputKind.KEY)).isEqualTo("héllo");
    assertThat(Inputs.read(f, InputKind.KEY)).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
  }

  private static void readFully(InputStream in, byte[] buf) throws IOException {
    int n = 0;
    while (n < buf.length) {
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        return;
      }
      n += r;
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

  /** Serves zeros for ever, counting what it served. */
  static final class EndlessStream extends InputStream {
    long served;

    @Override
    public int read() {
      served++;
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      served += len;
      return len;
    }
  }
}
