package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One reason for a decision, or a note beside it: the rule that applied (a short code such as
 * {@code severity}, {@code kev}, {@code vex}, {@code exception}, {@code waterline}), a sentence,
 * and the VEX statement behind it where there is one.
 */
@API(status = STABLE, since = "0.1.0")
public final class Reason {
  private final String rule;
  private final String message;
  private final @Nullable Evidence evidence;

  private Reason(String rule, String message, @Nullable Evidence evidence) {
    this.rule = Objects.requireNonNull(rule);
    this.message = Objects.requireNonNull(message);
    this.evidence = evidence;
  }

  /** A reason without a statement. */
  public static Reason of(String rule, String message) {
    return new Reason(rule, message, null);
  }

  /** A reason with the statement behind it. */
  public static Reason of(String rule, String message, Evidence evidence) {
    return new Reason(rule, message, Objects.requireNonNull(evidence));
  }

  /**
   * The rule's code: {@code vex}, {@code exception}, {@code exception_expired}, {@code kev}, {@code
   * epss}, {@code severity}, {@code waterline}, {@code under_investigation}, {@code
   * vendor_vex_above_waterline}, {@code vendor_vex_untrusted}, {@code affected_without_action},
   * {@code vendor_affected}, {@code future_dated} (a note: the deciding statement, or an
   * exception's action statement, is dated in the future).
   */
  public String rule() {
    return rule;
  }

  /** The reason as a sentence. */
  public String message() {
    return message;
  }

  /** The statement behind the reason, if any. */
  public Optional<Evidence> evidence() {
    return Optional.ofNullable(evidence);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Reason
        && rule.equals(((Reason) o).rule)
        && message.equals(((Reason) o).message)
        && Objects.equals(evidence, ((Reason) o).evidence);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rule, message, evidence);
  }

  /** For example {@code kev: CVE-2021-44228 is in the CISA KEV catalog}. */
  @Override
  public String toString() {
    return rule + ": " + message + (evidence != null ? " [" + evidence + "]" : "");
  }
}
