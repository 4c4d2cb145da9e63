package dev.waterline.vex.internal.match;

import dev.waterline.vex.Component;
import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.VexDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The effective-status index behind {@link dev.waterline.vex.VexIndex}.
 *
 * <p>Every statement gets a rank: statements are ordered by time (the statement's timestamp, else
 * its document's; no time at all is the oldest), then by the document's position in the input, then
 * by the statement's position in its document. The effective statement is the matching one with the
 * highest rank.
 *
 * <p>Statements are filed by <em>group</em>: the set of identifiers (name, {@code @id}, aliases) of
 * their vulnerability. Statements whose vulnerabilities have the same identifiers share a group, so
 * a statement is filed once, not once per identifier; a query on an identifier looks in each group
 * that holds it (usually one). An identifier that is in more than {@value #MAX_GROUPS} groups gets
 * a group of its own as well, holding every statement that names it, and a query on it looks there
 * only; so no query looks in more than {@value #MAX_GROUPS} groups.
 *
 * <p>Within its group, each product of a statement is filed under the keys of {@link
 * ComponentMatcher#keys}: its exact strings, the {@code type/namespace/name} of its purls, the hex
 * of its image digests. A query looks only where its kind can match: a purl under its base key
 * (and, for an OCI digest, under non-purl digests); an image reference or bare digest under
 * digests; anything else under exact strings. It walks each candidate list (sorted by rank) from
 * the newest end and stops at the first entry whose rule holds (purl covers, same image; an exact
 * key is a match by itself) and whose subcomponents fit, or as soon as the list is older than the
 * best match found.
 *
 * <p>Memory: the index holds no object per filing. The slots (one per group, key space and key)
 * live in one open-addressing table of ints; a slot's candidates are a range of two parallel arrays
 * (the rank, and what the key matches by with the product's subcomponents); the statements are an
 * array by rank. Components are prepared once per distinct component, not once per product, so the
 * parsed purls and digests are shared by every statement that names the same component.
 */
public final class MatchIndex {
  private static final int EXACT = 0;
  private static final int PURL = 1;

  /** Digests from anything but a purl. */
  private static final int DIGEST = 2;

  /** Digests from OCI purls (never compared with a purl query's digest). */
  private static final int PURL_DIGEST = 3;

  /** An identifier in more groups than this gets a group of its own. */
  static final int MAX_GROUPS = 4;

  /** Purl slots with at least this many candidates are also filed by version (see Versions). */
  static final int SPLIT_FROM = 64;

  private static final int[] NONE = new int[0];

  /** Parsed queries, direct-mapped by hash: a scan asks about the same product again and again. */
  private static final int CACHE_SLOTS = 1024;

  // The slots, open addressing, two ints per place: the slot's hash (0: empty) and its number.
  private final int tableMask;
  private final int[] table;
  // Per slot s: info[2s] = group << 2 | key space, info[2s + 1] = its first candidate; the
  // candidates of s end where those of s + 1 begin (a last, empty slot ends the array).
  private final int[] info;
  private final String[] keys;
  // Per candidate c, sorted by slot then rank: ranks[c]; refs[2c] what the key matches by (null:
  // the key's equality is the match; a String: the query's text must equal it; a Purl: it must
  // cover the query's; an ImageDigest: the same image); refs[2c + 1] the product's subcomponents
  // (a Subcomponents; null when it has none).
  private final int[] ranks;
  private final @Nullable Object[] refs;
  private final @Nullable EffectiveStatement[] statementsByRank;
  private final int documents;
  private final int statements;
  // The vulnerability identifiers, open addressing. With each, the group it is in (>= 0) or
  // -1 - i when it is in groupLists[i], and the key spaces it has candidates in (bit 1 << space):
  // a query on an unknown vulnerability, or on one without candidates of its kind, is answered
  // without reading the product.
  private final int identifierMask;
  private final int[] identifierHashes;
  private final @Nullable String[] identifiers;
  private final int[] identifierGroups;
  private final int[][] groupLists;
  private final int[] spaces;
  // The purl slots of SPLIT_FROM candidates or more, by slot number.
  private final Map<Integer, Versions> versions;
  private final AtomicReferenceArray<Query> queries = new AtomicReferenceArray<>(CACHE_SLOTS);
  private final int[] queryHashes = new int[CACHE_SLOTS];

  private MatchIndex(Builder b, int documents, int statements) {
    this.documents = documents;
    this.statements = statements;
    this.statementsByRank = b.statementsByRank;
    this.tableMask = b.tableMask;
    this.table = b.table;
    this.keys = Arrays.copyOf(b.slotKeys, b.slotCount);
    // Candidates grouped by slot, each slot's in rank order (a stable counting sort: they were
    // filed in rank order).
    int slots = b.slotCount;
    int filings = b.filingCount;
    int[] info = new int[2 * slots + 2];
    int[] next = new int[slots + 1];
    for (int f = 0; f < filings; f++) {
      next[b.filingSlots[f] + 1]++;
    }
    for (int s = 0; s < slots; s++) {
      next[s + 1] += next[s];
      info[2 * s] = b.slotGroupSpaces[s];
      info[2 * s + 1] = next[s];
    }
    info[2 * slots + 1] = filings;
    int[] ranks = new int[filings];
    Object[] refs = new Object[2 * filings];
    for (int f = 0; f < filings; f++) {
      int c = next[b.filingSlots[f]]++;
      ranks[c] = b.filingRanks[f];
      refs[2 * c] = b.filingRefs[2 * f];
      refs[2 * c + 1] = b.filingRefs[2 * f + 1];
    }
    this.info = info;
    this.ranks = ranks;
    this.refs = refs;
    this.versions = versions(info, slots, refs);
    // The identifiers, each with the groups a query on it looks in.
    int count = b.identifierGroups.size();
    int capacity = Integer.highestOneBit(Math.max(4, count * 2 - 1)) << 1;
    this.identifierMask = capacity - 1;
    this.identifierHashes = new int[capacity];
    this.identifiers = new String[capacity];
    this.identifierGroups = new int[capacity];
    this.spaces = new int[capacity];
    List<int[]> lists = new ArrayList<>();
    for (Map.Entry<String, int[]> e : b.identifierGroups.entrySet()) {
      int h = identifierHash(e.getKey());
      int i = h & identifierMask;
      while (identifiers[i] != null) {
        i = (i + 1) & identifierMask;
      }
      int[] groups = e.getValue();
      int mask = 0;
      for (int g : groups) {
        mask |= b.groupSpaces[g];
      }
      identifierHashes[i] = h;
      identifiers[i] = e.getKey();
      spaces[i] = mask;
      if (groups.length == 1) {
        identifierGroups[i] = groups[0];
      } else {
        identifierGroups[i] = -1 - lists.size();
        lists.add(groups);
      }
    }
    this.groupLists = lists.toArray(new int[0][]);
  }

  /**
   * The candidates of one purl slot by the version of their purl. A versioned purl covers only
   * purls of that version (see {@link Purl#coversSameBase}), so a query looks at the candidates
   * without a version and at those of its own version, not at the rest: a document that names
   * 50,000 versions of one package, each in a statement about one vulnerability, made every
   * question about that package walk them all.
   */
  private static final class Versions {
    // Candidate numbers, ascending (which is rank order within a slot).
    final int[] unversioned;
    final Map<String, int[]> byVersion;

    Versions(int[] unversioned, Map<String, int[]> byVersion) {
      this.unversioned = unversioned;
      this.byVersion = byVersion;
    }

    /** The candidates a query of {@code version} (null: none) can match, beside unversioned. */
    int[] of(@Nullable String version) {
      return version == null ? NONE : byVersion.getOrDefault(version, NONE);
    }
  }

  private static Map<Integer, Versions> versions(int[] info, int slots, @Nullable Object[] refs) {
    Map<Integer, Versions> out = new HashMap<>();
    for (int s = 0; s < slots; s++) {
      int from = info[2 * s + 1];
      int to = info[2 * s + 3];
      if ((info[2 * s] & 3) != PURL || to - from < SPLIT_FROM) {
        continue;
      }
      int[] unversioned = new int[to - from];
      int plain = 0;
      Map<String, int[]> lists = new HashMap<>();
      for (int c = from; c < to; c++) {
        Object ref = refs[2 * c];
        // A purl filed as such, or the text of an exact value that parses as one.
        Purl purl =
            ref instanceof Purl
                ? (Purl) ref
                : ref instanceof String ? Purl.parse((String) ref) : null;
        String version = purl == null ? null : purl.version();
        if (version == null) {
          unversioned[plain++] = c;
        } else {
          int[] list = lists.get(version);
          if (list == null) {
            list = new int[] {0, 0, 0, 0};
          } else if (list[0] + 1 == list.length) {
            list = Arrays.copyOf(list, 2 * list.length);
          }
          list[++list[0]] = c; // list[0] is the count
          lists.put(version, list);
        }
      }
      Map<String, int[]> byVersion = new HashMap<>(2 * lists.size());
      lists.forEach((v, list) -> byVersion.put(v, Arrays.copyOfRange(list, 1, list[0] + 1)));
      out.put(s, new Versions(Arrays.copyOf(unversioned, plain), byVersion));
    }
    return out.isEmpty() ? Map.of() : out;
  }

  /** The decoded version of a purl query, or null. */
  private static @Nullable String version(Query p) {
    PlainPurl plain = p.plain();
    if (plain != null) {
      return plain.version();
    }
    Purl purl = p.purl();
    return purl == null ? null : purl.version();
  }

  /** Never 0: 0 marks an empty place. */
  private static int identifierHash(String identifier) {
    int h = identifier.hashCode();
    h ^= h >>> 16;
    return h == 0 ? 1 : h;
  }

  /** The place of a vulnerability identifier, or -1 when the index has none by that name. */
  private int identifier(String identifier) {
    int h = identifierHash(identifier);
    for (int i = h & identifierMask; ; i = (i + 1) & identifierMask) {
      int stored = identifierHashes[i];
      if (stored == 0) {
        return -1;
      }
      if (stored == h && identifier.equals(identifiers[i])) {
        return i;
      }
    }
  }

  /** Never 0: 0 marks an empty place. */
  private static int hash(int group, int space, int keyHash) {
    int h = (group * 0x9e3779b1 + keyHash) * 5 + space;
    h ^= h >>> 15;
    return h == 0 ? 1 : h;
  }

  /** Indexes documents; their order breaks ties on time (later wins). */
  public static MatchIndex build(List<VexDocument> documents) {
    return build(documents, s -> true);
  }

  private static final class Ranked {
    final int document;
    final int position;
    final Statement statement;
    final @Nullable Instant time;

    Ranked(int document, int position, Statement statement, VexDocument source) {
      this.document = document;
      this.position = position;
      this.statement = statement;
      this.time = source.effectiveTimestamp(statement).orElse(null);
    }
  }

  private static final Comparator<Ranked> ORDER =
      Comparator.comparing((Ranked r) -> r.time, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparingInt(r -> r.document)
          .thenComparingInt(r -> r.position);

  /**
   * Indexes the statements of documents that {@code keep} accepts; their rank among themselves is
   * the one they have among all statements, so the index answers as the whole one does for every
   * query that only kept statements can match.
   */
  public static MatchIndex build(List<VexDocument> documents, Predicate<Statement> keep) {
    List<Ranked> all = new ArrayList<>();
    for (int d = 0; d < documents.size(); d++) {
      VexDocument doc = documents.get(d);
      List<Statement> list = doc.statements();
      for (int s = 0; s < list.size(); s++) {
        Statement statement = list.get(s);
        if (keep.test(statement)) {
          all.add(new Ranked(d, s, statement, doc));
        }
      }
    }
    all.sort(ORDER);
    Builder b = new Builder(all.size());
    int[] groupOf = b.group(all);
    int[][] targets = b.targets();
    for (int rank = 0; rank < all.size(); rank++) {
      int group = groupOf[rank];
      if (group < 0) {
        continue; // no products: matches nothing
      }
      Ranked r = all.get(rank);
      b.statementsByRank[rank] = EffectiveStatement.of(r.statement, documents.get(r.document));
      for (Product product : r.statement.products()) {
        b.file(rank, product, targets[group]);
      }
    }
    return new MatchIndex(b, documents.size(), all.size());
  }

  /** What a component is filed under, worked out once per distinct component. */
  private static final class Prepared {
    final ComponentMatcher matcher;
    int @Nullable [] spaces;
    String @Nullable [] keys;
    @Nullable Object @Nullable [] refs;

    Prepared(ComponentMatcher matcher) {
      this.matcher = matcher;
    }

    void keys() {
      if (spaces != null) {
        return;
      }
      List<Integer> ss = new ArrayList<>();
      List<String> ks = new ArrayList<>();
      List<@Nullable Object> rs = new ArrayList<>();
      matcher.keys(
          new ComponentMatcher.KeySink() {
            @Override
            public void exact(String text) {
              add(EXACT, text, null);
            }

            @Override
            public void purl(Purl purl) {
              purl.warm();
              add(PURL, purl.baseKey(), purl);
            }

            @Override
            public void exactPurl(Purl parsed, String text) {
              add(PURL, parsed.baseKey(), text);
            }

            @Override
            public void image(ImageDigest image) {
              image.warm();
              add(image.fromPurl() ? PURL_DIGEST : DIGEST, image.hex(), image);
            }

            @Override
            public void exactImage(ImageDigest parsed, String text) {
              add(DIGEST, parsed.hex(), text);
            }

            private void add(int space, String key, @Nullable Object ref) {
              ss.add(space);
              ks.add(key);
              rs.add(ref);
            }
          });
      int[] s = new int[ss.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = ss.get(i);
      }
      this.keys = ks.toArray(new String[0]);
      this.refs = rs.toArray();
      this.spaces = s;
    }
  }

  /** The index while it is built: growable arrays, no object per filing. */
  private static final class Builder {
    final @Nullable EffectiveStatement[] statementsByRank;
    final Map<Component, Prepared> prepared = new HashMap<>();
    final Map<List<Component>, Subcomponents> sharedSubcomponents = new HashMap<>();
    // Groups: their identifiers (distinct, sorted), the identifiers' groups (a query looks in
    // these), and the key spaces each group has slots in.
    final List<List<String>> groupIdentifiers = new ArrayList<>();
    final Map<String, int[]> identifierGroups = new LinkedHashMap<>();
    int[] groupSpaces = new int[0];
    // The slot table and the slots.
    int tableMask = 15;
    int[] table = new int[32];
    int slotCount;
    int[] slotGroupSpaces = new int[16];
    String[] slotKeys = new String[16];
    // Filings in rank order: the slot, the rank, the two refs.
    int filingCount;
    int[] filingSlots = new int[16];
    int[] filingRanks = new int[16];
    @Nullable Object[] filingRefs = new Object[32];

    Builder(int statements) {
      this.statementsByRank = new EffectiveStatement[statements];
    }

    /** The group of each statement by rank (-1 when it has no products), and the identifiers'. */
    int[] group(List<Ranked> all) {
      Map<List<String>, Integer> numbers = new HashMap<>();
      int[] groupOf = new int[all.size()];
      for (int rank = 0; rank < all.size(); rank++) {
        Statement statement = all.get(rank).statement;
        if (statement.products().isEmpty()) {
          groupOf[rank] = -1;
          continue;
        }
        List<String> ids =
            new ArrayList<>(new LinkedHashSet<>(statement.vulnerability().identifiers()));
        ids.sort(Comparator.naturalOrder());
        Integer g = numbers.get(ids);
        if (g == null) {
          g = groupIdentifiers.size();
          numbers.put(ids, g);
          groupIdentifiers.add(ids);
        }
        groupOf[rank] = g;
      }
      Map<String, List<Integer>> byIdentifier = new LinkedHashMap<>();
      for (int g = 0; g < groupIdentifiers.size(); g++) {
        for (String id : groupIdentifiers.get(g)) {
          byIdentifier.computeIfAbsent(id, x -> new ArrayList<>(1)).add(g);
        }
      }
      int next = groupIdentifiers.size();
      for (Map.Entry<String, List<Integer>> e : byIdentifier.entrySet()) {
        List<Integer> groups = e.getValue();
        if (groups.size() > MAX_GROUPS) {
          identifierGroups.put(e.getKey(), new int[] {next++}); // a group of its own
        } else {
          int[] a = new int[groups.size()];
          for (int i = 0; i < a.length; i++) {
            a[i] = groups.get(i);
          }
          identifierGroups.put(e.getKey(), a);
        }
      }
      if (next >= 1 << 29) {
        throw new IllegalStateException("too many vulnerability groups to index: " + next);
      }
      groupSpaces = new int[next];
      return groupOf;
    }

    /** The groups a statement of each group is filed in: its own, and those of its identifiers. */
    int[][] targets() {
      int[][] targets = new int[groupIdentifiers.size()][];
      for (int g = 0; g < targets.length; g++) {
        int[] t = {g};
        for (String id : groupIdentifiers.get(g)) {
          int[] own = identifierGroups.get(id);
          if (own != null && own.length == 1 && own[0] >= groupIdentifiers.size()) {
            t = Arrays.copyOf(t, t.length + 1);
            t[t.length - 1] = own[0];
          }
        }
        targets[g] = t;
      }
      return targets;
    }

    private Prepared prepared(Component component) {
      Prepared p = prepared.get(component);
      if (p == null) {
        ComponentMatcher matcher = ComponentMatcher.of(component);
        matcher.warm();
        p = new Prepared(matcher);
        prepared.put(component, p);
      }
      return p;
    }

    /** Files one product of the statement of {@code rank} in each of the groups {@code targets}. */
    void file(int rank, Product product, int[] targets) {
      Prepared p = prepared(product.component());
      p.keys();
      Subcomponents subs = subcomponents(product.subcomponents());
      int[] spaces = Objects.requireNonNull(p.spaces);
      String[] keys = Objects.requireNonNull(p.keys);
      Object[] refs = Objects.requireNonNull(p.refs);
      for (int group : targets) {
        for (int i = 0; i < spaces.length; i++) {
          int slot = slot(group, spaces[i], keys[i]);
          groupSpaces[group] |= 1 << spaces[i];
          add(slot, rank, refs[i], subs);
        }
      }
    }

    /**
     * A product's subcomponents prepared for matching, or null when it has none. Long lists are
     * shared by the products that name the same ones: each is filed by key.
     */
    private @Nullable Subcomponents subcomponents(List<Component> subcomponents) {
      if (subcomponents.isEmpty()) {
        return null;
      }
      boolean indexed = subcomponents.size() >= Subcomponents.INDEXED_FROM;
      if (indexed) {
        Subcomponents shared = sharedSubcomponents.get(subcomponents);
        if (shared != null) {
          return shared;
        }
      }
      ComponentMatcher[] matchers = new ComponentMatcher[subcomponents.size()];
      for (int i = 0; i < matchers.length; i++) {
        matchers[i] = prepared(subcomponents.get(i)).matcher;
      }
      Subcomponents subs = new Subcomponents(matchers);
      if (indexed) {
        sharedSubcomponents.put(subcomponents, subs);
      }
      return subs;
    }

    private void add(int slot, int rank, @Nullable Object ref, @Nullable Object subs) {
      int f = filingCount;
      if (f == filingSlots.length) {
        int n = grow(f);
        filingSlots = Arrays.copyOf(filingSlots, n);
        filingRanks = Arrays.copyOf(filingRanks, n);
        filingRefs = Arrays.copyOf(filingRefs, 2 * n);
      }
      filingSlots[f] = slot;
      filingRanks[f] = rank;
      filingRefs[2 * f] = ref;
      filingRefs[2 * f + 1] = subs;
      filingCount = f + 1;
    }

    /** The slot of (group, space, key), made when new. */
    private int slot(int group, int space, String key) {
      int h = hash(group, space, key.hashCode());
      int groupSpace = (group << 2) | space;
      int i = h & tableMask;
      for (; ; i = (i + 1) & tableMask) {
        int stored = table[2 * i];
        if (stored == 0) {
          break;
        }
        if (stored == h) {
          int s = table[2 * i + 1];
          if (slotGroupSpaces[s] == groupSpace && slotKeys[s].equals(key)) {
            return s;
          }
        }
      }
      int s = slotCount;
      if (s == slotKeys.length) {
        int n = grow(s);
        slotGroupSpaces = Arrays.copyOf(slotGroupSpaces, n);
        slotKeys = Arrays.copyOf(slotKeys, n);
      }
      slotGroupSpaces[s] = groupSpace;
      slotKeys[s] = key;
      slotCount = s + 1;
      table[2 * i] = h;
      table[2 * i + 1] = s;
      if (2 * slotCount > tableMask + 1) {
        rehash();
      }
      return s;
    }

    /** Doubles the table: it stays at most half full. */
    private void rehash() {
      int capacity = 2 * (tableMask + 1);
      int mask = capacity - 1;
      int[] t = new int[2 * capacity];
      for (int i = 0; i < table.length; i += 2) {
        int h = table[i];
        if (h != 0) {
          int j = h & mask;
          while (t[2 * j] != 0) {
            j = (j + 1) & mask;
          }
          t[2 * j] = h;
          t[2 * j + 1] = table[i + 1];
        }
      }
      table = t;
      tableMask = mask;
    }

    private static int grow(int size) {
      if (size >= Integer.MAX_VALUE / 4) {
        throw new IllegalStateException("too many index entries: " + size);
      }
      return size + (size >> 1) + 16;
    }
  }

  /** The slot of (group, space, key), or -1. */
  private int slot(int group, int space, String key) {
    int h = hash(group, space, key.hashCode());
    int groupSpace = (group << 2) | space;
    for (int i = h & tableMask; ; i = (i + 1) & tableMask) {
      int stored = table[2 * i];
      if (stored == 0) {
        return -1;
      }
      if (stored == h) {
        int s = table[2 * i + 1];
        if (info[2 * s] == groupSpace && keys[s].equals(key)) {
          return s;
        }
      }
    }
  }

  /** {@link #slot} under a plain purl's base key, without making the key. */
  private int slot(int group, PlainPurl purl) {
    int h = hash(group, PURL, purl.baseKeyHash());
    int groupSpace = (group << 2) | PURL;
    for (int i = h & tableMask; ; i = (i + 1) & tableMask) {
      int stored = table[2 * i];
      if (stored == 0) {
        return -1;
      }
      if (stored == h) {
        int s = table[2 * i + 1];
        if (info[2 * s] == groupSpace && purl.baseKeyEquals(keys[s])) {
          return s;
        }
      }
    }
  }

  /** {@link #slot} under the key {@code text[from, to)}, without making the key. */
  private int slot(int group, int space, String text, int from, int to) {
    int keyHash = 0;
    for (int i = from; i < to; i++) {
      keyHash = 31 * keyHash + text.charAt(i);
    }
    int h = hash(group, space, keyHash);
    int groupSpace = (group << 2) | space;
    int length = to - from;
    for (int i = h & tableMask; ; i = (i + 1) & tableMask) {
      int stored = table[2 * i];
      if (stored == 0) {
        return -1;
      }
      if (stored == h) {
        int s = table[2 * i + 1];
        String key = keys[s];
        if (info[2 * s] == groupSpace
            && key.length() == length
            && key.regionMatches(0, text, from, length)) {
          return s;
        }
      }
    }
  }

  /** The latest matching statement, or null. An empty subcomponent means none. */
  public @Nullable EffectiveStatement effective(
      String product, String vulnerabilityId, @Nullable String subcomponent) {
    int id = identifier(vulnerabilityId);
    if (id < 0) {
      return null;
    }
    int mask = spaces[id];
    Query p = query(product);
    Query s = subcomponent == null || subcomponent.isEmpty() ? null : query(subcomponent);
    int group = identifierGroups[id];
    int best;
    if (group >= 0) {
      best = latest(group, mask, p, s, -1);
    } else {
      best = -1;
      for (int g : groupLists[-1 - group]) {
        best = latest(g, mask, p, s, best);
      }
    }
    return best < 0 ? null : statementsByRank[best];
  }

  /** The rank of the latest match in one group that is newer than {@code best}, else best. */
  private int latest(int group, int mask, Query p, @Nullable Query s, int best) {
    PlainPurl plain = p.plain();
    if (plain != null) {
      // Read in place: no key strings made.
      if ((mask & 1 << PURL) != 0) {
        best = latest(slot(group, plain), p, s, best);
      }
      if ((mask & 1 << DIGEST) != 0) {
        int hexFrom = plain.ociHexFrom();
        if (hexFrom >= 0) {
          best = latest(slot(group, DIGEST, plain.text(), hexFrom, plain.versionTo()), p, s, best);
        } else {
          String hex = plain.ociHex();
          if (hex != null) {
            best = latest(slot(group, DIGEST, hex), p, s, best);
          }
        }
      }
    } else if (p.isPurl()) {
      if ((mask & 1 << PURL) != 0) {
        best = latest(slot(group, PURL, p.baseKey()), p, s, best);
      }
      if ((mask & 1 << DIGEST) != 0) {
        String hex = p.purlImageHex();
        if (hex != null) {
          best = latest(slot(group, DIGEST, hex), p, s, best);
        }
      }
    } else {
      ImageDigest image = p.image();
      if (image != null) {
        if ((mask & 1 << DIGEST) != 0) {
          best = latest(slot(group, DIGEST, image.hex()), p, s, best);
        }
        if ((mask & 1 << PURL_DIGEST) != 0) {
          best = latest(slot(group, PURL_DIGEST, image.hex()), p, s, best);
        }
      } else if ((mask & 1 << EXACT) != 0) {
        best = latest(slot(group, EXACT, p.text()), p, s, best);
      }
    }
    return best;
  }

  /** The rank of the newest matching candidate of a slot that is newer than best, else best. */
  private int latest(int slot, Query p, @Nullable Query s, int best) {
    if (slot < 0) {
      return best;
    }
    int from = info[2 * slot + 1];
    int to = info[2 * slot + 3];
    if (to - from >= SPLIT_FROM) {
      Versions v = versions.get(slot);
      if (v != null) {
        return latest(v.unversioned, v.of(version(p)), p, s, best);
      }
    }
    for (int c = to - 1; c >= from; c--) {
      int rank = ranks[c];
      if (rank <= best) {
        return best;
      }
      if (matches(c, p, s)) {
        return rank;
      }
    }
    return best;
  }

  /** {@link #latest(int, Query, Query, int)} over two ascending lists of candidates. */
  private int latest(int[] a, int[] b, Query p, @Nullable Query s, int best) {
    int i = a.length - 1;
    int j = b.length - 1;
    while (i >= 0 || j >= 0) {
      int c = j < 0 || (i >= 0 && a[i] > b[j]) ? a[i--] : b[j--];
      int rank = ranks[c];
      if (rank <= best) {
        return best;
      }
      if (matches(c, p, s)) {
        return rank;
      }
    }
    return best;
  }

  /** Whether candidate {@code c} matches a query that shares its slot's key. */
  private boolean matches(int c, Query p, @Nullable Query s) {
    Object ref = refs[2 * c];
    if (ref != null && !componentMatches(ref, p)) {
      return false;
    }
    Object subs = refs[2 * c + 1];
    return s == null || subs == null || ((Subcomponents) subs).anyMatches(s);
  }

  private static boolean componentMatches(Object ref, Query p) {
    if (ref instanceof Purl) {
      // Filed under the query purl's base key, so type, namespace and name are equal.
      Purl purl = (Purl) ref;
      PlainPurl pp = p.plain();
      if (pp != null) {
        // The same text parses to the same purl, which covers itself.
        return purl.coversWholeBase() || pp.text().equals(purl.source()) || pp.coveredBy(purl);
      }
      Purl qp = p.purl();
      return qp != null
          && (purl.coversWholeBase()
              || (purl.tailHash() == qp.tailHash() && qp.tail().equals(purl.tail()))
              || purl.coversSameBase(qp));
    }
    if (ref instanceof ImageDigest) {
      ImageDigest qi = p.image();
      return qi != null && ((ImageDigest) ref).sameImage(qi);
    }
    return ref.equals(p.text());
  }

  /** The parsed query, from the cache when the same text was asked recently. */
  private Query query(String text) {
    int h = text.hashCode();
    int slot = (h ^ (h >>> 16)) & (CACHE_SLOTS - 1);
    // The hash array is only a hint (written without ordering): it saves touching a cold cached
    // query when the slot holds another text. A match is confirmed on the query itself.
    if (queryHashes[slot] == h) {
      Query cached = queries.getAcquire(slot);
      if (cached != null && cached.text().equals(text)) {
        return cached;
      }
    }
    Query parsed = Query.of(text);
    queries.setRelease(slot, parsed);
    queryHashes[slot] = h;
    return parsed;
  }

  /** Every matching statement, oldest first. An empty subcomponent means none. */
  public List<EffectiveStatement> matches(
      String product, String vulnerabilityId, @Nullable String subcomponent) {
    int id = identifier(vulnerabilityId);
    if (id < 0) {
      return List.of();
    }
    Query p = query(product);
    Query s = subcomponent == null || subcomponent.isEmpty() ? null : query(subcomponent);
    Found found = new Found();
    int group = identifierGroups[id];
    if (group >= 0) {
      collectInGroup(group, p, s, found);
    } else {
      for (int g : groupLists[-1 - group]) {
        collectInGroup(g, p, s, found);
      }
    }
    return found.statements(statementsByRank);
  }

  private void collectInGroup(int group, Query p, @Nullable Query s, Found found) {
    if (p.isPurl()) {
      collect(slot(group, PURL, p.baseKey()), p, s, found);
      String hex = p.purlImageHex();
      if (hex != null) {
        collect(slot(group, DIGEST, hex), p, s, found);
      }
      return;
    }
    ImageDigest image = p.image();
    if (image != null) {
      collect(slot(group, DIGEST, image.hex()), p, s, found);
      collect(slot(group, PURL_DIGEST, image.hex()), p, s, found);
    } else {
      collect(slot(group, EXACT, p.text()), p, s, found);
    }
  }

  private void collect(int slot, Query p, @Nullable Query s, Found found) {
    if (slot < 0) {
      return;
    }
    int from = info[2 * slot + 1];
    int to = info[2 * slot + 3];
    if (to - from >= SPLIT_FROM) {
      Versions v = versions.get(slot);
      if (v != null) {
        for (int[] list : new int[][] {v.unversioned, v.of(version(p))}) {
          for (int c : list) {
            if (matches(c, p, s)) {
              found.add(ranks[c]);
            }
          }
        }
        return;
      }
    }
    for (int c = from; c < to; c++) {
      if (matches(c, p, s)) {
        found.add(ranks[c]);
      }
    }
  }

  /** The ranks of the statements found, in no order and possibly repeated. */
  private static final class Found {
    int[] ranks = new int[8];
    int size;

    void add(int rank) {
      if (size == ranks.length) {
        ranks = Arrays.copyOf(ranks, 2 * size);
      }
      ranks[size++] = rank;
    }

    List<EffectiveStatement> statements(@Nullable EffectiveStatement[] byRank) {
      if (size == 0) {
        return List.of();
      }
      Arrays.sort(ranks, 0, size);
      List<EffectiveStatement> out = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        if (i == 0 || ranks[i] != ranks[i - 1]) {
          out.add(Objects.requireNonNull(byRank[ranks[i]]));
        }
      }
      return List.copyOf(out);
    }
  }

  /** How many documents were indexed. */
  public int documents() {
    return documents;
  }

  /** How many statements were indexed (including those without products, which never match). */
  public int statements() {
    return statements;
  }
}
