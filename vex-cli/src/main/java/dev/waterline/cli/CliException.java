package dev.waterline.cli;

/**
 * A failure the CLI reports as one line on stderr with a given exit code: {@link #USAGE} (2) for
 * usage and input errors, {@link #NEGATIVE} (1) for a negative answer.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit code of a negative answer (invalid document, …). */
  static final int NEGATIVE = 1;

  /** Exit code of a usage or input error (bad flags, unreadable file, …). */
  static final int USAGE = 2;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** A usage or input error (exit code 2). */
  static CliException usage(String message) {
    return new CliException(USAGE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
