package dev.waterline.vex.internal.match;

import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.VexDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The effective-status index behind {@link dev.waterline.vex.VexIndex}.
 *
 * <p>Every statement gets a rank: statements are ordered by time (the statement's timestamp, else
 * its document's; no time at all is the oldest), then by the document's position in the input, then
 * by the statement's position in its document. The effective statement is the matching one with the
 * highest rank.
 *
 * <p>Statements are filed by every identifier of their vulnerability (name, {@code @id}, aliases)
 * and, below that, by keys of each product: its exact strings ({@code @id}, identifier and hash
 * values), the normalised {@code type/namespace/name} of its purls, and the hex of its image
 * digests. A query computes the same keys for the product it asks about, walks each candidate list
 * (sorted by rank) from the newest end and stops at the first statement that really matches (the
 * full rules of {@link ProductMatcher}), or as soon as the list is older than the best match found.
 */
public final class MatchIndex {
  private static final Entry[] NONE = new Entry[0];

  private final Map<String, Bucket> byVulnerability;
  private final int documents;
  private final int statements;

  private MatchIndex(Map<String, Bucket> byVulnerability, int documents, int statements) {
    this.byVulnerability = byVulnerability;
    this.documents = documents;
    this.statements = statements;
  }

  /** One product of one statement under one key. */
  private static final class Entry {
    final int rank;
    final EffectiveStatement effective;
    final ProductMatcher product;

    Entry(int rank, EffectiveStatement effective, ProductMatcher product) {
      this.rank = rank;
      this.effective = effective;
      this.product = product;
    }
  }

  /** The candidates for one vulnerability identifier. */
  private static final class Bucket {
    final Map<String, Entry[]> exact;
    final Map<String, Entry[]> purl;
    final Map<String, Entry[]> digest;

    Bucket(Map<String, Entry[]> exact, Map<String, Entry[]> purl, Map<String, Entry[]> digest) {
      this.exact = exact;
      this.purl = purl;
      this.digest = digest;
    }
  }

  private static final class BucketBuilder {
    final Map<String, List<Entry>> exact = new HashMap<>();
    final Map<String, List<Entry>> purl = new HashMap<>();
    final Map<String, List<Entry>> digest = new HashMap<>();

    Bucket build() {
      return new Bucket(freeze(exact), freeze(purl), freeze(digest));
    }

    private static Map<String, Entry[]> freeze(Map<String, List<Entry>> lists) {
      Map<String, Entry[]> out = new HashMap<>(lists.size() * 4 / 3 + 1);
      lists.forEach((k, v) -> out.put(k, v.toArray(NONE)));
      return out;
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

  /** Indexes documents; their order breaks ties on time (later wins). */
  public static MatchIndex build(List<VexDocument> documents) {
    List<Ranked> all = new ArrayList<>();
    for (int d = 0; d < documents.size(); d++) {
      VexDocument doc = documents.get(d);
      List<Statement> list = doc.statements();
      for (int s = 0; s < list.size(); s++) {
        all.add(new Ranked(d, s, list.get(s), doc));
      }
    }
    all.sort(ORDER);
    Map<String, BucketBuilder> buckets = new HashMap<>();
    Map<Product, ProductMatcher> prepared = new HashMap<>();
    for (int rank = 0; rank < all.size(); rank++) {
      Ranked r = all.get(rank);
      Statement statement = r.statement;
      if (statement.products().isEmpty()) {
        continue;
      }
      EffectiveStatement effective = EffectiveStatement.of(statement, r.source);
      Set<String> vulnerabilityIds = new LinkedHashSet<>(statement.vulnerability().identifiers());
      for (Product product : statement.products()) {
        ProductMatcher matcher = prepared.computeIfAbsent(product, ProductMatcher::of);
        Entry entry = new Entry(rank, effective, matcher);
        for (String v : vulnerabilityIds) {
          BucketBuilder b = buckets.computeIfAbsent(v, k -> new BucketBuilder());
          matcher
              .component()
              .keys(
                  k -> append(b.exact, k, entry),
                  k -> append(b.purl, k, entry),
                  k -> append(b.digest, k, entry));
        }
      }
    }
    Map<String, Bucket> frozen = new HashMap<>(buckets.size() * 4 / 3 + 1);
    buckets.forEach((k, v) -> frozen.put(k, v.build()));
    return new MatchIndex(frozen, documents.size(), all.size());
  }

  private static void append(Map<String, List<Entry>> map, String key, Entry entry) {
    List<Entry> list = map.computeIfAbsent(key, k -> new ArrayList<>(2));
    // A product may yield the same key twice (e.g. its @id and its purl identifier).
    if (list.isEmpty() || list.get(list.size() - 1) != entry) {
      list.add(entry);
    }
  }

  /** The latest matching statement, or null. An empty subcomponent means none. */
  public @Nullable EffectiveStatement effective(
      String product, String vulnerability, @Nullable String subcomponent) {
    Bucket bucket = byVulnerability.get(vulnerability);
    if (bucket == null) {
      return null;
    }
    Query p = Query.of(product);
    Query s = Matching.subQuery(subcomponent);
    Entry best = latest(bucket.exact.get(p.text()), p, s, null);
    Purl purl = p.purl();
    if (purl != null) {
      best = latest(bucket.purl.get(purl.baseKey()), p, s, best);
    }
    ImageDigest image = p.image();
    if (image != null) {
      best = latest(bucket.digest.get(image.hex()), p, s, best);
    }
    return best == null ? null : best.effective;
  }

  private static @Nullable Entry latest(
      Entry @Nullable [] candidates, Query p, @Nullable Query s, @Nullable Entry best) {
    if (candidates == null) {
      return best;
    }
    for (int i = candidates.length - 1; i >= 0; i--) {
      Entry e = candidates[i];
      if (best != null && e.rank <= best.rank) {
        return best;
      }
      if (e.product.matches(p, s)) {
        return e;
      }
    }
    return best;
  }

  /** Every matching statement, oldest first. An empty subcomponent means none. */
  public List<EffectiveStatement> matches(
      String product, String vulnerability, @Nullable String subcomponent) {
    Bucket bucket = byVulnerability.get(vulnerability);
    if (bucket == null) {
      return List.of();
    }
    Query p = Query.of(product);
    Query s = Matching.subQuery(subcomponent);
    TreeMap<Integer, EffectiveStatement> found = new TreeMap<>();
    collect(bucket.exact.get(p.text()), p, s, found);
    Purl purl = p.purl();
    if (purl != null) {
      collect(bucket.purl.get(purl.baseKey()), p, s, found);
    }
    ImageDigest image = p.image();
    if (image != null) {
      collect(bucket.digest.get(image.hex()), p, s, found);
    }
    return List.copyOf(found.values());
  }

  private static void collect(
      Entry @Nullable [] candidates,
      Query p,
      @Nullable Query s,
      Map<Integer, EffectiveStatement> found) {
    if (candidates == null) {
      return;
    }
    for (Entry e : candidates) {
      if (!found.containsKey(e.rank) && e.product.matches(p, s)) {
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
