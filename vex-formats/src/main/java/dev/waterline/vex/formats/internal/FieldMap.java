package dev.waterline.vex.formats.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The members of a small JSON object, in input order, in two arrays: what {@link SplitTree} gives
 * an {@code ObjectNode} of at most {@value #MAX} members in place of a {@code LinkedHashMap}.
 *
 * <p>Dialect documents are mostly small objects (a relationship, a flag, an {@code analysis}), tens
 * of thousands of them, and a linked hash map (table, one entry object per member) takes about
 * twice the memory of two arrays of eight: reading 50,000 statements allocated 7–11% less with
 * these (docs/performance.md). Lookups compare the name with each member's in turn; for so few
 * members that is as fast as hashing. Larger objects get a {@code LinkedHashMap}, so no lookup is
 * ever slow.
 */
final class FieldMap extends AbstractMap<String, JsonNode> {
  /** The most members an object read by {@link SplitTree} has to have one of these. */
  static final int MAX = 8;

  private String[] names;
  private JsonNode[] values;
  private int size;
  private int modifications;

  /** The first {@code size} names and values, which the map takes over (names all different). */
  FieldMap(String[] names, JsonNode[] values, int size) {
    this.names = names;
    this.values = values;
    this.size = size;
  }

  private int indexOf(@Nullable Object name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean containsKey(@Nullable Object name) {
    return indexOf(name) >= 0;
  }

  @Override
  public @Nullable JsonNode get(@Nullable Object name) {
    int i = indexOf(name);
    return i < 0 ? null : values[i];
  }

  @Override
  public @Nullable JsonNode put(String name, JsonNode value) {
    Objects.requireNonNull(name, "name");
    int i = indexOf(name);
    if (i >= 0) {
      JsonNode before = values[i];
      values[i] = value;
      return before;
    }
    if (size == names.length) {
      int n = Math.max(4, size * 2);
      names = Arrays.copyOf(names, n);
      values = Arrays.copyOf(values, n);
    }
    names[size] = name;
    values[size] = value;
    size++;
    modifications++;
    return null;
  }

  @Override
  public @Nullable JsonNode remove(@Nullable Object name) {
    int i = indexOf(name);
    if (i < 0) {
      return null;
    }
    JsonNode before = values[i];
    removeAt(i);
    return before;
  }

  private void removeAt(int i) {
    int tail = size - i - 1;
    System.arraycopy(names, i + 1, names, i, tail);
    System.arraycopy(values, i + 1, values, i, tail);
    size--;
    names[size] = null;
    values[size] = null;
    modifications++;
  }

  @Override
  public void clear() {
    Arrays.fill(names, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
    modifications++;
  }

  @Override
  public Set<Map.Entry<String, JsonNode>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Map.Entry<String, JsonNode>> iterator() {
        return new Members();
      }
    };
  }

  /** The members in order; {@code remove} and {@code setValue} write through. */
  private final class Members implements Iterator<Map.Entry<String, JsonNode>> {
    private int next;
    private int last = -1;
    private int expected = modifications;

    @Override
    public boolean hasNext() {
      return next < size;
    }

    @Override
    public Map.Entry<String, JsonNode> next() {
      if (expected != modifications) {
        throw new ConcurrentModificationException();
      }
      if (next >= size) {
        throw new NoSuchElementException();
      }
      last = next++;
      int at = last;
      return new SimpleEntry<>(names[at], values[at]) {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonNode setValue(JsonNode value) {
          values[at] = value;
          return super.setValue(value);
        }
      };
    }

    @Override
    public void remove() {
      if (last < 0) {
        throw new IllegalStateException("next() first");
      }
      if (expected != modifications) {
        throw new ConcurrentModificationException();
      }
      removeAt(last);
      next = last;
      last = -1;
      expected = modifications;
    }
  }
}
