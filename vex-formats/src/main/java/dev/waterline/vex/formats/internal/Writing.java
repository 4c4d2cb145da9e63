package dev.waterline.vex.formats.internal;

import dev.waterline.vex.formats.ConversionWarning;
import java.util.List;

/**
 * What a writer produced: the bytes and the warnings. The bytes are this object's alone (no one
 * else holds them), so the public result takes them without a copy: an output of tens of megabytes
 * was copied four times on its way out of a conversion.
 */
public final class Writing {
  final byte[] bytes;
  final List<ConversionWarning> warnings;

  Writing(byte[] bytes, List<ConversionWarning> warnings) {
    this.bytes = bytes;
    this.warnings = List.copyOf(warnings);
  }

  /** The bytes written, not copied: the caller takes them over. */
  public byte[] bytes() {
    return bytes;
  }

  /** The warnings, each pointing into the input. */
  public List<ConversionWarning> warnings() {
    return warnings;
  }
}
