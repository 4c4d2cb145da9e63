package dev.waterline.vex.formats.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Names made unique by a suffix: {@code base}, else {@code base#2}, {@code base#3}, … the first one
 * free. Names are only ever taken, never given back, so the first free suffix of a base is past the
 * last one given for it: that is where the search starts. Searching from 2 each time made the k-th
 * product of one name cost k lookups (16 s to write 20,000 products that share an id).
 */
final class UniqueNames {
  private final Map<String, Integer> next = new HashMap<>();

  /**
   * The first of {@code base}, {@code base#2}, {@code base#3}, … that {@code claim} takes ({@code
   * claim} says whether a name is free, and may take it as it says so).
   */
  String name(String base, Predicate<String> claim) {
    if (claim.test(base)) {
      return base;
    }
    int n = next.getOrDefault(base, 2);
    String name = base + "#" + n;
    while (!claim.test(name)) {
      n++;
      name = base + "#" + n;
    }
    next.put(base, n + 1);
    return name;
  }
}
