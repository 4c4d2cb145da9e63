package dev.waterline.vex.formats.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.Component;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.Vulnerability;
import dev.waterline.vex.formats.VexFormat;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code vulnerabilities} of a CycloneDX 1.4 to 1.7 BOM (a standalone VEX BOM, or an SBOM
 * with embedded VEX) into the OpenVEX model: one statement per vulnerability and status, its
 * products from {@code affects[].ref} resolved through {@code bom-ref} (a component nested in
 * another is a subcomponent of the outermost one) or a BOM-link; versions in {@code
 * affects[].versions} name one version each, ranges are not carried. The mapping is the table in
 * {@code docs/formats.md}.
 */
final class CycloneDxReader {
  private static final Pattern BOM_LINK =
      Pattern.compile("^urn:cdx:([0-9a-fA-F-]{36})/([1-9][0-9]{0,8})#(.+)$");

  private static final Map<String, Boolean> VULNERABILITY_KNOWN =
      Map.of(
          "id", true,
          "source", true,
          "references", true,
          "description", true,
          "recommendation", true,
          "workaround", true,
          "analysis", true,
          "affects", true,
          "properties", true);

  /**
   * The members {@link #prepare} reads: when they all come before the vulnerabilities (as in what
   * Waterline writes), one pass reads the input.
   */
  private static final Set<String> BEFORE_VULNERABILITIES =
      Set.of("bomFormat", "specVersion", "serialNumber", "version", "metadata", "components");

  private final Trees t = new Trees(Cdx.DOCUMENT);
  private final Warnings warnings = new Warnings();
  private final Map<String, Comp> refs = new HashMap<>();
  private @Nullable String serial;
  private int bomVersion = 1;
  private @Nullable JsonNode metadata;
  private Map<String, String> metadataProps = Map.of();

  /** A component of the BOM and the outermost component it is nested in. */
  private static final class Comp {
    final JsonNode node;
    final String pointer;
    final @Nullable String root;

    // Filled in while reading: the outermost component's entry, whether a vulnerability names this
    // one, and its OpenVEX form once built (kept here, not in maps keyed by bom-ref: a reader of
    // 50,000 vulnerabilities spent a fifth of its time hashing the same long bom-refs again).
    @Nullable Comp rootComp;
    boolean used;
    @Nullable Component built;

    Comp(JsonNode node, String pointer, @Nullable String root) {
      this.node = node;
      this.pointer = pointer;
      this.root = root;
    }
  }

  private CycloneDxReader() {}

  static Reading read(byte[] bytes) {
    return new CycloneDxReader().run(bytes);
  }

  private Reading run(byte[] bytes) {
    List<Statement> statements = new ArrayList<>();
    List<String> pointers = new ArrayList<>();
    JsonNode root =
        SplitTree.read(
            bytes,
            "vulnerabilities",
            BEFORE_VULNERABILITIES,
            this::prepare,
            (vuln, i) -> {
              String p = "/vulnerabilities/" + i;
              vulnerability(t.object(vuln, p), p, statements, pointers);
            });
    VexDocument doc = document(metadata, metadataProps, statements);
    int unused = 0;
    for (Comp c : refs.values()) {
      if (!c.used) {
        unused++;
      }
    }
    List<String> lost = new ArrayList<>();
    for (String name : Trees.names(root)) {
      switch (name) {
        case "bomFormat":
        case "specVersion":
        case "serialNumber":
        case "version":
        case "metadata":
        case "vulnerabilities":
        case "$schema":
          break;
        case "components":
          if (unused > 0) {
            lost.add(
                unused
                    + (unused == 1 ? " component" : " components")
                    + " that no vulnerability names");
          }
          break;
        default:
          lost.add(name);
      }
    }
    List<dev.waterline.vex.formats.ConversionWarning> all = new ArrayList<>();
    Warnings top = new Warnings();
    top.notCarried("", lost, "OpenVEX");
    all.addAll(top.list());
    all.addAll(warnings.list());
    return new Reading(
        VexFormat.CYCLONEDX,
        false,
        doc,
        all,
        pointers,
        Map.of(
            "/author", "/metadata/authors/0",
            "/role", "/metadata/properties",
            "/version", "/version"));
  }

  /** The checks, the component index and the metadata: what comes before the vulnerabilities. */
  private void prepare(JsonNode tree) {
    JsonNode root = t.object(tree, "");
    String format = t.reqText(root, "bomFormat", "");
    if (!format.equals("CycloneDX")) {
      throw t.fail("/bomFormat", "expected 'CycloneDX' but was " + Trees.shown(format));
    }
    String spec = t.reqText(root, "specVersion", "");
    if (!Cdx.VERSIONS.contains(spec)) {
      throw t.fail(
          "/specVersion",
          "expected one of "
              + Cdx.VERSIONS
              + " but was "
              + Trees.shown(spec)
              + " (Waterline reads CycloneDX 1.4 to 1.7: VEX came with 1.4)");
    }
    serial = t.optText(root, "serialNumber", "");
    JsonNode v = root.get("version");
    if (v != null && !v.isNull()) {
      if (!v.canConvertToInt() || !v.isIntegralNumber()) {
        throw t.fail("/version", "expected an integer but found " + Trees.kind(v));
      }
      bomVersion = v.intValue();
      if (bomVersion < 0) {
        // OpenVEX versions are never negative (CycloneDX's start at 1)
        throw t.fail("/version", "expected an integer >= 0 but was " + bomVersion);
      }
    }
    JsonNode metadata = t.optObject(root, "metadata", "");
    this.metadata = metadata;
    index(root, metadata);
    metadataProps = properties(metadata, "/metadata", new ArrayList<>());
    t.array(root, "vulnerabilities", ""); // refuses a value that is not an array
  }

  // ---------------------------------------------------------------- document

  private VexDocument document(
      @Nullable JsonNode metadata, Map<String, String> props, List<Statement> s) {
    String author = "";
    Instant timestamp = null;
    String tooling = null;
    List<String> lost = new ArrayList<>();
    if (metadata != null) {
      List<JsonNode> authors = t.array(metadata, "authors", "/metadata");
      if (!authors.isEmpty()) {
        JsonNode a = t.object(authors.get(0), "/metadata/authors/0");
        String name = t.optText(a, "name", "/metadata/authors/0");
        String email = t.optText(a, "email", "/metadata/authors/0");
        author =
            name == null
                ? (email == null ? "" : "<" + email + ">")
                : email == null ? name : name + " <" + email + ">";
        if (authors.size() > 1) {
          lost.add("authors after the first");
        }
      } else {
        for (String org : List.of("supplier", "manufacturer", "manufacture")) {
          JsonNode o = t.optObject(metadata, org, "/metadata");
          if (o != null && author.isEmpty()) {
            String n = t.optText(o, "name", "/metadata/" + org);
            author = n == null ? "" : n;
          }
        }
      }
      timestamp = t.optTime(metadata, "timestamp", "/metadata");
      tooling = tools(metadata);
      for (String name : Trees.names(metadata)) {
        switch (name) {
          case "authors":
          case "timestamp":
          case "tools":
          case "properties":
            break;
          case "component":
            Comp described = refs.get(refOf(metadata.get("component")));
            if (described == null || !described.used) {
              lost.add("component");
            }
            break;
          case "supplier":
          case "manufacturer":
          case "manufacture":
            if (!author.isEmpty() && t.array(metadata, "authors", "/metadata").isEmpty()) {
              break;
            }
            lost.add(name);
            break;
          default:
            lost.add(name);
        }
      }
    }
    warnings.notCarried("/metadata", lost, "OpenVEX");
    String id = props.get("id");
    if (id == null) {
      id = serial;
    }
    Instant lastUpdated =
        props.get("last_updated") == null ? null : Trees.time(props.get("last_updated"));
    return VexDocument.builder(author)
        .defaults(false)
        .id(id)
        .role(props.get("role"))
        .timestamp(timestamp)
        .lastUpdated(lastUpdated)
        .version(
            props.containsKey("version") ? parseInt(props.get("version"), bomVersion) : bomVersion)
        .tooling(tooling)
        .statements(s)
        .buildLenient();
  }

  private static int parseInt(@Nullable String s, int otherwise) {
    try {
      int n = s == null ? otherwise : Integer.parseInt(s);
      return n < 0 ? otherwise : n;
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private @Nullable String tools(JsonNode metadata) {
    JsonNode tools = metadata.get("tools");
    if (tools == null || tools.isNull()) {
      return null;
    }
    List<JsonNode> list;
    String p = "/metadata/tools";
    if (tools.isArray()) {
      list = t.array(metadata, "tools", "/metadata");
    } else if (tools.isObject()) {
      list = new ArrayList<>(t.array(tools, "components", p));
      list.addAll(t.array(tools, "services", p));
    } else {
      throw t.fail(p, "expected an array or an object but found " + Trees.kind(tools));
    }
    List<String> names = new ArrayList<>();
    for (JsonNode tool : list) {
      if (tool.isObject()) {
        String n = tool.path("name").isTextual() ? tool.path("name").textValue() : null;
        String v = tool.path("version").isTextual() ? tool.path("version").textValue() : null;
        if (n != null && !n.isEmpty()) {
          names.add(v == null || v.isEmpty() ? n : n + "/" + v);
        }
      }
    }
    return names.isEmpty() ? null : String.join(", ", names);
  }

  /** Waterline's own properties (name without the prefix → value); others noted as lost. */
  private Map<String, String> properties(@Nullable JsonNode owner, String p, List<String> lost) {
    Map<String, String> out = new LinkedHashMap<>();
    if (owner == null) {
      return out;
    }
    List<JsonNode> props = t.array(owner, "properties", p);
    boolean others = false;
    for (int i = 0; i < props.size(); i++) {
      String q = p + "/properties/" + i;
      JsonNode prop = t.object(props.get(i), q);
      String name = t.optText(prop, "name", q);
      String value = t.optText(prop, "value", q);
      if (name != null && name.startsWith(Cdx.PROPERTY) && value != null) {
        out.putIfAbsent(name.substring(Cdx.PROPERTY.length()), value);
      } else {
        others = true;
      }
    }
    if (others) {
      lost.add("properties");
    }
    return out;
  }

  // ---------------------------------------------------------------- components

  private static @Nullable String refOf(@Nullable JsonNode c) {
    if (c == null || !c.isObject()) {
      return null;
    }
    JsonNode r = c.get("bom-ref");
    return r != null && r.isTextual() ? r.textValue() : null;
  }

  /** Indexes every component by bom-ref, with the outermost component it is nested in. */
  private void index(JsonNode root, @Nullable JsonNode metadata) {
    List<Object[]> stack = new ArrayList<>();
    List<JsonNode> top = t.array(root, "components", "");
    for (int i = top.size() - 1; i >= 0; i--) {
      stack.add(new Object[] {top.get(i), "/components/" + i, null});
    }
    if (metadata != null) {
      JsonNode c = t.optObject(metadata, "component", "/metadata");
      if (c != null) {
        stack.add(new Object[] {c, "/metadata/component", null});
      }
    }
    while (!stack.isEmpty()) {
      Object[] e = stack.remove(stack.size() - 1);
      String p = (String) e[1];
      JsonNode c = t.object((JsonNode) e[0], p);
      String rootRef = (String) e[2];
      String ref = t.optText(c, "bom-ref", p);
      if (ref != null) {
        Comp before = refs.put(ref, new Comp(c, p, rootRef));
        if (before != null) {
          throw t.fail(
              p + "/bom-ref",
              "bom-ref " + Trees.shown(ref) + " is used twice, here and at " + before.pointer);
        }
      }
      String nextRoot = rootRef != null ? rootRef : ref;
      List<JsonNode> nested = t.array(c, "components", p);
      for (int i = nested.size() - 1; i >= 0; i--) {
        stack.add(new Object[] {nested.get(i), p + "/components/" + i, nextRoot});
      }
    }
    for (Comp c : refs.values()) {
      if (c.root != null) {
        c.rootComp = refs.get(c.root);
      }
    }
  }

  private Component component(Comp c, String ref) {
    Component have = c.built;
    if (have != null) {
      return have;
    }
    Component out = component(c.node, c.pointer, ref, null);
    c.built = out;
    return out;
  }

  /** A CycloneDX component as an OpenVEX component, at one version when {@code version} is set. */
  private Component component(JsonNode c, String p, String ref, @Nullable String version) {
    List<String> lost = new ArrayList<>();
    Map<String, String> props = properties(c, p, lost);
    String purl = t.optText(c, "purl", p);
    String cpe = t.optText(c, "cpe", p);
    String name = t.optText(c, "name", p);
    String v = t.optText(c, "version", p);
    if (version != null) {
      purl = purl == null ? null : Purls.withVersion(purl, version);
      v = version;
    }
    String id = version == null ? props.get("id") : null;
    if (id == null) {
      id =
          purl != null
              ? purl
              : cpe != null ? cpe : name != null ? (v == null ? name : name + "@" + v) : ref;
    }
    Component.Builder b = Component.builder().id(id);
    Map<String, String> ids = new LinkedHashMap<>();
    if (purl != null && !purl.equals(id)) {
      ids.put("purl", purl);
    }
    if (cpe != null && !cpe.equals(id)) {
      ids.put(Ids.cpeKey(cpe), cpe);
    }
    if (props.containsKey("cpe22")) {
      ids.put("cpe22", props.get("cpe22"));
    }
    b.identifiers(ids);
    Map<String, String> hashes = new LinkedHashMap<>();
    List<JsonNode> hs = t.array(c, "hashes", p);
    for (int i = 0; i < hs.size(); i++) {
      String q = p + "/hashes/" + i;
      JsonNode h = t.object(hs.get(i), q);
      hashes.putIfAbsent(Cdx.hashFromCdx(t.reqText(h, "alg", q)), t.reqText(h, "content", q));
    }
    for (Map.Entry<String, String> e : props.entrySet()) {
      if (e.getKey().startsWith("hash:")) {
        hashes.putIfAbsent(e.getKey().substring(5), e.getValue());
      }
    }
    b.hashes(hashes);
    if (version == null) {
      for (String n : Trees.names(c)) {
        switch (n) {
          case "bom-ref":
          case "type":
          case "name":
          case "version":
          case "purl":
          case "cpe":
          case "hashes":
          case "properties":
          case "components":
            break;
          default:
            lost.add(n);
        }
      }
      warnings.notCarried(p, lost, "OpenVEX");
    }
    return b.build();
  }

  /** One product named by an affects entry: a product, and a subcomponent when nested. */
  private static final class Named {
    final Component product;
    final @Nullable Component sub;

    Named(Component product, @Nullable Component sub) {
      this.product = product;
      this.sub = sub;
    }
  }

  private @Nullable Named resolve(String ref, String p, @Nullable String version) {
    String local = ref;
    Matcher m = ref.startsWith("urn:cdx:") ? BOM_LINK.matcher(ref) : null;
    if (m != null && m.matches()) {
      String fragment;
      try {
        fragment = URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw t.fail(
            p,
            "the BOM-link "
                + Trees.shown(ref)
                + " has a fragment that is not percent-encoded ("
                + e.getMessage()
                + ")");
      }
      boolean here =
          serial != null
              && serial.equalsIgnoreCase("urn:uuid:" + m.group(1))
              && Integer.parseInt(m.group(2)) == bomVersion;
      if (here) {
        local = fragment;
      } else if (Ids.purl(fragment)) {
        String purl = version == null ? fragment : Purls.withVersion(fragment, version);
        return new Named(Component.of(purl), null);
      } else {
        warnings.add(
            p,
            "names "
                + Trees.shown(fragment)
                + " in another BOM ("
                + m.group(1)
                + " version "
                + m.group(2)
                + "), which is not a purl: carried as the product "
                + Trees.shown(ref)
                + ", which matches only that BOM-link");
        return new Named(Component.of(version == null ? ref : ref + "@" + version), null);
      }
    }
    Comp c = refs.get(local);
    if (c == null) {
      if (Ids.purl(local)) {
        return new Named(
            Component.of(version == null ? local : Purls.withVersion(local, version)), null);
      }
      warnings.add(
          p,
          Trees.shown(local)
              + " is not the bom-ref of any component of this BOM, nor a purl: carried as the"
              + " product of that name");
      return new Named(Component.of(version == null ? local : local + "@" + version), null);
    }
    c.used = true;
    Component self =
        version == null ? component(c, local) : component(c.node, c.pointer, local, version);
    Comp root = c.rootComp;
    if (c.root == null || root == null) {
      return new Named(self, null);
    }
    root.used = true;
    return new Named(component(root, c.root), self);
  }

  // ---------------------------------------------------------------- vulnerabilities

  private void vulnerability(
      JsonNode v, String ptr, List<Statement> statements, List<String> pointers) {
    String id = t.optText(v, "id", ptr);
    List<String> lost = new ArrayList<>(Trees.others(v, VULNERABILITY_KNOWN));
    Map<String, String> props = properties(v, ptr, lost);
    if (id == null) {
      warnings.add(ptr, "has no id: not carried (OpenVEX statements name a vulnerability)");
      return;
    }
    Vulnerability.Builder vb = Vulnerability.builder(id);
    JsonNode source = t.optObject(v, "source", ptr);
    if (source != null) {
      String url = t.optText(source, "url", ptr + "/source");
      if (url != null) {
        vb.id(url);
      }
      if (source.has("name")) {
        lost.add("source name");
      }
    }
    if (props.containsKey("vulnerability_id")) {
      vb.id(props.get("vulnerability_id"));
    }
    vb.description(t.optText(v, "description", ptr));
    List<String> aliases = new ArrayList<>();
    List<JsonNode> references = t.array(v, "references", ptr);
    for (int i = 0; i < references.size(); i++) {
      String q = ptr + "/references/" + i;
      String alias = t.reqText(t.object(references.get(i), q), "id", q);
      if (!alias.equals(id) && !aliases.contains(alias)) {
        aliases.add(alias);
      }
    }
    vb.aliases(aliases);
    Vulnerability vulnerability = vb.build();

    JsonNode analysis = t.optObject(v, "analysis", ptr);
    String ap = ptr + "/analysis";
    String state = null;
    String justification = null;
    List<String> responses = new ArrayList<>();
    String detail = null;
    Instant firstIssued = null;
    Instant lastUpdated = null;
    if (analysis != null) {
      state = t.optText(analysis, "state", ap);
      if (state != null && !Cdx.STATES.contains(state)) {
        throw t.fail(
            ap + "/state", "expected one of " + Cdx.STATES + " but was " + Trees.shown(state));
      }
      justification = t.optText(analysis, "justification", ap);
      if (justification != null && !Cdx.FROM_CDX.containsKey(justification)) {
        throw t.fail(
            ap + "/justification",
            "expected one of "
                + List.copyOf(Cdx.FROM_CDX.keySet())
                + " but was "
                + Trees.shown(justification));
      }
      List<JsonNode> rs = t.array(analysis, "response", ap);
      for (int i = 0; i < rs.size(); i++) {
        String r = t.textAt(rs.get(i), ap + "/response/" + i);
        if (!Cdx.RESPONSES.contains(r)) {
          throw t.fail(
              ap + "/response/" + i,
              "expected one of " + Cdx.RESPONSES + " but was " + Trees.shown(r));
        }
        if (!responses.contains(r)) {
          responses.add(r);
        }
      }
      detail = t.optText(analysis, "detail", ap);
      firstIssued = t.optTime(analysis, "firstIssued", ap);
      lastUpdated = t.optTime(analysis, "lastUpdated", ap);
      warnings.notCarried(
          ap,
          Trees.others(
              analysis,
              Map.of(
                  "state", 1,
                  "justification", 1,
                  "response", 1,
                  "detail", 1,
                  "firstIssued", 1,
                  "lastUpdated", 1)),
          "OpenVEX");
    }
    Status base = state == null ? null : Cdx.status(state);
    if (base == null) {
      base = Status.UNDER_INVESTIGATION;
      warnings.add(
          analysis == null ? ptr : ap,
          "has no analysis state: read as under_investigation (a vulnerability a scanner lists"
              + " is not a VEX statement)");
    }
    Instant timestamp = firstIssued;
    if (timestamp == null && props.containsKey("timestamp")) {
      timestamp = Trees.time(props.get("timestamp"));
    }
    Instant updated = null;
    if (timestamp == null) {
      timestamp = lastUpdated;
    } else {
      updated = lastUpdated;
    }
    if (updated == null && props.containsKey("last_updated")) {
      updated = Trees.time(props.get("last_updated"));
    }
    String action = t.optText(v, "recommendation", ptr);
    String workaround = t.optText(v, "workaround", ptr);
    if (workaround != null) {
      action =
          action == null ? "Workaround: " + workaround : action + "\nWorkaround: " + workaround;
    }

    Map<Status, List<Named>> byStatus = new LinkedHashMap<>();
    Map<Status, String> firstPointer = new HashMap<>();
    List<JsonNode> affects = t.array(v, "affects", ptr);
    for (int k = 0; k < affects.size(); k++) {
      String p = ptr + "/affects/" + k;
      JsonNode a = t.object(affects.get(k), p);
      String ref = t.reqText(a, "ref", p);
      List<JsonNode> versions = t.array(a, "versions", p);
      if (versions.isEmpty()) {
        Named n = resolve(ref, p, null);
        if (n != null) {
          byStatus.computeIfAbsent(base, x -> new ArrayList<>()).add(n);
          firstPointer.putIfAbsent(base, p);
        }
        continue;
      }
      for (int j = 0; j < versions.size(); j++) {
        String q = p + "/versions/" + j;
        JsonNode ver = t.object(versions.get(j), q);
        String exact = t.optText(ver, "version", q);
        String range = t.optText(ver, "range", q);
        String vs = t.optText(ver, "status", q);
        if (exact == null) {
          warnings.add(
              q,
              "version range "
                  + Trees.shown(range == null ? "" : range)
                  + " is not carried: OpenVEX has no version ranges (a product without a version"
                  + " would match every version)");
          continue;
        }
        Status s = versionStatus(base, vs, q);
        Named n = resolve(ref, q, exact);
        if (n != null) {
          byStatus.computeIfAbsent(s, x -> new ArrayList<>()).add(n);
          firstPointer.putIfAbsent(s, q);
        }
      }
    }
    warnings.notCarried(ptr, lost, "OpenVEX");
    if (byStatus.isEmpty()) {
      warnings.add(ptr, "names no product that OpenVEX can carry: its statement is not carried");
      return;
    }
    for (Map.Entry<Status, List<Named>> e : byStatus.entrySet()) {
      Status s = e.getKey();
      List<String> marker = new ArrayList<>();
      if (state != null && !state.equals(Cdx.state(s))) {
        marker.add("state=" + state);
      }
      Justification j = null;
      if (s == Status.NOT_AFFECTED) {
        if (props.containsKey("justification")) {
          try {
            j = Justification.parse(props.get("justification"));
          } catch (dev.waterline.vex.VexException ex) {
            j = null;
          }
        }
        if (j == null && justification != null) {
          j = Cdx.FROM_CDX.get(justification);
          if (j != null && !Cdx.toCdx(j).equals(justification)) {
            marker.add("justification=" + justification);
          }
        }
      } else if (justification != null) {
        marker.add("justification=" + justification);
      }
      if (!responses.isEmpty()) {
        marker.add("response=" + String.join(", ", responses));
      }
      String impact;
      List<String> notes = new ArrayList<>();
      if (s == Status.NOT_AFFECTED) {
        impact = detail;
        if (props.containsKey("status_notes")) {
          notes.add(props.get("status_notes"));
        }
      } else {
        impact = props.get("impact_statement");
        if (detail != null && !(s == Status.AFFECTED && action == null)) {
          notes.add(detail);
        }
      }
      String act = action;
      if (s == Status.AFFECTED && act == null) {
        // OpenVEX needs an action for affected: the analysis detail says what to do, else the
        // responses do.
        act =
            detail != null
                ? detail
                : responses.isEmpty() ? null : "Response: " + String.join(", ", responses);
      }
      if (!marker.isEmpty()) {
        notes.add(Cdx.MARKER + String.join("; ", marker));
      }
      Statement.Builder b =
          Statement.builder()
              .id(props.get("id"))
              .version(props.containsKey("version") ? parseInt(props.get("version"), 0) : null)
              .vulnerability(vulnerability)
              .status(s)
              .justification(j)
              .impactStatement(impact)
              .actionStatement(act)
              .statusNotes(notes.isEmpty() ? null : String.join("\n", notes))
              .supplier(props.get("supplier"))
              .timestamp(timestamp)
              .lastUpdated(updated)
              .actionStatementTimestamp(
                  props.containsKey("action_statement_timestamp")
                      ? Trees.time(props.get("action_statement_timestamp"))
                      : null);
      // A product named itself covers all its subcomponents; one named through nested components
      // covers those: the two stay apart.
      Map<List<Object>, List<Component>> products = new LinkedHashMap<>();
      for (Named n : e.getValue()) {
        List<Component> subs =
            products.computeIfAbsent(List.of(n.product, n.sub == null), x -> new ArrayList<>());
        if (n.sub != null && !subs.contains(n.sub)) {
          subs.add(n.sub);
        }
      }
      for (Map.Entry<List<Object>, List<Component>> pe : products.entrySet()) {
        b.product(Product.of((Component) pe.getKey().get(0), pe.getValue()));
      }
      statements.add(b.buildLenient());
      pointers.add(byStatus.size() == 1 ? ptr : firstPointer.getOrDefault(s, ptr));
    }
  }

  /** The status of one version: the analysis's, unless the version's own status says otherwise. */
  private Status versionStatus(Status base, @Nullable String vs, String p) {
    if (vs == null) {
      return base;
    }
    switch (vs) {
      case "affected":
        return base == Status.AFFECTED || base == Status.UNDER_INVESTIGATION
            ? base
            : Status.AFFECTED;
      case "unaffected":
        return base == Status.NOT_AFFECTED || base == Status.FIXED ? base : Status.NOT_AFFECTED;
      case "unknown":
        return Status.UNDER_INVESTIGATION;
      default:
        throw t.fail(
            p + "/status",
            "expected one of [affected, unaffected, unknown] but was " + Trees.shown(vs));
    }
  }
}
