package dev.waterline.vex.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UniqueNamesTest {
  @Test
  void givesTheBaseThenTheFirstFreeSuffixAsSearchingFromTwoEachTimeWould() {
    Set<String> taken = new HashSet<>();
    UniqueNames names = new UniqueNames();
    List<String> given = new ArrayList<>();
    given.add(names.name("a", taken::add));
    given.add(names.name("a", taken::add));
    taken.add("a#4"); // another product's own id, taken between two of a's
    given.add(names.name("a", taken::add));
    given.add(names.name("a", taken::add));
    given.add(names.name("a#4", taken::add));
    given.add(names.name("b", taken::add));
    given.add(names.name("a", taken::add));
    assertThat(given).containsExactly("a", "a#2", "a#3", "a#5", "a#4#2", "b", "a#6");
  }

  @Test
  void aClaimThatOnlyTestsIsAskedAgainUntilTheNameIsTakenElsewhere() {
    Set<String> taken = new HashSet<>(List.of("x", "x#2"));
    UniqueNames names = new UniqueNames();
    String first = names.name("x", n -> !taken.contains(n));
    assertThat(first).isEqualTo("x#3");
    taken.add(first);
    assertThat(names.name("x", n -> !taken.contains(n))).isEqualTo("x#4");
  }
}
