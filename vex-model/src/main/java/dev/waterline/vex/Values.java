package dev.waterline.vex;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Small helpers shared by the value classes of this package. */
final class Values {
  private Values() {}

  static <T> List<T> list(List<T> values, String what) {
    Objects.requireNonNull(values, what);
    if (values.isEmpty()) {
      return List.of();
    }
    List<T> copy = new ArrayList<>(values.size());
    for (T value : values) {
      copy.add(Objects.requireNonNull(value, () -> what + " must not contain null"));
    }
    return Collections.unmodifiableList(copy);
  }

  static Map<String, String> map(Map<String, String> values, String what) {
    Objects.requireNonNull(values, what);
    if (values.isEmpty()) {
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>();
    values.forEach(
        (k, v) ->
            copy.put(
                Objects.requireNonNull(k, () -> what + " must not have a null key"),
                Objects.requireNonNull(v, () -> what + " must not have a null value")));
    return Collections.unmodifiableMap(copy);
  }

  /** {@code null} for null or blank text, so that empty strings never reach the model. */
  static @Nullable String text(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  static String requireText(@Nullable String value, String what) {
    if (value == null || value.isBlank()) {
      throw new VexException(what + " must not be empty");
    }
    return value;
  }

  static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
