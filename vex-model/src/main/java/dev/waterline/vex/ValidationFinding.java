package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One problem found by validation: its severity, where it is (an RFC 6901 JSON pointer such as
 * {@code /statements/3/status}; {@code ""} is the whole document) and what is wrong.
 *
 * @param severity error or warning
 * @param pointer RFC 6901 JSON pointer of the offending value
 * @param message what was expected and what was found
 */
@API(status = STABLE, since = "0.1.0")
public record ValidationFinding(ValidationSeverity severity, String pointer, String message) {
  /** Checks the parts. */
  public ValidationFinding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  /** For example {@code error at /statements/3/status: expected one of [...] but was 'fixd'}. */
  @Override
  public String toString() {
    return severity + " at " + (pointer.isEmpty() ? "/" : pointer) + ": " + message;
  }
}
