package dev.waterline.vex.workflow.internal;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Status and justification labels as ticket systems export them. A label is compared after
 * normalising: trimmed, lower case, every run of spaces, hyphens and underscores made one
 * underscore; so {@code Vulnerable code not in execute path}, {@code vulnerable-code-not-in-
 * execute-path} and the spec's {@code vulnerable_code_not_in_execute_path} are the same label.
 * Beyond the spec's labels, the table below takes CycloneDX's analysis states and justifications
 * that mean the same thing, and the variants ticket systems write ({@code Vulnerable code cannot be
 * controlled by an adversary}). Documented in {@code docs/guides/ticket-loop.md}.
 */
public final class Labels {
  private Labels() {}

  private static final Map<String, Status> STATUSES = new LinkedHashMap<>();
  private static final Map<String, Justification> JUSTIFICATIONS = new LinkedHashMap<>();

  static {
    for (Status s : Status.values()) {
      STATUSES.put(s.value(), s);
    }
    STATUSES.put("in_triage", Status.UNDER_INVESTIGATION); // CycloneDX analysis state
    STATUSES.put("investigating", Status.UNDER_INVESTIGATION);
    STATUSES.put("exploitable", Status.AFFECTED); // CycloneDX
    STATUSES.put("resolved", Status.FIXED); // CycloneDX: "the vulnerability has been remediated"
    for (Justification j : Justification.values()) {
      JUSTIFICATIONS.put(j.value(), j);
    }
    JUSTIFICATIONS.put(
        "vulnerable_code_cannot_be_controlled_by_an_adversary",
        Justification.VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY);
    JUSTIFICATIONS.put("inline_mitigations_exist", Justification.INLINE_MITIGATIONS_ALREADY_EXIST);
    // CycloneDX analysis justifications with the same meaning.
    JUSTIFICATIONS.put("code_not_present", Justification.VULNERABLE_CODE_NOT_PRESENT);
    JUSTIFICATIONS.put("code_not_reachable", Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH);
    JUSTIFICATIONS.put(
        "protected_by_mitigating_control", Justification.INLINE_MITIGATIONS_ALREADY_EXIST);
  }

  /** A label in the normal form the tables use. */
  public static String normalise(String label) {
    StringBuilder sb = new StringBuilder(label.length());
    boolean gap = false;
    for (char c : label.trim().toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == ' ' || c == '-' || c == '_' || c == '\t') {
        gap = true;
        continue;
      }
      if (gap && sb.length() > 0) {
        sb.append('_');
      }
      gap = false;
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * The status a label names.
   *
   * @throws VexException naming the accepted labels when it names none
   */
  public static Status status(String label) {
    Status s = STATUSES.get(normalise(label));
    if (s == null) {
      throw new VexException(
          "expected a status, one of "
              + Status.labels()
              + " (any case, spaces or hyphens for underscores; also "
              + "in_triage, investigating, exploitable, resolved) but was '"
              + label
              + "'");
    }
    return s;
  }

  /**
   * The justification a label names.
   *
   * @throws VexException naming the accepted labels when it names none
   */
  public static Justification justification(String label) {
    Justification j = JUSTIFICATIONS.get(normalise(label));
    if (j == null) {
      throw new VexException(
          "expected a justification, one of "
              + Justification.labels()
              + " (any case, spaces or hyphens for underscores, e.g. 'Vulnerable code not in"
              + " execute path'; also CycloneDX's code_not_present, code_not_reachable,"
              + " protected_by_mitigating_control) but was '"
              + label
              + "'");
    }
    return j;
  }

  /** Every accepted status label (normal form) and what it means, for the documentation. */
  public static Map<String, Status> statusTable() {
    return Map.copyOf(STATUSES);
  }

  /** Every accepted justification label (normal form) and what it means. */
  public static Map<String, Justification> justificationTable() {
    return Map.copyOf(JUSTIFICATIONS);
  }
}
