package dev.waterline.vex.formats.internal;

import dev.waterline.vex.Status;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the CSAF reader and writer agree on: the product status lists, remediation categories, the
 * texts the writer puts where CSAF requires text that OpenVEX does not have (the reader recognises
 * them and drops them again), and hash algorithm names.
 */
final class Csaf {
  private Csaf() {}

  static final String DOCUMENT = "a CSAF 2.0 document";

  /** The product status lists in the order they are read and written. */
  static final List<String> LISTS =
      List.of(
          "known_not_affected",
          "known_affected",
          "first_affected",
          "last_affected",
          "fixed",
          "first_fixed",
          "under_investigation",
          "recommended");

  /** The status of a product status list; null for {@code recommended}. */
  static @Nullable Status status(String list) {
    switch (list) {
      case "known_not_affected":
        return Status.NOT_AFFECTED;
      case "known_affected":
      case "first_affected":
      case "last_affected":
        return Status.AFFECTED;
      case "fixed":
      case "first_fixed":
        return Status.FIXED;
      case "under_investigation":
        return Status.UNDER_INVESTIGATION;
      default:
        return null;
    }
  }

  /** The list a status is written to unless a marker says otherwise. */
  static String list(Status s) {
    switch (s) {
      case NOT_AFFECTED:
        return "known_not_affected";
      case AFFECTED:
        return "known_affected";
      case FIXED:
        return "fixed";
      default:
        return "under_investigation";
    }
  }

  /**
   * The prefix of the status notes that keep the CSAF lists of a product when they are not just the
   * status's own list: {@code CSAF product status: first_affected} or {@code …: fixed,
   * recommended}.
   */
  // One attribute of a CPE 2.3 formatted string, as CSAF's schema has it.
  private static final String CPE23_ATTRIBUTE =
      "((\\?*|\\*?)([a-zA-Z0-9\\-._]|(\\\\[\\\\*?!\"#$%&'()+,/:;<=>@\\[\\]^`{|}~]))+(\\?*|\\*?))"
          + "|[*\\-]";

  /**
   * What CSAF's schema takes as {@code product_identification_helper.cpe}: a CPE 2.3 formatted
   * string or a CPE 2.2 URI (the strict schema's pattern, the two alternatives anchored as one).
   */
  static final Pattern CPE =
      Pattern.compile(
          "^((cpe:2\\.3:[aho*\\-](:("
              + CPE23_ATTRIBUTE
              + ")){5}(:(([a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))?)|[*\\-]))(:("
              + CPE23_ATTRIBUTE
              + ")){4})|([c][pP][eE]:/[AHOaho]?(:[A-Za-z0-9._\\-~%]*){0,6}))$");

  static final String MARKER = "CSAF product status: ";

  /**
   * Products a document may name through {@code group_ids}, in all: each use of a group names its
   * members again, so a small document could otherwise name billions (a group of 20,000 used by
   * 20,000 flags). Reading refuses past it; validation stops expanding groups.
   */
  static final int MAX_GROUP_MEMBERS = 2_000_000;

  /** What reading and validation say when a document's groups pass {@link #MAX_GROUP_MEMBERS}. */
  static final String TOO_MANY_GROUP_MEMBERS =
      "product groups name more than "
          + String.format(java.util.Locale.ROOT, "%,d", MAX_GROUP_MEMBERS)
          + " products in this document in all (each use of a group names each of its members"
          + " again)";

  /** Remediation categories and the label that prefixes their details in an action statement. */
  static final Map<String, String> CATEGORY_LABELS =
      Map.of(
          "mitigation", "Mitigation",
          "no_fix_planned", "No fix planned",
          "none_available", "None available",
          "vendor_fix", "Vendor fix",
          "workaround", "Workaround");

  /** The remediation category an unprefixed action statement is written as, by status. */
  static String defaultCategory(Status s) {
    switch (s) {
      case FIXED:
        return "vendor_fix";
      case UNDER_INVESTIGATION:
        return "none_available";
      default:
        return "mitigation";
    }
  }

  /** Written for a fixed product with a time but no action statement; dropped on read. */
  static final String FIXED_TEXT = "Fixed.";

  /** Written for a product under investigation with a time but no action; dropped on read. */
  static final String UNDER_INVESTIGATION_TEXT = "Under investigation.";

  /**
   * Written for an affected product without an action statement (CSAF needs one); dropped on read,
   * where OpenVEX's own gap filling puts the same text back.
   */
  static final String NO_ACTION_TEXT = Gaps.NO_ACTION_TEXT;

  /** Written for a not-affected product with neither justification nor impact statement. */
  static final String NO_IMPACT_TEXT = Gaps.NO_IMPACT_TEXT;

  /** The note written for a vulnerability without a description (CSAF VEX needs a note). */
  static final String NOTE_TITLE = "VEX";

  static String noteText(String vulnerability) {
    return "The status of " + vulnerability + " in the products listed.";
  }

  /** The summary of the reference that carries a vulnerability's OpenVEX {@code @id}. */
  static final String VULNERABILITY_ID_SUMMARY = "OpenVEX vulnerability @id";

  /**
   * Whether CSAF's schema takes the text as {@code /document/tracking/id}: its pattern {@code
   * ^[\S](.*[\S])?$}, read as the validators (JavaScript) read it: no white space at either end
   * ({@code \s} of JavaScript, which has Unicode's spaces), no line break anywhere.
   */
  static boolean trackingId(String id) {
    if (id.isEmpty() || jsSpace(id.charAt(0)) || jsSpace(id.charAt(id.length() - 1))) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
        return false;
      }
    }
    return true;
  }

  private static boolean jsSpace(char c) {
    return (c >= '\t' && c <= '\r')
        || c == ' '
        || c == '\u00a0'
        || c == '\u1680'
        || (c >= '\u2000' && c <= '\u200a')
        || c == '\u2028'
        || c == '\u2029'
        || c == '\u202f'
        || c == '\u205f'
        || c == '\u3000'
        || c == '\ufeff';
  }

  /** The document title written: OpenVEX has none. */
  static String title(String id) {
    return "VEX document " + id;
  }

  /** OpenVEX hash algorithm → CSAF (OpenSSL) name. */
  static final Map<String, String> HASHES =
      Map.ofEntries(
          Map.entry("md5", "md5"),
          Map.entry("sha1", "sha1"),
          Map.entry("sha-256", "sha256"),
          Map.entry("sha-384", "sha384"),
          Map.entry("sha-512", "sha512"),
          Map.entry("sha3-224", "sha3-224"),
          Map.entry("sha3-256", "sha3-256"),
          Map.entry("sha3-384", "sha3-384"),
          Map.entry("sha3-512", "sha3-512"),
          Map.entry("blake2s-256", "blake2s256"),
          Map.entry("blake2b-256", "blake2b256"),
          Map.entry("blake2b-512", "blake2b512"));

  static String hashToCsaf(String openvex) {
    return HASHES.getOrDefault(openvex, openvex);
  }

  static String hashFromCsaf(String csaf) {
    for (Map.Entry<String, String> e : HASHES.entrySet()) {
      if (e.getValue().equalsIgnoreCase(csaf)) {
        return e.getKey();
      }
    }
    return csaf;
  }
}
