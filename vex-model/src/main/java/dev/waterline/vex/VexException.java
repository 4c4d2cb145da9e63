package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Waterline throws on purpose. It is unchecked so that lambdas, streams
 * and JShell stay usable; {@link java.io.IOException} is kept for real I/O failures.
 */
@API(status = STABLE, since = "0.1.0")
public class VexException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message that says what was tried, what was found and where. */
  public VexException(String message) {
    super(message);
  }

  /** An exception with a message and the cause that led to it. */
  public VexException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
