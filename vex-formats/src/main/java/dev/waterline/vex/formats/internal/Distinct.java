package dev.waterline.vex.formats.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Distinct elements in first-appearance order, searched as a list while there are a few and through
 * a set past that. Most product lists in a VEX document name one or two products, where a {@code
 * LinkedHashSet} costs more than it saves; a vendor's can name thousands, where searching the list
 * before each add would be quadratic.
 */
final class Distinct<T> {
  private static final int LIST_SEARCHED_UP_TO = 8;

  private final List<T> list = new ArrayList<>(4);
  private @Nullable Set<T> set;

  /** Adds {@code element} unless it is here already; true if it was added. */
  boolean add(T element) {
    Set<T> have = set;
    if (have == null) {
      if (list.contains(element)) {
        return false;
      }
      list.add(element);
      if (list.size() > LIST_SEARCHED_UP_TO) {
        set = new HashSet<>(list);
      }
      return true;
    }
    if (have.add(element)) {
      list.add(element);
      return true;
    }
    return false;
  }

  /** The elements in the order they were first added (the live list: not to be changed). */
  List<T> list() {
    return list;
  }
}
