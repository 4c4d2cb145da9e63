package dev.waterline.vex.internal.match;

import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.VexDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * <p>Each product of a statement is filed, for every identifier of the statement's vulnerability
 * (name, {@code @id}, aliases), under the keys of {@link ComponentMatcher#keys}: its exact strings,
 * the {@code type/namespace/name} of its purls, the hex of its image digests. A query looks only
 * where its kind can match: a purl under its base key (and, for an OCI digest, under non-purl
 * digests); an image reference or bare digest under digests; anything else under exact strings. It
 * walks each candidate list (sorted by rank) from the newest end and stops at the first entry whose
 * rule holds (purl covers, same image; an exact key is a match by itself) and whose subcomponents
 * fit — or as soon as the list is older than the best match found. The lists live in one
 * open-addressing table so that a lookup costs few memory hops.
 */
public final class MatchIndex {
  private static final int EXACT = 0;
  private static final int PURL = 1;

  /** Digests from anything but a purl. */
  private static final int DIGEST = 2;

  /** Digests from OCI purls (never compared with a purl query's digest). */
  private static final int PURL_DIGEST = 3;

  /** Parsed queries, direct-mapped by hash: a scan asks about the same product again and again. */
  private static final int CACHE_SLOTS = 1024;

  private final int mask;
  private final int[] hashes;
  private final @Nullable Slot[] slots;
  private final int documents;
  private final int statements;
  // The vulnerability identifiers, open addressing; a vulnerability's number is its index here.
  // With each, the key spaces it has candidates in (bit 1 << space): a query on an unknown
  // vulnerability, or on one without candidates of its kind, is answered without reading the
  // product.
  private final int vulnerabilityMask;
  private final int[] vulnerabilityHashes;
  private final @Nullable String[] vulnerabilities;
  private final int[] spaces;
  private final AtomicReferenceArray<Query> queries = new AtomicReferenceArray<>(CACHE_SLOTS);
  private final int[] queryHashes = new int[CACHE_SLOTS];

  /** One product of one statement under one key. */
  private static final class Entry {
    final int rank;
    final EffectiveStatement effective;
    final ProductMatcher product;
    // At most one of these is set; none for an exact key (the key equality is the match).
    final @Nullable Purl purl;
    final @Nullable ImageDigest image;
    final @Nullable String exact;
    // Copied from the purl so that the common cases need not load it.
    final boolean purlCoversWholeBase;
    final int purlTailHash;
    final @Nullable String purlTail;
    final @Nullable String purlSource;

    Entry(
        int rank,
        EffectiveStatement effective,
        ProductMatcher product,
        @Nullable Purl purl,
        @Nullable ImageDigest image,
        @Nullable String exact) {
      this.rank = rank;
      this.effective = effective;
      this.product = product;
      this.purl = purl;
      this.image = image;
      this.exact = exact;
      this.purlCoversWholeBase = purl != null && purl.coversWholeBase();
      this.purlTailHash = purl == null ? 0 : purl.tailHash();
      this.purlTail = purl == null ? null : purl.tail();
      this.purlSource = purl == null ? null : purl.source();
    }

    /** Whether the product matches a query that shares this entry's key. */
    boolean matches(Query p, @Nullable Query s) {
      boolean component;
      if (exact != null) {
        component = exact.equals(p.text());
      } else if (purl != null) {
        // Filed under the query purl's base key, so type, namespace and name are equal.
        PlainPurl pp = p.plain();
        if (pp != null) {
          // The same text parses to the same purl, which covers itself.
          component = purlCoversWholeBase || pp.text().equals(purlSource) || pp.coveredBy(purl);
        } else {
          Purl qp = p.purl();
          component =
              qp != null
                  && (purlCoversWholeBase
                      || (purlTailHash == qp.tailHash() && qp.tail().equals(purlTail))
                      || purl.coversSameBase(qp));
        }
      } else if (image != null) {
        ImageDigest qi = p.image();
        component = qi != null && image.sameImage(qi);
      } else {
        component = true;
      }
      return component && (s == null || product.subcomponentMatches(s));
    }
  }

  /** A filled slot of the table: the candidates for one (vulnerability, key space, key). */
  private static final class Slot {
    final int vulnerability;
    final int space;
    final String key;
    // Sorted by rank; the newest is also held here, which saves a hop (most slots hold one).
    final Entry[] entries;
    final Entry newest;

    Slot(int vulnerability, int space, String key, Entry[] entries) {
      this.vulnerability = vulnerability;
      this.space = space;
      this.key = key;
      this.entries = entries;
      this.newest = entries[entries.length - 1];
    }
  }

  private static final class Ranked {
    final int document;
    final int position;
    final Statement statement;
    final VexDocument source;
    final @Nullable Instant time;

    Ranked(int document, int position, Statement statement, VexDocument source) {
      this.document = document;
      this.position = position;
      this.statement = statement;
      this.source = source;
      this.time = source.effectiveTimestamp(statement).orElse(null);
    }
  }

  private static final Comparator<Ranked> ORDER =
      Comparator.comparing((Ranked r) -> r.time, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparingInt(r -> r.document)
          .thenComparingInt(r -> r.position);

  private record Key(String vulnerability, int space, String key) {}

  private MatchIndex(Map<Key, List<Entry>> lists, int documents, int statements) {
    Map<String, Integer> masks = new LinkedHashMap<>();
    for (Key k : lists.keySet()) {
      masks.merge(k.vulnerability(), 1 << k.space(), (a, b) -> a | b);
    }
    int vCapacity = Integer.highestOneBit(Math.max(4, masks.size() * 2 - 1)) << 1;
    this.vulnerabilityMask = vCapacity - 1;
    this.vulnerabilityHashes = new int[vCapacity];
    this.vulnerabilities = new String[vCapacity];
    this.spaces = new int[vCapacity];
    for (Map.Entry<String, Integer> e : masks.entrySet()) {
      int h = vulnerabilityHash(e.getKey());
      int i = h & vulnerabilityMask;
      while (vulnerabilities[i] != null) {
        i = (i + 1) & vulnerabilityMask;
      }
      vulnerabilityHashes[i] = h;
      vulnerabilities[i] = e.getKey();
      spaces[i] = e.getValue();
    }
    int capacity = Integer.highestOneBit(Math.max(4, lists.size() * 2 - 1)) << 1;
    this.mask = capacity - 1;
    this.hashes = new int[capacity];
    this.slots = new Slot[capacity];
    for (Map.Entry<Key, List<Entry>> e : lists.entrySet()) {
      Key k = e.getKey();
      int v = vulnerability(k.vulnerability());
      int h = hash(v, k.space(), k.key());
      int i = h & mask;
      while (slots[i] != null) {
        i = (i + 1) & mask;
      }
      hashes[i] = h;
      slots[i] = new Slot(v, k.space(), k.key(), e.getValue().toArray(new Entry[0]));
    }
    this.documents = documents;
    this.statements = statements;
  }

  /** Never 0: 0 marks an empty slot. */
  private static int vulnerabilityHash(String vulnerability) {
    int h = vulnerability.hashCode();
    h ^= h >>> 16;
    return h == 0 ? 1 : h;
  }

  /** The number of a vulnerability identifier, or -1 when the index has none by that name. */
  private int vulnerability(String vulnerability) {
    int h = vulnerabilityHash(vulnerability);
    for (int i = h & vulnerabilityMask; ; i = (i + 1) & vulnerabilityMask) {
      int stored = vulnerabilityHashes[i];
      if (stored == 0) {
        return -1;
      }
      if (stored == h && vulnerability.equals(vulnerabilities[i])) {
        return i;
      }
    }
  }

  /** Never 0: 0 marks an empty slot. */
  private static int hash(int vulnerability, int space, String key) {
    return hash(vulnerability, space, key.hashCode());
  }

  private static int hash(int vulnerability, int space, int keyHash) {
    int h = (vulnerability * 0x9e3779b1 + keyHash) * 5 + space;
    h ^= h >>> 15;
    return h == 0 ? 1 : h;
  }

  /** Indexes documents; their order breaks ties on time (later wins). */
  public static MatchIndex build(List<VexDocument> documents) {
    return build(documents, s -> true);
  }

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
    Map<Key, List<Entry>> lists = new LinkedHashMap<>();
    Map<Product, ProductMatcher> prepared = new HashMap<>();
    for (int rank = 0; rank < all.size(); rank++) {
      Ranked r = all.get(rank);
      Statement statement = r.statement;
      if (statement.products().isEmpty()) {
        continue;
      }
      EffectiveStatement effective = EffectiveStatement.of(statement, r.source);
      Set<String> vulnerabilityIds = new LinkedHashSet<>(statement.vulnerability().identifiers());
      int rk = rank;
      for (Product product : statement.products()) {
        ProductMatcher matcher = prepared.computeIfAbsent(product, ProductMatcher::of);
        List<Entry> entries = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        matcher
            .component()
            .keys(
                new ComponentMatcher.KeySink() {
                  @Override
                  public void exact(String text) {
                    add(EXACT, text, null, null, null);
                  }

                  @Override
                  public void purl(Purl purl) {
                    add(PURL, purl.baseKey(), purl, null, null);
                  }

                  @Override
                  public void exactPurl(Purl parsed, String text) {
                    add(PURL, parsed.baseKey(), null, null, text);
                  }

                  @Override
                  public void image(ImageDigest image) {
                    add(image.fromPurl() ? PURL_DIGEST : DIGEST, image.hex(), null, image, null);
                  }

                  @Override
                  public void exactImage(ImageDigest parsed, String text) {
                    add(DIGEST, parsed.hex(), null, null, text);
                  }

                  private void add(
                      int space,
                      String key,
                      @Nullable Purl purl,
                      @Nullable ImageDigest image,
                      @Nullable String exact) {
                    if (purl != null) {
                      purl.warm();
                    }
                    if (image != null) {
                      image.warm();
                    }
                    entries.add(new Entry(rk, effective, matcher, purl, image, exact));
                    keys.add(new Key("", space, key));
                  }
                });
        for (String v : vulnerabilityIds) {
          for (int i = 0; i < keys.size(); i++) {
            Key k = keys.get(i);
            lists
                .computeIfAbsent(new Key(v, k.space(), k.key()), x -> new ArrayList<>(2))
                .add(entries.get(i));
          }
        }
      }
    }
    return new MatchIndex(lists, documents.size(), all.size());
  }

  private @Nullable Slot candidates(int vulnerability, int space, String key) {
    int h = hash(vulnerability, space, key);
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int stored = hashes[i];
      if (stored == 0) {
        return null;
      }
      if (stored == h) {
        Slot slot = slots[i];
        if (slot != null
            && slot.space == space
            && slot.key.equals(key)
            && slot.vulnerability == vulnerability) {
          return slot;
        }
      }
    }
  }

  /** {@link #candidates} under a plain purl's base key, without making the key. */
  private @Nullable Slot candidates(int vulnerability, PlainPurl purl) {
    int h = hash(vulnerability, PURL, purl.baseKeyHash());
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int stored = hashes[i];
      if (stored == 0) {
        return null;
      }
      if (stored == h) {
        Slot slot = slots[i];
        if (slot != null
            && slot.space == PURL
            && purl.baseKeyEquals(slot.key)
            && slot.vulnerability == vulnerability) {
          return slot;
        }
      }
    }
  }

  /** {@link #candidates} under the key {@code text[from, to)}, without making the key. */
  private @Nullable Slot candidates(int vulnerability, int space, String text, int from, int to) {
    int keyHash = 0;
    for (int i = from; i < to; i++) {
      keyHash = 31 * keyHash + text.charAt(i);
    }
    int h = hash(vulnerability, space, keyHash);
    int length = to - from;
    for (int i = h & mask; ; i = (i + 1) & mask) {
      int stored = hashes[i];
      if (stored == 0) {
        return null;
      }
      if (stored == h) {
        Slot slot = slots[i];
        if (slot != null
            && slot.space == space
            && slot.key.length() == length
            && slot.key.regionMatches(0, text, from, length)
            && slot.vulnerability == vulnerability) {
          return slot;
        }
      }
    }
  }

  /** The latest matching statement, or null. An empty subcomponent means none. */
  public @Nullable EffectiveStatement effective(
      String product, String vulnerabilityId, @Nullable String subcomponent) {
    int vulnerability = vulnerability(vulnerabilityId);
    if (vulnerability < 0) {
      return null;
    }
    int mask = spaces[vulnerability];
    Query p = query(product);
    Query s = subcomponent == null || subcomponent.isEmpty() ? null : query(subcomponent);
    Entry best = null;
    PlainPurl plain = p.plain();
    if (plain != null) {
      // Read in place: no key strings made.
      if ((mask & 1 << PURL) != 0) {
        best = latest(candidates(vulnerability, plain), p, s, null);
      }
      if ((mask & 1 << DIGEST) != 0) {
        int hexFrom = plain.ociHexFrom();
        if (hexFrom >= 0) {
          best =
              latest(
                  candidates(vulnerability, DIGEST, plain.text(), hexFrom, plain.versionTo()),
                  p,
                  s,
                  best);
        } else {
          String hex = plain.ociHex();
          if (hex != null) {
            best = latest(candidates(vulnerability, DIGEST, hex), p, s, best);
          }
        }
      }
    } else if (p.isPurl()) {
      if ((mask & 1 << PURL) != 0) {
        best = latest(candidates(vulnerability, PURL, p.baseKey()), p, s, null);
      }
      if ((mask & 1 << DIGEST) != 0) {
        String hex = p.purlImageHex();
        if (hex != null) {
          best = latest(candidates(vulnerability, DIGEST, hex), p, s, best);
        }
      }
    } else {
      ImageDigest image = p.image();
      if (image != null) {
        if ((mask & 1 << DIGEST) != 0) {
          best = latest(candidates(vulnerability, DIGEST, image.hex()), p, s, null);
        }
        if ((mask & 1 << PURL_DIGEST) != 0) {
          best = latest(candidates(vulnerability, PURL_DIGEST, image.hex()), p, s, best);
        }
      } else if ((mask & 1 << EXACT) != 0) {
        best = latest(candidates(vulnerability, EXACT, p.text()), p, s, null);
      }
    }
    return best == null ? null : best.effective;
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

  private static @Nullable Entry latest(
      @Nullable Slot candidates, Query p, @Nullable Query s, @Nullable Entry best) {
    if (candidates == null) {
      return best;
    }
    Entry newest = candidates.newest;
    if (best != null && newest.rank <= best.rank) {
      return best;
    }
    if (newest.matches(p, s)) {
      return newest;
    }
    Entry[] entries = candidates.entries;
    for (int i = entries.length - 2; i >= 0; i--) {
      Entry e = entries[i];
      if (best != null && e.rank <= best.rank) {
        return best;
      }
      if (e.matches(p, s)) {
        return e;
      }
    }
    return best;
  }

  /** Every matching statement, oldest first. An empty subcomponent means none. */
  public List<EffectiveStatement> matches(
      String product, String vulnerabilityId, @Nullable String subcomponent) {
    int vulnerability = vulnerability(vulnerabilityId);
    if (vulnerability < 0) {
      return List.of();
    }
    Query p = query(product);
    Query s = subcomponent == null || subcomponent.isEmpty() ? null : query(subcomponent);
    TreeMap<Integer, EffectiveStatement> found = new TreeMap<>();
    if (p.isPurl()) {
      collect(candidates(vulnerability, PURL, p.baseKey()), p, s, found);
      String hex = p.purlImageHex();
      if (hex != null) {
        collect(candidates(vulnerability, DIGEST, hex), p, s, found);
      }
      return List.copyOf(found.values());
    }
    ImageDigest image = p.image();
    if (image != null) {
      collect(candidates(vulnerability, DIGEST, image.hex()), p, s, found);
      collect(candidates(vulnerability, PURL_DIGEST, image.hex()), p, s, found);
    } else {
      collect(candidates(vulnerability, EXACT, p.text()), p, s, found);
    }
    return List.copyOf(found.values());
  }

  private static void collect(
      @Nullable Slot candidates,
      Query p,
      @Nullable Query s,
      Map<Integer, EffectiveStatement> found) {
    if (candidates == null) {
      return;
    }
    for (Entry e : candidates.entries) {
      if (!found.containsKey(e.rank) && e.matches(p, s)) {
        found.put(e.rank, e.effective);
      }
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
