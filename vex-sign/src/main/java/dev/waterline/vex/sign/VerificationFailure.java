package dev.waterline.vex.sign;

/**
 * Why verification failed: a reason and a message that says what was checked and what was found.
 *
 * @param reason the reason
 * @param message what was checked, what was found
 */
public record VerificationFailure(FailureReason reason, String message) {
  /** For example {@code BAD_SIGNATURE: the signature by key … does not match}. */
  @Override
  public String toString() {
    return reason + ": " + message;
  }
}
