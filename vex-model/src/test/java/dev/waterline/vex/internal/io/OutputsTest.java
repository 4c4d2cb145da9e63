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
}
