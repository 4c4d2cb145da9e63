package dev.waterline.vex.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistinctTest {
  @Test
  void keepsEachElementOnceInFirstAppearanceOrderBeforeAndAfterItTurnsToASet() {
    SplittableRandom random = new SplittableRandom(7);
    for (int size : new int[] {0, 1, 8, 9, 10, 50, 5_000}) {
      Distinct<String> distinct = new Distinct<>();
      LinkedHashSet<String> expected = new LinkedHashSet<>();
      List<Boolean> added = new ArrayList<>();
      List<Boolean> expectedAdded = new ArrayList<>();
      for (int i = 0; i < size * 3; i++) {
        String e = "p" + random.nextInt(Math.max(1, size));
        added.add(distinct.add(e));
        expectedAdded.add(expected.add(e));
      }
      assertThat(distinct.list()).as("size %d", size).containsExactlyElementsOf(expected);
      assertThat(added).as("size %d", size).isEqualTo(expectedAdded);
    }
  }
}
