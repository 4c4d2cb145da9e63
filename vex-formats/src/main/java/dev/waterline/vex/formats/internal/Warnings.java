package dev.waterline.vex.formats.internal;

import dev.waterline.vex.formats.ConversionWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** Collects conversion warnings in the order they are found. */
final class Warnings {
  private final List<ConversionWarning> list = new ArrayList<>();

  void add(String pointer, String message) {
    list.add(new ConversionWarning(pointer, message));
  }

  /** One warning listing members that have no place in the target, when there are any. */
  void notCarried(String pointer, List<String> members, String target) {
    if (members.isEmpty()) {
      return;
    }
    StringJoiner j = new StringJoiner(", ");
    members.forEach(j::add);
    add(pointer, "not carried by " + target + ": " + j);
  }

  List<ConversionWarning> list() {
    return list;
  }
}
