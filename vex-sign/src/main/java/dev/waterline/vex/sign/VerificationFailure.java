package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Why verification failed: a reason and a message that says what was checked and what was found.
 *
 * @param reason the reason
 * @param message what was checked, what was found
 */
@API(status = STABLE, since = "0.1.0")
public record VerificationFailure(FailureReason reason, String message) {
  /** For example {@code BAD_SIGNATURE: the signature by key … does not match}. */
  @Override
  public String toString() {
    return reason + ": " + message;
  }
}
