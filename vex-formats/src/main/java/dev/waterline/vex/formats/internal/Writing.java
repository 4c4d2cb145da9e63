package dev.waterline.vex.formats.internal;

import dev.waterline.vex.formats.ConversionWarning;
import dev.waterline.vex.internal.io.Chunks;
import java.util.List;

/**
 * What a writer produced: the document and the warnings. The document is this object's alone, held
 * in the chunks it was written in (sealed), so the public result takes it over without a copy: an
 * output of tens of megabytes was once copied four times on its way out of a conversion, and then
 * still once, from the writer's segments into one array.
 */
public final class Writing {
  final Chunks content;
  final List<ConversionWarning> warnings;

  Writing(Chunks content, List<ConversionWarning> warnings) {
    this.content = content.seal();
    this.warnings = List.copyOf(warnings);
  }

  /** The document written, not copied: the caller takes it over. */
  public Chunks content() {
    return content;
  }

  /** The warnings, each pointing into the input. */
  public List<ConversionWarning> warnings() {
    return warnings;
  }
}
