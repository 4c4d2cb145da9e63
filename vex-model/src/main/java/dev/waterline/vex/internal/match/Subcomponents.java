package dev.waterline.vex.internal.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The subcomponents of an indexed product, asked whether any of them matches a query.
 *
 * <p>A few are tried one by one. Past {@value #INDEXED_FROM}, they are filed by their {@linkplain
 * ComponentMatcher#overlapKeys overlap keys}, and a query tries only those that share one of its
 * own ({@link Query#overlapKeys}): a vendor statement that names 50,000 packages of an image as
 * subcomponents, asked about each of a scan's 50,000 findings, took 34 seconds of triage trying
 * every one of them for every finding. The answer is the same: a matching subcomponent shares a key
 * with the query.
 */
final class Subcomponents {
  /** Subcomponent lists at least this long are filed by key. */
  static final int INDEXED_FROM = 16;

  private final ComponentMatcher[] all;
  private final @Nullable Map<String, ComponentMatcher[]> byKey;

  Subcomponents(ComponentMatcher[] all) {
    this.all = all;
    this.byKey = all.length < INDEXED_FROM ? null : file(all);
  }

  private static Map<String, ComponentMatcher[]> file(ComponentMatcher[] all) {
    Map<String, List<ComponentMatcher>> lists = new HashMap<>();
    for (ComponentMatcher m : all) {
      m.overlapKeys(
          key -> {
            List<ComponentMatcher> list = lists.computeIfAbsent(key, k -> new ArrayList<>(1));
            // A component gives a key once or, through several of its values, again in a row.
            if (list.isEmpty() || list.get(list.size() - 1) != m) {
              list.add(m);
            }
          });
    }
    Map<String, ComponentMatcher[]> byKey = new HashMap<>(2 * lists.size());
    lists.forEach((k, v) -> byKey.put(k, v.toArray(new ComponentMatcher[0])));
    return byKey;
  }

  /** Whether one of the subcomponents matches {@code query}. */
  boolean anyMatches(Query query) {
    Map<String, ComponentMatcher[]> index = byKey;
    if (index == null) {
      for (ComponentMatcher m : all) {
        if (m.matches(query)) {
          return true;
        }
      }
      return false;
    }
    for (String key : query.overlapKeys()) {
      ComponentMatcher[] candidates = index.get(key);
      if (candidates != null) {
        for (ComponentMatcher m : candidates) {
          if (m.matches(query)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Subcomponents" + Arrays.toString(all);
  }
}
