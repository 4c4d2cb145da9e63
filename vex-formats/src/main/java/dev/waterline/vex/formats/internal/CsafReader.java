package dev.waterline.vex.formats.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.Component;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.Vulnerability;
import dev.waterline.vex.formats.VexFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CSAF 2.0 document (profile {@code csaf_vex}, and the VEX parts of any other profile) into
 * the OpenVEX model. The mapping is the table in {@code docs/formats.md}; in short:
 *
 * <ul>
 *   <li>every product of a vulnerability's {@code product_status} becomes a product of a statement,
 *       products with the same status, justification, texts and time sharing one statement;
 *   <li>products are resolved through the product tree (branches, full product names,
 *       relationships, groups) to purls, CPEs and hashes; a relationship product is the product it
 *       relates to with the referenced product as subcomponent;
 *   <li>flags give the justification, threats of category {@code impact} the impact statement,
 *       remediations the action statement, their dates the statement's time.
 * </ul>
 *
 * Ambiguous input is an error (a product id defined twice, a circular relationship, a product in
 * two contradicting status groups); input that only loses something is a warning.
 */
final class CsafReader {
  private static final Pattern INTEGER = Pattern.compile("^(0|[1-9][0-9]{0,8})$");
  private static final Pattern SEMVER = Pattern.compile("^(0|[1-9][0-9]{0,8})\\.\\d+\\.\\d+.*$");

  private static final Map<String, Boolean> DOCUMENT_KNOWN =
      Map.of(
          "category",
          true,
          "csaf_version",
          true,
          "publisher",
          true,
          "title",
          true,
          "tracking",
          true);
  private static final Map<String, Boolean> TRACKING_KNOWN =
      Map.of(
          "id", true,
          "version", true,
          "initial_release_date", true,
          "current_release_date", true,
          "revision_history", true,
          "status", true,
          "generator", true);
  private static final Map<String, Boolean> VULNERABILITY_KNOWN =
      Map.of(
          "cve", true,
          "ids", true,
          "notes", true,
          "references", true,
          "product_status", true,
          "flags", true,
          "threats", true,
          "remediations", true);

  /** The members {@link #prepare} reads: when they come first, one pass reads the input. */
  private static final Set<String> BEFORE_VULNERABILITIES = Set.of("document", "product_tree");

  private static final Map<String, Boolean> LISTS_KNOWN = listsKnown();

  private static final Map<String, Boolean> HELPER_KNOWN =
      Map.of("purl", true, "cpe", true, "hashes", true);

  private static final Map<String, Integer> FLAG_KNOWN =
      Map.of("label", 1, "date", 1, "product_ids", 1, "group_ids", 1);
  private static final Map<String, Integer> THREAT_KNOWN =
      Map.of("category", 1, "details", 1, "date", 1, "product_ids", 1, "group_ids", 1);
  private static final Map<String, Integer> REMEDIATION_KNOWN =
      Map.of(
          "category", 1,
          "details", 1,
          "date", 1,
          "url", 1,
          "product_ids", 1,
          "group_ids", 1);

  private final Trees t = new Trees(Csaf.DOCUMENT);
  private final Warnings warnings = new Warnings();
  // Grows as the products are defined while the input is parsed (a key keeps its hash: growing
  // hashes no id again).
  private final ShardedMap<Key, Def> defs = ShardedMap.withExpectedSize(0);
  private final Map<String, List<String>> groups = new HashMap<>();
  // Products still to be named through group_ids (Csaf.MAX_GROUP_MEMBERS in all).
  private int groupMembersLeft = Csaf.MAX_GROUP_MEMBERS;
  private final Map<String, Integer> nameCount = new HashMap<>();
  // The first failure reading the product tree's products as they were parsed (SplitTree.Inner),
  // thrown where the product tree is read, after the document's own checks.
  private @Nullable RuntimeException treeFailure;

  /** The product tree's arrays whose products are defined as the parser reaches them. */
  private static final Set<String> STREAMED_PRODUCTS =
      Set.of("full_product_names", "relationships");

  /**
   * A product id as a map key. Ids are often long (a purl with a digest and qualifiers, or two of
   * them for a relationship) and each occurrence in the input is a new string, so hashing all its
   * characters, once per occurrence, cost a tenth of reading: the hash here is of the length, a
   * sample of characters spread over the id and its last characters. Ids that differ only where the
   * sample does not look share a bucket; the map's tree bins (keys are comparable) keep such
   * buckets logarithmic.
   */
  private static class Key implements Comparable<Key> {
    private static final int FULL = 48;
    private static final int TAIL = 24;
    private static final int SAMPLES = 24;

    final String id;
    private final int hash;

    Key(String id) {
      this.id = id;
      this.hash = hash(id);
    }

    private static int hash(String s) {
      int n = s.length();
      int h = n;
      if (n <= FULL) {
        for (int i = 0; i < n; i++) {
          h = 31 * h + s.charAt(i);
        }
        return h;
      }
      int end = n - TAIL;
      int step = end / SAMPLES + 1;
      for (int i = 0; i < end; i += step) {
        h = 31 * h + s.charAt(i);
      }
      for (int i = end; i < n; i++) {
        h = 31 * h + s.charAt(i);
      }
      return h;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Key && ((Key) o).hash == hash && ((Key) o).id.equals(id);
    }

    @Override
    public int compareTo(Key o) {
      return id.compareTo(o.id);
    }

    @Override
    public String toString() {
      return id;
    }
  }

  /**
   * A product defined in the product tree, which is its own key in {@link #defs} (a lookup reaches
   * the definition without a key object between the map's node and it).
   */
  private static final class Def extends Key {
    final String pointer;
    final String name;
    final @Nullable JsonNode helper;
    final @Nullable String range;
    final @Nullable String category;
    final @Nullable String productReference;
    final @Nullable String relatesTo;

    // Built on first use and kept: a product id is named again by every vulnerability that lists
    // it, and resolving it (relationships followed, identifiers read) each time cost more than
    // parsing the vulnerability.
    @Nullable Component component;
    @Nullable Product product;

    // A relationship's two products, looked up once (null until then, or when not defined).
    boolean linked;
    @Nullable Def relatesToDef;
    @Nullable Def referenceDef;
    // The plain products a relationship leads to, towards the product and towards the component,
    // once followed (NOWHERE when a product on the way is not defined): a chain of relationships
    // is walked once, not once for every relationship on it.
    @Nullable Def productEnd;
    @Nullable Def componentEnd;

    // Each warning about this product is given once: the first time it is used.
    boolean relationshipWarned;
    boolean helperWarned;
    boolean rangeWarned;

    Def(
        String id,
        String pointer,
        String name,
        @Nullable JsonNode helper,
        @Nullable String range,
        @Nullable String category,
        @Nullable String productReference,
        @Nullable String relatesTo) {
      super(id);
      this.pointer = pointer;
      this.name = name;
      this.helper = helper;
      this.range = range;
      this.category = category;
      this.productReference = productReference;
      this.relatesTo = relatesTo;
    }
  }

  /** What a vulnerability says about one product. */
  private static final class Entry {
    // Where the product is first listed: base + "/" + list + "/" + index, built when needed.
    private final String base;
    private final String list;
    private final int index;
    private @Nullable String pointer;
    final List<String> lists = new ArrayList<>(2);
    // The status of the first list that has one.
    private @Nullable Status status;
    @Nullable Justification justification;
    // In first-appearance order, each once. A product can be named by thousands of threats and
    // remediations (through a group), where searching the list before each add was quadratic: past
    // a few, a set is searched instead (as Distinct does, without one more object per entry).
    private final List<String> impacts = new ArrayList<>(2);
    private @Nullable Set<String> impactSet;
    private final List<Action> actions = new ArrayList<>(2);
    private @Nullable Set<Action> actionSet;
    @Nullable Instant time;

    Entry(String base, String list, int index) {
      this.base = base;
      this.list = list;
      this.index = index;
    }

    String pointer() {
      String p = pointer;
      if (p == null) {
        p = base + "/" + list + "/" + index;
        pointer = p;
      }
      return p;
    }

    void addList(String l, @Nullable Status s) {
      if (!lists.contains(l)) {
        lists.add(l);
        if (status == null) {
          status = s;
        }
      }
    }

    @Nullable Status status() {
      return status;
    }

    void impact(String text) {
      impactSet = addOnce(impacts, impactSet, text);
    }

    List<String> impacts() {
      return impacts;
    }

    void action(Action a) {
      actionSet = addOnce(actions, actionSet, a);
    }

    List<Action> actions() {
      return actions;
    }

    /** Adds {@code x} to {@code list} unless there; returns the set to search from now on. */
    private static <T> @Nullable Set<T> addOnce(List<T> list, @Nullable Set<T> set, T x) {
      if (set != null) {
        if (set.add(x)) {
          list.add(x);
        }
        return set;
      }
      if (list.contains(x)) {
        return null;
      }
      list.add(x);
      return list.size() > 8 ? new HashSet<>(list) : null;
    }

    void time(@Nullable Instant at) {
      if (at != null && (time == null || at.isAfter(time))) {
        time = at;
      }
    }
  }

  private CsafReader() {}

  static Reading read(byte[] bytes) {
    return new CsafReader().run(bytes);
  }

  private Reading run(byte[] bytes) {
    List<Statement> statements = new ArrayList<>();
    List<String> pointers = new ArrayList<>();
    JsonNode[] documentNode = new JsonNode[1];
    JsonNode root =
        SplitTree.read(
            bytes,
            "vulnerabilities",
            BEFORE_VULNERABILITIES,
            new SplitTree.Inner("product_tree", STREAMED_PRODUCTS, this::streamedProduct),
            r -> documentNode[0] = prepare(r),
            (v, i) -> {
              String p = "/vulnerabilities/" + i;
              vulnerability(t.object(v, p), p, statements, pointers);
            });
    JsonNode document = Objects.requireNonNull(documentNode[0]);
    VexDocument doc = document(document, statements);
    List<String> top =
        Trees.others(root, Map.of("document", 1, "product_tree", 1, "vulnerabilities", 1));
    warnings.notCarried("", top, "OpenVEX");
    return new Reading(
        VexFormat.CSAF,
        false,
        doc,
        sorted(warnings),
        pointers,
        Map.of(
            "/author", "/document/publisher/name",
            "/role", "/document/publisher/category",
            "/version", "/document/tracking/version"));
  }

  /** The checks and the product tree that come before the vulnerabilities: the document member. */
  private JsonNode prepare(JsonNode tree) {
    JsonNode root = t.object(tree, "");
    JsonNode document = t.reqObject(root, "document", "");
    String version = t.reqText(document, "csaf_version", "/document");
    if (!version.equals("2.0")) {
      throw t.fail(
          "/document/csaf_version",
          "expected '2.0' but was " + Trees.shown(version) + " (Waterline reads CSAF 2.0)");
    }
    t.reqText(document, "category", "/document");
    productTree(root);
    t.array(root, "vulnerabilities", ""); // refuses a value that is not an array
    if (root.get("product_tree") instanceof ObjectNode) {
      // Everything the vulnerabilities need of the product tree is in the defs now: its nodes (a
      // third of a large input) need not stay reachable, and be copied by the collector, while the
      // vulnerabilities are read. Only the member's name is read again (Trees.others).
      ((ObjectNode) root).set("product_tree", JsonNodeFactory.instance.objectNode());
    }
    return document;
  }

  /** Warnings in document order of their pointers: document first, then the rest as found. */
  private static List<dev.waterline.vex.formats.ConversionWarning> sorted(Warnings w) {
    List<dev.waterline.vex.formats.ConversionWarning> out = new ArrayList<>();
    for (var c : w.list()) {
      if (c.pointer().startsWith("/document")) {
        out.add(c);
      }
    }
    for (var c : w.list()) {
      if (!c.pointer().startsWith("/document")) {
        out.add(c);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- document

  private VexDocument document(JsonNode document, List<Statement> statements) {
    JsonNode publisher = t.reqObject(document, "publisher", "/document");
    String author = t.reqText(publisher, "name", "/document/publisher");
    String category = t.optText(publisher, "category", "/document/publisher");
    String namespace = t.optText(publisher, "namespace", "/document/publisher");
    JsonNode tracking = t.reqObject(document, "tracking", "/document");
    String id = t.reqText(tracking, "id", "/document/tracking");
    String versionText = t.reqText(tracking, "version", "/document/tracking");
    int version;
    Matcher m = SEMVER.matcher(versionText);
    if (INTEGER.matcher(versionText).matches()) {
      version = Integer.parseInt(versionText);
    } else if (m.matches()) {
      version = Integer.parseInt(m.group(1));
      warnings.add(
          "/document/tracking/version",
          "semantic version "
              + Trees.shown(versionText)
              + " carried as OpenVEX version "
              + version
              + " (its major version): OpenVEX versions are integers");
    } else {
      throw t.fail(
          "/document/tracking/version",
          "expected an integer or a semantic version but was " + Trees.shown(versionText));
    }
    Instant initial = t.optTime(tracking, "initial_release_date", "/document/tracking");
    Instant current = t.optTime(tracking, "current_release_date", "/document/tracking");
    String status = t.optText(tracking, "status", "/document/tracking");
    if (status != null && !status.equals("final") && !(status.equals("draft") && version == 0)) {
      warnings.add(
          "/document/tracking/status",
          "document status " + Trees.shown(status) + " is not carried: OpenVEX has no status");
    }
    String tooling = null;
    JsonNode generator = t.optObject(tracking, "generator", "/document/tracking");
    if (generator != null) {
      JsonNode engine = t.optObject(generator, "engine", "/document/tracking/generator");
      if (engine != null) {
        String name = t.optText(engine, "name", "/document/tracking/generator/engine");
        String v = t.optText(engine, "version", "/document/tracking/generator/engine");
        tooling = name == null ? null : v == null ? name : name + "/" + v;
      }
    }
    String role = category == null || category.equals("other") ? null : category;
    if (namespace != null && !namespace.equals(Ids.namespace(author, id))) {
      warnings.add(
          "/document/publisher/namespace",
          "publisher namespace " + Trees.shown(namespace) + " is not carried: OpenVEX has none");
    }
    List<String> lost = new ArrayList<>(Trees.others(document, DOCUMENT_KNOWN));
    String title = t.optText(document, "title", "/document");
    if (title != null && !title.equals(Csaf.title(id))) {
      lost.add(0, "title");
    }
    warnings.notCarried("/document", lost, "OpenVEX");
    warnings.notCarried(
        "/document/publisher",
        Trees.others(publisher, Map.of("name", 1, "category", 1, "namespace", 1)),
        "OpenVEX");
    warnings.notCarried("/document/tracking", Trees.others(tracking, TRACKING_KNOWN), "OpenVEX");
    return VexDocument.builder(author)
        .defaults(false)
        .id(id)
        .role(role)
        .timestamp(initial != null ? initial : current)
        .lastUpdated(
            current != null && initial != null && !current.equals(initial) ? current : null)
        .version(version)
        .tooling(tooling)
        .statements(statements)
        .buildLenient();
  }

  // ---------------------------------------------------------------- product tree

  private void productTree(JsonNode root) {
    JsonNode tree = t.optObject(root, "product_tree", "");
    if (tree == null) {
      return;
    }
    if (treeFailure != null) {
      throw treeFailure;
    }
    branches(tree, "/product_tree", null);
    // Empty when they were arrays: then their products were defined as they were parsed.
    List<JsonNode> names = t.array(tree, "full_product_names", "/product_tree");
    for (int i = 0; i < names.size(); i++) {
      fullProductName(names.get(i), i);
    }
    List<JsonNode> relationships = t.array(tree, "relationships", "/product_tree");
    for (int i = 0; i < relationships.size(); i++) {
      relationship(relationships.get(i), i);
    }
    List<JsonNode> productGroups = t.array(tree, "product_groups", "/product_tree");
    for (int i = 0; i < productGroups.size(); i++) {
      String p = "/product_tree/product_groups/" + i;
      JsonNode g = t.object(productGroups.get(i), p);
      String id = t.reqText(g, "group_id", p);
      List<String> members = new ArrayList<>();
      List<JsonNode> ids = t.array(g, "product_ids", p);
      for (int k = 0; k < ids.size(); k++) {
        members.add(t.textAt(ids.get(k), p + "/product_ids/" + k));
      }
      if (groups.put(id, members) != null) {
        throw t.fail(
            p + "/group_id",
            "product group id "
                + Trees.shown(id)
                + " is defined twice (CSAF mandatory test 6.1.5)");
      }
    }
    for (Def d : defs.values()) {
      if (d.relatesTo == null) {
        nameCount.merge(d.name, 1, Integer::sum);
      }
    }
  }

  /**
   * A product of the product tree's full product names or relationships, as the parser reaches it
   * (defined then, while its strings are still in the processor's cache). The first failure is kept
   * for {@link #productTree}, so the document's own checks still come first.
   */
  private void streamedProduct(String array, JsonNode element, int i) {
    if (treeFailure != null) {
      return;
    }
    try {
      if (array.equals("full_product_names")) {
        fullProductName(element, i);
      } else {
        relationship(element, i);
      }
    } catch (RuntimeException e) {
      treeFailure = e;
    }
  }

  private void fullProductName(JsonNode element, int i) {
    String p = "/product_tree/full_product_names/" + i;
    define(t.object(element, p), p, null, null, null, null);
  }

  private void relationship(JsonNode element, int i) {
    String p = "/product_tree/relationships/" + i;
    JsonNode r = t.object(element, p);
    String category = t.reqText(r, "category", p);
    String ref = t.reqText(r, "product_reference", p);
    String to = t.reqText(r, "relates_to_product_reference", p);
    JsonNode fpn = t.reqObject(r, "full_product_name", p);
    // Its two products looked up now, while both ids are in the processor's cache; when one is
    // not defined yet, they are looked up again when the relationship is first used.
    link(define(fpn, p + "/full_product_name", null, category, ref, to), false);
  }

  /** Branches, iteratively (their depth is bounded only by the JSON nesting limit). */
  private void branches(JsonNode parent, String pointer, @Nullable String range) {
    List<Object[]> stack = new ArrayList<>();
    stack.add(new Object[] {parent, pointer, range});
    while (!stack.isEmpty()) {
      Object[] top = stack.remove(stack.size() - 1);
      JsonNode node = (JsonNode) top[0];
      String ptr = (String) top[1];
      String inherited = (String) top[2];
      List<JsonNode> children = t.array(node, "branches", ptr);
      for (int i = children.size() - 1; i >= 0; i--) {
        String p = ptr + "/branches/" + i;
        JsonNode b = t.object(children.get(i), p);
        String category = t.optText(b, "category", p);
        String name = t.optText(b, "name", p);
        String r = "product_version_range".equals(category) && name != null ? name : inherited;
        JsonNode product = t.optObject(b, "product", p);
        if (product != null) {
          define(product, p + "/product", r, null, null, null);
        }
        stack.add(new Object[] {b, p, r});
      }
    }
  }

  private Def define(
      JsonNode fpn,
      String pointer,
      @Nullable String range,
      @Nullable String category,
      @Nullable String ref,
      @Nullable String to) {
    String id = t.reqText(fpn, "product_id", pointer);
    String name = t.optText(fpn, "name", pointer);
    JsonNode helper = t.optObject(fpn, "product_identification_helper", pointer);
    // A relationship's name is checked but not kept: nothing reads it (its products name it).
    String kept = name == null || to != null ? id : name;
    Def d = new Def(id, pointer, kept, helper, range, category, ref, to);
    Def before = defs.putIfAbsent(d, d);
    if (before != null) {
      throw t.fail(
          pointer + "/product_id",
          "product id "
              + Trees.shown(id)
              + " is defined twice, here and at "
              + before.pointer
              + " (CSAF mandatory test 6.1.2)");
    }
    return d;
  }

  /** The component of a product that is not a relationship. */
  private Component component(Def d) {
    Component c = d.component;
    if (c != null) {
      return c;
    }
    String purl = null;
    String cpe = null;
    Map<String, String> hashes = new LinkedHashMap<>();
    String hp = d.pointer + "/product_identification_helper";
    if (d.helper != null) {
      purl = t.optText(d.helper, "purl", hp);
      cpe = t.optText(d.helper, "cpe", hp);
      List<JsonNode> hs = t.array(d.helper, "hashes", hp);
      for (int i = 0; i < hs.size(); i++) {
        String p = hp + "/hashes/" + i;
        List<JsonNode> fh = t.array(t.object(hs.get(i), p), "file_hashes", p);
        for (int k = 0; k < fh.size(); k++) {
          String q = p + "/file_hashes/" + k;
          JsonNode h = t.object(fh.get(k), q);
          hashes.putIfAbsent(
              Csaf.hashFromCsaf(t.reqText(h, "algorithm", q)), t.reqText(h, "value", q));
        }
      }
      if (!d.helperWarned) {
        d.helperWarned = true;
        warnings.notCarried(hp, Trees.others(d.helper, HELPER_KNOWN), "OpenVEX");
      }
    }
    String id;
    if (Ids.global(d.id)) {
      id = d.id;
    } else if (purl != null) {
      id = purl;
    } else if (cpe != null) {
      id = cpe;
    } else if (d.id.equals(d.name) || nameCount.getOrDefault(d.name, 0) == 1) {
      id = d.name;
    } else {
      id = d.id;
    }
    String range = d.range != null ? d.range : d.name.startsWith("vers:") ? d.name : null;
    if (range != null && !d.rangeWarned) {
      d.rangeWarned = true;
      warnings.add(
          d.pointer,
          "product "
              + Trees.shown(d.id)
              + " is a version range ("
              + Trees.shown(range)
              + "): OpenVEX has no version ranges; it is carried as "
              + Trees.shown(id)
              + ", which names no version");
    }
    Component.Builder b = Component.builder().id(id);
    if (purl != null && !purl.equals(id)) {
      b.purl(purl);
    }
    if (cpe != null && !cpe.equals(id)) {
      b.identifiers(withCpe(purl, id, cpe));
    }
    b.hashes(hashes);
    c = b.build();
    d.component = c;
    return c;
  }

  private static Map<String, String> withCpe(@Nullable String purl, String id, String cpe) {
    Map<String, String> ids = new LinkedHashMap<>();
    if (purl != null && !purl.equals(id)) {
      ids.put("purl", purl);
    }
    ids.put(Ids.cpeKey(cpe), cpe);
    return ids;
  }

  /** The OpenVEX product for a product id, or null (with a warning) when it is not defined. */
  private @Nullable Product product(Key key, Entry usedAt) {
    String pid = key.id;
    Def d = defs.get(key);
    if (d == null) {
      warnings.add(
          usedAt.pointer(),
          "product id "
              + Trees.shown(pid)
              + " is not defined in /product_tree (CSAF mandatory test 6.1.1): not carried");
      return null;
    }
    Product have = d.product;
    if (have != null) {
      return have;
    }
    if (d.relatesTo == null || d.productReference == null) {
      Product plain = Product.of(component(d), List.of());
      d.product = plain;
      return plain;
    }
    Def root = follow(d, true);
    Def sub = follow(d, false);
    if (root == null || sub == null) {
      warnings.add(
          usedAt.pointer(),
          "product id "
              + Trees.shown(pid)
              + " relates products that are not defined in /product_tree: not carried");
      return null;
    }
    if (!d.relationshipWarned) {
      d.relationshipWarned = true;
      if (!"default_component_of".equals(d.category)) {
        warnings.add(
            d.pointer,
            "relationship "
                + Trees.shown(String.valueOf(d.category))
                + " carried as product "
                + Trees.shown(root.id)
                + " with subcomponent "
                + Trees.shown(sub.id)
                + ": OpenVEX has only subcomponents");
      }
      Def next = d.relatesToDef;
      Def inner = d.referenceDef;
      if ((next != null && next.relatesTo != null) || (inner != null && inner.relatesTo != null)) {
        warnings.add(
            d.pointer,
            "nested relationships carried as product "
                + Trees.shown(root.id)
                + " with subcomponent "
                + Trees.shown(sub.id)
                + ": the products in between are not carried");
      }
    }
    Product related = Product.of(component(root), List.of(component(sub)));
    d.product = related;
    return related;
  }

  // The relationships one follow() walks (reused: most walk one).
  private final List<Def> walkedScratch = new ArrayList<>();

  /** What {@link Def#productEnd} and {@link Def#componentEnd} hold for a way that ends nowhere. */
  private static final Def NOWHERE = new Def("", "", "", null, null, null, null, null);

  /**
   * Follows relationships to a plain product: towards the product related to, or the component;
   * null when a product on the way is not defined. What is found is kept on every relationship
   * walked, so each is walked once whichever relationship is followed first.
   */
  @SuppressWarnings("ReferenceEquality") // NOWHERE is one object, compared as such
  private @Nullable Def follow(Def start, boolean towardsProduct) {
    // The way is fixed by the defs, so a way longer than there are defs goes round a circle.
    int bound = defs.size();
    List<Def> walked = walkedScratch;
    walked.clear();
    Def d = start;
    Def end;
    while (true) {
      if (d.relatesTo == null || d.productReference == null) {
        end = d;
        break;
      }
      Def known = towardsProduct ? d.productEnd : d.componentEnd;
      if (known != null) {
        end = known;
        break;
      }
      if (walked.size() >= bound) {
        throw t.fail(
            start.pointer + "/product_id",
            "product id "
                + Trees.shown(start.id)
                + " is defined through a circle of relationships (CSAF mandatory test 6.1.3)");
      }
      walked.add(d);
      link(d, true);
      Def next = towardsProduct ? d.relatesToDef : d.referenceDef;
      if (next == null) {
        end = NOWHERE;
        break;
      }
      d = next;
    }
    for (Def w : walked) {
      if (towardsProduct) {
        w.productEnd = end;
      } else {
        w.componentEnd = end;
      }
    }
    return end == NOWHERE ? null : end;
  }

  /**
   * Looks up the two products of a relationship until it is linked: when both are found (each id is
   * defined once, so what is found stays right) or, {@code settled}, when every product is defined.
   */
  private void link(Def d, boolean settled) {
    if (!d.linked) {
      d.relatesToDef = defs.get(new Key(Objects.requireNonNull(d.relatesTo)));
      d.referenceDef = defs.get(new Key(Objects.requireNonNull(d.productReference)));
      d.linked = settled || (d.relatesToDef != null && d.referenceDef != null);
    }
  }

  // ---------------------------------------------------------------- vulnerabilities

  private void vulnerability(
      JsonNode v, String ptr, List<Statement> statements, List<String> pointers) {
    // (a vendor's vulnerability can have thousands of ids: searching a list before each add was
    // quadratic, 5 s for 50,000)
    Distinct<String> distinctNames = new Distinct<>();
    String cve = t.optText(v, "cve", ptr);
    if (cve != null) {
      distinctNames.add(cve);
    }
    List<JsonNode> ids = t.array(v, "ids", ptr);
    for (int i = 0; i < ids.size(); i++) {
      String p = ptr + "/ids/" + i;
      distinctNames.add(t.reqText(t.object(ids.get(i), p), "text", p));
    }
    List<String> names = distinctNames.list();
    if (names.isEmpty()) {
      warnings.add(
          ptr,
          "has neither cve nor ids (CSAF mandatory test 6.1.27.8): its product statuses are not"
              + " carried");
      return;
    }
    Vulnerability.Builder vb =
        Vulnerability.builder(names.get(0)).aliases(names.subList(1, names.size()));
    List<String> lost = new ArrayList<>(Trees.others(v, VULNERABILITY_KNOWN));
    List<JsonNode> notes = t.array(v, "notes", ptr);
    boolean otherNotes = false;
    boolean described = false;
    for (int i = 0; i < notes.size(); i++) {
      String p = ptr + "/notes/" + i;
      JsonNode n = t.object(notes.get(i), p);
      String category = t.optText(n, "category", p);
      String text = t.optText(n, "text", p);
      String title = t.optText(n, "title", p);
      if (!described && "description".equals(category) && text != null) {
        vb.description(text);
        described = true;
      } else if (!("general".equals(category)
          && Csaf.NOTE_TITLE.equals(title)
          && Csaf.noteText(names.get(0)).equals(text))) {
        otherNotes = true;
      }
    }
    if (otherNotes) {
      lost.add(0, "notes (other than the first description)");
    }
    List<JsonNode> references = t.array(v, "references", ptr);
    boolean otherReferences = false;
    for (int i = 0; i < references.size(); i++) {
      String p = ptr + "/references/" + i;
      JsonNode r = t.object(references.get(i), p);
      if (Csaf.VULNERABILITY_ID_SUMMARY.equals(t.optText(r, "summary", p))) {
        vb.id(t.optText(r, "url", p));
      } else {
        otherReferences = true;
      }
    }
    if (otherReferences) {
      lost.add("references");
    }
    Vulnerability vulnerability = vb.build();

    Map<Key, Entry> entries = new LinkedHashMap<>();
    JsonNode status = t.optObject(v, "product_status", ptr);
    String sp = ptr + "/product_status";
    if (status != null) {
      for (String list : Csaf.LISTS) {
        JsonNode pids = elements(status, list, sp);
        if (pids == null) {
          continue;
        }
        Status now = Csaf.status(list);
        for (int k = 0; k < pids.size(); k++) {
          String pid = textAt(pids.get(k), sp, list, k);
          Key key = new Key(pid);
          Entry e = entries.get(key);
          if (e == null) {
            e = new Entry(sp, list, k);
            entries.put(key, e);
          }
          Status before = e.status();
          if (before != null && now != null && before != now) {
            throw t.fail(
                sp + "/" + list + "/" + k,
                "product "
                    + Trees.shown(pid)
                    + " is both "
                    + e.lists.get(0)
                    + " and "
                    + list
                    + " (CSAF mandatory test 6.1.6)");
          }
          e.addList(list, now);
        }
      }
      warnings.notCarried(sp, Trees.others(status, LISTS_KNOWN), "OpenVEX");
    }
    flags(v, ptr, entries);
    threats(v, ptr, entries, lost);
    remediations(v, ptr, entries);
    warnings.notCarried(ptr, lost, "OpenVEX");

    Map<List<Object>, Integer> byContent = new LinkedHashMap<>();
    // Texts joined from several threats or remediations, by what they join: the products a group
    // names share them (a group of 2,000 named by 1,000 threats joined 1,000 texts 2,000 times).
    Map<List<?>, String> joined = new HashMap<>();
    List<Statement.Builder> built = new ArrayList<>();
    for (Map.Entry<Key, Entry> me : entries.entrySet()) {
      Entry e = me.getValue();
      Status s = e.status();
      if (s == null) {
        warnings.add(
            e.pointer(),
            "product "
                + Trees.shown(me.getKey().id)
                + " is only recommended: OpenVEX has no status for a recommended product version;"
                + " not carried");
        continue;
      }
      Product product = product(me.getKey(), e);
      if (product == null) {
        continue;
      }
      String marker =
          e.lists.size() == 1 && e.lists.get(0).equals(Csaf.list(s))
              ? null
              : Csaf.MARKER + String.join(", ", e.lists);
      // (once per product and vulnerability: each product id is one entry of this vulnerability)
      if (marker != null) {
        for (String l : e.lists) {
          if (!l.equals(Csaf.list(s))) {
            warnings.add(
                e.pointer(),
                "product "
                    + Trees.shown(me.getKey().id)
                    + " is "
                    + l
                    + (l.equals("recommended")
                        ? ": OpenVEX has no recommended versions; carried as "
                        : ": OpenVEX has no version ranges; carried as ")
                    + s.value()
                    + " for that product only, the CSAF lists kept in status_notes");
          }
        }
      }
      List<String> impacts = e.impacts();
      String impact =
          impacts.isEmpty()
              ? null
              : impacts.size() == 1
                  ? impacts.get(0)
                  : joined.computeIfAbsent(impacts, k -> String.join("\n", impacts));
      String action;
      if (e.actions().size() <= 1) {
        action = actions(e, s);
      } else {
        List<?> k = java.util.Arrays.asList(s, e.actions());
        action = joined.get(k);
        if (action == null) {
          action = actions(e, s);
          if (action != null) {
            joined.put(k, action);
          }
        }
      }
      List<Object> key =
          java.util.Arrays.asList(s, e.justification, impact, action, marker, e.time);
      Integer at = byContent.get(key);
      if (at == null) {
        byContent.put(key, built.size());
        built.add(
            Statement.builder()
                .vulnerability(vulnerability)
                .status(s)
                .justification(e.justification)
                .impactStatement(impact)
                .actionStatement(action)
                .statusNotes(marker)
                .timestamp(e.time)
                .product(product));
        pointers.add(e.pointer());
      } else {
        built.get(at).product(product);
      }
    }
    for (Statement.Builder b : built) {
      statements.add(b.buildLenient());
    }
  }

  private static Map<String, Boolean> listsKnown() {
    Map<String, Boolean> m = new HashMap<>();
    for (String l : Csaf.LISTS) {
      m.put(l, true);
    }
    return Map.copyOf(m);
  }

  /**
   * A remediation as an action: category, newline, text (details, and the url when there is one),
   * split at the first newline; split once per remediation rather than once per product.
   */
  private static final class Action {
    final String joined;
    final String category;
    final String text;
    // category + ": " + text with the category's label, built when first needed.
    private @Nullable String labelled;

    Action(String joined) {
      this.joined = joined;
      int nl = joined.indexOf('\n');
      this.category = joined.substring(0, nl);
      this.text = joined.substring(nl + 1);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Action && joined.equals(((Action) o).joined);
    }

    @Override
    public int hashCode() {
      return joined.hashCode();
    }

    String labelled() {
      String l = labelled;
      if (l == null) {
        l = Csaf.CATEGORY_LABELS.getOrDefault(category, category) + ": " + text;
        labelled = l;
      }
      return l;
    }
  }

  private static @Nullable String actions(Entry e, Status s) {
    // The remediation the writer adds for a status without an action statement: dropped.
    String synthetic =
        s == Status.FIXED
            ? "vendor_fix\n" + Csaf.FIXED_TEXT
            : s == Status.UNDER_INVESTIGATION
                ? "none_available\n" + Csaf.UNDER_INVESTIGATION_TEXT
                : s == Status.AFFECTED ? "none_available\n" + Csaf.NO_ACTION_TEXT : null;
    String defaultCategory = Csaf.defaultCategory(s);
    String first = null;
    List<String> out = null;
    for (Action a : e.actions()) {
      if (a.joined.equals(synthetic)) {
        continue;
      }
      String text = a.category.equals(defaultCategory) ? a.text : a.labelled();
      if (first == null) {
        first = text;
      } else {
        if (out == null) {
          out = new ArrayList<>();
          out.add(first);
        }
        out.add(text);
      }
    }
    return out != null ? String.join("\n", out) : first;
  }

  /** The products a flag, threat or remediation names: its product ids and its groups' members. */
  private List<String> targets(JsonNode item, String p) {
    // A vendor's flag can name thousands of products, each looked up once.
    Distinct<String> out = new Distinct<>();
    JsonNode pids = elements(item, "product_ids", p);
    for (int k = 0; pids != null && k < pids.size(); k++) {
      out.add(textAt(pids.get(k), p, "product_ids", k));
    }
    List<JsonNode> gids = t.array(item, "group_ids", p);
    for (int k = 0; k < gids.size(); k++) {
      String g = t.textAt(gids.get(k), p + "/group_ids/" + k);
      List<String> members = groups.get(g);
      if (members == null) {
        warnings.add(
            p + "/group_ids/" + k,
            "product group id "
                + Trees.shown(g)
                + " is not defined (CSAF mandatory test 6.1.4): not carried");
        continue;
      }
      groupMembersLeft -= members.size();
      if (groupMembersLeft < 0) {
        throw t.fail(p + "/group_ids/" + k, Csaf.TOO_MANY_GROUP_MEMBERS + ": refused");
      }
      for (String m : members) {
        out.add(m);
      }
    }
    if (out.list().isEmpty()) {
      warnings.add(p, "names no product (CSAF mandatory tests 6.1.29, 6.1.32): not carried");
    }
    return out.list();
  }

  /**
   * An optional array member, as {@link Trees#array} but without copying its elements: null when
   * absent or null.
   */
  private @Nullable JsonNode elements(JsonNode parent, String name, String pointer) {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isArray()) {
      throw t.fail(Trees.child(pointer, name), "expected an array but found " + Trees.kind(n));
    }
    return n;
  }

  /**
   * A string array element, as {@link Trees#textAt} at {@code base/name/index}, the pointer built
   * only for the error.
   */
  private String textAt(JsonNode n, String base, String name, int index) {
    if (n.isTextual()) {
      String s = n.textValue();
      if (!s.isEmpty()) {
        return s;
      }
    }
    return t.textAt(n, base + "/" + name + "/" + index);
  }

  /**
   * The entry of a product an item names, or null, with the product added to {@code noStatus}, when
   * the vulnerability gives it no status.
   */
  private static @Nullable Entry entry(Map<Key, Entry> entries, String pid, List<String> noStatus) {
    Entry e = entries.get(new Key(pid));
    if (e == null) {
      noStatus.add(pid);
    }
    return e;
  }

  // Lists reused for each flag, threat and remediation (most have nothing to put in them).
  private final List<String> noStatusScratch = new ArrayList<>();
  private final List<String> flaggedScratch = new ArrayList<>();

  private static List<String> scratch(List<String> list) {
    list.clear();
    return list;
  }

  /**
   * One warning for the products an item names that have no status for its vulnerability (an item
   * can name thousands through a group).
   */
  private void noStatus(String p, List<String> pids) {
    if (pids.size() == 1) {
      warnings.add(
          p,
          "names product "
              + Trees.shown(pids.get(0))
              + ", which has no product status for this vulnerability: not carried for it");
    } else if (pids.size() > 1) {
      warnings.add(
          p,
          "names products "
              + some(pids)
              + ", which have no product status for this vulnerability: not carried for them");
    }
  }

  /** The first three of several products, and how many more. */
  private static String some(List<String> pids) {
    StringJoiner j = new StringJoiner(", ");
    for (int i = 0; i < Math.min(3, pids.size()); i++) {
      j.add(Trees.shown(pids.get(i)));
    }
    return pids.size() > 3
        ? j + " and " + String.format(java.util.Locale.ROOT, "%,d", pids.size() - 3) + " more"
        : j.toString();
  }

  private void flags(JsonNode v, String ptr, Map<Key, Entry> entries) {
    List<JsonNode> flags = t.array(v, "flags", ptr);
    for (int i = 0; i < flags.size(); i++) {
      String p = ptr + "/flags/" + i;
      JsonNode f = t.object(flags.get(i), p);
      String label = t.reqText(f, "label", p);
      Justification j;
      try {
        j = Justification.parse(label);
      } catch (dev.waterline.vex.VexException e) {
        throw t.fail(p + "/label", String.valueOf(e.getMessage()));
      }
      Instant date = t.optTime(f, "date", p);
      List<String> noStatus = scratch(noStatusScratch);
      List<String> flagged = scratch(flaggedScratch);
      Justification before = null;
      for (String pid : targets(f, p)) {
        Entry e = entry(entries, pid, noStatus);
        if (e == null) {
          continue;
        }
        if (e.justification != null && e.justification != j) {
          flagged.add(pid);
          before = e.justification;
          continue;
        }
        e.justification = j;
        e.time(date);
      }
      noStatus(p, noStatus);
      if (flagged.size() == 1) {
        warnings.add(
            p,
            "product "
                + Trees.shown(flagged.get(0))
                + " already has the flag "
                + Objects.requireNonNull(before).value()
                + " (CSAF mandatory test 6.1.33): this one is not carried for it");
      } else if (flagged.size() > 1) {
        warnings.add(
            p,
            "products "
                + some(flagged)
                + " already have another flag (CSAF mandatory test 6.1.33): this one is not"
                + " carried for them");
      }
      warnings.notCarried(p, Trees.others(f, FLAG_KNOWN), "OpenVEX");
    }
  }

  private void threats(JsonNode v, String ptr, Map<Key, Entry> entries, List<String> lost) {
    List<JsonNode> threats = t.array(v, "threats", ptr);
    for (int i = 0; i < threats.size(); i++) {
      String p = ptr + "/threats/" + i;
      JsonNode th = t.object(threats.get(i), p);
      String category = t.reqText(th, "category", p);
      if (!category.equals("impact")) {
        String what = "threats of category " + category;
        if (!lost.contains(what)) {
          lost.add(what);
        }
        continue;
      }
      String details = t.reqText(th, "details", p);
      Instant date = t.optTime(th, "date", p);
      List<String> noStatus = scratch(noStatusScratch);
      for (String pid : targets(th, p)) {
        Entry e = entry(entries, pid, noStatus);
        if (e == null) {
          continue;
        }
        if (!details.equals(Csaf.NO_IMPACT_TEXT)) {
          e.impact(details);
        }
        e.time(date);
      }
      noStatus(p, noStatus);
      warnings.notCarried(p, Trees.others(th, THREAT_KNOWN), "OpenVEX");
    }
  }

  private void remediations(JsonNode v, String ptr, Map<Key, Entry> entries) {
    List<JsonNode> remediations = t.array(v, "remediations", ptr);
    for (int i = 0; i < remediations.size(); i++) {
      String p = ptr + "/remediations/" + i;
      JsonNode r = t.object(remediations.get(i), p);
      String category = t.reqText(r, "category", p);
      String details = t.reqText(r, "details", p);
      String url = t.optText(r, "url", p);
      Instant date = t.optTime(r, "date", p);
      Action action = new Action(category + "\n" + (url == null ? details : details + " " + url));
      List<String> noStatus = scratch(noStatusScratch);
      for (String pid : targets(r, p)) {
        Entry e = entry(entries, pid, noStatus);
        if (e == null) {
          continue;
        }
        e.action(action);
        e.time(date);
      }
      noStatus(p, noStatus);
      warnings.notCarried(p, Trees.others(r, REMEDIATION_KNOWN), "OpenVEX");
    }
  }

  static String join(List<String> parts) {
    StringJoiner j = new StringJoiner(", ");
    parts.forEach(j::add);
    return j.toString();
  }
}
