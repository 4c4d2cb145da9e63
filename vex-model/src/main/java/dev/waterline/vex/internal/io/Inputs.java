package dev.waterline.vex.internal.io;

import dev.waterline.vex.UnreadableInputException;
import dev.waterline.vex.UnreadableInputException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * The one reader for untrusted input: files, standard input and HTTP bodies. It checks the kind of
 * file before opening it (a regular file, after following links; never a FIFO, device, socket or
 * directory, which would block or never end), and stops reading at the limit of the {@link
 * InputKind} instead of reading everything and checking afterwards. Every failure is an {@link
 * UnreadableInputException} that names the source, what was found and the limit.
 *
 * <p>No other main code calls {@code Files.readAllBytes}, {@code Files.readString} or {@code
 * InputStream.readAllBytes} on input it did not write itself.
 */
public final class Inputs {
  /** The name used in messages for standard input. */
  public static final String STDIN = "standard input";

  private static final int CHUNK = 64 * 1024;

  private Inputs() {}

  /**
   * The whole content of a regular file of at most the kind's limit.
   *
   * @throws UnreadableInputException when the file is missing, not a regular file, too large or
   *     cannot be read
   */
  public static byte[] read(Path file, InputKind kind) {
    return read(file, kind, kind.limit());
  }

  /**
   * As {@link #read(Path, InputKind)} with an explicit limit in bytes (a configured one, such as a
   * registry's largest blob) instead of the kind's.
   */
  public static byte[] read(Path file, InputKind kind, long limit) {
    BasicFileAttributes attrs = requireRegularFile(file, kind, limit);
    try (InputStream in = Files.newInputStream(file)) {
      return readCapped(in, kind, file.toString(), limit, attrs.size());
    } catch (IOException e) {
      throw ioError(file.toString(), e);
    }
  }

  /**
   * The content of a regular file as UTF-8 text (malformed bytes become U+FFFD); see {@link
   * #read(Path, InputKind)}.
   */
  public static String readString(Path file, InputKind kind) {
    return new String(read(file, kind), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * A stream over a regular file that fails with {@link UnreadableInputException} as soon as more
   * than the kind's limit has been read. The caller closes it.
   *
   * @throws UnreadableInputException when the file is missing, not a regular file or too large
   */
  public static InputStream open(Path file, InputKind kind) {
    long limit = kind.limit();
    requireRegularFile(file, kind, limit);
    try {
      return new Bounded(Files.newInputStream(file), kind, file.toString(), limit);
    } catch (IOException e) {
      throw ioError(file.toString(), e);
    }
  }

  /**
   * Everything left in {@code in} (standard input, an HTTP body), up to the kind's limit. The
   * stream is not closed.
   *
   * @param source what the stream is, for messages: {@link #STDIN}, a URL
   */
  public static byte[] read(InputStream in, InputKind kind, String source) {
    return read(in, kind, source, kind.limit());
  }

  /** As {@link #read(InputStream, InputKind, String)} with an explicit limit in bytes. */
  public static byte[] read(InputStream in, InputKind kind, String source, long limit) {
    try {
      return readCapped(in, kind, source, limit, -1);
    } catch (IOException e) {
      throw ioError(source, e);
    }
  }

  /**
   * Holds content already in memory (a layer fetched from a registry, say) to the kind's limit.
   *
   * @param source what the content is, for messages
   * @throws UnreadableInputException ({@code TOO_LARGE}) when {@code size} is over the limit
   */
  public static void requireWithin(long size, InputKind kind, String source) {
    long limit = kind.limit();
    if (size > limit) {
      throw tooLarge(source, kind, limit, "is " + size + " bytes, more");
    }
  }

  /** {@code in} wrapped so that reading past the kind's limit fails; closing closes {@code in}. */
  public static InputStream bounded(InputStream in, InputKind kind, String source) {
    return new Bounded(in, kind, source, kind.limit());
  }

  /**
   * Checks that {@code file} names a regular file (following links) of at most the kind's limit.
   *
   * @return its attributes
   * @throws UnreadableInputException when it does not
   */
  public static BasicFileAttributes requireRegularFile(Path file, InputKind kind) {
    return requireRegularFile(file, kind, kind.limit());
  }

  private static BasicFileAttributes requireRegularFile(Path file, InputKind kind, long limit) {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new UnreadableInputException(
          Reason.NOT_FOUND, file.toString(), -1, "cannot read " + file + ": no such file", null);
    } catch (IOException e) {
      throw ioError(file.toString(), e);
    }
    if (!attrs.isRegularFile()) {
      String what = attrs.isDirectory() ? "a directory" : specialFile(file);
      throw new UnreadableInputException(
          Reason.NOT_A_REGULAR_FILE,
          file.toString(),
          -1,
          "cannot read " + file + ": it is " + what + ", not a regular file",
          null);
    }
    if (attrs.size() > limit) {
      throw tooLarge(
          file.toString(), kind, limit, "is " + InputKind.describeSize(attrs.size()) + ", larger");
    }
    return attrs;
  }

  /** What kind of special file this is, from the Unix mode where the platform has it. */
  static String specialFile(Path file) {
    try {
      Object mode = Files.getAttribute(file, "unix:mode");
      if (mode instanceof Integer) {
        switch (((Integer) mode) & 0170000) {
          case 0010000:
            return "a FIFO (named pipe)";
          case 0020000:
            return "a character device";
          case 0060000:
            return "a block device";
          case 0140000:
            return "a socket";
          default:
            break;
        }
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // No Unix attributes here: the generic description below will do.
    }
    return "a special file";
  }

  /**
   * Reads {@code in}, expecting {@code expected} bytes (-1: unknown); package-private for tests.
   */
  static byte[] readCapped(InputStream in, InputKind kind, String source, long limit, long expected)
      throws IOException {
    if (expected >= 0 && expected <= limit && expected < Integer.MAX_VALUE - 16) {
      // A regular file of known size: one array of that size, then a check that nothing follows.
      byte[] buf = new byte[(int) expected];
      int n = 0;
      while (n < buf.length) {
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          return Arrays.copyOf(buf, n); // the file shrank while it was read
        }
        n += r;
      }
      int next = in.read();
      if (next < 0) {
        return buf;
      }
      // It grew (or was replaced by a larger file between the size check and the open): go on
      // with the general loop, keeping the byte that showed it.
      ByteArrayOutputStream more = new ByteArrayOutputStream(CHUNK);
      more.write(buf, 0, n);
      more.write(next);
      return readRest(in, more, kind, source, limit, n + 1L);
    }
    return readRest(in, new ByteArrayOutputStream(CHUNK), kind, source, limit, 0);
  }

  private static byte[] readRest(
      InputStream in,
      ByteArrayOutputStream out,
      InputKind kind,
      String source,
      long limit,
      long alreadyRead)
      throws IOException {
    if (alreadyRead > limit) {
      throw tooLarge(source, kind, limit, "holds more");
    }
    long total = alreadyRead;
    byte[] buf = new byte[CHUNK];
    while (true) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, limit - total + 1));
      if (r < 0) {
        return out.toByteArray();
      }
      total += r;
      if (total > limit || total > Integer.MAX_VALUE - 16) {
        throw tooLarge(source, kind, limit, "holds more");
      }
      out.write(buf, 0, r);
    }
  }

  static UnreadableInputException tooLarge(
      String source, InputKind kind, long limit, String found) {
    return new UnreadableInputException(
        Reason.TOO_LARGE,
        source,
        limit,
        "cannot read "
            + source
            + ": it "
            + found
            + " than the "
            + InputKind.describeSize(limit)
            + " limit for "
            + kind.description()
            + " (raise it with -D"
            + kind.property()
            + "=SIZE)",
        null);
  }

  private static UnreadableInputException ioError(String source, IOException e) {
    return Failures.reading(source, e);
  }

  /** A stream that fails once more than {@code limit} bytes have been read through it. */
  private static final class Bounded extends FilterInputStream {
    private final InputKind kind;
    private final String source;
    private final long limit;
    private long count;

    Bounded(InputStream in, InputKind kind, String source, long limit) {
      super(in);
      this.kind = kind;
      this.source = source;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int r = super.read(b, off, (int) Math.min(len, Math.max(1, limit - count + 1)));
      if (r > 0) {
        counted(r);
      }
      return r;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(Math.min(n, limit - count + 1));
      counted(s);
      return s;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void counted(long n) {
      count += n;
      if (count > limit) {
        throw tooLarge(source, kind, limit, "holds more");
      }
    }
  }
}
