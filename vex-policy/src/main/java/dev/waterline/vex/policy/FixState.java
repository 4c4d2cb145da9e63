package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Whether the package's supplier has a fix, normalised across scanners.
 *
 * <p>Grype {@code fix.state}: {@code fixed}, {@code not-fixed}, {@code wont-fix}, {@code unknown}.
 * Trivy {@code Status}: {@code fixed} → {@link #FIXED}; {@code affected} → {@link #NOT_FIXED};
 * {@code will_not_fix}, {@code fix_deferred} → {@link #WONT_FIX}; {@code end_of_life} and
 * everything else → {@link #UNKNOWN}. SARIF carries no fix state ({@link #UNKNOWN}).
 */
@API(status = STABLE, since = "0.1.0")
public enum FixState {
  /** A fixed version exists. */
  FIXED,
  /** No fix yet. */
  NOT_FIXED,
  /** The supplier will not fix it (or has deferred the fix). */
  WONT_FIX,
  /** Not known. */
  UNKNOWN;

  /** The Grype spelling, e.g. {@code not-fixed}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The state a Grype or Trivy word names (see the class comment); unknown words are UNKNOWN. */
  public static FixState parse(String word) {
    switch (word.trim().toLowerCase(Locale.ROOT)) {
      case "fixed":
        return FIXED;
      case "not-fixed":
      case "not_fixed":
      case "affected":
        return NOT_FIXED;
      case "wont-fix":
      case "wont_fix":
      case "will_not_fix":
      case "fix_deferred":
        return WONT_FIX;
      default:
        return UNKNOWN;
    }
  }
}
