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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
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
  private static final Set<String> ANALYSIS_KNOWN =
      Set.of("state", "justification", "response", "detail", "firstIssued", "lastUpdated");

  private static final Set<String> BEFORE_VULNERABILITIES =
      Set.of("bomFormat", "specVersion", "serialNumber", "version", "metadata", "components");

  private final Trees t = new Trees(Cdx.DOCUMENT);
  private final Warnings warnings = new Warnings();
  private ShardedMap<String, Comp> refs = ShardedMap.withExpectedSize(0);
  private @Nullable String serial;
  private int bomVersion = 1;
  private @Nullable JsonNode metadata;
  private Props metadataProps = Props.NONE;

  /**
   * A component of the BOM, where it is, and the outermost component with a bom-ref it is nested
   * in. Its JSON pointer is built only when a failure or a warning needs it: a reader of 50,000
   * components spent a tenth of its time building pointers that no message used.
   */
  private static final class Comp {
    final JsonNode node;
    // where: the index in the parent's components, or in the top-level components when there is
    // no parent; or a fixed pointer (the metadata's component)
    final @Nullable Comp parent;
    final int index;
    @Nullable String pointer;
    @Nullable String ref;

    // Filled in while reading: the outermost component's entry, whether a vulnerability names this
    // one, and its OpenVEX form once built (kept here, not in maps keyed by bom-ref: a reader of
    // 50,000 vulnerabilities spent a fifth of its time hashing the same long bom-refs again).
    @Nullable Comp rootComp;
    boolean used;
    @Nullable Component built;

    Comp(JsonNode node, @Nullable Comp parent, int index, @Nullable String pointer) {
      this.node = node;
      this.parent = parent;
      this.index = index;
      this.pointer = pointer;
    }

    String pointer() {
      String p = pointer;
      if (p == null) {
        p = parent == null ? "/components/" + index : parent.pointer() + "/components/" + index;
        pointer = p;
      }
      return p;
    }
  }

  /**
   * Waterline's own properties of an object, by full name, first one kept, in input order: a few at
   * most, so kept in arrays (no map, no name cut for each).
   */
  private static final class Props {
    static final Props NONE = new Props();

    private String[] names = new String[0];
    private String[] values = new String[0];
    private int size;
    boolean others;

    private static boolean named(String full, String key) {
      return full.length() == Cdx.PROPERTY.length() + key.length()
          && full.startsWith(key, Cdx.PROPERTY.length());
    }

    /** The value of {@code waterline:openvex:<key>}, or null. */
    @Nullable String get(String key) {
      for (int i = 0; i < size; i++) {
        if (named(names[i], key)) {
          return values[i];
        }
      }
      return null;
    }

    boolean has(String key) {
      return get(key) != null;
    }

    void putIfAbsent(String full, String value) {
      for (int i = 0; i < size; i++) {
        if (names[i].equals(full)) {
          return;
        }
      }
      if (size == names.length) {
        names = java.util.Arrays.copyOf(names, Math.max(4, size * 2));
        values = java.util.Arrays.copyOf(values, names.length);
      }
      names[size] = full;
      values[size++] = value;
    }

    int size() {
      return size;
    }

    /** The name of entry {@code i} without the prefix. */
    String key(int i) {
      return names[i].substring(Cdx.PROPERTY.length());
    }

    boolean keyStartsWith(int i, String prefix) {
      return names[i].startsWith(prefix, Cdx.PROPERTY.length());
    }

    String value(int i) {
      return values[i];
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
    metadataProps = properties(metadata, () -> "/metadata");
    t.array(root, "vulnerabilities", ""); // refuses a value that is not an array
  }

  // ---------------------------------------------------------------- document

  private VexDocument document(@Nullable JsonNode metadata, Props props, List<Statement> s) {
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
        .version(props.has("version") ? parseInt(props.get("version"), bomVersion) : bomVersion)
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

  /** Waterline's own properties (name → value); {@code others} when there are others too. */
  private Props properties(@Nullable JsonNode owner, Supplier<String> p) {
    if (owner == null) {
      return Props.NONE;
    }
    JsonNode props = array(owner, "properties", p);
    if (props == null || props.size() == 0) {
      return Props.NONE;
    }
    Props out = new Props();
    for (int i = 0; i < props.size(); i++) {
      int at = i;
      Supplier<String> q = () -> p.get() + "/properties/" + at;
      JsonNode prop = object(props.get(i), q);
      String name = optText(prop, "name", q);
      String value = optText(prop, "value", q);
      if (name != null && name.startsWith(Cdx.PROPERTY) && value != null) {
        out.putIfAbsent(name, value);
      } else {
        out.others = true;
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- checks
  // Each does what the Trees method of its name does, with the pointer built only when the value
  // is not what is expected: then the Trees method is called with it and fails as it would.

  private @Nullable String optText(JsonNode parent, String name, Supplier<String> p) {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      return t.optText(parent, name, p.get());
    }
    String s = n.textValue();
    return s.isEmpty() ? null : s;
  }

  private String reqText(JsonNode parent, String name, Supplier<String> p) {
    String s = optText(parent, name, p);
    return s != null ? s : t.reqText(parent, name, p.get());
  }

  private JsonNode object(JsonNode n, Supplier<String> p) {
    return n.isObject() ? n : t.object(n, p.get());
  }

  /** The array member, or null when absent or null (where Trees.array gives an empty list). */
  private @Nullable JsonNode array(JsonNode parent, String name, Supplier<String> p) {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isArray()) {
      List<JsonNode> unused = t.array(parent, name, p.get());
      throw new IllegalStateException("Trees.array took " + Trees.kind(n) + " for an array");
    }
    return n;
  }

  private @Nullable Instant optTime(JsonNode parent, String name, Supplier<String> p) {
    String s = optText(parent, name, p);
    if (s == null) {
      return null;
    }
    Instant time = Trees.time(s);
    return time != null ? time : t.optTime(parent, name, p.get());
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
    List<Comp> stack = new ArrayList<>();
    JsonNode top = array(root, "components", () -> "");
    int n = top == null ? 0 : top.size();
    if (top != null) {
      for (int i = n - 1; i >= 0; i--) {
        stack.add(new Comp(top.get(i), null, i, null));
      }
    }
    if (metadata != null) {
      JsonNode c = t.optObject(metadata, "component", "/metadata");
      if (c != null) {
        stack.add(new Comp(c, null, -1, "/metadata/component"));
      }
    }
    // The components with a bom-ref, in the order found; indexed once all are found, in a map
    // sized for them (most are nested: growing it one doubling at a time rehashed them again and
    // again). On a failure, those found before it are indexed first, so a bom-ref used twice before
    // it is still the failure reported.
    List<Comp> withRef = new ArrayList<>(n);
    try {
      walk(stack, withRef);
    } catch (RuntimeException e) {
      indexRefs(withRef);
      throw e;
    }
    indexRefs(withRef);
  }

  private void indexRefs(List<Comp> withRef) {
    refs = ShardedMap.withExpectedSize(withRef.size());
    for (Comp e : withRef) {
      Comp before = refs.put(Objects.requireNonNull(e.ref), e);
      if (before != null) {
        throw t.fail(
            e.pointer() + "/bom-ref",
            "bom-ref " + Trees.shown(e.ref) + " is used twice, here and at " + before.pointer());
      }
    }
  }

  private void walk(List<Comp> stack, List<Comp> withRef) {
    while (!stack.isEmpty()) {
      Comp e = stack.remove(stack.size() - 1);
      JsonNode c = object(e.node, e::pointer);
      String ref = optText(c, "bom-ref", e::pointer);
      if (ref != null) {
        e.ref = ref;
        withRef.add(e);
      }
      Comp nextRoot = e.rootComp != null ? e.rootComp : ref != null ? e : null;
      JsonNode nested = array(c, "components", e::pointer);
      if (nested != null) {
        for (int i = nested.size() - 1; i >= 0; i--) {
          Comp child = new Comp(nested.get(i), e, i, null);
          child.rootComp = nextRoot;
          stack.add(child);
        }
      }
    }
  }

  private Component component(Comp c) {
    Component have = c.built;
    if (have != null) {
      return have;
    }
    Component out = component(c, null);
    c.built = out;
    return out;
  }

  /** A CycloneDX component as an OpenVEX component, at one version when {@code version} is set. */
  private Component component(Comp comp, @Nullable String version) {
    JsonNode c = comp.node;
    String ref = comp.ref;
    Supplier<String> p = comp::pointer;
    Props props = properties(c, p);
    String purl = optText(c, "purl", p);
    String cpe = optText(c, "cpe", p);
    String name = optText(c, "name", p);
    String v = optText(c, "version", p);
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
    // The builder starts with empty maps: filled only when there is something to put.
    Component.Builder b = Component.builder().id(id);
    String cpe22 = props.get("cpe22");
    String withPurl = purl != null && !purl.equals(id) ? purl : null;
    String withCpe = cpe != null && !cpe.equals(id) ? cpe : null;
    if (withPurl != null || withCpe != null || cpe22 != null) {
      Map<String, String> ids = new LinkedHashMap<>();
      if (withPurl != null) {
        ids.put("purl", withPurl);
      }
      if (withCpe != null) {
        ids.put(Ids.cpeKey(withCpe), withCpe);
      }
      if (cpe22 != null) {
        ids.put("cpe22", cpe22);
      }
      b.identifiers(ids);
    }
    Map<String, String> hashes = null;
    JsonNode hs = array(c, "hashes", p);
    if (hs != null) {
      for (int i = 0; i < hs.size(); i++) {
        int at = i;
        Supplier<String> q = () -> comp.pointer() + "/hashes/" + at;
        JsonNode h = object(hs.get(i), q);
        String alg = Cdx.hashFromCdx(reqText(h, "alg", q));
        String content = reqText(h, "content", q);
        if (hashes == null) {
          hashes = new LinkedHashMap<>();
        }
        hashes.putIfAbsent(alg, content);
      }
    }
    for (int i = 0; i < props.size(); i++) {
      if (props.keyStartsWith(i, "hash:")) {
        if (hashes == null) {
          hashes = new LinkedHashMap<>();
        }
        hashes.putIfAbsent(props.key(i).substring(5), props.value(i));
      }
    }
    if (hashes != null) {
      b.hashes(hashes);
    }
    if (version == null) {
      List<String> lost = null;
      if (props.others) {
        lost = new ArrayList<>();
        lost.add("properties");
      }
      for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
        String n = it.next();
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
            if (lost == null) {
              lost = new ArrayList<>();
            }
            lost.add(n);
        }
      }
      if (lost != null) {
        warnings.notCarried(comp.pointer(), lost, "OpenVEX");
      }
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

  private @Nullable Named resolve(String ref, Supplier<String> p, @Nullable String version) {
    String local = ref;
    Matcher m = ref.startsWith("urn:cdx:") ? BOM_LINK.matcher(ref) : null;
    if (m != null && m.matches()) {
      String fragment;
      try {
        fragment = URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw t.fail(
            p.get(),
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
            p.get(),
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
          p.get(),
          Trees.shown(local)
              + " is not the bom-ref of any component of this BOM, nor a purl: carried as the"
              + " product of that name");
      return new Named(Component.of(version == null ? local : local + "@" + version), null);
    }
    c.used = true;
    Component self = version == null ? component(c) : component(c, version);
    Comp root = c.rootComp;
    if (root == null) {
      return new Named(self, null);
    }
    root.used = true;
    return new Named(component(root), self);
  }

  // ---------------------------------------------------------------- vulnerabilities

  /** The statuses of one vulnerability in first-appearance order, each with what it names. */
  private static final class Group {
    final Status status;
    final List<Named> named = new ArrayList<>(4);
    // where the first entry of this status is: its affects index and version index (-1 for none)
    final int affects;
    final int version;

    Group(Status status, int affects, int version) {
      this.status = status;
      this.affects = affects;
      this.version = version;
    }

    String pointer(String ptr) {
      String p = ptr + "/affects/" + affects;
      return version < 0 ? p : p + "/versions/" + version;
    }
  }

  private static Group group(List<Group> groups, Status s, int affects, int version) {
    for (Group g : groups) {
      if (g.status == s) {
        return g;
      }
    }
    Group g = new Group(s, affects, version);
    groups.add(g);
    return g;
  }

  /** A product of a statement: named itself ({@code bare}), or through its subcomponents. */
  private static final class ProductEntry {
    final Component product;
    final boolean bare;
    // An image's packages can be thousands.
    final Distinct<Component> subs = new Distinct<>();

    ProductEntry(Component product, boolean bare) {
      this.product = product;
      this.bare = bare;
    }
  }

  private void vulnerability(
      JsonNode v, String ptr, List<Statement> statements, List<String> pointers) {
    String id = t.optText(v, "id", ptr);
    List<String> lost = new ArrayList<>();
    for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!VULNERABILITY_KNOWN.containsKey(name)) {
        lost.add(name);
      }
    }
    Supplier<String> at = () -> ptr;
    Props props = properties(v, at);
    if (props.others) {
      lost.add("properties");
    }
    if (id == null) {
      warnings.add(ptr, "has no id: not carried (OpenVEX statements name a vulnerability)");
      return;
    }
    Vulnerability.Builder vb = Vulnerability.builder(id);
    JsonNode source = t.optObject(v, "source", ptr);
    if (source != null) {
      String url = optText(source, "url", () -> ptr + "/source");
      if (url != null) {
        vb.id(url);
      }
      if (source.has("name")) {
        lost.add("source name");
      }
    }
    String vulnerabilityId = props.get("vulnerability_id");
    if (vulnerabilityId != null) {
      vb.id(vulnerabilityId);
    }
    vb.description(t.optText(v, "description", ptr));
    Distinct<String> aliases = new Distinct<>();
    JsonNode references = array(v, "references", at);
    if (references != null) {
      for (int i = 0; i < references.size(); i++) {
        int ri = i;
        Supplier<String> q = () -> ptr + "/references/" + ri;
        String alias = reqText(object(references.get(i), q), "id", q);
        if (!alias.equals(id)) {
          aliases.add(alias);
        }
      }
    }
    vb.aliases(aliases.list());
    Vulnerability vulnerability = vb.build();

    JsonNode analysis = t.optObject(v, "analysis", ptr);
    Supplier<String> ap = () -> ptr + "/analysis";
    String state = null;
    String justification = null;
    List<String> responses = List.of();
    String detail = null;
    Instant firstIssued = null;
    Instant lastUpdated = null;
    if (analysis != null) {
      state = optText(analysis, "state", ap);
      if (state != null && !Cdx.STATES.contains(state)) {
        throw t.fail(
            ap.get() + "/state",
            "expected one of " + Cdx.STATES + " but was " + Trees.shown(state));
      }
      justification = optText(analysis, "justification", ap);
      if (justification != null && !Cdx.FROM_CDX.containsKey(justification)) {
        throw t.fail(
            ap.get() + "/justification",
            "expected one of "
                + List.copyOf(Cdx.FROM_CDX.keySet())
                + " but was "
                + Trees.shown(justification));
      }
      JsonNode rs = array(analysis, "response", ap);
      if (rs != null && rs.size() > 0) {
        responses = new ArrayList<>();
        for (int i = 0; i < rs.size(); i++) {
          JsonNode rn = rs.get(i);
          String r =
              rn.isTextual() && !rn.textValue().isEmpty()
                  ? rn.textValue()
                  : t.textAt(rn, ap.get() + "/response/" + i);
          if (!Cdx.RESPONSES.contains(r)) {
            throw t.fail(
                ap.get() + "/response/" + i,
                "expected one of " + Cdx.RESPONSES + " but was " + Trees.shown(r));
          }
          if (!responses.contains(r)) {
            responses.add(r);
          }
        }
      }
      detail = optText(analysis, "detail", ap);
      firstIssued = optTime(analysis, "firstIssued", ap);
      lastUpdated = optTime(analysis, "lastUpdated", ap);
      List<String> others = null;
      for (Iterator<String> it = analysis.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!ANALYSIS_KNOWN.contains(name)) {
          if (others == null) {
            others = new ArrayList<>();
          }
          others.add(name);
        }
      }
      if (others != null) {
        warnings.notCarried(ap.get(), others, "OpenVEX");
      }
    }
    Status base = state == null ? null : Cdx.status(state);
    if (base == null) {
      base = Status.UNDER_INVESTIGATION;
      warnings.add(
          analysis == null ? ptr : ap.get(),
          "has no analysis state: read as under_investigation (a vulnerability a scanner lists"
              + " is not a VEX statement)");
    }
    Instant timestamp = firstIssued;
    String propTimestamp = props.get("timestamp");
    if (timestamp == null && propTimestamp != null) {
      timestamp = Trees.time(propTimestamp);
    }
    Instant updated = null;
    if (timestamp == null) {
      timestamp = lastUpdated;
    } else {
      updated = lastUpdated;
    }
    String propUpdated = props.get("last_updated");
    if (updated == null && propUpdated != null) {
      updated = Trees.time(propUpdated);
    }
    String action = t.optText(v, "recommendation", ptr);
    String workaround = t.optText(v, "workaround", ptr);
    if (workaround != null) {
      action =
          action == null ? "Workaround: " + workaround : action + "\nWorkaround: " + workaround;
    }

    List<Group> byStatus = new ArrayList<>(2);
    JsonNode affects = array(v, "affects", at);
    for (int k = 0; affects != null && k < affects.size(); k++) {
      int ak = k;
      Supplier<String> p = () -> ptr + "/affects/" + ak;
      JsonNode a = object(affects.get(k), p);
      String ref = reqText(a, "ref", p);
      JsonNode versions = array(a, "versions", p);
      if (versions == null || versions.size() == 0) {
        Named n = resolve(ref, p, null);
        if (n != null) {
          group(byStatus, base, k, -1).named.add(n);
        }
        continue;
      }
      for (int j = 0; j < versions.size(); j++) {
        int vj = j;
        Supplier<String> q = () -> p.get() + "/versions/" + vj;
        JsonNode ver = object(versions.get(j), q);
        String exact = optText(ver, "version", q);
        String range = optText(ver, "range", q);
        String vs = optText(ver, "status", q);
        if (exact == null) {
          warnings.add(
              q.get(),
              "version range "
                  + Trees.shown(range == null ? "" : range)
                  + " is not carried: OpenVEX has no version ranges (a product without a version"
                  + " would match every version)");
          continue;
        }
        Status s = versionStatus(base, vs, q);
        Named n = resolve(ref, q, exact);
        if (n != null) {
          group(byStatus, s, k, j).named.add(n);
        }
      }
    }
    warnings.notCarried(ptr, lost, "OpenVEX");
    if (byStatus.isEmpty()) {
      warnings.add(ptr, "names no product that OpenVEX can carry: its statement is not carried");
      return;
    }
    for (Group g : byStatus) {
      Status s = g.status;
      List<String> marker = new ArrayList<>();
      if (state != null && !state.equals(Cdx.state(s))) {
        marker.add("state=" + state);
      }
      Justification j = null;
      if (s == Status.NOT_AFFECTED) {
        String pj = props.get("justification");
        if (pj != null) {
          try {
            j = Justification.parse(pj);
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
        String statusNotes = props.get("status_notes");
        if (statusNotes != null) {
          notes.add(statusNotes);
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
        act = detail != null ? detail : responses.isEmpty() ? null : Cdx.responsesAction(responses);
      }
      if (!marker.isEmpty()) {
        notes.add(Cdx.MARKER + String.join("; ", marker));
      }
      String version = props.get("version");
      String actionTime = props.get("action_statement_timestamp");
      Statement.Builder b =
          Statement.builder()
              .id(props.get("id"))
              .version(version != null ? parseInt(version, 0) : null)
              .vulnerability(vulnerability)
              .status(s)
              .justification(j)
              .impactStatement(impact)
              .actionStatement(act)
              .statusNotes(notes.isEmpty() ? null : String.join("\n", notes))
              .supplier(props.get("supplier"))
              .timestamp(timestamp)
              .lastUpdated(updated)
              .actionStatementTimestamp(actionTime != null ? Trees.time(actionTime) : null);
      // A product named itself covers all its subcomponents; one named through nested components
      // covers those: the two stay apart.
      for (ProductEntry pe : products(g.named)) {
        b.product(Product.of(pe.product, pe.subs.list()));
      }
      statements.add(b.buildLenient());
      pointers.add(byStatus.size() == 1 ? ptr : g.pointer(ptr));
    }
  }

  /**
   * The products of one statement in first-appearance order, a product named itself apart from the
   * same product named through subcomponents: a few, compared one by one, or many, through a map.
   */
  private static List<ProductEntry> products(List<Named> named) {
    List<ProductEntry> out = new ArrayList<>(named.size());
    Map<List<Object>, ProductEntry> index = named.size() > 8 ? new HashMap<>() : null;
    for (Named n : named) {
      boolean bare = n.sub == null;
      ProductEntry e = null;
      if (index != null) {
        e = index.get(List.of(n.product, bare));
      } else {
        for (ProductEntry x : out) {
          if (x.bare == bare && x.product.equals(n.product)) {
            e = x;
            break;
          }
        }
      }
      if (e == null) {
        e = new ProductEntry(n.product, bare);
        out.add(e);
        if (index != null) {
          index.put(List.of(n.product, bare), e);
        }
      }
      if (n.sub != null) {
        e.subs.add(n.sub);
      }
    }
    return out;
  }

  /** The status of one version: the analysis's, unless the version's own status says otherwise. */
  private Status versionStatus(Status base, @Nullable String vs, Supplier<String> p) {
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
            p.get() + "/status",
            "expected one of [affected, unaffected, unknown] but was " + Trees.shown(vs));
    }
  }
}
