package dev.waterline.vex.formats.internal;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.formats.ConversionWarning;
import dev.waterline.vex.formats.ReadResult;
import dev.waterline.vex.formats.VexFormat;
import java.util.List;
import java.util.Map;

/**
 * What a reader produced: the document, the warnings, and for each statement the JSON pointer of
 * where it came from in the input (so that a writer's warnings about a statement can point into the
 * input of a conversion), with the input pointers of the document fields a writer may warn about
 * ({@code /author}, {@code /role}, {@code /version}).
 */
public final class Reading {
  final VexFormat format;
  final boolean yaml;
  final VexDocument document;
  final List<ConversionWarning> warnings;
  final List<String> statementPointers;
  final Map<String, String> fieldPointers;

  Reading(
      VexFormat format,
      boolean yaml,
      VexDocument document,
      List<ConversionWarning> warnings,
      List<String> statementPointers,
      Map<String, String> fieldPointers) {
    this.format = format;
    this.yaml = yaml;
    this.document = document;
    this.warnings = List.copyOf(warnings);
    this.statementPointers = List.copyOf(statementPointers);
    this.fieldPointers = Map.copyOf(fieldPointers);
    if (statementPointers.size() != document.statements().size()) {
      throw new IllegalStateException("one source pointer per statement");
    }
  }

  /** The public form. */
  public ReadResult result() {
    return ReadResult.of(format, yaml, document, warnings);
  }

  /** The document. */
  public VexDocument document() {
    return document;
  }
}
