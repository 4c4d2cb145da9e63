package dev.waterline.vex.internal.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

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
}
