package dev.waterline.vex.formats.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.waterline.vex.Component;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.Vulnerability;
import dev.waterline.vex.formats.WriteOptions;
import dev.waterline.vex.internal.io.Chunks;
import dev.waterline.vex.internal.io.Failures;
import dev.waterline.vex.internal.json.Json;
import dev.waterline.vex.internal.json.Rfc3339;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Writes an OpenVEX document as a CycloneDX VEX BOM (1.4 to 1.7): every product as a top-level
 * component, its subcomponents nested in it, one vulnerability per statement in statement order (so
 * that CycloneDX keeps OpenVEX's "the later statement wins" at equal times), OpenVEX fields with no
 * CycloneDX place as {@code waterline:openvex:*} properties.
 */
final class CycloneDxWriter {
  private static final Pattern UUID_URN =
      Pattern.compile(
          "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

  // The member names, encoded once (a writer of 50,000 statements writes some a million times).
  private static final SerializedString F_AFFECTS = new SerializedString("affects");
  private static final SerializedString F_ALG = new SerializedString("alg");
  private static final SerializedString F_ANALYSIS = new SerializedString("analysis");
  private static final SerializedString F_AUTHORS = new SerializedString("authors");
  private static final SerializedString F_BOMFORMAT = new SerializedString("bomFormat");
  private static final SerializedString F_BOM_REF = new SerializedString("bom-ref");
  private static final SerializedString F_COMPONENTS = new SerializedString("components");
  private static final SerializedString F_CONTENT = new SerializedString("content");
  private static final SerializedString F_CPE = new SerializedString("cpe");
  private static final SerializedString F_DESCRIPTION = new SerializedString("description");
  private static final SerializedString F_DETAIL = new SerializedString("detail");
  private static final SerializedString F_FIRSTISSUED = new SerializedString("firstIssued");
  private static final SerializedString F_HASHES = new SerializedString("hashes");
  private static final SerializedString F_ID = new SerializedString("id");
  private static final SerializedString F_JUSTIFICATION = new SerializedString("justification");
  private static final SerializedString F_LASTUPDATED = new SerializedString("lastUpdated");
  private static final SerializedString F_METADATA = new SerializedString("metadata");
  private static final SerializedString F_NAME = new SerializedString("name");
  private static final SerializedString F_PROPERTIES = new SerializedString("properties");
  private static final SerializedString F_PURL = new SerializedString("purl");
  private static final SerializedString F_RECOMMENDATION = new SerializedString("recommendation");
  private static final SerializedString F_REF = new SerializedString("ref");
  private static final SerializedString F_REFERENCES = new SerializedString("references");
  private static final SerializedString F_RESPONSE = new SerializedString("response");
  private static final SerializedString F_SERIALNUMBER = new SerializedString("serialNumber");
  private static final SerializedString F_SOURCE = new SerializedString("source");
  private static final SerializedString F_SPECVERSION = new SerializedString("specVersion");
  private static final SerializedString F_STATE = new SerializedString("state");
  private static final SerializedString F_TIMESTAMP = new SerializedString("timestamp");
  private static final SerializedString F_TOOLS = new SerializedString("tools");
  private static final SerializedString F_TYPE = new SerializedString("type");
  private static final SerializedString F_URL = new SerializedString("url");
  private static final SerializedString F_VALUE = new SerializedString("value");
  private static final SerializedString F_VERSION = new SerializedString("version");
  private static final SerializedString F_VULNERABILITIES = new SerializedString("vulnerabilities");
  private static final SerializedString F_WORKAROUND = new SerializedString("workaround");
  private static final SerializedString F__SCHEMA = new SerializedString("$schema");

  private final VexDocument doc;
  private final List<String> pointers;
  private final String version;
  private final boolean v14;
  private final Warnings warnings = new Warnings();

  /** Products in first-appearance order, each with its subcomponents and their bom-refs. */
  private final Map<Component, Top> tops = new LinkedHashMap<>();

  // Sharded: one table of every bom-ref of a large document would be a humongous object.
  private final ShardedMap<String, Boolean> refs;
  // Suffixes given to components that share a bom-ref.
  private final UniqueNames refNames = new UniqueNames();

  /** Where {@link #writeTime} puts a time's text. */
  private final char[] timeBuffer = new char[Rfc3339.MAX_LENGTH];

  private static final class Top {
    final String ref;
    final Map<Component, String> subs = new LinkedHashMap<>();

    Top(String ref) {
      this.ref = ref;
    }
  }

  private CycloneDxWriter(VexDocument doc, List<String> pointers, WriteOptions options) {
    this.doc = doc;
    this.pointers = pointers;
    this.version = options.cycloneDxVersion();
    this.v14 = version.equals("1.4");
    // About a component per statement, in large documents.
    this.refs = ShardedMap.withExpectedSize(doc.statements().size());
  }

  static Writing write(VexDocument doc, List<String> pointers, WriteOptions options) {
    return new CycloneDxWriter(doc, pointers, options).run();
  }

  private Writing run() {
    if (!doc.unknownFields().isEmpty()) {
      warnings.notCarried("", List.copyOf(doc.unknownFields().keySet()), "CycloneDX");
    }
    List<List<String>> affects = new ArrayList<>();
    for (int i = 0; i < doc.statements().size(); i++) {
      affects.add(collect(i, doc.statements().get(i)));
    }
    Chunks out = new Chunks();
    try (JsonGenerator g = Json.prettyGenerator(out)) {
      g.writeStartObject();
      field(g, F__SCHEMA, "http://cyclonedx.org/schema/bom-" + version + ".schema.json");
      field(g, F_BOMFORMAT, "CycloneDX");
      field(g, F_SPECVERSION, version);
      field(g, F_SERIALNUMBER, serialNumber());
      int v = doc.version();
      if (v < 1) {
        warnings.add(
            "/version",
            "version "
                + v
                + " is written as 1 (CycloneDX versions start at 1)"
                + " and kept in a property");
      }
      g.writeNumberField("version", Math.max(v, 1));
      metadata(g);
      components(g);
      startArray(g, F_VULNERABILITIES);
      for (int i = 0; i < doc.statements().size(); i++) {
        if (!affects.get(i).isEmpty()) {
          vulnerability(g, i, doc.statements().get(i), affects.get(i));
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw Failures.writing("JSON", e);
    }
    out.write('\n');
    return new Writing(out, warnings.list());
  }

  private String serialNumber() {
    String id = doc.id().orElse(null);
    if (id != null && UUID_URN.matcher(id).matches()) {
      return id;
    }
    String seed = id != null ? id : "waterline:" + Ids.documentHash(doc);
    return "urn:uuid:" + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------- components

  private String unique(String base) {
    return refNames.name(base, x -> refs.add(x, Boolean.TRUE));
  }

  private static String name(Component c) {
    String id = c.id().orElse(null);
    if (id != null) {
      return id;
    }
    String purl = Ids.purlOf(c);
    if (purl != null) {
      return purl;
    }
    String cpe = Ids.cpeOf(c);
    return cpe != null ? cpe : c.displayName();
  }

  /** The bom-refs a statement's vulnerability affects, registering its components. */
  private List<String> collect(int i, Statement s) {
    if (s.products().isEmpty()) {
      warnings.add(pointers.get(i), "has no products: not carried (CycloneDX needs affects)");
      return List.of();
    }
    // A statement can name thousands of products or subcomponents, each once.
    Distinct<String> out = new Distinct<>();
    List<Product> products = s.products();
    for (int k = 0; k < products.size(); k++) {
      Product p = products.get(k);
      Top top = tops.get(p.component());
      if (top == null) {
        top = new Top(unique(name(p.component())));
        tops.put(p.component(), top);
      }
      if (p.subcomponents().isEmpty()) {
        out.add(top.ref);
        continue;
      }
      List<Component> subs = p.subcomponents();
      for (int j = 0; j < subs.size(); j++) {
        Component sub = subs.get(j);
        String ref = top.subs.get(sub);
        if (ref == null) {
          ref = unique(top.ref + "|" + name(sub));
          top.subs.put(sub, ref);
        }
        out.add(ref);
      }
    }
    return out.list();
  }

  private void components(JsonGenerator g) throws IOException {
    if (tops.isEmpty()) {
      return;
    }
    startArray(g, F_COMPONENTS);
    for (Map.Entry<Component, Top> e : tops.entrySet()) {
      Top top = e.getValue();
      g.writeStartObject();
      component(g, e.getKey(), top.ref, true);
      if (!top.subs.isEmpty()) {
        startArray(g, F_COMPONENTS);
        for (Map.Entry<Component, String> sub : top.subs.entrySet()) {
          g.writeStartObject();
          component(g, sub.getKey(), sub.getValue(), false);
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void component(JsonGenerator g, Component c, String ref, boolean product)
      throws IOException {
    String id = c.id().orElse(null);
    String purl = Ids.purlOf(c);
    String cpe = Ids.cpeOf(c);
    boolean image = (purl != null && isOci(purl)) || (id != null && id.contains("@sha256:"));
    field(g, F_BOM_REF, ref);
    field(g, F_TYPE, image ? "container" : product ? "application" : "library");
    field(g, F_NAME, purl != null ? Purls.name(purl) : name(c));
    String purlVersion = purl != null ? Purls.version(purl) : "";
    if (!purlVersion.isEmpty()) {
      field(g, F_VERSION, purlVersion);
    }
    if (purl != null) {
      field(g, F_PURL, purl);
    }
    if (cpe != null) {
      field(g, F_CPE, cpe);
    }
    List<String[]> props = new ArrayList<>();
    if (id != null && !id.equals(purl) && !id.equals(cpe)) {
      props.add(new String[] {"id", id});
    }
    Map<String, String> ids = c.identifiers();
    if (ids.containsKey("cpe22") && ids.containsKey("cpe23")) {
      props.add(new String[] {"cpe22", ids.get("cpe22")});
    }
    List<String[]> hashes = new ArrayList<>();
    for (Map.Entry<String, String> h : c.hashes().entrySet()) {
      String alg = Cdx.HASHES.get(h.getKey());
      if (alg != null && isHashContent(h.getValue())) {
        hashes.add(new String[] {alg, h.getValue()});
      } else {
        props.add(new String[] {"hash:" + h.getKey(), h.getValue()});
      }
    }
    if (!hashes.isEmpty()) {
      startArray(g, F_HASHES);
      for (String[] h : hashes) {
        g.writeStartObject();
        field(g, F_ALG, h[0]);
        field(g, F_CONTENT, h[1]);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    properties(g, props);
  }

  private static void properties(JsonGenerator g, List<String[]> props) throws IOException {
    if (props.isEmpty()) {
      return;
    }
    startArray(g, F_PROPERTIES);
    for (String[] p : props) {
      g.writeStartObject();
      field(g, F_NAME, Cdx.PROPERTY + p[0]);
      field(g, F_VALUE, p[1]);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  // ---------------------------------------------------------------- metadata

  private void metadata(JsonGenerator g) throws IOException {
    startObject(g, F_METADATA);
    if (doc.timestamp().isPresent()) {
      writeTime(g, F_TIMESTAMP, doc.timestamp().get());
    }
    if (doc.tooling().isPresent()) {
      if (v14) {
        startArray(g, F_TOOLS);
        g.writeStartObject();
        field(g, F_NAME, doc.tooling().get());
        g.writeEndObject();
        g.writeEndArray();
      } else {
        startObject(g, F_TOOLS);
        startArray(g, F_COMPONENTS);
        g.writeStartObject();
        field(g, F_TYPE, "application");
        field(g, F_NAME, doc.tooling().get());
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
      }
    }
    // The author as written, e-mail address included, as the contact's name: the schema's
    // idn-email format is checked differently by each validator (networknt refuses reserved
    // top-level domains such as .example), and the name alone round-trips exactly.
    String author = doc.author();
    if (!author.isEmpty()) {
      startArray(g, F_AUTHORS);
      g.writeStartObject();
      field(g, F_NAME, author);
      g.writeEndObject();
      g.writeEndArray();
    }
    List<String[]> props = new ArrayList<>();
    String id = doc.id().orElse(null);
    if (id != null && !UUID_URN.matcher(id).matches()) {
      props.add(new String[] {"id", id});
    }
    doc.role().ifPresent(r -> props.add(new String[] {"role", r}));
    doc.lastUpdated().ifPresent(t -> props.add(new String[] {"last_updated", Rfc3339.format(t)}));
    if (doc.version() < 1) {
      props.add(new String[] {"version", Integer.toString(doc.version())});
    }
    properties(g, props);
    g.writeEndObject();
  }

  // ---------------------------------------------------------------- vulnerabilities

  private void vulnerability(JsonGenerator g, int i, Statement s, List<String> affects)
      throws IOException {
    String ptr = pointers.get(i);
    Vulnerability v = s.vulnerability();
    List<String> lost = null;
    lost = lost(lost, s.unknownFields());
    lost = lost(lost, v.unknownFields());
    List<Product> products = s.products();
    for (int k = 0; k < products.size(); k++) {
      Product p = products.get(k);
      List<Component> subs = p.subcomponents();
      for (int j = 0; j < subs.size(); j++) {
        lost = lost(lost, subs.get(j).unknownFields());
      }
      lost = lost(lost, p.component().unknownFields());
    }
    if (lost != null) {
      warnings.notCarried(ptr, lost, "CycloneDX");
    }
    Map<String, String> marker = Cdx.marker(s.statusNotes().orElse(null));
    String state = Cdx.state(s.status());
    String justification = null;
    List<String> responses = new ArrayList<>();
    if (marker != null) {
      String ms = marker.get("state");
      if (ms != null && Cdx.STATES.contains(ms) && Cdx.status(ms) == s.status()) {
        state = ms;
      }
      String mj = marker.get("justification");
      if (mj != null && Cdx.FROM_CDX.containsKey(mj)) {
        justification = mj;
      }
      String mr = marker.get("response");
      if (mr != null) {
        for (String r : mr.split(", ", -1)) {
          if (Cdx.RESPONSES.contains(r) && !responses.contains(r)) {
            responses.add(r);
          }
        }
      }
    }
    List<String[]> props = new ArrayList<>();
    Justification j = s.justification().orElse(null);
    if (j != null && s.status() == Status.NOT_AFFECTED) {
      if (justification == null || Cdx.FROM_CDX.get(justification) != j) {
        justification = Cdx.toCdx(j);
      }
      if (Cdx.FROM_CDX.get(justification) != j) {
        props.add(new String[] {"justification", j.value()});
      }
    } else if (j != null) {
      props.add(new String[] {"justification", j.value()});
    }
    String notes = Cdx.withoutMarker(s.statusNotes().orElse(null));
    String detail;
    if (s.status() == Status.NOT_AFFECTED) {
      detail = s.impactStatement().orElse(null);
      if (j == null && Gaps.NO_IMPACT_TEXT.equals(detail)) {
        // The text read for a not_affected analysis that gave no reason (see Gaps): CycloneDX
        // needs none, so it is left out as it was.
        detail = null;
      }
      if (notes != null) {
        props.add(new String[] {"status_notes", notes});
      }
    } else {
      detail = notes;
      s.impactStatement().ifPresent(x -> props.add(new String[] {"impact_statement", x}));
    }
    s.id().ifPresent(x -> props.add(new String[] {"id", x}));
    if (s.version().isPresent()) {
      props.add(new String[] {"version", Integer.toString(s.version().getAsInt())});
    }
    s.supplier().ifPresent(x -> props.add(new String[] {"supplier", x}));
    s.actionStatementTimestamp()
        .ifPresent(x -> props.add(new String[] {"action_statement_timestamp", Rfc3339.format(x)}));
    Instant ts = s.timestamp().orElse(null);
    Instant updated = s.lastUpdated().orElse(null);
    if (v14) {
      if (ts != null) {
        props.add(new String[] {"timestamp", Rfc3339.format(ts)});
      }
      if (updated != null) {
        props.add(new String[] {"last_updated", Rfc3339.format(updated)});
      }
    } else if (ts == null && updated != null) {
      props.add(new String[] {"last_updated", Rfc3339.format(updated)});
      updated = null;
    }
    String recommendation = s.actionStatement().orElse(null);
    if (s.status() == Status.AFFECTED
        && (Gaps.NO_ACTION_TEXT.equals(recommendation)
            || (!responses.isEmpty() && Cdx.responsesAction(responses).equals(recommendation)))) {
      // The text read for an affected statement that gave no action (see Gaps), or the action the
      // reader made of its responses alone: left out, the responses are written.
      recommendation = null;
    }
    String workaround = null;
    if (recommendation != null && !v14) {
      int at =
          recommendation.startsWith("Workaround: ") ? 0 : recommendation.indexOf("\nWorkaround: ");
      if (at >= 0) {
        workaround = recommendation.substring(at == 0 ? 12 : at + 13);
        recommendation = at == 0 ? null : recommendation.substring(0, at);
      }
    }
    String vulnId = v.id().orElse(null);

    g.writeStartObject();
    field(g, F_ID, v.name());
    if (vulnId != null) {
      startObject(g, F_SOURCE);
      field(g, F_URL, vulnId);
      g.writeEndObject();
    }
    if (!v.aliases().isEmpty()) {
      startArray(g, F_REFERENCES);
      List<String> aliases = v.aliases();
      for (int k = 0; k < aliases.size(); k++) {
        String a = aliases.get(k);
        g.writeStartObject();
        field(g, F_ID, a);
        startObject(g, F_SOURCE);
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (v.description().isPresent()) {
      field(g, F_DESCRIPTION, v.description().get());
    }
    if (recommendation != null) {
      field(g, F_RECOMMENDATION, recommendation);
    }
    if (workaround != null) {
      field(g, F_WORKAROUND, workaround);
    }
    startObject(g, F_ANALYSIS);
    field(g, F_STATE, state);
    if (justification != null) {
      field(g, F_JUSTIFICATION, justification);
    }
    if (!responses.isEmpty()) {
      startArray(g, F_RESPONSE);
      for (String r : responses) {
        g.writeString(r);
      }
      g.writeEndArray();
    }
    if (detail != null) {
      field(g, F_DETAIL, detail);
    }
    if (!v14 && ts != null) {
      writeTime(g, F_FIRSTISSUED, ts);
    }
    if (!v14 && updated != null) {
      writeTime(g, F_LASTUPDATED, updated);
    }
    g.writeEndObject();
    startArray(g, F_AFFECTS);
    for (int k = 0; k < affects.size(); k++) {
      g.writeStartObject();
      field(g, F_REF, affects.get(k));
      g.writeEndObject();
    }
    g.writeEndArray();
    properties(g, props);
    g.writeEndObject();
  }

  /**
   * Writes a time as {@link Rfc3339#format} (and so {@code Instant.toString()}) writes it, through
   * a buffer of this writer's: no strings, no {@code LocalDateTime} (a writer of 50,000 statements
   * spent a twentieth of its allocation on them).
   */
  private void writeTime(JsonGenerator g, SerializedString field, Instant t) throws IOException {
    int n = Rfc3339.format(t, timeBuffer);
    if (n < 0) {
      field(g, field, Rfc3339.format(t)); // years outside 0000–9999
      return;
    }
    g.writeFieldName(field);
    g.writeString(timeBuffer, 0, n);
  }

  private static void field(JsonGenerator g, SerializedString name, String value)
      throws IOException {
    g.writeFieldName(name);
    g.writeString(value);
  }

  private static void startArray(JsonGenerator g, SerializedString name) throws IOException {
    g.writeFieldName(name);
    g.writeStartArray();
  }

  private static void startObject(JsonGenerator g, SerializedString name) throws IOException {
    g.writeFieldName(name);
    g.writeStartObject();
  }

  /** {@code lost} with the names of {@code unknown} added: null while nothing is lost. */
  private static @Nullable List<String> lost(
      @Nullable List<String> lost, Map<String, String> unknown) {
    if (unknown.isEmpty()) {
      return lost;
    }
    List<String> out = lost == null ? new ArrayList<>() : lost;
    out.addAll(unknown.keySet());
    return out;
  }

  static @Nullable String nothing() {
    return null;
  }

  /** Whether a purl's type is {@code oci}: {@code Purls.type(purl).equals("oci")}, no copy. */
  private static boolean isOci(String purl) {
    return purl.startsWith("oci/", purl.indexOf(':') + 1);
  }

  /** Whether {@code value} is CycloneDX hash content: hex in either case, of a hash's length. */
  private static boolean isHashContent(String value) {
    switch (value.length()) {
      case 32: // MD5
      case 40: // SHA-1
      case 64: // SHA-256
      case 96: // SHA-384
      case 128: // SHA-512
        break;
      default:
        return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }
}
