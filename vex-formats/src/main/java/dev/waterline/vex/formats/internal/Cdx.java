package dev.waterline.vex.formats.internal;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the CycloneDX reader and writer agree on: the state and justification tables, markers. */
final class Cdx {
  private Cdx() {}

  static final String DOCUMENT = "a CycloneDX BOM";

  static final List<String> VERSIONS = List.of("1.4", "1.5", "1.6", "1.7");

  /** The prefix of Waterline's CycloneDX property names (the OpenVEX fields with no CDX place). */
  static final String PROPERTY = "waterline:openvex:";

  /**
   * The prefix of the status-notes line that keeps what OpenVEX cannot hold of a CycloneDX
   * analysis: {@code CycloneDX analysis: state=false_positive; response=will_not_fix, update}.
   */
  static final String MARKER = "CycloneDX analysis: ";

  /**
   * The action statement the reader makes of an exploitable analysis's responses when it gives no
   * detail; the writer recognises it and writes the responses alone.
   */
  static String responsesAction(List<String> responses) {
    return "Response: " + String.join(", ", responses);
  }

  /** The OpenVEX status of an analysis state. */
  static @Nullable Status status(String state) {
    switch (state) {
      case "not_affected":
      case "false_positive":
        return Status.NOT_AFFECTED;
      case "resolved":
      case "resolved_with_pedigree":
        return Status.FIXED;
      case "exploitable":
        return Status.AFFECTED;
      case "in_triage":
        return Status.UNDER_INVESTIGATION;
      default:
        return null;
    }
  }

  /** The analysis state written for a status. */
  static String state(Status s) {
    switch (s) {
      case NOT_AFFECTED:
        return "not_affected";
      case AFFECTED:
        return "exploitable";
      case FIXED:
        return "resolved";
      default:
        return "in_triage";
    }
  }

  static final List<String> STATES =
      List.of(
          "resolved",
          "resolved_with_pedigree",
          "exploitable",
          "in_triage",
          "false_positive",
          "not_affected");

  static final List<String> RESPONSES =
      List.of("can_not_fix", "will_not_fix", "update", "rollback", "workaround_available");

  /** CycloneDX justification → OpenVEX justification. */
  static final Map<String, Justification> FROM_CDX = new LinkedHashMap<>();

  static {
    FROM_CDX.put("code_not_present", Justification.VULNERABLE_CODE_NOT_PRESENT);
    FROM_CDX.put("code_not_reachable", Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH);
    FROM_CDX.put(
        "requires_configuration", Justification.VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY);
    FROM_CDX.put(
        "requires_dependency", Justification.VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY);
    FROM_CDX.put(
        "requires_environment", Justification.VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY);
    FROM_CDX.put("protected_by_compiler", Justification.INLINE_MITIGATIONS_ALREADY_EXIST);
    FROM_CDX.put("protected_at_runtime", Justification.INLINE_MITIGATIONS_ALREADY_EXIST);
    FROM_CDX.put("protected_at_perimeter", Justification.INLINE_MITIGATIONS_ALREADY_EXIST);
    FROM_CDX.put("protected_by_mitigating_control", Justification.INLINE_MITIGATIONS_ALREADY_EXIST);
  }

  /** OpenVEX justification → the CycloneDX justification written. */
  static String toCdx(Justification j) {
    switch (j) {
      case COMPONENT_NOT_PRESENT:
      case VULNERABLE_CODE_NOT_PRESENT:
        return "code_not_present";
      case VULNERABLE_CODE_NOT_IN_EXECUTE_PATH:
        return "code_not_reachable";
      case VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY:
        return "requires_environment";
      default:
        return "protected_by_mitigating_control";
    }
  }

  /** OpenVEX hash algorithm → CycloneDX {@code hash-alg}; absent when CycloneDX has none. */
  static final Map<String, String> HASHES =
      Map.ofEntries(
          Map.entry("md5", "MD5"),
          Map.entry("sha1", "SHA-1"),
          Map.entry("sha-256", "SHA-256"),
          Map.entry("sha-384", "SHA-384"),
          Map.entry("sha-512", "SHA-512"),
          Map.entry("sha3-256", "SHA3-256"),
          Map.entry("sha3-384", "SHA3-384"),
          Map.entry("sha3-512", "SHA3-512"),
          Map.entry("blake2b-256", "BLAKE2b-256"),
          Map.entry("blake2b-384", "BLAKE2b-384"),
          Map.entry("blake2b-512", "BLAKE2b-512"),
          Map.entry("blake3", "BLAKE3"));

  static String hashFromCdx(String alg) {
    for (Map.Entry<String, String> e : HASHES.entrySet()) {
      if (e.getValue().equals(alg)) {
        return e.getKey();
      }
    }
    return alg.toLowerCase(java.util.Locale.ROOT);
  }

  /** The marker parts of status notes: {@code state}, {@code justification}, {@code response}. */
  static @Nullable Map<String, String> marker(@Nullable String notes) {
    if (notes == null) {
      return null;
    }
    int at = notes.lastIndexOf('\n') + 1;
    if (!notes.startsWith(MARKER, at)) {
      return null;
    }
    Map<String, String> parts = new LinkedHashMap<>();
    for (String part : notes.substring(at + MARKER.length()).split("; ", -1)) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        return null;
      }
      parts.put(part.substring(0, eq), part.substring(eq + 1));
    }
    return parts;
  }

  /** The status notes without a trailing marker line; null when nothing is left. */
  static @Nullable String withoutMarker(@Nullable String notes) {
    if (notes == null || !notes.startsWith(MARKER, notes.lastIndexOf('\n') + 1)) {
      return notes; // no marker line: nothing to parse
    }
    if (marker(notes) == null) {
      return notes;
    }
    int at = notes.lastIndexOf('\n');
    return at < 0 ? null : notes.substring(0, at);
  }
}
