package dev.waterline.vex.formats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Something a conversion could not carry from one dialect to another: where it was in the input (an
 * RFC 6901 JSON pointer into the document that was read; {@code ""} is the whole document) and what
 * was lost or changed. {@code docs/formats.md} lists every warning a conversion can give.
 *
 * @param pointer RFC 6901 JSON pointer of what was lost, in the input document
 * @param message what was lost or changed, and why
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public record ConversionWarning(String pointer, String message) {
  /** Checks the parts. */
  public ConversionWarning {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  /** For example {@code warning at /statements/3: supplier is not carried by CSAF}. */
  @Override
  public String toString() {
    return "warning at " + (pointer.isEmpty() ? "/" : pointer) + ": " + message;
  }
}
