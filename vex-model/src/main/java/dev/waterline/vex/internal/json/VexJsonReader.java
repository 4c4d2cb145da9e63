package dev.waterline.vex.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.waterline.vex.Component;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.Vulnerability;
import dev.waterline.vex.internal.io.Failures;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads OpenVEX JSON (v0.2.0 and the legacy v0.0.1 shape) into the model, streaming from Jackson's
 * {@link JsonParser} straight into the builders (no intermediate tree).
 *
 * <h2>Input</h2>
 *
 * UTF-8 only (a UTF-8 byte order mark is skipped; UTF-16 and UTF-32 are rejected, see {@link
 * Utf8Check}); exactly one JSON object; the limits of {@link Json} (nesting, string length,
 * duplicate keys). Every failure is a {@link VexParseException} with a JSON pointer, line and
 * column: {@link VexParseException.Kind#SYNTAX} when the bytes are not well-formed JSON or break a
 * limit, {@link VexParseException.Kind#DATA} when a known field has the wrong type or an unknown
 * label, or a value the model cannot hold (a statement without status, a vulnerability with
 * neither name nor {@code @id}, a component with no {@code @id}, identifier or hash).
 *
 * <h2>Leniency, and what it is told</h2>
 *
 * Consumers read what real tools write, so the reader accepts documents that are not valid
 * OpenVEX v0.2.0 where their meaning is clear, and says so: {@link #readWithWarnings} returns one
 * warning (a {@link ValidationFinding}) per kind of leniency, at the pointer of its first
 * occurrence and counting the others: a legacy {@code @context}, legacy-shaped values, missing
 * required document fields ({@code @id}, {@code author}, {@code version}, {@code statements}), a
 * missing document {@code timestamp}, and vulnerabilities named only by {@code @id} (kept so,
 * matched by their {@code @id}, written back without a {@code name}). {@link VexDocument} keeps
 * them as {@link VexDocument#readWarnings()}. Validation reports each of these (and everything
 * else) in full.
 *
 * <h2>Normalisations</h2>
 *
 * <ul>
 *   <li>Times are RFC 3339 date-times with any offset (fraction optional) and become {@link
 *       Instant}s; they are written back in UTC.
 *   <li>An empty string or {@code null} for an optional text or time field is treated as absent.
 *       A {@code null} list is an empty list.
 *   <li>A missing {@code author} becomes {@code ""} and a missing document {@code version}
 *       becomes 0 (go-vex's value for it); the writer leaves both out again. A missing {@code @id}
 *       or {@code timestamp} stays missing (no defaults are generated).
 *   <li>Fields the model does not know, at any level, are kept as compact JSON text in {@code
 *       unknownFields} in their original order; identifier and hash maps keep every key as
 *       written.
 * </ul>
 *
 * <h2>Legacy documents and how they are detected</h2>
 *
 * A document is read as <em>legacy</em> and upgraded to v0.2.0 (its {@code @context} becomes
 * {@link VexDocument#CONTEXT_V0_2_0}) when its {@code @context} is {@code https://openvex.dev/ns},
 * {@code https://openvex.dev/ns/} or {@code https://openvex.dev/ns/v0.0.1}, or when any of its
 * values has the legacy shape, whatever the context says:
 *
 * <ul>
 *   <li>a {@code version} (document or statement) written as a string of digits, e.g. {@code "1"};
 *   <li>a statement {@code vulnerability} that is a string: it becomes the vulnerability's {@code
 *       name}; a statement-level {@code vuln_description} becomes its {@code description} (kept
 *       as an unknown field if the vulnerability already has one);
 *   <li>a product (or subcomponent) that is a string: it becomes a component with that {@code
 *       @id};
 *   <li>statement-level {@code subcomponents} (strings or objects): as go-vex does, they are
 *       appended to the subcomponents of <em>every</em> product of the statement (empty strings
 *       are skipped, as go-vex does). A statement with no products keeps them as an unknown field.
 *       A v0.2.0 document with statement-level subcomponents (seen in the wild) is treated the
 *       same way.
 * </ul>
 *
 * Legacy document fields with no v0.2.0 place ({@code supplier}, {@code format}) are kept as
 * unknown fields. {@code https://openvex.dev/ns/v0.2.0/} (with the trailing slash the JSON-LD
 * context README uses) is read as v0.2.0 and written without the slash. Any other context is kept
 * as written (validation reports it); only a legacy shape inside such a document upgrades it.
 * Unlike go-vex, a legacy document's statement {@code @id}, {@code version}, {@code last_updated}
 * and {@code supplier} are kept, and an integer {@code version} is accepted in a legacy document.
 *
 * <h2>Memory and speed</h2>
 *
 * Nothing but the model is built (no tree, and a stream is never held as a whole); a time string
 * is parsed once per distinct value. Repeated products are <em>not</em> shared between
 * statements: measured on 50,000 statements, looking them up cost about 40% more parse time,
 * while the model of a 100 MB document stays near 1.4 times its size without sharing.
 */
public final class VexJsonReader {
  private static final String NS = "https://openvex.dev/ns";
  private static final int MAX_CACHED = 1 << 18;

  private final JsonParser p;
  private final Map<String, Instant> times = new HashMap<>();
  private final ReadWarnings warnings = new ReadWarnings();
  private boolean legacyShape;

  private VexJsonReader(JsonParser p) {
    this.p = p;
  }

  /** A document and what the reader accepted in it that OpenVEX v0.2.0 does not allow. */
  public static final class Result {
    private final VexDocument document;
    private final List<ValidationFinding> warnings;

    Result(VexDocument document, List<ValidationFinding> warnings) {
      this.document = document;
      this.warnings = List.copyOf(warnings);
    }

    /** The document. */
    public VexDocument document() {
      return document;
    }

    /**
     * One warning per kind of leniency (legacy context or shape, missing required fields, no
     * timestamp, vulnerabilities named only by {@code @id}), at its first pointer; empty for a
     * document that has none of them.
     */
    public List<ValidationFinding> warnings() {
      return warnings;
    }
  }

  /**
   * Reads a document from UTF-8 bytes.
   *
   * @throws VexParseException when the bytes are not an OpenVEX document
   */
  public static VexDocument read(byte[] json) {
    return readWithWarnings(json).document();
  }

  private static volatile java.util.function.@Nullable Function<Result, VexDocument> withWarnings;

  /**
   * For {@link VexDocument} only, from its static initializer: how a result becomes a document that
   * carries its reader's warnings ({@link VexDocument#readWarnings()}).
   */
  public static void attachWarningsWith(java.util.function.Function<Result, VexDocument> f) {
    if (withWarnings == null) {
      withWarnings = f;
    }
  }

  /**
   * Reads OpenVEX JSON only, never another dialect, into a document carrying the reader's warnings:
   * for Waterline's own modules where the input must be OpenVEX (a forced {@code --input-format
   * openvex}, files embedded in an image). {@link VexDocument#parse(byte[])} detects the dialect.
   *
   * @throws VexParseException when the bytes are not an OpenVEX document
   */
  public static VexDocument openVex(byte[] json) {
    Result r = readWithWarnings(json);
    java.util.function.Function<Result, VexDocument> f = withWarnings;
    return r.warnings().isEmpty() || f == null ? r.document() : f.apply(r);
  }

  /**
   * Reads a document from UTF-8 bytes, with the reader's warnings.
   *
   * @throws VexParseException when the bytes are not an OpenVEX document
   */
  public static Result readWithWarnings(byte[] json) {
    int start = Utf8Check.payloadOffset(json, json.length);
    try (JsonParser p = Json.factory().createParser(json, start, json.length - start)) {
      return new VexJsonReader(p).run();
    } catch (IOException e) {
      throw Failures.reading(Failures.JSON_INPUT, e);
    }
  }

  /**
   * Reads a document from a stream, which is not closed.
   *
   * @throws VexParseException when the bytes are not an OpenVEX document
   * @throws dev.waterline.vex.UnreadableInputException when reading the stream fails
   */
  public static VexDocument read(InputStream in) {
    return readWithWarnings(in).document();
  }

  /**
   * Reads a document from a stream (not closed), with the reader's warnings.
   *
   * @throws VexParseException when the bytes are not an OpenVEX document
   * @throws dev.waterline.vex.UnreadableInputException when reading the stream fails
   */
  public static Result readWithWarnings(InputStream in) {
    try (JsonParser p = Json.factory().createParser(Utf8Check.checked(in))) {
      return new VexJsonReader(p).run();
    } catch (IOException e) {
      throw Failures.reading(Failures.JSON_INPUT, e);
    }
  }

  private Result run() {
    try {
      VexDocument doc = document();
      Errors.requireEnd(p);
      return new Result(doc, warnings.findings());
    } catch (IOException e) {
      throw Errors.translate(p, e);
    }
  }

  // ---------------------------------------------------------------- document

  private VexDocument document() throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw Errors.syntax(p, "the input is empty: expected an OpenVEX document (a JSON object)");
    }
    if (t != JsonToken.START_OBJECT) {
      throw Errors.data(p, "expected an OpenVEX document (a JSON object) but was " + found());
    }
    Errors.Start at = new Errors.Start(p);
    String context = null;
    String id = null;
    String author = null;
    String role = null;
    Instant timestamp = null;
    Instant lastUpdated = null;
    int version = 0;
    boolean hasVersion = false;
    boolean hasStatements = false;
    String tooling = null;
    List<Statement> statements = new ArrayList<>();
    Map<String, String> unknown = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "@context":
          context = requiredString("a JSON-LD context IRI");
          break;
        case "@id":
          id = optionalString();
          break;
        case "author":
          author = optionalString();
          break;
        case "role":
          role = optionalString();
          break;
        case "timestamp":
          timestamp = optionalTime();
          break;
        case "last_updated":
          lastUpdated = optionalTime();
          break;
        case "version":
          Integer v = optionalVersion();
          version = v == null ? 0 : v;
          hasVersion = v != null;
          break;
        case "tooling":
          tooling = optionalString();
          break;
        case "statements":
          hasStatements = p.currentToken() != JsonToken.VALUE_NULL;
          statements(statements);
          break;
        default:
          unknown = unknown(unknown, name);
      }
    }
    if (context == null) {
      throw Errors.dataAtEnd(
          p,
          at,
          "missing required field '@context': expected an OpenVEX document with @context "
              + VexDocument.CONTEXT_V0_2_0);
    }
    if (isLegacyContext(context)) {
      warnings.add(ReadWarnings.Kind.LEGACY_CONTEXT, "/@context");
    }
    if (id == null) {
      warnings.missing("@id");
    }
    if (author == null) {
      warnings.missing("author");
    }
    if (!hasVersion) {
      warnings.missing("version");
    }
    if (!hasStatements) {
      warnings.missing("statements");
    }
    if (timestamp == null) {
      warnings.add(ReadWarnings.Kind.NO_TIMESTAMP, "");
    }
    try {
      return VexDocument.builder(author == null ? "" : author)
          .defaults(false)
          .context(upgradeContext(context))
          .id(id)
          .role(role)
          .timestamp(timestamp)
          .lastUpdated(lastUpdated)
          .version(version)
          .tooling(tooling)
          .statements(statements)
          .unknownFields(unknown == null ? Map.of() : unknown)
          .buildLenient();
    } catch (dev.waterline.vex.VexException e) {
      throw Errors.dataAtEnd(p, at, String.valueOf(e.getMessage()));
    }
  }

  private String upgradeContext(String context) {
    if (legacyShape
        || isLegacyContext(context)
        || context.equals(VexDocument.CONTEXT_V0_2_0 + "/")) {
      return VexDocument.CONTEXT_V0_2_0;
    }
    return context;
  }

  private static boolean isLegacyContext(String context) {
    return context.equals(NS) || context.equals(NS + "/") || context.equals(NS + "/v0.0.1");
  }

  private void statements(List<Statement> into) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw Errors.data(p, "expected an array of statements but was " + found());
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      into.add(statement());
    }
  }

  // ---------------------------------------------------------------- statement

  private Statement statement() throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw Errors.data(p, "expected a statement (a JSON object) but was " + found());
    }
    Errors.Start at = new Errors.Start(p);
    Statement.Builder b = Statement.builder();
    Vulnerability vulnerability = null;
    String vulnDescription = null;
    Status status = null;
    List<Product> productList = null;
    List<Component> statementSubcomponents = null;
    List<Boolean> subcomponentWasString = null;
    String subcomponentsAt = "";
    Map<String, String> unknown = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "@id":
          b.id(optionalString());
          break;
        case "version":
          b.version(optionalVersion());
          break;
        case "vulnerability":
          if (t == JsonToken.VALUE_STRING) {
            String vname = p.getText();
            if (vname.isBlank()) {
              throw Errors.data(p, "expected a vulnerability name but was " + found());
            }
            legacyShape = true;
            warnings.add(ReadWarnings.Kind.LEGACY_SHAPE, p);
            vulnerability = Vulnerability.of(vname);
          } else if (t == JsonToken.START_OBJECT) {
            vulnerability = vulnerability();
          } else if (t != JsonToken.VALUE_NULL) {
            throw Errors.data(
                p,
                "expected a vulnerability (a JSON object, or a string in the legacy format) but was "
                    + found());
          }
          break;
        case "vuln_description":
          if (t == JsonToken.VALUE_STRING && vulnDescription == null) {
            vulnDescription = p.getText();
            if (!vulnDescription.isEmpty()) {
              warnings.add(ReadWarnings.Kind.LEGACY_SHAPE, p);
            }
          } else {
            unknown = unknown(unknown, name);
          }
          break;
        case "timestamp":
          b.timestamp(optionalTime());
          break;
        case "last_updated":
          b.lastUpdated(optionalTime());
          break;
        case "products":
          productList = products();
          break;
        case "subcomponents":
          if (t != JsonToken.VALUE_NULL) {
            subcomponentsAt = Errors.pointer(p);
            statementSubcomponents = new ArrayList<>();
            subcomponentWasString = new ArrayList<>();
            subcomponents(statementSubcomponents, subcomponentWasString);
          }
          break;
        case "status":
          status = status();
          break;
        case "supplier":
          b.supplier(optionalString());
          break;
        case "status_notes":
          b.statusNotes(optionalString());
          break;
        case "justification":
          b.justification(justification());
          break;
        case "impact_statement":
          b.impactStatement(optionalString());
          break;
        case "action_statement":
          b.actionStatement(optionalString());
          break;
        case "action_statement_timestamp":
          b.actionStatementTimestamp(optionalTime());
          break;
        default:
          unknown = unknown(unknown, name);
      }
    }
    if (vulnerability == null) {
      throw Errors.dataAtEnd(p, at, "missing required field 'vulnerability'");
    }
    if (status == null) {
      throw Errors.dataAtEnd(p, at, "missing required field 'status'");
    }
    if (vulnDescription != null && !vulnDescription.isEmpty()) {
      legacyShape = true;
      if (vulnerability.description().isEmpty()) {
        vulnerability = vulnerability.toBuilder().description(vulnDescription).build();
      } else {
        unknown = putUnknown(unknown, "vuln_description", Json.compact(vulnDescription));
      }
    }
    if (statementSubcomponents != null && subcomponentWasString != null) {
      if (productList != null && !productList.isEmpty()) {
        legacyShape = true;
        warnings.add(ReadWarnings.Kind.LEGACY_SHAPE, subcomponentsAt);
        productList = withSubcomponents(productList, statementSubcomponents);
      } else {
        unknown =
            putUnknown(
                unknown,
                "subcomponents",
                VexJsonWriter.compactComponents(statementSubcomponents, subcomponentWasString));
      }
    }
    if (productList != null) {
      b.products(productList);
    }
    b.vulnerability(vulnerability).status(status);
    if (unknown != null) {
      b.unknownFields(unknown);
    }
    try {
      return b.buildLenient();
    } catch (dev.waterline.vex.VexException e) {
      throw Errors.dataAtEnd(p, at, String.valueOf(e.getMessage()));
    }
  }

  private List<Product> withSubcomponents(List<Product> list, List<Component> extra) {
    List<Product> out = new ArrayList<>(list.size());
    for (Product product : list) {
      List<Component> subs = new ArrayList<>(product.subcomponents());
      subs.addAll(extra);
      out.add(product.withSubcomponents(subs));
    }
    return out;
  }

  private Status status() throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw Errors.data(p, "expected one of " + Status.labels() + " but was " + found());
    }
    switch (p.getText()) {
      case "not_affected":
        return Status.NOT_AFFECTED;
      case "affected":
        return Status.AFFECTED;
      case "fixed":
        return Status.FIXED;
      case "under_investigation":
        return Status.UNDER_INVESTIGATION;
      default:
        throw Errors.data(p, "expected one of " + Status.labels() + " but was " + found());
    }
  }

  private @Nullable Justification justification() throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw Errors.data(p, "expected one of " + Justification.labels() + " but was " + found());
    }
    String text = p.getText();
    if (text.isEmpty()) {
      return null;
    }
    for (Justification j : Justification.values()) {
      if (j.value().equals(text)) {
        return j;
      }
    }
    throw Errors.data(p, "expected one of " + Justification.labels() + " but was " + found());
  }

  // ---------------------------------------------------------------- vulnerability

  private Vulnerability vulnerability() throws IOException {
    Errors.Start at = new Errors.Start(p);
    String name = null;
    String id = null;
    String description = null;
    List<String> aliases = List.of();
    Map<String, String> unknown = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "name":
          name = optionalString();
          break;
        case "@id":
          id = optionalString();
          break;
        case "description":
          description = optionalString();
          break;
        case "aliases":
          if (t == JsonToken.VALUE_NULL) {
            aliases = List.of();
          } else if (t == JsonToken.START_ARRAY) {
            aliases = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
              aliases.add(stringElement("an alias (a string)"));
            }
          } else {
            throw Errors.data(p, "expected an array of aliases but was " + found());
          }
          break;
        default:
          unknown = unknown(unknown, field);
      }
    }
    if (name == null && id == null) {
      throw Errors.dataAtEnd(p, at, "missing required field 'name'");
    }
    Vulnerability.Builder builder;
    if (name == null) {
      // Named only by @id (Trivy's tests write this; go-vex reads it): kept as it is, warned.
      warnings.add(ReadWarnings.Kind.VULNERABILITY_BY_ID, p);
      builder = Vulnerability.byId(java.util.Objects.requireNonNull(id)).toBuilder();
    } else {
      builder = Vulnerability.builder(name);
    }
    try {
      return builder
          .id(id)
          .description(description)
          .aliases(aliases)
          .unknownFields(unknown == null ? Map.of() : unknown)
          .build();
    } catch (dev.waterline.vex.VexException e) {
      throw Errors.dataAtEnd(p, at, String.valueOf(e.getMessage()));
    }
  }

  // ---------------------------------------------------------------- products and components

  private @Nullable List<Product> products() throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_ARRAY) {
      throw Errors.data(p, "expected an array of products but was " + found());
    }
    List<Product> list = new ArrayList<>();
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == JsonToken.VALUE_STRING) {
        legacyShape = true;
        warnings.add(ReadWarnings.Kind.LEGACY_SHAPE, p);
        list.add(Product.of(idElement()));
      } else if (t == JsonToken.START_OBJECT) {
        list.add(product());
      } else {
        throw Errors.data(
            p,
            "expected a product (a JSON object, or a string in the legacy format) but was "
                + found());
      }
    }
    return list;
  }

  private Product product() throws IOException {
    List<Component> subs = new ArrayList<>();
    Component component = component(subs);
    return Product.of(component, subs);
  }

  /** Reads a component object; {@code subcomponents} is non-null for a product. */
  private Component component(@Nullable List<Component> subcomponents) throws IOException {
    Errors.Start at = new Errors.Start(p);
    String id = null;
    Map<String, String> identifiers = null;
    Map<String, String> hashes = null;
    Map<String, String> unknown = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "@id":
          id = optionalString();
          break;
        case "identifiers":
          identifiers = stringMap("identifiers");
          break;
        case "hashes":
          hashes = stringMap("hashes");
          break;
        case "subcomponents":
          if (subcomponents != null && t != JsonToken.VALUE_NULL) {
            subcomponents(subcomponents, null);
          } else {
            unknown = unknown(unknown, field);
          }
          break;
        default:
          unknown = unknown(unknown, field);
      }
    }
    if (id != null && identifiers == null && hashes == null && unknown == null) {
      return Component.of(id);
    }
    try {
      return Component.builder()
          .id(id)
          .identifiers(identifiers == null ? Map.of() : identifiers)
          .hashes(hashes == null ? Map.of() : hashes)
          .unknownFields(unknown == null ? Map.of() : unknown)
          .build();
    } catch (dev.waterline.vex.VexException e) {
      throw Errors.dataAtEnd(p, at, String.valueOf(e.getMessage()));
    }
  }

  private void subcomponents(List<Component> into, @Nullable List<Boolean> wasString)
      throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.START_ARRAY) {
      throw Errors.data(p, "expected an array of subcomponents but was " + found());
    }
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == JsonToken.VALUE_STRING) {
        legacyShape = true;
        if (wasString == null) {
          warnings.add(ReadWarnings.Kind.LEGACY_SHAPE, p);
        }
        if (wasString != null && p.getTextLength() == 0) {
          continue; // go-vex skips empty statement-level subcomponent strings
        }
        into.add(Component.of(idElement()));
        if (wasString != null) {
          wasString.add(Boolean.TRUE);
        }
      } else if (t == JsonToken.START_OBJECT) {
        into.add(component(null));
        if (wasString != null) {
          wasString.add(Boolean.FALSE);
        }
      } else {
        throw Errors.data(
            p,
            "expected a subcomponent (a JSON object, or a string in the legacy format) but was "
                + found());
      }
    }
  }

  private String idElement() throws IOException {
    String id = p.getText();
    if (id.isEmpty()) {
      throw Errors.data(p, "expected a component @id but was ''");
    }
    return id;
  }

  private Map<String, String> stringMap(String what) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return Map.of();
    }
    if (t != JsonToken.START_OBJECT) {
      throw Errors.data(p, "expected an object of " + what + " but was " + found());
    }
    Map<String, String> map = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      map.put(key, stringElement("a string"));
    }
    return map;
  }

  // ---------------------------------------------------------------- scalars

  private String requiredString(String what) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw Errors.data(p, "expected " + what + " (a string) but was " + found());
    }
    return p.getText();
  }

  private String stringElement(String what) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw Errors.data(p, "expected " + what + " but was " + found());
    }
    return p.getText();
  }

  private @Nullable String optionalString() throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      String s = p.getText();
      return s.isEmpty() ? null : s;
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw Errors.data(p, "expected a string but was " + found());
  }

  private @Nullable Instant optionalTime() throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw Errors.data(
          p,
          "expected an RFC 3339 date-time such as 2023-01-08T18:02:03Z (a string) but was "
              + found());
    }
    String s = p.getText();
    if (s.isEmpty()) {
      return null;
    }
    Instant cached = times.get(s);
    if (cached != null) {
      return cached;
    }
    Instant parsed = Rfc3339.parse(s);
    if (parsed == null) {
      throw Errors.data(
          p, "expected an RFC 3339 date-time such as 2023-01-08T18:02:03Z but was " + found());
    }
    if (times.size() < MAX_CACHED) {
      times.put(s, parsed);
    }
    return parsed;
  }

  /** An integer ≥ 0; a string of digits is accepted as the legacy form. Null when absent. */
  private @Nullable Integer optionalVersion() throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_NUMBER_INT) {
      if (p.getNumberType() == JsonParser.NumberType.INT && p.getIntValue() >= 0) {
        return p.getIntValue();
      }
    } else if (t == JsonToken.VALUE_STRING) {
      String s = p.getText();
      if (!s.isEmpty() && s.length() <= 9 && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
        legacyShape = true;
        warnings.add(ReadWarnings.Kind.LEGACY_SHAPE, p);
        return Integer.parseInt(s);
      }
    }
    throw Errors.data(p, "expected an integer >= 0 but was " + found());
  }

  private String found() throws IOException {
    return Errors.found(p);
  }

  private @Nullable Map<String, String> unknown(@Nullable Map<String, String> map, String name)
      throws IOException {
    return putUnknown(map, name, Json.rawValue(p));
  }

  private static Map<String, String> putUnknown(
      @Nullable Map<String, String> map, String name, String raw) {
    Map<String, String> m = map == null ? new LinkedHashMap<>() : map;
    m.put(name, raw);
    return m;
  }
}
