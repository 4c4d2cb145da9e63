package dev.waterline.vex.formats.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.waterline.vex.Component;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.Vulnerability;
import dev.waterline.vex.formats.WriteOptions;
import dev.waterline.vex.internal.io.Chunks;
import dev.waterline.vex.internal.io.Failures;
import dev.waterline.vex.internal.json.Json;
import dev.waterline.vex.internal.json.Rfc3339;
import dev.waterline.vex.internal.match.ComponentMatcher;
import dev.waterline.vex.internal.match.Query;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes an OpenVEX document as CSAF 2.0, profile {@code csaf_vex}: one vulnerability item per CVE
 * (or per name without a CVE), products in the product tree (a product with subcomponents as {@code
 * default_component_of} relationships), members in alphabetical order (CSAF 5.3).
 *
 * <p>CSAF holds one status per product and vulnerability, so of several statements about the same
 * product the one that decides (the latest; at equal times the later one) is written and the others
 * are reported as superseded. Each written product keeps its statement's own time as the {@code
 * date} of its flag, threat or remediation; a fixed or under-investigation product without an
 * action statement gets a remediation with a fixed text for it ({@link Csaf#FIXED_TEXT}, {@link
 * Csaf#UNDER_INVESTIGATION_TEXT}), which the reader drops again.
 */
final class CsafWriter {
  private final VexDocument doc;
  private final List<String> pointers;
  private final WriteOptions options;
  private final Warnings warnings = new Warnings();

  private final Map<Component, Pid> pids = new LinkedHashMap<>();
  // pids by instance: readers share a component's instance among its statements, and an equal
  // component that is another instance is compared field by field.
  // Both by-instance maps are sharded: one table for 50,000 statements would be a humongous object.
  private final ShardedMap<Component, Pid> pidsByInstance;
  // Vulnerabilities (by instance) whose group() would find nothing new to add or say again.
  private final ShardedMap<Vulnerability, Group> settled;
  // For writing a relationship's name without building it as a string.
  private byte[] nameBuffer = new byte[512];
  // The products' ids.
  private final Set<String> productIds = new HashSet<>();
  // Suffixes given to products that share an id, and to relationships named alike.
  private final UniqueNames pidNames = new UniqueNames();
  private final UniqueNames relationshipNames = new UniqueNames();
  // Whether any product's id has a '|' (which relationship ids put between their two ids).
  private boolean pipeInPids;
  // The relationships (product and subcomponent), in the order of first use.
  private final List<Pid> relationships = new ArrayList<>();
  private final Map<String, Group> groups = new LinkedHashMap<>();
  // What Component.matches would prepare again for every pair of products compared in ties().
  private final Map<Component, ComponentMatcher> matchers = new HashMap<>();
  private final Map<String, Query> queries = new HashMap<>();
  private final Map<Component, List<String>> matcherKeys = new HashMap<>();
  private final Map<Component, List<String>> queryKeys = new HashMap<>();

  /**
   * A product id of the document written: a product's, or a relationship's (a product and a
   * subcomponent). The maps below are keyed by these by instance, so collecting hashes and compares
   * no long id string. A relationship's id is given once every product has its own (see {@link
   * #nameRelationships}), so that it never is a product's too.
   */
  private static final class Pid {
    // A relationship's id is empty until it is named.
    String id;
    final @Nullable Pid product;
    final @Nullable Pid sub;
    // A product's relationships by subcomponent (null until the first).
    @Nullable Map<Pid, Pid> bySub;
    // The id's bytes when written as they are (see writePid), NOT_PLAIN, or null until first used.
    byte @Nullable [] bytes;
    // A product's purl and CPE as its product_identification_helper has them (see helper).
    @Nullable String purl;
    @Nullable String cpe;

    Pid(String id) {
      this.id = id;
      this.product = null;
      this.sub = null;
    }

    Pid(Pid product, Pid sub) {
      this.id = "";
      this.product = product;
      this.sub = sub;
    }
  }

  /** One CSAF vulnerability item. */
  private static final class Group {
    // Its CVE (or first name) first, then the other names in first-appearance order.
    final Distinct<String> distinctNames = new Distinct<>();
    final List<String> names = distinctNames.list();
    @Nullable String description;
    @Nullable String id;
    // Each product's statements, in first-appearance order of the products.
    final Map<Pid, Candidates> products = new LinkedHashMap<>();
  }

  /**
   * The statements about one product of one vulnerability item, and the one that decides it. Most
   * products have one: no list is made for them.
   */
  private static final class Candidates {
    @Nullable Kept first;
    // Every statement, in statement order, once there are two.
    @Nullable List<Kept> all;
    // The latest (see decide).
    @Nullable Kept winner;

    Kept last() {
      List<Kept> a = all;
      return a != null ? a.get(a.size() - 1) : Objects.requireNonNull(first);
    }

    Kept winner() {
      return Objects.requireNonNull(winner);
    }
  }

  /** The statement that decides one product of one vulnerability item. */
  private static final class Kept {
    final int index;
    final Statement statement;
    final Component product;
    final @Nullable Instant time;
    final Facts facts;

    Kept(int index, Statement statement, Component product, @Nullable Instant time, Facts facts) {
      this.index = index;
      this.statement = statement;
      this.product = product;
      this.time = time;
      this.facts = facts;
    }
  }

  /**
   * What a statement writes for each of its products (lists, flag, threat, remediation), worked out
   * once per statement when first written rather than once per product.
   */
  private static final class Facts {
    boolean done;
    List<String> lists = List.of();
    @Nullable List<Object> flag;
    @Nullable List<Object> threat;
    @Nullable List<Object> remediation;
  }

  private CsafWriter(VexDocument doc, List<String> pointers, WriteOptions options) {
    this.doc = doc;
    this.pointers = pointers;
    this.options = options;
    // About a product (its component and subcomponent instances) and a vulnerability each per
    // statement at most, in large documents.
    int statements = doc.statements().size();
    this.pidsByInstance = ShardedMap.identity(statements);
    this.settled = ShardedMap.identity(statements);
  }

  static Writing write(VexDocument doc, List<String> pointers, WriteOptions options) {
    return new CsafWriter(doc, pointers, options).run();
  }

  private Writing run() {
    if (!doc.unknownFields().isEmpty()) {
      warnings.notCarried("", List.copyOf(doc.unknownFields().keySet()), "CSAF");
    }
    List<Statement> statements = doc.statements();
    for (int i = 0; i < statements.size(); i++) {
      statement(i, statements.get(i));
    }
    nameRelationships();
    decide();
    for (Group g : groups.values()) {
      ties(g);
    }
    if (groups.isEmpty()) {
      throw new VexException(
          "cannot write CSAF: the document has no statement with a product, and a CSAF VEX"
              + " document needs at least one vulnerability with a product status");
    }
    Chunks out = new Chunks();
    try (JsonGenerator g = Json.prettyGenerator(out)) {
      g.writeStartObject();
      document(g);
      productTree(g);
      vulnerabilities(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw Failures.writing("JSON", e);
    }
    out.write('\n');
    return new Writing(out, warnings.list());
  }

  private String pointer(int index) {
    return pointers.get(index);
  }

  // ---------------------------------------------------------------- collecting

  private void statement(int i, Statement s) {
    String ptr = pointer(i);
    List<String> lost = new ArrayList<>();
    s.id().ifPresent(x -> lost.add("@id"));
    s.version().ifPresent(x -> lost.add("version"));
    s.lastUpdated().ifPresent(x -> lost.add("last_updated"));
    s.supplier().ifPresent(x -> lost.add("supplier"));
    if (s.statusNotes().isPresent() && markerLists(s) == null) {
      lost.add("status_notes");
    }
    if (s.actionStatementTimestamp().isPresent()
        && !s.actionStatementTimestamp().equals(s.timestamp())) {
      lost.add("action_statement_timestamp");
    }
    lost.addAll(s.unknownFields().keySet());
    lost.addAll(s.vulnerability().unknownFields().keySet());
    warnings.notCarried(ptr, lost, "CSAF");
    if (s.products().isEmpty()) {
      warnings.add(ptr, "has no products (CSAF needs them in the product tree): not carried");
      return;
    }
    Group g = group(s.vulnerability(), ptr);
    Instant time = doc.effectiveTimestamp(s).orElse(null);
    Facts facts = new Facts();
    for (Product p : s.products()) {
      Pid productPid = pid(p.component(), ptr);
      componentLosses(p.component(), ptr);
      if (p.subcomponents().isEmpty()) {
        keep(g, productPid, new Kept(i, s, p.component(), time, facts));
        continue;
      }
      for (Component sub : p.subcomponents()) {
        Pid subPid = pid(sub, ptr);
        componentLosses(sub, ptr);
        keep(g, relationship(productPid, subPid), new Kept(i, s, p.component(), time, facts));
      }
    }
  }

  /** The relationship of a product and a subcomponent, added on first use. */
  private Pid relationship(Pid product, Pid sub) {
    Map<Pid, Pid> bySub = product.bySub;
    if (bySub == null) {
      bySub = new HashMap<>(4);
      product.bySub = bySub;
    }
    Pid rel = bySub.get(sub);
    if (rel == null) {
      rel = new Pid(product, sub);
      bySub.put(sub, rel);
      relationships.add(rel);
    }
    return rel;
  }

  /**
   * Names each relationship {@code product|subcomponent}, suffixed {@code #2}, {@code #3}, … when
   * that is already a product's id or an earlier relationship's (a product's own id may contain a
   * {@code |}): every product id of the document defines one product.
   */
  private void nameRelationships() {
    // Without a '|' in any product's id, each relationship's id has one, right after its
    // product's id: none is a product's id, nor another relationship's (each product and
    // subcomponent has one relationship), so there is nothing to look up.
    Set<String> named = pipeInPids ? new HashSet<>() : null;
    for (Pid r : relationships) {
      Pid product = Objects.requireNonNull(r.product);
      Pid sub = Objects.requireNonNull(r.sub);
      String base = product.id + "|" + sub.id;
      String id =
          named == null
              ? base
              : relationshipNames.name(base, x -> !productIds.contains(x) && named.add(x));
      r.id = id;
      byte[] a = bytes(product);
      byte[] b = bytes(sub);
      if (id.equals(base) && a != NOT_PLAIN && b != NOT_PLAIN) {
        byte[] both = new byte[a.length + 1 + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        both[a.length] = '|';
        System.arraycopy(b, 0, both, a.length + 1, b.length);
        r.bytes = both;
      }
    }
  }

  private void componentLosses(Component c, String ptr) {
    if (!c.unknownFields().isEmpty()) {
      warnings.notCarried(ptr, List.copyOf(c.unknownFields().keySet()), "CSAF");
    }
    Map<String, String> ids = c.identifiers();
    if (ids.containsKey("cpe22") && ids.containsKey("cpe23")) {
      warnings.add(
          ptr,
          "product "
              + Trees.shown(c.displayName())
              + " has two CPEs: CSAF carries one, cpe23 is written and cpe22 is not carried");
    }
    for (String k : ids.keySet()) {
      if (!k.equals("purl") && !k.equals("cpe22") && !k.equals("cpe23")) {
        warnings.add(
            ptr,
            "identifier '"
                + k
                + "' of "
                + Trees.shown(c.displayName())
                + " is not carried by CSAF");
      }
    }
  }

  private Group group(Vulnerability v, String ptr) {
    Group known = settled.get(v);
    if (known != null) {
      return known;
    }
    Group g = addGroup(v, ptr);
    // Once its names are in, the same vulnerability again adds nothing and warns of nothing unless
    // its description or @id is not the one written.
    String description = v.description().orElse(null);
    String id = v.id().orElse(null);
    if ((description == null || description.equals(g.description))
        && (id == null || id.equals(g.id))) {
      settled.put(v, g);
    }
    return g;
  }

  private Group addGroup(Vulnerability v, String ptr) {
    String key = null;
    for (String id : v.identifiers()) {
      if (Ids.isCve(id)) {
        key = id;
        break;
      }
    }
    if (key == null) {
      key = v.name();
    }
    Group g = groups.get(key);
    if (g == null) {
      g = new Group();
      groups.put(key, g);
      g.distinctNames.add(key);
    }
    for (String id : v.identifiers()) {
      if (id.equals(v.id().orElse(null))) {
        continue;
      }
      if (g.distinctNames.add(id)) {
        if (Ids.isCve(id)) {
          warnings.add(
              ptr,
              "alias "
                  + id
                  + " is a second CVE of "
                  + key
                  + ": CSAF carries one CVE per"
                  + " vulnerability, so it is written as an id");
        }
      }
    }
    if (v.description().isPresent()) {
      if (g.description == null) {
        g.description = v.description().get();
      } else if (!g.description.equals(v.description().get())) {
        warnings.add(
            ptr,
            "description of "
                + key
                + " differs from an earlier statement's: CSAF carries one"
                + " per vulnerability, the first is written");
      }
    }
    if (v.id().isPresent()) {
      String id = v.id().get();
      if (id.equals(g.id)) {
        // already written for this item (so an absolute URI): nothing to check or say
      } else if (!Ids.absoluteUri(id)) {
        warnings.add(ptr, "vulnerability @id " + Trees.shown(id) + " is not a URL: not carried");
      } else if (g.id == null) {
        g.id = id;
      } else if (!g.id.equals(id)) {
        warnings.add(
            ptr,
            "vulnerability @id of "
                + key
                + " differs from an earlier statement's: CSAF carries"
                + " one per vulnerability, the first is written");
      }
    }
    return g;
  }

  private Pid pid(Component c, String ptr) {
    Pid have = pidsByInstance.get(c);
    if (have != null) {
      return have;
    }
    have = pids.get(c);
    if (have != null) {
      pidsByInstance.put(c, have);
      return have;
    }
    String base = c.id().orElse(null);
    if (base == null) {
      base = Ids.purlOf(c);
    }
    if (base == null) {
      base = Ids.cpeOf(c);
    }
    if (base == null) {
      base = c.displayName();
    }
    String pid = pidNames.name(base, x -> !productIds.contains(x));
    if (!pid.equals(base)) {
      warnings.add(
          ptr,
          "two different products are both "
              + Trees.shown(base)
              + " (other identifiers or hashes): the second is written as "
              + Trees.shown(pid));
    }
    Pid made = new Pid(pid);
    pipeInPids |= pid.indexOf('|') >= 0;
    identification(c, made, ptr);
    pids.put(c, made);
    productIds.add(pid);
    pidsByInstance.put(c, made);
    return made;
  }

  /**
   * The purl and CPE of a product's identification helper, in the form CSAF's schema takes: a purl
   * that is no URI as it stands is written percent-encoded (the same purl), a CPE that is not one
   * of CSAF's pattern is not written there; each warned at the first statement that names the
   * product.
   */
  private void identification(Component c, Pid pid, String ptr) {
    String purl = Ids.purlOf(c);
    if (purl != null) {
      pid.purl = Purls.asUri(purl);
      if (!pid.purl.equals(purl)) {
        warnings.add(
            ptr,
            "purl "
                + Trees.shown(purl)
                + " is written as "
                + Trees.shown(pid.purl)
                + " in the product tree: CSAF takes a purl only as a URI, so the characters a URI"
                + " does not allow are percent-encoded (the same purl)");
      }
    }
    String cpe = Ids.cpeOf(c);
    if (cpe != null) {
      if (Csaf.CPE.matcher(cpe).matches()) {
        pid.cpe = cpe;
      } else {
        warnings.add(
            ptr,
            "CPE "
                + Trees.shown(cpe)
                + (cpe.equals(c.displayName()) ? "" : " of " + Trees.shown(c.displayName()))
                + " is not a CPE as CSAF's schema takes it (a CPE 2.3 formatted string or a CPE 2.2"
                + " URI): not carried in its product identification helper");
      }
    }
  }

  private static int compare(Kept a, Kept b) {
    if (a.time == null || b.time == null) {
      int c = a.time == null ? (b.time == null ? 0 : -1) : 1;
      return c != 0 ? c : Integer.compare(a.index, b.index);
    }
    int c = a.time.compareTo(b.time);
    return c != 0 ? c : Integer.compare(a.index, b.index);
  }

  private void keep(Group g, Pid pid, Kept k) {
    Candidates c = g.products.computeIfAbsent(pid, x -> new Candidates());
    if (c.first == null) {
      c.first = k;
      return;
    }
    // Statements are collected in order: the same statement again can only be the last one.
    if (c.last().index == k.index) {
      return;
    }
    if (c.all == null) {
      c.all = new ArrayList<>(2);
      c.all.add(c.first);
    }
    c.all.add(k);
  }

  /**
   * Picks the statement that decides each product of each vulnerability item (the latest; at equal
   * times the later one) and reports the others as superseded, in statement order.
   */
  private void decide() {
    List<Object[]> superseded = new ArrayList<>();
    for (Group g : groups.values()) {
      for (Map.Entry<Pid, Candidates> e : g.products.entrySet()) {
        Candidates candidates = e.getValue();
        List<Kept> all = candidates.all;
        if (all == null) {
          candidates.winner = candidates.first;
          continue;
        }
        Kept winner = all.get(0);
        for (Kept c : all) {
          if (compare(c, winner) > 0) {
            winner = c;
          }
        }
        candidates.winner = winner;
        for (Kept c : all) {
          if (c != winner) {
            superseded.add(
                new Object[] {
                  c.index,
                  "superseded for "
                      + Trees.quoted(e.getKey().id)
                      + " and "
                      + g.names.get(0)
                      + " by "
                      + pointer(winner.index)
                      + ": CSAF keeps one status per product and vulnerability, the latest"
                });
          }
        }
      }
    }
    superseded.sort((a, b) -> Integer.compare((Integer) a[0], (Integer) b[0]));
    for (Object[] x : superseded) {
      warnings.add(pointer((Integer) x[0]), (String) x[1]);
    }
  }

  /**
   * Kept products of one vulnerability that can answer the same question at the same time with
   * different statuses: OpenVEX lets the later statement decide, CSAF has no order to carry.
   *
   * <p>Every pair of products kept at one time could be compared, but a vendor's document often has
   * thousands of products of one vulnerability at the document's time: only pairs that share an
   * overlap key (see {@link ComponentMatcher#overlapKeys}) can overlap, so larger sets compare only
   * those, in the same order, with the same warnings. Past {@link #MAX_TIE_PAIRS} such pairs in a
   * document (products that all name one another), the rest are not compared, and one warning says
   * so; past {@link #MAX_TIE_WARNINGS} warnings, one says that the rest are not listed.
   */
  private void ties(Group g) {
    List<Kept> all = new ArrayList<>(g.products.size());
    for (Candidates c : g.products.values()) {
      all.add(c.winner());
    }
    Map<Instant, List<Kept>> byTime = new HashMap<>();
    List<Kept> untimed = new ArrayList<>();
    for (Kept k : all) {
      if (k.time == null) {
        untimed.add(k);
      } else {
        byTime.computeIfAbsent(k.time, x -> new ArrayList<>()).add(k);
      }
    }
    List<List<Kept>> sets = new ArrayList<>(byTime.values());
    sets.add(untimed);
    Set<Long> warned = new HashSet<>();
    for (List<Kept> set : sets) {
      if (set.size() < 2 || oneStatus(set)) {
        continue;
      }
      long[] pairs = set.size() <= SMALL_SET ? allPairs(set.size()) : pairsSharingAKey(set);
      if (pairs == null) {
        if (!tieBudgetSpent) {
          tieBudgetSpent = true;
          warnings.add(
              "",
              "more than "
                  + MAX_TIE_PAIRS
                  + " pairs of products with the same time name one another (from "
                  + g.names.get(0)
                  + " on): the rest are not checked for statements with the same time and"
                  + " different statuses, whose order CSAF does not carry");
        }
        continue;
      }
      for (long pair : pairs) {
        Kept x = set.get((int) (pair >>> 32));
        Kept y = set.get((int) pair);
        if (x.index == y.index || x.statement.status() == y.statement.status()) {
          continue;
        }
        if (!overlap(x.product, y.product)) {
          continue;
        }
        Kept later = x.index > y.index ? x : y;
        Kept earlier = later == x ? y : x;
        if (!warned.add(((long) later.index << 32) | earlier.index)) {
          continue;
        }
        if (++tieWarnings > MAX_TIE_WARNINGS) {
          if (tieWarnings == MAX_TIE_WARNINGS + 1) {
            warnings.add(
                "",
                "more than "
                    + MAX_TIE_WARNINGS
                    + " pairs of statements have the same time and different statuses for"
                    + " overlapping products (from "
                    + g.names.get(0)
                    + " on): the rest are not listed, and the status read back for those products"
                    + " may be the earlier statement's");
          }
          continue;
        }
        warnings.add(
            pointer(later.index),
            "has the same time as "
                + pointer(earlier.index)
                + " and a status for an overlapping product of "
                + g.names.get(0)
                + ": OpenVEX lets the later statement decide, CSAF carries no order, so the"
                + " status read back may be the earlier one's");
      }
    }
  }

  // Sets up to this size compare every pair; larger ones only pairs that share an overlap key.
  private static final int SMALL_SET = 16;
  // Candidate pairs of larger sets the whole document may compare.
  private static final int MAX_TIE_PAIRS = 2_000_000;
  private int tiePairsLeft = MAX_TIE_PAIRS;
  private boolean tieBudgetSpent;
  // Pairs warned of one by one; past this, one warning says that more are not listed (a small
  // document of products that all name one another would otherwise give millions).
  private static final int MAX_TIE_WARNINGS = 10_000;
  private int tieWarnings;

  private static boolean oneStatus(List<Kept> set) {
    Status first = set.get(0).statement.status();
    for (int i = 1; i < set.size(); i++) {
      if (set.get(i).statement.status() != first) {
        return false;
      }
    }
    return true;
  }

  /** Every pair {@code (a, b)}, {@code a < b}, as {@code a << 32 | b}, in order. */
  private static long[] allPairs(int n) {
    long[] pairs = new long[n * (n - 1) / 2];
    int at = 0;
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        pairs[at++] = ((long) a << 32) | b;
      }
    }
    return pairs;
  }

  /**
   * The pairs {@code (a, b)}, {@code a < b}, as {@code a << 32 | b}, in order, whose products share
   * an overlap key (one's as a matcher with the other's as a query, or the same display name, which
   * equal products have); null once the document's budget is spent.
   */
  private long @Nullable [] pairsSharingAKey(List<Kept> set) {
    if (tiePairsLeft < 0) {
      return null;
    }
    Map<String, List<Integer>> asMatcher = new HashMap<>();
    Map<String, List<Integer>> asQuery = new HashMap<>();
    for (int i = 0; i < set.size(); i++) {
      Component c = set.get(i).product;
      Integer at = i;
      for (String k : overlapKeys(c, true)) {
        asMatcher.computeIfAbsent(k, x -> new ArrayList<>(1)).add(at);
      }
      for (String k : overlapKeys(c, false)) {
        asQuery.computeIfAbsent(k, x -> new ArrayList<>(1)).add(at);
      }
    }
    long[] pairs = new long[16];
    int n = 0;
    for (Map.Entry<String, List<Integer>> e : asMatcher.entrySet()) {
      List<Integer> queries = asQuery.get(e.getKey());
      if (queries == null) {
        continue;
      }
      for (int a : e.getValue()) {
        for (int b : queries) {
          if (a == b) {
            continue;
          }
          if (--tiePairsLeft < 0) {
            return null;
          }
          if (n == pairs.length) {
            pairs = Arrays.copyOf(pairs, n * 2);
          }
          pairs[n++] = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
        }
      }
    }
    Arrays.sort(pairs, 0, n);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (distinct == 0 || pairs[i] != pairs[distinct - 1]) {
        pairs[distinct++] = pairs[i];
      }
    }
    return Arrays.copyOf(pairs, distinct);
  }

  /** A product's overlap keys as a matcher or as a query, with its display name; kept. */
  private List<String> overlapKeys(Component c, boolean asMatcher) {
    Map<Component, List<String>> cache = asMatcher ? matcherKeys : queryKeys;
    List<String> keys = cache.get(c);
    if (keys == null) {
      List<String> made = new ArrayList<>();
      made.add("N" + c.displayName());
      if (asMatcher) {
        matcher(c).overlapKeys(made::add);
      } else {
        query(c).overlapKeys(made::add);
      }
      keys = List.copyOf(new LinkedHashSet<>(made));
      cache.put(c, keys);
    }
    return keys;
  }

  /** Whether {@code a.matches(b's name) || b.matches(a's name)}, each purl parsed once. */
  private boolean overlap(Component a, Component b) {
    if (a.equals(b)) {
      return true;
    }
    return matcher(a).matches(query(b)) || matcher(b).matches(query(a));
  }

  private ComponentMatcher matcher(Component c) {
    return matchers.computeIfAbsent(c, ComponentMatcher::of);
  }

  private Query query(Component c) {
    return queries.computeIfAbsent(c.displayName(), Query::of);
  }

  /** The CSAF lists in a status-notes marker, when the notes are exactly one for this status. */
  static @Nullable List<String> markerLists(Statement s) {
    String notes = s.statusNotes().orElse(null);
    if (notes == null || !notes.startsWith(Csaf.MARKER)) {
      return null;
    }
    List<String> lists = new ArrayList<>();
    for (String l : notes.substring(Csaf.MARKER.length()).split(", ", -1)) {
      Status st = Csaf.status(l);
      if (!Csaf.LISTS.contains(l) || (st != null && st != s.status()) || lists.contains(l)) {
        return null;
      }
      lists.add(l);
    }
    boolean any = false;
    for (String l : lists) {
      any |= Csaf.status(l) != null;
    }
    return any ? lists : null;
  }

  // ---------------------------------------------------------------- writing

  private void document(JsonGenerator g) throws IOException {
    String id = doc.id().orElse(null);
    if (id == null) {
      id = "vex-" + Ids.documentHash(doc);
      warnings.add("", "the document has no @id: tracking id " + id + " is written");
    } else if (!Csaf.trackingId(id)) {
      String written = "vex-" + Ids.documentHash(doc);
      warnings.add(
          "/@id",
          "@id "
              + Trees.shown(id)
              + " is not a CSAF tracking id (white space at an end, or a line break): tracking id "
              + written
              + " is written");
      id = written;
    }
    Instant initial = doc.timestamp().orElse(null);
    Instant current = doc.lastUpdated().orElse(initial);
    if (initial == null) {
      initial = current != null ? current : Instant.EPOCH;
      current = initial;
      warnings.add(
          "",
          "the document has no timestamp: CSAF needs release dates, " + initial + " is written");
    }
    if (current == null || current.isBefore(initial)) {
      current = initial;
    }
    int version = doc.version();
    if (version < 0) {
      warnings.add("/version", "negative version " + version + " written as 0");
      version = 0;
    }
    String role = doc.role().orElse(null);
    String category = "other";
    if (role != null) {
      String r = role.toLowerCase(java.util.Locale.ROOT);
      if (List.of("coordinator", "discoverer", "user", "vendor").contains(r)) {
        category = r;
      } else {
        warnings.add(
            "/role",
            "role "
                + Trees.shown(role)
                + " is not carried: CSAF publisher"
                + " categories are coordinator, discoverer, other, translator, user and vendor");
      }
    }
    String namespace = options.csafPublisherNamespace().orElse(null);
    if (namespace == null) {
      namespace = Ids.namespace(doc.author(), doc.id().orElse(null));
    }
    if (namespace == null) {
      namespace = "urn:waterline:unknown-publisher";
      warnings.add(
          "/author",
          "no publisher namespace: the author has no e-mail address and the @id is not a URL;"
              + " give one (WriteOptions.withCsafPublisherNamespace, --csaf-publisher-namespace),"
              + " "
              + namespace
              + " is written");
    }
    String author = doc.author().isBlank() ? "Unknown Author" : doc.author();
    if (doc.author().isBlank()) {
      warnings.add(
          "/author",
          "the document has no author: CSAF needs a publisher name, '" + author + "' is written");
    }
    g.writeObjectFieldStart("document");
    g.writeStringField("category", "csaf_vex");
    g.writeStringField("csaf_version", "2.0");
    g.writeObjectFieldStart("publisher");
    g.writeStringField("category", category);
    g.writeStringField("name", author);
    g.writeStringField("namespace", namespace);
    g.writeEndObject();
    g.writeStringField("title", Csaf.title(id));
    g.writeObjectFieldStart("tracking");
    g.writeStringField("current_release_date", current.toString());
    if (doc.tooling().isPresent()) {
      g.writeObjectFieldStart("generator");
      g.writeObjectFieldStart("engine");
      g.writeStringField("name", doc.tooling().get());
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeStringField("id", id);
    g.writeStringField("initial_release_date", initial.toString());
    g.writeArrayFieldStart("revision_history");
    for (int n = version == 0 ? 0 : 1; n <= Math.max(version, 0); n++) {
      g.writeStartObject();
      g.writeStringField("date", (n <= 1 ? initial : current).toString());
      g.writeStringField("number", Integer.toString(n));
      g.writeStringField("summary", n <= 1 ? "Initial version." : "Version " + n + ".");
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("status", version == 0 ? "draft" : "final");
    g.writeStringField("version", Integer.toString(version));
    g.writeEndObject();
    g.writeEndObject();
  }

  private void productTree(JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("product_tree");
    g.writeArrayFieldStart("full_product_names");
    for (Map.Entry<Component, Pid> e : pids.entrySet()) {
      Component c = e.getKey();
      g.writeStartObject();
      g.writeFieldName("name");
      writePid(g, e.getValue());
      helper(g, c, e.getValue());
      g.writeFieldName("product_id");
      writePid(g, e.getValue());
      g.writeEndObject();
    }
    g.writeEndArray();
    if (!relationships.isEmpty()) {
      g.writeArrayFieldStart("relationships");
      for (Pid r : relationships) {
        Pid sub = Objects.requireNonNull(r.sub);
        Pid product = Objects.requireNonNull(r.product);
        g.writeStartObject();
        g.writeStringField("category", "default_component_of");
        g.writeObjectFieldStart("full_product_name");
        relationshipName(g, sub, product);
        g.writeFieldName("product_id");
        writePid(g, r);
        g.writeEndObject();
        g.writeFieldName("product_reference");
        writePid(g, sub);
        g.writeFieldName("relates_to_product_reference");
        writePid(g, product);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static final byte[] COMPONENT_OF =
      " as a component of ".getBytes(StandardCharsets.US_ASCII);

  /**
   * The name field of a relationship, {@code sub + " as a component of " + product}; when both are
   * plain (see writePid), their bytes are put together in a buffer rather than a string built.
   */
  private void relationshipName(JsonGenerator g, Pid sub, Pid product) throws IOException {
    byte[] a = bytes(sub);
    byte[] b = bytes(product);
    if (a == NOT_PLAIN || b == NOT_PLAIN) {
      g.writeStringField("name", sub.id + " as a component of " + product.id);
      return;
    }
    int n = a.length + COMPONENT_OF.length + b.length;
    if (nameBuffer.length < n) {
      nameBuffer = new byte[Math.max(n, nameBuffer.length * 2)];
    }
    byte[] buf = nameBuffer;
    System.arraycopy(a, 0, buf, 0, a.length);
    System.arraycopy(COMPONENT_OF, 0, buf, a.length, COMPONENT_OF.length);
    System.arraycopy(b, 0, buf, a.length + COMPONENT_OF.length, b.length);
    g.writeFieldName("name");
    g.writeRawUTF8String(buf, 0, n);
  }

  private static void helper(JsonGenerator g, Component c, Pid pid) throws IOException {
    String purl = pid.purl;
    String cpe = pid.cpe;
    Map<String, String> hashes = c.hashes();
    if (purl == null && cpe == null && hashes.isEmpty()) {
      return;
    }
    g.writeObjectFieldStart("product_identification_helper");
    if (cpe != null) {
      g.writeStringField("cpe", cpe);
    }
    if (!hashes.isEmpty()) {
      g.writeArrayFieldStart("hashes");
      g.writeStartObject();
      g.writeArrayFieldStart("file_hashes");
      for (Map.Entry<String, String> h : hashes.entrySet()) {
        g.writeStartObject();
        g.writeStringField("algorithm", Csaf.hashToCsaf(h.getKey()));
        g.writeStringField("value", h.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("filename", c.displayName());
      g.writeEndObject();
      g.writeEndArray();
    }
    if (purl != null) {
      g.writeStringField("purl", purl);
    }
    g.writeEndObject();
  }

  private void vulnerabilities(JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("vulnerabilities");
    for (Group v : groups.values()) {
      vulnerability(g, v);
    }
    g.writeEndArray();
  }

  /** Products grouped by a value, in first-appearance order. */
  private static final class Items {
    final Map<List<Object>, List<Pid>> map = new LinkedHashMap<>();

    void add(List<Object> key, Pid pid) {
      map.computeIfAbsent(key, k -> new ArrayList<>()).add(pid);
    }
  }

  private void vulnerability(JsonGenerator g, Group v) throws IOException {
    String cve = Ids.isCve(v.names.get(0)) ? v.names.get(0) : null;
    Map<String, List<Pid>> lists = new LinkedHashMap<>();
    Items flags = new Items();
    Items threats = new Items();
    Items remediations = new Items();
    for (Map.Entry<Pid, Candidates> e : v.products.entrySet()) {
      Pid pid = e.getKey();
      Facts f = facts(e.getValue().winner());
      for (String l : f.lists) {
        lists.computeIfAbsent(l, k -> new ArrayList<>()).add(pid);
      }
      if (f.flag != null) {
        flags.add(f.flag, pid);
      }
      if (f.threat != null) {
        threats.add(f.threat, pid);
      }
      if (f.remediation != null) {
        remediations.add(f.remediation, pid);
      }
    }
    write(g, v, cve, lists, flags, threats, remediations);
  }

  /** The facts of a kept statement, worked out on first use. */
  private static Facts facts(Kept kept) {
    Facts f = kept.facts;
    if (f.done) {
      return f;
    }
    f.done = true;
    Statement s = kept.statement;
    String date = s.timestamp().map(Rfc3339::format).orElse("");
    List<String> marker = markerLists(s);
    f.lists = marker != null ? marker : List.of(Csaf.list(s.status()));
    Justification j = s.justification().orElse(null);
    if (j != null) {
      f.flag = List.of(j.value(), date);
    }
    String impact = s.impactStatement().orElse(null);
    if (impact == null && s.status() == Status.NOT_AFFECTED && j == null) {
      impact = Csaf.NO_IMPACT_TEXT;
    }
    if (impact != null) {
      f.threat = List.of(impact, date);
    }
    String action = s.actionStatement().orElse(null);
    if (s.status() == Status.AFFECTED && Csaf.NO_ACTION_TEXT.equals(action)) {
      // The text read for an affected statement that gave no action (see Gaps): written as the
      // absence is, so that the reader drops it again.
      action = null;
    }
    String category = Csaf.defaultCategory(s.status());
    if (action != null) {
      for (Map.Entry<String, String> c : Csaf.CATEGORY_LABELS.entrySet()) {
        String prefix = c.getValue() + ": ";
        if (action.startsWith(prefix)
            && action.length() > prefix.length()
            && !c.getKey().equals(category)) {
          category = c.getKey();
          action = action.substring(prefix.length());
          break;
        }
      }
    } else if (s.status() == Status.AFFECTED) {
      category = "none_available";
      action = Csaf.NO_ACTION_TEXT;
    } else if (s.status() == Status.FIXED && !date.isEmpty()) {
      action = Csaf.FIXED_TEXT;
    } else if (s.status() == Status.UNDER_INVESTIGATION && !date.isEmpty()) {
      action = Csaf.UNDER_INVESTIGATION_TEXT;
    }
    if (action != null) {
      f.remediation = List.of(category, action, date);
    }
    return f;
  }

  private void write(
      JsonGenerator g,
      Group v,
      @Nullable String cve,
      Map<String, List<Pid>> lists,
      Items flags,
      Items threats,
      Items remediations)
      throws IOException {
    g.writeStartObject();
    if (cve != null) {
      g.writeStringField("cve", cve);
    }
    if (!flags.map.isEmpty()) {
      g.writeArrayFieldStart("flags");
      for (Map.Entry<List<Object>, List<Pid>> f : flags.map.entrySet()) {
        g.writeStartObject();
        date(g, (String) f.getKey().get(1));
        g.writeStringField("label", (String) f.getKey().get(0));
        products(g, f.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    List<String> ids = cve == null ? v.names : v.names.subList(1, v.names.size());
    if (!ids.isEmpty()) {
      g.writeArrayFieldStart("ids");
      for (String id : ids) {
        g.writeStartObject();
        g.writeStringField("system_name", Ids.system(id));
        g.writeStringField("text", id);
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeArrayFieldStart("notes");
    g.writeStartObject();
    if (v.description != null) {
      g.writeStringField("category", "description");
      g.writeStringField("text", v.description);
      g.writeStringField("title", "Vulnerability description");
    } else {
      g.writeStringField("category", "general");
      g.writeStringField("text", Csaf.noteText(v.names.get(0)));
      g.writeStringField("title", Csaf.NOTE_TITLE);
    }
    g.writeEndObject();
    g.writeEndArray();
    g.writeObjectFieldStart("product_status");
    for (String l : sortedLists(lists)) {
      g.writeArrayFieldStart(l);
      for (Pid pid : lists.getOrDefault(l, List.of())) {
        writePid(g, pid);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
    if (v.id != null) {
      g.writeArrayFieldStart("references");
      g.writeStartObject();
      g.writeStringField("category", "external");
      g.writeStringField("summary", Csaf.VULNERABILITY_ID_SUMMARY);
      g.writeStringField("url", v.id);
      g.writeEndObject();
      g.writeEndArray();
    }
    if (!remediations.map.isEmpty()) {
      g.writeArrayFieldStart("remediations");
      for (Map.Entry<List<Object>, List<Pid>> r : remediations.map.entrySet()) {
        g.writeStartObject();
        g.writeStringField("category", (String) r.getKey().get(0));
        date(g, (String) r.getKey().get(2));
        g.writeStringField("details", (String) r.getKey().get(1));
        products(g, r.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (!threats.map.isEmpty()) {
      g.writeArrayFieldStart("threats");
      for (Map.Entry<List<Object>, List<Pid>> t : threats.map.entrySet()) {
        g.writeStartObject();
        g.writeStringField("category", "impact");
        date(g, (String) t.getKey().get(1));
        g.writeStringField("details", (String) t.getKey().get(0));
        products(g, t.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static List<String> sortedLists(Map<String, List<Pid>> lists) {
    List<String> names = new ArrayList<>(lists.keySet());
    names.sort(String::compareTo);
    return names;
  }

  private static void date(JsonGenerator g, String date) throws IOException {
    if (!date.isEmpty()) {
      g.writeStringField("date", date);
    }
  }

  private void products(JsonGenerator g, List<Pid> pids) throws IOException {
    g.writeArrayFieldStart("product_ids");
    for (Pid p : pids) {
      writePid(g, p);
    }
    g.writeEndArray();
  }

  /**
   * Writes a pid as {@link JsonGenerator#writeString(String)} does. A pid of printable ASCII other
   * than quote and backslash is written as it is, in quotes: its bytes are kept on the pid and
   * copied rather than escaped again for each list that names it.
   */
  private static void writePid(JsonGenerator g, Pid pid) throws IOException {
    byte[] b = bytes(pid);
    if (b == NOT_PLAIN) {
      g.writeString(pid.id);
    } else {
      g.writeRawUTF8String(b, 0, b.length);
    }
  }

  /** The pid's bytes when it is plain (see writePid), else {@link #NOT_PLAIN}. */
  private static byte[] bytes(Pid pid) {
    byte[] b = pid.bytes;
    if (b == null) {
      b = plain(pid.id) ? pid.id.getBytes(StandardCharsets.US_ASCII) : NOT_PLAIN;
      pid.bytes = b;
    }
    return b;
  }

  private static final byte[] NOT_PLAIN = new byte[0];

  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  static String requireText(@Nullable String s) {
    return Objects.requireNonNull(s);
  }
}
