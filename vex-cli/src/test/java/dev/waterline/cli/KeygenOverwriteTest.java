package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.Password;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.SigningKey;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keygen} never replaces an existing {@code PREFIX.key} or {@code PREFIX.pub} without {@code
 * --force} (§6), checks both before writing either (a refusal leaves both as they were), and never
 * writes through a symbolic link.
 */
class KeygenOverwriteTest {
  @TempDir Path dir;
  final Cli cli = Cli.atFixedTime().env("COSIGN_PASSWORD", "pw");

  Cli.Result keygen(String... extra) {
    return keygenInto(dir.resolve("release"), extra);
  }

  Cli.Result keygenInto(Path prefix, String... extra) {
    String[] args = new String[3 + extra.length];
    args[0] = "keygen";
    args[1] = "--output-key-prefix";
    args[2] = prefix.toString();
    System.arraycopy(extra, 0, args, 3, extra.length);
    return cli.run(args);
  }

  Path key() {
    return dir.resolve("release.key");
  }

  Path pub() {
    return dir.resolve("release.pub");
  }

  static String refusal(Path... files) {
    StringBuilder sb = new StringBuilder("waterline: error: not overwriting ");
    for (int i = 0; i < files.length; i++) {
      sb.append(i == 0 ? "" : " and ").append(files[i]);
    }
    boolean one = files.length == 1;
    return sb.append(one ? ": the file exists" : ": the files exist")
        .append(" (remove ")
        .append(one ? "it" : "them")
        .append(", or pass --force to replace ")
        .append(one ? "it" : "them")
        .append("); nothing was written")
        .toString();
  }

  @Nested
  class WithoutForce {
    @Test
    void anExistingPublicKeyIsKeptAndNoPrivateKeyIsWritten() throws IOException {
      Files.writeString(pub(), "the team's public key\n");
      Cli.Result r = keygen();
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines()).containsExactly(refusal(pub()));
      assertThat(Files.readString(pub())).isEqualTo("the team's public key\n");
      assertThat(key()).doesNotExist();
    }

    @Test
    void anExistingPrivateKeyIsKeptAndNoPublicKeyIsWritten() throws IOException {
      Files.writeString(key(), "the team's private key\n");
      Cli.Result r = keygen();
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines()).containsExactly(refusal(key()));
      assertThat(Files.readString(key())).isEqualTo("the team's private key\n");
      assertThat(pub()).doesNotExist();
    }

    @Test
    void bothExistingAreNamedInOneLine() throws IOException {
      Files.writeString(key(), "k");
      Files.writeString(pub(), "p");
      Cli.Result r = keygen();
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines()).containsExactly(refusal(key(), pub()));
    }

    @Test
    void aDanglingSymbolicLinkCountsAsExistingAndIsNotFollowed() throws IOException {
      assumeSymlinks();
      Path target = dir.resolve("elsewhere.pub");
      Files.createSymbolicLink(pub(), target);
      Cli.Result r = keygen();
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines()).containsExactly(refusal(pub()));
      assertThat(target).doesNotExist();
      assertThat(key()).doesNotExist();
    }

    @Test
    void writesBothWhenNeitherExists() {
      Cli.Result r = keygen();
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(key()).exists();
      assertThat(pub()).exists();
    }
  }

  @Nested
  class WithForce {
    @Test
    void replacesBothWithAMatchingNewPair() throws IOException {
      Files.writeString(key(), "old private key\n");
      Files.writeString(pub(), "old public key\n");
      Cli.Result r = keygen("--force");
      assertThat(r.code()).as(r.toString()).isZero();
      SigningKey k = Keys.readCosign(key(), Password.of("pw".toCharArray()));
      assertThat(PublicKey.read(pub())).isEqualTo(k.publicKey());
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key())))
            .isEqualTo("rw-------");
      }
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("release.key", "release.pub");
      }
    }

    @Test
    void replacesASymbolicLinkNotTheFileItPointsTo() throws IOException {
      assumeSymlinks();
      Path victim = Files.writeString(dir.resolve("victim.txt"), "do not touch\n");
      Files.createSymbolicLink(pub(), victim);
      Cli.Result r = keygen("--force");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(Files.readString(victim)).isEqualTo("do not touch\n");
      assertThat(Files.isSymbolicLink(pub())).isFalse();
      assertThat(Files.isRegularFile(pub(), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void refusesADirectoryInTheWay() throws IOException {
      Files.createDirectory(pub());
      Cli.Result r = keygen("--force");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly("waterline: error: not overwriting " + pub() + ": it is a directory");
      assertThat(key()).doesNotExist();
    }
  }

  @Nested
  class WithForceOverASpecialFile {
    @Test
    void refusesAFifoInTheWayNamingItAndWritesNothing() throws Exception {
      assumeTrue(HostileFilesTest.mkfifo(pub()), "mkfifo is not available here: case skipped");
      Cli.Result r = keygen("--force");
      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: not overwriting "
                  + pub()
                  + ": it is a FIFO (named pipe), not a regular file");
      assertThat(key()).doesNotExist();
      assertThat(Files.isRegularFile(pub(), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
  }

  @Nested
  class IntoADirectoryThatIsNotThere {
    @Test
    void namesTheMissingDirectoryNotAnExceptionClass() throws IOException {
      Path missing = dir.resolve("keys");
      Cli.Result r = keygenInto(missing.resolve("release"));
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: cannot write private key "
                  + missing.resolve("release.key")
                  + ": no such directory: "
                  + missing);
      try (var left = Files.list(dir)) {
        assertThat(left).isEmpty();
      }
    }

    @Test
    void withForceNamesTheDirectoryNotTheTemporaryFile() throws IOException {
      Path plain = Files.writeString(dir.resolve("keys"), "a file, not a directory\n");
      Cli.Result r = keygenInto(plain.resolve("release"), "--force");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: cannot write the key pair: not a directory: " + plain);
      assertThat(Files.readString(plain)).isEqualTo("a file, not a directory\n");
      try (var left = Files.list(dir)) {
        assertThat(left).containsExactly(plain);
      }
    }
  }

  static void assumeSymlinks() {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "skipped: symbolic links are tested on POSIX file systems only");
  }
}
