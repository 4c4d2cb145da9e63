package dev.waterline.vex.internal.validate;

import dev.waterline.vex.InvalidVexException;
import dev.waterline.vex.Statement;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.Validator;
import dev.waterline.vex.VexDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the builders' {@code build()} checks: the value as Waterline would write it, through the
 * same validation as {@link Validator} (rules and schema, {@link DocumentValidator}), refused with
 * an {@link InvalidVexException} when it has an error. Warnings do not refuse.
 */
public final class BuildCheck {
  /** The statement stands alone: it is checked as the only statement of a document with a time. */
  private static final String STATEMENT = "/statements/0";

  private BuildCheck() {}

  /**
   * Refuses a statement with an error; one without a timestamp is not refused for it (it inherits
   * the time of the document it is put in).
   *
   * @throws InvalidVexException when the statement has an error
   */
  public static Statement statement(Statement statement) {
    VexDocument holder =
        VexDocument.builder("builder check")
            .id("https://waterline.dev/builder-check")
            .timestamp(Instant.EPOCH)
            .statement(statement)
            .buildLenient();
    ValidationReport all =
        DocumentValidator.validate(holder.toJsonBytes(), Instant.now(), Validator.CLOCK_SKEW);
    List<ValidationFinding> own = new ArrayList<>();
    for (ValidationFinding f : all.findings()) {
      if (DocumentValidator.covers(STATEMENT, f.pointer())) {
        own.add(
            new ValidationFinding(
                f.severity(), f.pointer().substring(STATEMENT.length()), f.message()));
      }
    }
    ValidationReport report = ValidationReport.of(own);
    if (!report.errors().isEmpty()) {
      throw new InvalidVexException("statement", report);
    }
    return statement;
  }

  /**
   * Refuses a document with an error.
   *
   * @throws InvalidVexException when the document has an error
   */
  public static VexDocument document(VexDocument document) {
    ValidationReport report =
        DocumentValidator.validate(document.toJsonBytes(), Instant.now(), Validator.CLOCK_SKEW);
    if (!report.errors().isEmpty()) {
      throw new InvalidVexException("document", report);
    }
    return document;
  }
}
