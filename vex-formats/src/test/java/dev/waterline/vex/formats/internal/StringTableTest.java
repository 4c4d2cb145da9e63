package dev.waterline.vex.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StringTableTest {
  private static String get(StringTable table, String value) {
    // the value somewhere inside a larger buffer, as the parser hands it over
    char[] buf = ("<<" + value + ">>").toCharArray();
    return table.get(buf, 2, value.length());
  }

  @Test
  void equalValuesAreOneInstance() {
    StringTable table = new StringTable();
    String first = get(table, "pkg:npm/%40babel/core@7.0.0");
    String second = get(table, "pkg:npm/%40babel/core@7.0.0");
    assertThat(second).isEqualTo("pkg:npm/%40babel/core@7.0.0").isSameAs(first);
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void differentValuesStayDifferent() {
    StringTable table = new StringTable();
    assertThat(get(table, "ab")).isEqualTo("ab");
    assertThat(get(table, "ba")).isEqualTo("ba");
    assertThat(get(table, "abc")).isEqualTo("abc");
    assertThat(get(table, "")).isEmpty();
    assertThat(get(table, "é✓\uD83D\uDE00")).isEqualTo("é✓\uD83D\uDE00");
    assertThat(table.size()).isEqualTo(5);
  }

  @Test
  void manyValuesSurviveGrowthAndKeepTheirInstances() {
    StringTable table = new StringTable();
    List<String> firsts = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      firsts.add(get(table, "pkg:generic/component-" + i + "@1." + (i % 7)));
    }
    for (int i = 0; i < 100_000; i++) {
      String again = get(table, "pkg:generic/component-" + i + "@1." + (i % 7));
      assertThat(again).isEqualTo(firsts.get(i));
    }
    // nearly every value is kept (a lookup that finds no free slot within its probes gives a new
    // string, equal but not the same instance)
    assertThat(table.size()).isGreaterThan(99_000);
    long same = 0;
    for (int i = 0; i < 100_000; i++) {
      @SuppressWarnings("ReferenceEquality") // the instance is what is checked
      boolean kept = get(table, "pkg:generic/component-" + i + "@1." + (i % 7)) == firsts.get(i);
      if (kept) {
        same++;
      }
    }
    assertThat(same).isGreaterThan(99_000);
  }
}
