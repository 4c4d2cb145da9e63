package dev.waterline.vex.internal.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Output files written by replacing them (a temporary file beside them, then a move): what may be
 * replaced. A move replaces whatever the name holds, so without this check {@code --file /dev/null}
 * run as root would put a regular file where the device was.
 */
public final class Outputs {
  private Outputs() {}

  /**
   * Refuses to replace what is not a regular file: a directory, a device, a FIFO, a socket. A name
   * that does not exist yet, a regular file and a symbolic link (the link is replaced, not written
   * through) may be replaced.
   *
   * @throws IOException with the message {@code it is <what>, not a regular file}, or when the
   *     file's attributes cannot be read
   */
  public static void requireReplaceable(Path file) throws IOException {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
      return;
    }
    String what = attrs.isDirectory() ? "a directory" : Inputs.specialFile(file);
    throw new IOException("it is " + what + ", not a regular file");
  }

  /**
   * Writes {@code bytes} to {@code file} by replacing it: a temporary file beside it, given the
   * permissions of the file it replaces (rw-r--r-- for a new one, as a plain write would), moved
   * into place, atomically where the file system can. What {@link #requireReplaceable} refuses is
   * refused before anything is written, and the temporary file never stays behind.
   *
   * @throws IOException when the file cannot be written
   */
  public static void replace(Path file, byte[] bytes) throws IOException {
    Path target = file.toAbsolutePath();
    requireReplaceable(target);
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.write(tmp, bytes);
      keepPermissions(tmp, target);
      try {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // Moved into place, or the write already failed and is reported; nothing more to say.
      }
    }
  }

  /**
   * Temporary files are created owner-only; give the new file the permissions of the file it
   * replaces, or rw-r--r-- for a new one, as a plain write would.
   */
  private static void keepPermissions(Path tmp, Path target) throws IOException {
    if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    Set<PosixFilePermission> permissions =
        Files.exists(target)
            ? Files.getPosixFilePermissions(target)
            : PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(tmp, permissions);
  }
}
