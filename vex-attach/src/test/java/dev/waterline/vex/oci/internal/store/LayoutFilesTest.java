package dev.waterline.vex.oci.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.UnreadableAttestation.Reason;
import dev.waterline.vex.oci.internal.json.OciJson;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of a layout is read through one bounded read: regular files inside the layout only,
 * the size checked before opening, never more than the limit read; and what attach writes over a
 * damaged blob is checked (hashed as it streams) and rewritten.
 */
public class LayoutFilesTest {
  static final long GIB = 1L << 30;

  @TempDir Path dir;
  String where;

  @BeforeEach
  void layout() throws IOException {
    LayoutStore.create(dir);
    where = "oci:" + dir.toRealPath();
  }

  static void sparse(Path file, long size) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    }
  }

  /** A FIFO at {@code file}, or the test is skipped saying why. */
  public static void fifo(Path file) throws IOException, InterruptedException {
    Files.deleteIfExists(file);
    Process p;
    try {
      p = new ProcessBuilder("mkfifo", file.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "mkfifo is not available here (" + e.getMessage() + "): FIFO test skipped");
      return;
    }
    assumeTrue(
        p.waitFor() == 0 && Files.exists(file), "mkfifo " + file + " failed: FIFO test skipped");
  }

  Path blobFile(Digest d) throws IOException {
    Path p = dir.resolve("blobs/sha256/" + d.hex());
    Files.createDirectories(p.getParent());
    return p;
  }

  static Digest someDigest() {
    return Digest.of("some blob".getBytes(StandardCharsets.UTF_8));
  }

  @Nested
  class IndexJson {
    @Test
    void aSparseFileOfOneAndAHalfGibibytesIsRefusedByItsSizeBeforeItIsRead() throws IOException {
      sparse(dir.resolve("index.json"), 3 * GIB / 2);

      assertThatThrownBy(() -> LayoutStore.open(dir))
          .isInstanceOfSatisfying(
              ContentException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
          .hasMessage(
              "index.json in "
                  + where
                  + " is 1610612736 bytes, more than the limit of "
                  + OciJson.MAX_MANIFEST_BYTES
                  + " bytes");
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
      fifo(dir.resolve("index.json"));

      assertThatThrownBy(() -> LayoutStore.open(dir))
          .hasMessage(
              "index.json in "
                  + where
                  + " is a FIFO (named pipe), not a regular file; it is not read");
    }

    @Test
    void aSymbolicLinkToDevZeroIsNotFollowed() throws IOException {
      Files.delete(dir.resolve("index.json"));
      Files.createSymbolicLink(dir.resolve("index.json"), Path.of("/dev/zero"));

      assertThatThrownBy(() -> LayoutStore.open(dir))
          .hasMessage(
              "index.json in "
                  + where
                  + " is a symbolic link to /dev/zero, outside the layout; it is not followed");
    }

    @Test
    void aDirectoryIsRefused() throws IOException {
      Files.delete(dir.resolve("index.json"));
      Files.createDirectory(dir.resolve("index.json"));

      assertThatThrownBy(() -> LayoutStore.open(dir))
          .hasMessage(
              "index.json in " + where + " is a directory, not a regular file; it is not read");
    }

    @Test
    void aSymbolicLinkToARegularFileInsideTheLayoutIsRead() throws IOException {
      Files.move(dir.resolve("index.json"), dir.resolve("index.real.json"));
      Files.createSymbolicLink(dir.resolve("index.json"), Path.of("index.real.json"));

      assertThat(LayoutStore.open(dir).index().manifests()).isEmpty();
    }
  }

  @Nested
  class OciLayoutFile {
    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
      fifo(dir.resolve("oci-layout"));

      assertThatThrownBy(() -> LayoutStore.open(dir))
          .hasMessage(
              "oci-layout in "
                  + where
                  + " is a FIFO (named pipe), not a regular file; it is not read");
    }

    @Test
    void aSparseHugeFileIsRefusedByItsSize() throws IOException {
      sparse(dir.resolve("oci-layout"), 3 * GIB);

      assertThatThrownBy(() -> LayoutStore.open(dir))
          .hasMessage(
              "oci-layout in "
                  + where
                  + " is 3221225472 bytes, more than the limit of "
                  + LayoutStore.MAX_LAYOUT_FILE_BYTES
                  + " bytes");
    }
  }

  @Nested
  class Blobs {
    @Test
    void aSparseBlobOfThreeGibibytesIsRefusedByItsSize() throws IOException {
      Digest d = someDigest();
      sparse(blobFile(d), 3 * GIB);

      assertThatThrownBy(() -> LayoutStore.open(dir).blob(d))
          .isInstanceOfSatisfying(
              ContentException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
                assertThat(e.content()).contains(d);
              })
          .hasMessage(
              "the blob "
                  + d
                  + " in "
                  + where
                  + " is 3221225472 bytes, more than the limit of "
                  + OciStore.DEFAULT_MAX_BLOB_BYTES
                  + " bytes");
    }

    @Test
    void aBlobThatIsASymbolicLinkToDevZeroIsNotFollowed() throws IOException {
      Digest d = someDigest();
      Files.createSymbolicLink(blobFile(d), Path.of("/dev/zero"));

      assertThatThrownBy(() -> LayoutStore.open(dir).blob(d))
          .isInstanceOfSatisfying(
              ContentException.class, e -> assertThat(e.reason()).isEqualTo(Reason.READ_FAILED))
          .hasMessage(
              "the blob "
                  + d
                  + " in "
                  + where
                  + " is a symbolic link to /dev/zero, outside the layout; it is not followed");
    }

    @Test
    void aBlobThatIsASymbolicLinkToAFileOfAnotherDirectoryIsNotFollowed() throws IOException {
      Digest d = someDigest();
      Path outside = Files.createTempFile("waterline-outside", ".blob");
      try {
        Files.writeString(outside, "some blob");
        Files.createSymbolicLink(blobFile(d), outside);

        assertThatThrownBy(() -> LayoutStore.open(dir).blob(d))
            .hasMessageEndingWith(
                " is a symbolic link to "
                    + outside.toRealPath()
                    + ", outside the layout; it is not followed");
      } finally {
        Files.delete(outside);
      }
    }

    @Test
    void aBlobThatIsAFifoIsRefusedWithoutBlocking() throws Exception {
      Digest d = someDigest();
      fifo(blobFile(d));

      assertThatThrownBy(() -> LayoutStore.open(dir).blob(d))
          .hasMessage(
              "the blob "
                  + d
                  + " in "
                  + where
                  + " is a FIFO (named pipe), not a regular file; it is not read");
    }

    @Test
    void blobsReachedThroughASymbolicLinkedDirectoryOutsideTheLayoutAreNotRead()
        throws IOException {
      Digest d = someDigest();
      Path elsewhere = Files.createTempDirectory("waterline-blobs");
      try {
        Files.writeString(elsewhere.resolve(d.hex()), "some blob");
        Files.createDirectories(dir.resolve("blobs"));
        Files.createSymbolicLink(dir.resolve("blobs/sha256"), elsewhere);

        assertThatThrownBy(() -> LayoutStore.open(dir).blob(d))
            .hasMessage(
                "the blob "
                    + d
                    + " in "
                    + where
                    + " lies, through a symbolic link, at "
                    + elsewhere.toRealPath().resolve(d.hex())
                    + ", outside the layout; it is not followed");
      } finally {
        Files.deleteIfExists(elsewhere.resolve(d.hex()));
        Files.delete(elsewhere);
      }
    }
  }

  @Nested
  class Repair {
    @Test
    void aBlobHoldingOtherBytesIsRewrittenAndSaidSo() throws IOException {
      LayoutStore s = LayoutStore.open(dir);
      byte[] right = "the right bytes".getBytes(StandardCharsets.UTF_8);
      Digest d = s.putBlob(right);
      Files.writeString(blobFile(d), "the wrong bytes");

      assertThat(s.repair(right))
          .contains(
              "blobs/sha256/"
                  + d.hex()
                  + " in "
                  + where
                  + " held other bytes, with the digest "
                  + Digest.of("the wrong bytes".getBytes(StandardCharsets.UTF_8))
                  + " instead of the 15 bytes of "
                  + d
                  + "; it was rewritten with them");
      assertThat(blobFile(d)).hasBinaryContent(right);
      assertThat(s.repair(right)).isEmpty();
    }

    @Test
    void aBlobOfAnotherSizeIsRewrittenWithoutBeingRead() throws IOException {
      LayoutStore s = LayoutStore.open(dir);
      byte[] right = "the right bytes".getBytes(StandardCharsets.UTF_8);
      Digest d = Digest.of(right);
      sparse(blobFile(d), 3 * GIB);

      assertThat(s.repair(right))
          .hasValueSatisfying(
              n -> assertThat(n).contains(" held 3221225472 bytes instead of the 15 bytes of "));
      assertThat(s.blob(d)).hasValueSatisfying(b -> assertThat(b).isEqualTo(right));
    }

    @Test
    void putBlobNeverBuildsOnADamagedBlob() throws IOException {
      LayoutStore s = LayoutStore.open(dir);
      byte[] right = "the right bytes".getBytes(StandardCharsets.UTF_8);
      Digest d = Digest.of(right);
      Files.writeString(blobFile(d), "the wrong bytes");

      assertThat(s.putBlob(right)).isEqualTo(d);
      assertThat(s.blob(d)).hasValueSatisfying(b -> assertThat(b).isEqualTo(right));
    }

    @Test
    void aSymbolicLinkInThePlaceOfABlobIsReplacedAndItsTargetLeftAlone() throws IOException {
      LayoutStore s = LayoutStore.open(dir);
      byte[] right = "the right bytes".getBytes(StandardCharsets.UTF_8);
      Digest d = Digest.of(right);
      Path target = dir.resolveSibling(dir.getFileName() + "-target");
      Files.writeString(target, "kept");
      try {
        Files.createSymbolicLink(blobFile(d), target);

        assertThat(s.repair(right))
            .hasValueSatisfying(n -> assertThat(n).contains(" held a symbolic link instead of"));
        assertThat(Files.isSymbolicLink(blobFile(d))).isFalse();
        assertThat(blobFile(d)).hasBinaryContent(right);
        assertThat(target).hasContent("kept");
      } finally {
        Files.delete(target);
      }
    }

    @Test
    void aFifoInThePlaceOfABlobIsReplacedWithoutBlocking() throws Exception {
      LayoutStore s = LayoutStore.open(dir);
      byte[] right = "the right bytes".getBytes(StandardCharsets.UTF_8);
      Digest d = Digest.of(right);
      fifo(blobFile(d));

      assertThat(s.repair(right))
          .hasValueSatisfying(n -> assertThat(n).contains(" held a FIFO (named pipe) instead of"));
      assertThat(blobFile(d)).hasBinaryContent(right);
    }

    @Test
    void aDirectoryInThePlaceOfABlobIsRefused() throws IOException {
      LayoutStore s = LayoutStore.open(dir);
      byte[] right = "the right bytes".getBytes(StandardCharsets.UTF_8);
      Digest d = Digest.of(right);
      Files.createDirectories(blobFile(d).resolve("x"));

      assertThatThrownBy(() -> s.putBlob(right))
          .isInstanceOf(OciException.class)
          .hasMessage(
              "cannot store the blob "
                  + d
                  + " in "
                  + where
                  + ": blobs/sha256/"
                  + d.hex()
                  + " is a directory; remove it, then try again");
    }

    @Test
    void anIntactBlobIsLeftAsItIs() throws IOException {
      LayoutStore s = LayoutStore.open(dir);
      byte[] right = "the right bytes".getBytes(StandardCharsets.UTF_8);
      Digest d = s.putBlob(right);
      var before = Files.getLastModifiedTime(blobFile(d));

      assertThat(s.repair(right)).isEmpty();
      assertThat(Files.getLastModifiedTime(blobFile(d))).isEqualTo(before);
      assertThat(List.of(s.putBlob(right))).containsExactly(d);
    }
  }
}
