package dev.waterline.vex.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputsTest {
  @TempDir Path dir;

  @Test
  void aNewNameARegularFileAndASymbolicLinkMayBeReplaced() throws IOException {
    Path file = Files.writeString(dir.resolve("file.json"), "{}");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), file);
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("none"));
    for (Path p : new Path[] {dir.resolve("new.json"), file, link, dangling}) {
      assertThatCode(() -> Outputs.requireReplaceable(p))
          .as(p.toString())
          .doesNotThrowAnyException();
    }
  }

  @Test
  void aDirectoryIsRefusedNamingWhatItIs() throws IOException {
    Path d = Files.createDirectory(dir.resolve("out.json"));
    IOException e = catchThrowableOfType(IOException.class, () -> Outputs.requireReplaceable(d));
    assertThat(e).hasMessage("it is a directory, not a regular file");
  }

  @Test
  void aFifoIsRefusedNamingWhatItIs() throws Exception {
    Path fifo = dir.resolve("out.json");
    assumeTrue(InputsTest.mkfifo(fifo), "mkfifo is not available here: FIFO case skipped");
    IOException e = catchThrowableOfType(IOException.class, () -> Outputs.requireReplaceable(fifo));
    assertThat(e).hasMessage("it is a FIFO (named pipe), not a regular file");
  }

  @Test
  void aCharacterDeviceIsRefusedNamingWhatItIs() {
    Path devNull = Path.of("/dev/null");
    assumeTrue(Files.exists(devNull), "/dev/null is not available here: case skipped");
    IOException e =
        catchThrowableOfType(IOException.class, () -> Outputs.requireReplaceable(devNull));
    assertThat(e).hasMessage("it is a character device, not a regular file");
  }

  @Test
  void replaceWritesTheBytesKeepsTheReplacedFilesPermissionsAndLeavesNoTemporaryFile()
      throws IOException {
    assumeTrue(
        java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "skipped: permissions are checked on POSIX file systems only");
    Path fresh = dir.resolve("new.json");
    Outputs.replace(fresh, "{}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(fresh).hasContent("{}");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(fresh)))
        .isEqualTo("rw-r--r--");

    Path kept = Files.writeString(dir.resolve("kept.json"), "old");
    Files.setPosixFilePermissions(
        kept, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw----"));
    Outputs.replace(kept, "new".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(kept).hasContent("new");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(kept)))
        .isEqualTo("rw-rw----");
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactlyInAnyOrder(fresh, kept);
    }
  }

  @Test
  void replaceRefusesAFifoBeforeWritingAnything() throws Exception {
    Path fifo = dir.resolve("out.json");
    assumeTrue(InputsTest.mkfifo(fifo), "mkfifo is not available here: FIFO case skipped");
    IOException e =
        catchThrowableOfType(IOException.class, () -> Outputs.replace(fifo, new byte[] {'x'}));
    assertThat(e).hasMessage("it is a FIFO (named pipe), not a regular file");
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(fifo);
    }
    assertThat(Files.isRegularFile(fifo)).isFalse();
  }
}
