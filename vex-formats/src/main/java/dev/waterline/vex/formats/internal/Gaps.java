package dev.waterline.vex.formats.internal;

import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.formats.ConversionWarning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What OpenVEX requires and a CSAF or CycloneDX document read did not say, filled in with fixed
 * values, each warned: so that what is read from another dialect is a valid OpenVEX document, and
 * can be merged, attested or written as OpenVEX like one.
 *
 * <ul>
 *   <li>a {@code not_affected} statement with neither justification nor impact statement (a
 *       CycloneDX {@code not_affected} or {@code false_positive} without justification or detail)
 *       gets the impact statement {@link #NO_IMPACT_TEXT};
 *   <li>an {@code affected} statement without an action statement (CycloneDX {@code exploitable}
 *       without recommendation, detail or response; a CSAF {@code known_affected} product without a
 *       remediation, as in a security advisory) gets the action statement {@link #NO_ACTION_TEXT};
 *   <li>a document without an author gets {@link #UNKNOWN_AUTHOR}; without a timestamp, the epoch
 *       (so that its statements without a time of their own stay the oldest, as they were); without
 *       an {@code @id}, go-vex's canonical id of what was read.
 * </ul>
 *
 * <p>The writers leave the two texts out where the dialect needs no such statement (CycloneDX) or
 * write them as they write the absence (CSAF), so a document converted to OpenVEX and back is
 * written as it was.
 */
final class Gaps {
  /** The impact statement of a {@code not_affected} statement that gave no reason. */
  static final String NO_IMPACT_TEXT = "No impact statement was given.";

  /** The action statement of an {@code affected} statement that gave no action. */
  static final String NO_ACTION_TEXT = "No action statement was given.";

  /** The author of a document that names none. */
  static final String UNKNOWN_AUTHOR = "Unknown Author";

  private Gaps() {}

  /**
   * The reading with its gaps filled and warned.
   *
   * @param documentPointer where in the input the document's metadata is ({@code /metadata}, {@code
   *     /document})
   */
  static Reading fill(Reading r, String documentPointer) {
    VexDocument doc = r.document;
    Warnings warnings = new Warnings();
    List<Statement> statements = null;
    for (int i = 0; i < doc.statements().size(); i++) {
      Statement s = doc.statements().get(i);
      Statement filled = fill(s, r.statementPointers.get(i), warnings);
      if (filled == null) {
        continue;
      }
      if (statements == null) {
        statements = new ArrayList<>(doc.statements());
      }
      statements.set(i, filled);
    }
    boolean noAuthor = doc.author().isBlank();
    boolean noTime = doc.timestamp().isEmpty();
    if (statements == null && !noAuthor && !noTime && doc.id().isPresent()) {
      return r;
    }
    VexDocument.Builder b = doc.toBuilder();
    if (statements != null) {
      b.statements(statements);
    }
    if (noAuthor) {
      b.author(UNKNOWN_AUTHOR);
      warnings.add(
          documentPointer,
          "the document names no author: OpenVEX needs one, '" + UNKNOWN_AUTHOR + "' is read");
    }
    if (noTime) {
      b.timestamp(Instant.EPOCH);
      warnings.add(
          documentPointer,
          "the document has no timestamp: OpenVEX needs one, "
              + Instant.EPOCH
              + " is read (so its statements without a time of their own stay the oldest)");
    }
    VexDocument filled = b.buildLenient();
    if (doc.id().isEmpty()) {
      filled = filled.withId(filled.canonicalId());
      warnings.add(
          documentPointer,
          "the document has no id: OpenVEX needs an @id, go-vex's canonical id "
              + filled.id().orElseThrow()
              + " is read");
    }
    List<ConversionWarning> all = new ArrayList<>(r.warnings);
    all.addAll(warnings.list());
    return new Reading(r.format, r.yaml, filled, all, r.statementPointers, r.fieldPointers);
  }

  /** The statement filled in, or null when it has no gap. */
  private static @Nullable Statement fill(Statement s, String pointer, Warnings warnings) {
    if (s.status() == Status.NOT_AFFECTED
        && s.justification().isEmpty()
        && s.impactStatement().isEmpty()) {
      warnings.add(
          pointer,
          "not_affected with neither a justification nor an impact statement: OpenVEX needs one,"
              + " the impact statement '"
              + NO_IMPACT_TEXT
              + "' is read");
      return s.toBuilder().impactStatement(NO_IMPACT_TEXT).buildLenient();
    }
    if (s.status() == Status.AFFECTED && s.actionStatement().isEmpty()) {
      warnings.add(
          pointer,
          "affected without an action statement: OpenVEX needs one, the action statement '"
              + NO_ACTION_TEXT
              + "' is read");
      return s.toBuilder().actionStatement(NO_ACTION_TEXT).buildLenient();
    }
    return null;
  }
}
