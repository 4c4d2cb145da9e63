package dev.waterline.vex.formats.internal;

import org.jspecify.annotations.Nullable;

/** Small text helpers for messages. */
final class DocumentText {
  private DocumentText() {}

  /** Text on one line: line breaks become spaces. */
  static String oneLine(@Nullable String text) {
    return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
