package dev.waterline.vex.formats.internal;

import dev.waterline.vex.formats.ConversionWarning;
import java.util.List;

/** What a writer produced: the bytes and the warnings. */
final class Writing {
  final byte[] bytes;
  final List<ConversionWarning> warnings;

  Writing(byte[] bytes, List<ConversionWarning> warnings) {
    this.bytes = bytes;
    this.warnings = List.copyOf(warnings);
  }
}
