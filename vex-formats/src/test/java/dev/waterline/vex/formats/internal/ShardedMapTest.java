package dev.waterline.vex.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShardedMapTest {
  @Test
  void answersAsAHashMapThroughGrowthPastManyShards() {
    ShardedMap<String, Integer> sharded = ShardedMap.withExpectedSize(0);
    Map<String, Integer> plain = new HashMap<>();
    SplittableRandom random = new SplittableRandom(14);
    for (int i = 0; i < 300_000; i++) {
      String key = "pkg:npm/p" + random.nextInt(200_000) + "@1";
      int op = random.nextInt(3);
      if (op == 0) {
        assertThat(sharded.put(key, i)).isEqualTo(plain.put(key, i));
      } else if (op == 1) {
        assertThat(sharded.putIfAbsent(key, i)).isEqualTo(plain.putIfAbsent(key, i));
      } else {
        assertThat(sharded.get(key)).isEqualTo(plain.get(key));
      }
    }
    assertThat(sharded.size()).isEqualTo(plain.size()).isGreaterThan(100_000);
    for (Map.Entry<String, Integer> e : plain.entrySet()) {
      assertThat(sharded.get(e.getKey())).isEqualTo(e.getValue());
    }
    assertThat(sharded.get("pkg:npm/absent@1")).isNull();
    assertThat(sharded.get(null)).isNull();
    List<Integer> values = new ArrayList<>();
    sharded.values().forEach(values::add);
    List<Integer> expected = new ArrayList<>(plain.values());
    // Sorted and compared, as AssertJ's containsExactlyInAnyOrder is quadratic (40 s here).
    values.sort(null);
    expected.sort(null);
    assertThat(values.equals(expected)).as("the same values").isTrue();
  }

  @Test
  void noShardHoldsMoreThanItsLimitSoNoTableIsHumongous() {
    ShardedMap<String, Boolean> grown = ShardedMap.withExpectedSize(0);
    ShardedMap<String, Boolean> presized = ShardedMap.withExpectedSize(200_000);
    for (int i = 0; i < 200_000; i++) {
      assertThat(grown.add("ref-" + i, Boolean.TRUE)).isTrue();
      assertThat(presized.add("ref-" + i, Boolean.TRUE)).isTrue();
    }
    assertThat(grown.add("ref-7", Boolean.TRUE)).isFalse();
    // A shard at its limit still has a table of 32,768 slots: past it, the shards double.
    assertThat(grown.largestShard()).isLessThanOrEqualTo(ShardedMap.SHARD_LIMIT);
    assertThat(presized.largestShard()).isLessThanOrEqualTo(ShardedMap.SHARD_LIMIT);
    assertThat(grown.size()).isEqualTo(200_000);
  }

  @Test
  void aPresizedIdentityMapKeepsToHalfTheLimitAndTellsEqualKeysApart() {
    ShardedMap<String, Integer> presized = ShardedMap.identity(100_000);
    List<String> keys = new ArrayList<>();
    int replaced = 0;
    for (int i = 0; i < 100_000; i++) {
      String key = "id-" + (i / 2);
      keys.add(key);
      replaced += presized.put(key, i) == null ? 0 : 1;
    }
    assertThat(replaced).isZero();
    assertThat(presized.size()).isEqualTo(100_000);
    assertThat(presized.largestShard()).isLessThanOrEqualTo(ShardedMap.SHARD_LIMIT / 2);
    List<Integer> found = new ArrayList<>();
    for (String key : keys) {
      found.add(presized.get(key));
    }
    assertThat(found).isSortedAccordingTo(Integer::compare).hasSize(100_000).doesNotContainNull();
    assertThat(found.get(99_999)).isEqualTo(99_999);
    assertThat(presized.get(new String("id-0"))).isNull();
  }

  @Test
  void identityMapTellsEqualKeysApartAndKeepsToHalfTheLimit() {
    ShardedMap<String, Integer> sharded = ShardedMap.identity();
    IdentityHashMap<String, Integer> plain = new IdentityHashMap<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 60_000; i++) {
      // Two distinct instances of each text.
      String key = "id-" + (i / 2);
      keys.add(key);
      assertThat(sharded.put(key, i)).isNull();
      plain.put(key, i);
    }
    assertThat(sharded.size()).isEqualTo(60_000);
    for (String key : keys) {
      assertThat(sharded.get(key)).isEqualTo(plain.get(key));
    }
    assertThat(sharded.get("id-" + Integer.toString(0))).isNull();
    assertThat(sharded.limit()).isEqualTo(ShardedMap.SHARD_LIMIT / 2);
    assertThat(sharded.largestShard()).isLessThanOrEqualTo(sharded.limit());
  }
}
