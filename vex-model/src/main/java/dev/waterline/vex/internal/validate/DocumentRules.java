package dev.waterline.vex.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.HashAlgorithm;
import dev.waterline.vex.IdentifierType;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Status;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationSeverity;
import dev.waterline.vex.internal.io.TerminalText;
import dev.waterline.vex.internal.match.PurlSyntax;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The OpenVEX v0.2.0 rules, checked over a JSON tree: the shape the spec's schema describes, plus
 * the rules its prose states (a {@code not_affected} statement needs a justification or an impact
 * statement, every statement needs a product and a time, …). Each finding names the RFC 6901
 * pointer of the value at fault.
 */
final class DocumentRules {
  static final String CONTEXT_V020 = "https://openvex.dev/ns/v0.2.0";

  private static final Set<String> DOCUMENT_FIELDS =
      Set.of(
          "@context",
          "@id",
          "author",
          "role",
          "timestamp",
          "last_updated",
          "version",
          "tooling",
          "statements");
  private static final Set<String> STATEMENT_FIELDS =
      Set.of(
          "@id",
          "version",
          "vulnerability",
          "timestamp",
          "last_updated",
          "products",
          "status",
          "supplier",
          "status_notes",
          "justification",
          "impact_statement",
          "action_statement",
          "action_statement_timestamp");
  private static final Set<String> VULNERABILITY_FIELDS =
      Set.of("@id", "name", "description", "aliases");
  private static final Set<String> COMPONENT_FIELDS = Set.of("@id", "identifiers", "hashes");
  private static final Set<String> PRODUCT_FIELDS =
      Set.of("@id", "identifiers", "hashes", "subcomponents");

  private static final Pattern RFC3339 =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");
  // A scheme and something after it; what the rest may hold is notInAnIri's.
  private static final Pattern IRI_SCHEME =
      Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.+", Pattern.DOTALL);
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

  /** CPE 2.2 URI binding (CPE 2.2 specification, Appendix: the cpe-name pattern). */
  private static final Pattern CPE22 =
      Pattern.compile("[cC][pP][eE]:/[AHOaho]?(:[A-Za-z0-9._\\-~%]*){0,6}");

  /** CPE 2.3 formatted string binding (NISTIR 7695, section 6.2). */
  private static final Pattern CPE23;

  static {
    String quoted = "\\\\[\\\\*?!\"#$%&'()+,/:;<=>@\\[\\]\\^`{|}~]";
    String avstring = "((\\?*|\\*?)([a-zA-Z0-9\\-._]|" + quoted + ")+(\\?*|\\*?))|[*\\-]";
    String lang = "(([a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))?)|[*\\-])";
    CPE23 =
        Pattern.compile(
            "cpe:2\\.3:[aho*\\-](:(" + avstring + ")){5}(:" + lang + ")(:(" + avstring + ")){4}");
  }

  private final List<ValidationFinding> findings = new ArrayList<>();
  private final Instant now;
  private final Duration clockSkew;

  /**
   * Rules that judge "in the future" against {@code now}: a time more than {@code clockSkew} after
   * it is a warning.
   */
  DocumentRules(Instant now, Duration clockSkew) {
    this.now = now;
    this.clockSkew = clockSkew;
  }

  List<ValidationFinding> findings() {
    return findings;
  }

  private void error(String pointer, String message) {
    findings.add(new ValidationFinding(ValidationSeverity.ERROR, pointer, message));
  }

  private void warning(String pointer, String message) {
    findings.add(new ValidationFinding(ValidationSeverity.WARNING, pointer, message));
  }

  static String child(String pointer, String name) {
    return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
  }

  static String child(String pointer, int index) {
    return pointer + "/" + index;
  }

  // ------------------------------------------------------------------ document

  /**
   * Checks a whole document: its own fields ({@link #head}), then each statement ({@link
   * #statementAt}), a statement equal to an earlier one being a duplicate.
   */
  void document(JsonNode doc) {
    boolean docTime = head(doc);
    JsonNode statements = doc.get("statements");
    if (statements == null || !statements.isArray()) {
      return;
    }
    Set<JsonNode> seen = new HashSet<>();
    for (int i = 0; i < statements.size(); i++) {
      JsonNode s = statements.get(i);
      statementAt(s, i, docTime, s.isObject() && !seen.add(s));
    }
  }

  /**
   * Checks the document's own fields, and that {@code statements} is there and a non-empty array
   * (without looking into it: a streaming caller may pass any array of the same emptiness). Returns
   * whether the document has a valid timestamp for its statements to inherit.
   */
  boolean head(JsonNode doc) {
    unknownFields(doc, "", DOCUMENT_FIELDS, "the document");
    Optional<String> context = requiredString(doc, "", "@context");
    context.ifPresent(c -> context("/@context", c));
    requiredString(doc, "", "@id").ifPresent(id -> iri("/@id", id, "document"));
    requiredString(doc, "", "author").ifPresent(a -> nonEmpty("/author", a));
    optionalString(doc, "", "role");
    boolean docTime =
        requiredString(doc, "", "timestamp").map(t -> time("/timestamp", t)).orElse(false);
    optionalString(doc, "", "last_updated").ifPresent(t -> time("/last_updated", t));
    version(doc, "", true);
    optionalString(doc, "", "tooling");

    JsonNode statements = doc.get("statements");
    if (statements == null) {
      error("", "required field 'statements' is missing");
    } else if (!statements.isArray()) {
      error("/statements", "expected an array of statements but found " + kind(statements));
    } else if (statements.size() == 0) {
      error("/statements", "expected at least one statement but the array is empty");
    }
    return docTime;
  }

  /**
   * Whether a document {@code timestamp} value gives its statements a time to inherit: a string
   * that is an RFC 3339 date-time (what {@link #head} returns, without its findings).
   */
  static boolean isDocumentTime(@Nullable JsonNode timestamp) {
    if (timestamp == null || !timestamp.isTextual()) {
      return false;
    }
    return new DocumentRules(Instant.EPOCH, Duration.ZERO).time("", timestamp.asText());
  }

  /**
   * Checks the statement at {@code /statements/index}: {@code docTime} says whether the document
   * has a time for it to inherit, {@code duplicate} whether an equal statement came before it.
   */
  void statementAt(JsonNode s, int index, boolean docTime, boolean duplicate) {
    String p = child("/statements", index);
    if (!s.isObject()) {
      error(p, "expected a statement object but found " + kind(s));
      return;
    }
    if (duplicate) {
      error(p, "duplicate statement: the same statement appears earlier in the document");
    }
    statement(s, p, docTime);
  }

  /** The contexts of OpenVEX before v0.2.0 ({@code https://openvex.dev/ns} alone means v0.0.1). */
  static boolean isLegacyContext(String c) {
    return c.equals("https://openvex.dev/ns")
        || c.equals("https://openvex.dev/ns/")
        || c.startsWith("https://openvex.dev/ns/v0.0.");
  }

  private void context(String pointer, String context) {
    if (context.equals(CONTEXT_V020) || context.equals(CONTEXT_V020 + "/")) {
      return;
    }
    if (isLegacyContext(context)) {
      error(
          pointer,
          "legacy OpenVEX context '"
              + context
              + "'"
              + (context.startsWith("https://openvex.dev/ns/v0.0.") ? "" : " (unversioned: v0.0.1)")
              + ": OpenVEX v0.2.0 needs '"
              + CONTEXT_V020
              + "'; Waterline reads and upgrades the legacy form (`waterline merge FILE` writes it"
              + " as v0.2.0)");
      return;
    }
    if (context.startsWith("https://openvex.dev/ns/")) {
      warning(
          pointer,
          "unexpected OpenVEX context '"
              + context
              + "': Waterline validates against v0.2.0 ("
              + CONTEXT_V020
              + ")");
    } else {
      error(
          pointer, "expected the OpenVEX context '" + CONTEXT_V020 + "' but was '" + context + "'");
    }
  }

  // ------------------------------------------------------------------ statement

  private void statement(JsonNode s, String p, boolean docTime) {
    if (s.has("subcomponents")) {
      error(
          child(p, "subcomponents"),
          "subcomponents belong inside each product in OpenVEX v0.2.0 (this is the legacy"
              + " v0.0.1 placement); reading the document moves them, and `waterline merge FILE`"
              + " rewrites it");
    }
    for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (name.equals("vuln_description") && s.get(name).isTextual()) {
        warning(
            child(p, name),
            "legacy v0.0.1 field 'vuln_description': OpenVEX v0.2.0 puts the description in"
                + " vulnerability.description (reading moves it there); kept but ignored here");
      } else if (!STATEMENT_FIELDS.contains(name) && !name.equals("subcomponents")) {
        unknownField(child(p, name), name, "a statement");
      }
    }
    optionalString(s, p, "@id").ifPresent(id -> iri(child(p, "@id"), id, "statement"));
    version(s, p, false);
    JsonNode vuln = s.get("vulnerability");
    if (vuln == null) {
      error(p, "required field 'vulnerability' is missing");
    } else {
      vulnerability(vuln, child(p, "vulnerability"));
    }
    boolean ownTime =
        optionalString(s, p, "timestamp").map(t -> time(child(p, "timestamp"), t)).orElse(false);
    optionalString(s, p, "last_updated").ifPresent(t -> time(child(p, "last_updated"), t));
    optionalString(s, p, "action_statement_timestamp")
        .ifPresent(t -> time(child(p, "action_statement_timestamp"), t));
    if (!ownTime && !docTime && !s.has("timestamp")) {
      error(p, "no timestamp: the statement has none and the document has none for it to inherit");
    }

    JsonNode products = s.get("products");
    if (products == null) {
      // The spec lets products come from the encapsulating document, and its ATTESTING.md moves
      // them to the attestation's subjects: complete there, and applying to nothing standalone.
      warning(
          p,
          "no product: the statement names none, so standalone it applies to nothing; it is"
              + " complete only inside an attestation whose subjects name the products");
    } else if (!products.isArray()) {
      error(child(p, "products"), "expected an array of products but found " + kind(products));
    } else if (products.size() == 0) {
      error(child(p, "products"), "expected at least one product but the array is empty");
    } else {
      components(products, child(p, "products"), true);
    }

    optionalString(s, p, "supplier");
    optionalString(s, p, "status_notes");
    Optional<String> justification = optionalString(s, p, "justification");
    justification.ifPresent(j -> label(child(p, "justification"), j, Justification.labels()));
    Optional<String> impact = optionalString(s, p, "impact_statement");
    Optional<String> action = optionalString(s, p, "action_statement");

    Optional<String> statusText = requiredString(s, p, "status");
    if (statusText.isEmpty()) {
      return;
    }
    Status status;
    try {
      status = Status.parse(statusText.get());
    } catch (dev.waterline.vex.VexException e) {
      error(child(p, "status"), String.valueOf(e.getMessage()));
      return;
    }
    boolean hasJustification = justification.filter(j -> !j.isEmpty()).isPresent();
    boolean hasImpact = impact.filter(i -> !i.isBlank()).isPresent();
    boolean hasAction = action.filter(a -> !a.isBlank()).isPresent();
    switch (status) {
      case NOT_AFFECTED:
        if (!hasJustification && !hasImpact) {
          error(
              child(p, "status"),
              "a not_affected statement needs a justification (one of "
                  + Justification.labels()
                  + ") or an impact_statement");
        }
        if (hasAction) {
          warning(
              child(p, "action_statement"),
              "an action_statement on a not_affected statement is unusual: not_affected needs no"
                  + " action");
        }
        break;
      case AFFECTED:
        if (!hasAction) {
          error(
              child(p, "status"),
              "an affected statement needs an action_statement describing how to remediate or"
                  + " mitigate");
        }
        break;
      default:
        break;
    }
    if (status != Status.NOT_AFFECTED) {
      if (hasJustification) {
        warning(
            child(p, "justification"),
            "a justification only has meaning on a not_affected statement, but the status is "
                + status.value());
      }
      if (hasImpact) {
        warning(
            child(p, "impact_statement"),
            "an impact_statement only has meaning on a not_affected statement, but the status is "
                + status.value());
      }
    }
  }

  private void vulnerability(JsonNode v, String p) {
    if (v.isTextual()) {
      error(
          p,
          "a vulnerability written as a string is the legacy v0.0.1 form: OpenVEX v0.2.0 has an"
              + " object with a 'name' (reading upgrades it; `waterline merge FILE` rewrites it)");
      return;
    }
    if (!v.isObject()) {
      error(p, "expected a vulnerability object but found " + kind(v));
      return;
    }
    unknownFields(v, p, VULNERABILITY_FIELDS, "a vulnerability");
    Optional<String> id = optionalString(v, p, "@id");
    id.ifPresent(i -> iri(child(p, "@id"), i, "vulnerability"));
    if (!v.has("name") && id.filter(i -> !i.isEmpty()).isPresent()) {
      error(
          p,
          "required field 'name' is missing: the vulnerability has only an @id (the consuming"
              + " commands match it by that; `waterline merge` names it from a CVE, GHSA or other"
              + " well-known identifier in the @id)");
      return;
    }
    requiredString(v, p, "name")
        .ifPresent(
            n -> {
              nonEmpty(child(p, "name"), n);
              identifier(child(p, "name"), n);
            });
    optionalString(v, p, "description");
    JsonNode aliases = v.get("aliases");
    if (aliases != null) {
      stringArray(aliases, child(p, "aliases"), "aliases");
      for (int i = 0; i < aliases.size(); i++) {
        if (aliases.get(i).isTextual()) {
          identifier(child(child(p, "aliases"), i), aliases.get(i).textValue());
        }
      }
    }
  }

  /**
   * A vulnerability's name or alias is an identifier (CVE-2024-1234, GHSA-…): one holding a space,
   * a line break or another control or invisible character matches only a finding that holds it too
   * (names are compared exactly), and is how a document forges lines in the output of tools that
   * print it.
   */
  private void identifier(String p, String value) {
    if (value.isBlank()) {
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || TerminalText.acts(c)) {
        warning(
            p,
            "a vulnerability name or alias is an identifier (CVE-2024-1234, GHSA-…) but '"
                + TerminalText.inline(abbreviate(value))
                + "' holds "
                + (c == ' ' ? "a space" : TerminalText.escape(c))
                + " at index "
                + i
                + ": names are compared exactly, so it matches only a finding that holds it too");
        return;
      }
    }
  }

  // ------------------------------------------------------------------ products

  private void components(JsonNode list, String p, boolean products) {
    Set<JsonNode> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String cp = child(p, i);
      JsonNode c = list.get(i);
      if (c.isTextual()) {
        error(
            cp,
            "a "
                + (products ? "product" : "subcomponent")
                + " written as a string is the legacy v0.0.1 form: OpenVEX v0.2.0 has an object"
                + " with an '@id' or 'identifiers' (reading upgrades it; `waterline merge FILE`"
                + " rewrites it)");
        continue;
      }
      if (!c.isObject()) {
        error(
            cp,
            "expected a "
                + (products ? "product" : "subcomponent")
                + " object but found "
                + kind(c));
        continue;
      }
      if (!seen.add(c)) {
        error(cp, "duplicate " + (products ? "product" : "subcomponent") + " in the same list");
      }
      component(c, cp, products);
    }
  }

  private void component(JsonNode c, String p, boolean product) {
    unknownFields(
        c,
        p,
        product ? PRODUCT_FIELDS : COMPONENT_FIELDS,
        product ? "a product" : "a subcomponent");
    Optional<String> id = optionalString(c, p, "@id");
    id.ifPresent(
        value -> {
          if (value.startsWith("pkg:")) {
            purl(child(p, "@id"), value);
          } else {
            iri(child(p, "@id"), value, product ? "product" : "subcomponent");
          }
        });
    boolean hasIdentifiers = false;
    JsonNode identifiers = c.get("identifiers");
    if (identifiers != null) {
      hasIdentifiers = identifiers(identifiers, child(p, "identifiers"));
    }
    JsonNode hashes = c.get("hashes");
    if (hashes != null) {
      hashes(hashes, child(p, "hashes"));
    }
    if (id.filter(s -> !s.isEmpty()).isEmpty() && !hasIdentifiers) {
      error(
          p,
          (product ? "the product" : "the subcomponent")
              + " needs an @id or identifiers (purl, cpe22, cpe23) to be identified"
              + (hashes != null ? "; hashes alone are not enough" : ""));
    }
    if (product) {
      JsonNode subs = c.get("subcomponents");
      if (subs != null) {
        if (!subs.isArray()) {
          error(
              child(p, "subcomponents"),
              "expected an array of subcomponents but found " + kind(subs));
        } else {
          components(subs, child(p, "subcomponents"), false);
        }
      }
    }
  }

  private boolean identifiers(JsonNode ids, String p) {
    if (!ids.isObject()) {
      error(p, "expected an object of identifiers but found " + kind(ids));
      return false;
    }
    if (ids.size() == 0) {
      error(p, "expected at least one identifier (purl, cpe22 or cpe23) but the object is empty");
      return false;
    }
    boolean any = false;
    for (Map.Entry<String, JsonNode> e : ids.properties()) {
      String ip = child(p, e.getKey());
      Optional<IdentifierType> type = IdentifierType.fromValue(e.getKey());
      if (type.isEmpty()) {
        error(
            ip,
            "unknown identifier type '" + e.getKey() + "': expected one of [purl, cpe22, cpe23]");
        continue;
      }
      if (!e.getValue().isTextual()) {
        error(ip, "expected a string but found " + kind(e.getValue()));
        continue;
      }
      String value = e.getValue().asText();
      any = true;
      switch (type.get()) {
        case PURL:
          purl(ip, value);
          break;
        case CPE22:
          if (!CPE22.matcher(value).matches()) {
            error(
                ip, "not a well-formed CPE 2.2 URI (cpe:/part:vendor:product:…): '" + value + "'");
          }
          break;
        case CPE23:
          if (!CPE23.matcher(value).matches()) {
            error(
                ip,
                "not a well-formed CPE 2.3 formatted string (cpe:2.3:part:vendor:product:version:"
                    + "update:edition:language:sw_edition:target_sw:target_hw:other): '"
                    + value
                    + "'");
          }
          break;
      }
    }
    return any;
  }

  private void hashes(JsonNode hashes, String p) {
    if (!hashes.isObject()) {
      error(p, "expected an object of hashes but found " + kind(hashes));
      return;
    }
    for (Map.Entry<String, JsonNode> e : hashes.properties()) {
      String hp = child(p, e.getKey());
      Optional<HashAlgorithm> alg = HashAlgorithm.fromValue(e.getKey());
      if (alg.isEmpty()) {
        error(
            hp,
            "unknown hash algorithm '"
                + e.getKey()
                + "': expected one of the twelve OpenVEX names (md5, sha1, sha-256, sha-384,"
                + " sha-512, sha3-224, sha3-256, sha3-384, sha3-512, blake2s-256, blake2b-256,"
                + " blake2b-512)");
        continue;
      }
      if (!e.getValue().isTextual()) {
        error(hp, "expected a string but found " + kind(e.getValue()));
        continue;
      }
      String value = e.getValue().asText();
      int want = alg.get().hexLength();
      if (value.length() != want || !HEX.matcher(value).matches()) {
        error(
            hp,
            "a "
                + alg.get().value()
                + " hash is "
                + want
                + " hex characters, but this value is "
                + (HEX.matcher(value).matches()
                    ? value.length() + " characters"
                    : "not hexadecimal")
                + ": '"
                + abbreviate(value)
                + "'");
      }
    }
  }

  private void purl(String p, String value) {
    try {
      PurlSyntax.parse(value);
    } catch (PurlSyntax.PurlSyntaxException e) {
      error(p, "invalid package URL '" + abbreviate(value) + "': " + e.getMessage());
    }
  }

  // ------------------------------------------------------------------ leaves

  private void version(JsonNode node, String p, boolean required) {
    JsonNode v = node.get("version");
    String vp = child(p, "version");
    if (v == null) {
      if (required) {
        error(p, "required field 'version' is missing");
      }
      return;
    }
    if (v.isTextual() && v.asText().matches("[0-9]{1,9}")) {
      error(
          vp,
          "a version written as a string ('"
              + v.asText()
              + "') is the legacy v0.0.1 form: OpenVEX v0.2.0 has an integer >= 1");
      return;
    }
    if (!v.isIntegralNumber()) {
      error(
          vp,
          "expected an integer >= 1 but found "
              + kind(v)
              + (v.isTextual() ? " '" + v.asText() + "'" : ""));
      return;
    }
    if (!v.canConvertToLong() || v.asLong() < 1) {
      error(vp, "expected an integer >= 1 but was " + v.asText());
    }
  }

  private boolean time(String p, String value) {
    if (RFC3339.matcher(value).matches()) {
      try {
        Instant t = OffsetDateTime.parse(value.toUpperCase(Locale.ROOT)).toInstant();
        future(p, value, t);
        return true;
      } catch (DateTimeParseException e) {
        // fall through to the error below
      }
    }
    error(
        p,
        "expected an RFC 3339 date-time such as 2023-01-08T18:02:03Z but was '"
            + abbreviate(value)
            + "'");
    return false;
  }

  /** A time more than the clock skew after now is a warning: it would win until it comes. */
  private void future(String p, String value, Instant t) {
    if (!t.isAfter(now.plus(clockSkew))) {
      return;
    }
    String field = p.substring(p.lastIndexOf('/') + 1);
    String consequence;
    switch (field) {
      case "action_statement_timestamp":
        consequence = "an exception counted from it lasts until that time and beyond";
        break;
      case "last_updated":
        consequence = "the document or statement claims a change that has not happened yet";
        break;
      default:
        consequence =
            p.startsWith("/statements/")
                ? "a statement dated in the future wins over every statement issued until then"
                : "its statements without a timestamp of their own inherit that time and win over"
                    + " every statement issued until then";
    }
    warning(
        p,
        "dated in the future: '"
            + abbreviate(value)
            + "' is more than "
            + describe(clockSkew)
            + " after the time of validation ("
            + now
            + "); "
            + consequence);
  }

  static String describe(Duration d) {
    long seconds = d.toSeconds();
    if (seconds % 60 == 0) {
      long minutes = seconds / 60;
      return minutes + (minutes == 1 ? " minute" : " minutes");
    }
    return seconds + (seconds == 1 ? " second" : " seconds");
  }

  private void iri(String p, String value, String what) {
    if (!IRI_SCHEME.matcher(value).matches()) {
      warning(
          p,
          "the "
              + what
              + " @id '"
              + TerminalText.inline(abbreviate(value))
              + "' is not an absolute IRI (e.g. https://openvex.dev/docs/public/vex-…)");
      return;
    }
    String why = notInAnIri(value);
    if (why != null) {
      warning(
          p,
          "the "
              + what
              + " @id '"
              + TerminalText.inline(abbreviate(value))
              + "' is not an IRI: "
              + why);
    }
  }

  /**
   * What an absolute IRI ({@link #IRI_SCHEME}) holds that RFC 3987 does not allow, or null: a
   * control character (C0, DEL, C1), one of {@code <>"{}|\^`}, a {@code %} not followed by two hex
   * digits, or an invisible character that changes how the text is shown (bidi controls,
   * zero-width characters: §4.1 forbids the bidi formatting characters). A document whose {@code
   * @id} holds an escape sequence forges output in the tools that print it. A CPE 2.3 formatted
   * string ({@code cpe:2.3:…}), which quotes with {@code \\} and has no percent-encoding, is held
   * to the control characters only.
   */
  private static @Nullable String notInAnIri(String value) {
    boolean cpe = value.startsWith("cpe:2.3:");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (cpe && c > 0x20 && !TerminalText.acts(c)) {
        continue;
      }
      if (c == '%') {
        if (i + 2 >= value.length()
            || Character.digit(value.charAt(i + 1), 16) < 0
            || Character.digit(value.charAt(i + 2), 16) < 0) {
          return "'%' at index " + i + " does not start a percent-encoded byte (%XX)";
        }
      } else if ("<>\"{}|\\^`".indexOf(c) >= 0) {
        return "it holds '" + c + "' at index " + i + ", which RFC 3987 does not allow";
      } else if (c <= 0x20 || TerminalText.acts(c)) {
        return "it holds "
            + (c == ' ' ? "a space" : TerminalText.escape(c))
            + " at index "
            + i
            + (c == ' ' ? "" : ", a control or invisible character")
            + ", which RFC 3987 does not allow";
      }
    }
    return null;
  }

  private void nonEmpty(String p, String value) {
    if (value.isBlank()) {
      error(p, "must not be empty");
    }
  }

  private void label(String p, String value, List<String> allowed) {
    if (!allowed.contains(value)) {
      error(p, "expected one of " + allowed + " but was '" + abbreviate(value) + "'");
    }
  }

  private void stringArray(JsonNode array, String p, String what) {
    if (!array.isArray()) {
      error(p, "expected an array of strings but found " + kind(array));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isTextual()) {
        error(child(p, i), "expected a string but found " + kind(item));
      } else if (!seen.add(item.asText())) {
        error(child(p, i), "duplicate entry '" + abbreviate(item.asText()) + "' in " + what);
      }
    }
  }

  private Optional<String> requiredString(JsonNode node, String p, String name) {
    if (!node.has(name)) {
      error(p, "required field '" + name + "' is missing");
      return Optional.empty();
    }
    return optionalString(node, p, name);
  }

  private Optional<String> optionalString(JsonNode node, String p, String name) {
    JsonNode v = node.get(name);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      error(child(p, name), "expected a string but found " + kind(v));
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  private void unknownFields(JsonNode node, String p, Set<String> known, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        unknownField(child(p, name), name, where);
      }
    }
  }

  private void unknownField(String p, String name, String where) {
    warning(
        p,
        "unknown field '"
            + abbreviate(name)
            + "' in "
            + where
            + ": not part of OpenVEX v0.2.0; kept but ignored");
  }

  static String kind(@Nullable JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    switch (node.getNodeType()) {
      case ARRAY:
        return "an array";
      case OBJECT:
        return "an object";
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      default:
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 119) + "…";
  }
}
