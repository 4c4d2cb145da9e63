package dev.waterline.vex.formats.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A hash map for indexes of a whole document (product ids, bom-refs, components), kept in shards so
 * that no one table grows past {@value #SHARD_LIMIT} entries (half that for an identity map).
 *
 * <p>Why: one {@link HashMap} of 50,000 ids has a table of 131,072 references (512 KB), which G1
 * allocates as a humongous object straight into the old generation when its regions are 1 MB (any
 * heap under 4 GB). A table there is a root for every young collection until the next marking cycle
 * finds it dead, so after a read has returned, the ids, definitions and strings it points to are
 * still copied by each young collection and promoted, and the old generation fills with them:
 * reading the 50,000-statement benchmark documents spent about 120 ms a read in the collector, a
 * third of its time. Shards of at most {@value #SHARD_LIMIT} entries keep every table at 32,768
 * references (128 KB; 256 KB without compressed references), below the humongous threshold of the
 * smallest region size.
 *
 * <p>Not a {@link Map}: only what the readers and writers use. Iteration order is unspecified (as
 * {@link HashMap}'s), so callers must not depend on it for anything they write.
 */
final class ShardedMap<K, V> {
  /** Entries per shard before the shards double: 3/4 of a 32,768-slot table. */
  static final int SHARD_LIMIT = 24_576;

  private static final int MAX_SHARDS = 1 << 12;

  private final boolean identity;
  // An identity table holds keys and values in one array, two slots an entry: half the entries.
  private final int limit;
  private List<Map<K, V>> shards;
  private int shift;
  private int size;

  private ShardedMap(boolean identity, int expected) {
    this.identity = identity;
    this.limit = identity ? SHARD_LIMIT / 2 : SHARD_LIMIT;
    // Sized up front where the caller knows about how many entries come: growing shards and their
    // tables one doubling at a time rehashed every entry again and again (a twelfth of a CycloneDX
    // to CSAF conversion of 50,000 statements).
    int n = 1;
    while (n < MAX_SHARDS && (long) n * limit < expected) {
      n <<= 1;
    }
    this.shards = newShards(n, (int) Math.min(limit, (long) expected / n + 1));
    this.shift = 32 - Integer.numberOfTrailingZeros(n);
  }

  /** An empty map comparing keys by {@code equals}, sized for about {@code expected} entries. */
  static <K, V> ShardedMap<K, V> withExpectedSize(int expected) {
    return new ShardedMap<>(false, expected);
  }

  /** An empty map comparing keys by identity ({@code ==}), as {@link IdentityHashMap} does. */
  static <K, V> ShardedMap<K, V> identity() {
    return identity(0);
  }

  /** As {@link #identity()}, sized for about {@code expected} entries. */
  static <K, V> ShardedMap<K, V> identity(int expected) {
    return new ShardedMap<>(true, expected);
  }

  /** The entries in this map. */
  int size() {
    return size;
  }

  /** The value for {@code key}, or null (always null for a null key: none is ever held). */
  @Nullable V get(@Nullable Object key) {
    return key == null ? null : shard(key).get(key);
  }

  /** Maps {@code key} to {@code value}; returns the value it replaced, or null. */
  @Nullable V put(K key, V value) {
    return put(key, value, false);
  }

  /** Maps {@code key} to {@code value} unless it has a value; returns that value, or null. */
  @Nullable V putIfAbsent(K key, V value) {
    return put(key, value, true);
  }

  /** Adds {@code key} with {@code value} if absent; true if it was added. */
  boolean add(K key, V value) {
    return putIfAbsent(key, value) == null;
  }

  /** The values, shard after shard (order unspecified). */
  Iterable<V> values() {
    if (shards.size() == 1) {
      return shards.get(0).values();
    }
    // Concatenated lazily: a copy of every value would be one more array past the threshold.
    List<Map<K, V>> all = shards;
    return () -> all.stream().flatMap(s -> s.values().stream()).iterator();
  }

  private @Nullable V put(K key, V value, boolean onlyIfAbsent) {
    Map<K, V> shard = shard(key);
    int before = shard.size();
    V old = onlyIfAbsent ? shard.putIfAbsent(key, value) : shard.put(key, value);
    grew(shard.size() - before);
    return old;
  }

  /** The entries of the largest shard (for tests: no shard should pass the limit). */
  int largestShard() {
    int most = 0;
    for (Map<K, V> s : shards) {
      most = Math.max(most, s.size());
    }
    return most;
  }

  /** Entries a shard holds before the shards double. */
  int limit() {
    return limit;
  }

  private Map<K, V> shard(Object key) {
    if (shift == 32) {
      return shards.get(0);
    }
    int h = identity ? System.identityHashCode(key) : key.hashCode();
    return shards.get((h * 0x9E3779B9) >>> shift);
  }

  private void grew(int added) {
    size += added;
    if (added > 0 && size > (long) shards.size() * limit && shards.size() < MAX_SHARDS) {
      int n = shards.size() * 2;
      List<Map<K, V>> old = shards;
      shards = newShards(n, limit / 2);
      shift--;
      for (Map<K, V> s : old) {
        for (Map.Entry<K, V> e : s.entrySet()) {
          shard(e.getKey()).put(e.getKey(), e.getValue());
        }
      }
    }
  }

  private List<Map<K, V>> newShards(int n, int each) {
    List<Map<K, V>> out = new ArrayList<>(n);
    int capacity = (int) (each * 4L / 3 + 1);
    for (int i = 0; i < n; i++) {
      out.add(identity ? new IdentityHashMap<>(each) : new HashMap<>(capacity));
    }
    return out;
  }
}
