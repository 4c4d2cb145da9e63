package dev.waterline.vex;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.OptionalLong;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An input that could not be read at all, before any parsing: the file does not exist, is not a
 * regular file (a directory, a FIFO, a device), is larger than the limit for that kind of input, or
 * reading it failed. Every file, standard input and HTTP body that Waterline reads goes through the
 * same bounded reader, so every such failure is this exception; the limits and how to change them
 * are listed in {@code docs/security.md}.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class UnreadableInputException extends VexException {
  private static final long serialVersionUID = 1L;

  /** Why the input could not be read. */
  public enum Reason {
    /** The file does not exist. */
    NOT_FOUND,
    /** The path names a directory, a FIFO, a device, a socket or another special file. */
    NOT_A_REGULAR_FILE,
    /** The input is larger than the limit for its kind. */
    TOO_LARGE,
    /** The operating system refused or failed the read (permissions, I/O error). */
    IO_ERROR
  }

  private final Reason reason;
  private final String source;
  private final long limit;

  /**
   * Creates the exception.
   *
   * @param reason why the input could not be read
   * @param source the file (or {@code "standard input"}, or a URL) that was being read
   * @param limit the limit in bytes that applied, or -1 when none is relevant
   * @param message the whole message: what was read, what was found
   * @param cause the underlying failure, if any
   */
  public UnreadableInputException(
      Reason reason, String source, long limit, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.source = Objects.requireNonNull(source, "source");
    this.limit = limit;
  }

  /** Why the input could not be read. */
  public Reason reason() {
    return reason;
  }

  /** The file, {@code "standard input"} or URL that was being read. */
  public String source() {
    return source;
  }

  /** The size limit that applied, in bytes, when the input was too large. */
  public OptionalLong limit() {
    return limit < 0 ? OptionalLong.empty() : OptionalLong.of(limit);
  }
}
