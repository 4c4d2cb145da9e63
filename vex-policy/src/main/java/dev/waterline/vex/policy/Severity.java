package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A finding's severity, normalised across scanners.
 *
 * <p>Mapping from each scanner's words ({@link #parse(String)}, case-insensitive):
 *
 * <ul>
 *   <li>{@code critical} → {@link #CRITICAL}; {@code high}, {@code important} (Red Hat) → {@link
 *       #HIGH}; {@code medium}, {@code moderate} (GitHub, Red Hat) → {@link #MEDIUM}; {@code low} →
 *       {@link #LOW}; {@code negligible} (Grype), {@code minimal}, {@code none} → {@link
 *       #NEGLIGIBLE}; {@code unknown} → {@link #UNKNOWN}.
 * </ul>
 *
 * <p>Scores ({@link #fromScore(double)}: CVSS base scores and SARIF {@code security-severity}) use
 * the CVSS v3 ranges: 9.0–10.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low, 0.0 unknown
 * (Grype writes 0.0 when it knows nothing). SARIF levels ({@link #fromSarifLevel(String)}): {@code
 * error} → high, {@code warning} → medium, {@code note} → low, {@code none} → unknown. Trivy's
 * numeric vendor severities ({@link #fromTrivyLevel(int)}): 0 unknown, 1 low, 2 medium, 3 high, 4
 * critical.
 */
@API(status = STABLE, since = "0.1.0")
public enum Severity {
  /** Critical. */
  CRITICAL,
  /** High. */
  HIGH,
  /** Medium (also GitHub's and Red Hat's "moderate"). */
  MEDIUM,
  /** Low. */
  LOW,
  /** Negligible (Grype's lowest level). */
  NEGLIGIBLE,
  /** The scanner did not say, or said something we do not know. */
  UNKNOWN;

  /** The lower-case word, e.g. {@code high}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for {@link #CRITICAL} and {@link #HIGH}. */
  public boolean isHighOrCritical() {
    return this == CRITICAL || this == HIGH;
  }

  /**
   * The severity a scanner's word names, case-insensitively (see the class comment), or empty when
   * the word is not one we know.
   */
  public static Optional<Severity> parse(String word) {
    switch (word.trim().toLowerCase(Locale.ROOT)) {
      case "critical":
        return Optional.of(CRITICAL);
      case "high":
      case "important":
        return Optional.of(HIGH);
      case "medium":
      case "moderate":
        return Optional.of(MEDIUM);
      case "low":
        return Optional.of(LOW);
      case "negligible":
      case "minimal":
      case "none":
        return Optional.of(NEGLIGIBLE);
      case "unknown":
        return Optional.of(UNKNOWN);
      default:
        return Optional.empty();
    }
  }

  /** The severity a scanner's word names, or {@link #UNKNOWN} when the word is not one we know. */
  public static Severity parseOrUnknown(String word) {
    return parse(word).orElse(UNKNOWN);
  }

  /**
   * The CVSS v3 qualitative rating of a score from 0.0 to 10.0; 0.0 (and anything not a number in
   * range) is {@link #UNKNOWN}.
   */
  public static Severity fromScore(double score) {
    if (!(score > 0.0) || score > 10.0) {
      return UNKNOWN;
    }
    if (score >= 9.0) {
      return CRITICAL;
    }
    if (score >= 7.0) {
      return HIGH;
    }
    if (score >= 4.0) {
      return MEDIUM;
    }
    return LOW;
  }

  /** The severity a SARIF {@code level} stands for; anything else is {@link #UNKNOWN}. */
  public static Severity fromSarifLevel(String level) {
    switch (level) {
      case "error":
        return HIGH;
      case "warning":
        return MEDIUM;
      case "note":
        return LOW;
      default:
        return UNKNOWN;
    }
  }

  /** Trivy's numeric vendor severity: 0 unknown, 1 low, 2 medium, 3 high, 4 critical. */
  public static Severity fromTrivyLevel(int level) {
    switch (level) {
      case 1:
        return LOW;
      case 2:
        return MEDIUM;
      case 3:
        return HIGH;
      case 4:
        return CRITICAL;
      default:
        return UNKNOWN;
    }
  }
}
