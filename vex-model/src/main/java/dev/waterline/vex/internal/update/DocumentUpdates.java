package dev.waterline.vex.internal.update;

import dev.waterline.vex.Statement;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * vexctl-style updates of documents (vexctl internal/cmd/add.go, read for behaviour): adding
 * statements keeps the document's {@code @id}, bumps its version, sets {@code last_updated}, and
 * writes the inherited time into every statement that relied on it, so that the untouched
 * statements keep their meaning (OpenVEX spec, "Updating Statements with Inherited Data").
 */
public final class DocumentUpdates {
  private DocumentUpdates() {}

  /**
   * Adds statements as {@code vexctl add} does.
   *
   * <ul>
   *   <li>each new statement gets {@code timestamp = now} unless it has its own;
   *   <li>that time must not predate the document's {@code timestamp} or {@code last_updated}, nor
   *       any existing statement's {@code timestamp} or {@code last_updated}; neither may {@code
   *       now};
   *   <li>every existing statement without a timestamp gets the document's last date ({@code
   *       last_updated}, else {@code timestamp}) written into it; when the document has neither,
   *       they stay without one;
   *   <li>the document gets {@code last_updated = now} (and {@code timestamp = now} when it had
   *       none), {@code version + 1}, the same {@code @id}.
   * </ul>
   *
   * @throws VexException when no statement is given, or a time predates the document, naming both
   *     times and the statement
   */
  public static VexDocument add(VexDocument doc, List<Statement> statements, Instant now) {
    if (statements.isEmpty()) {
      throw new VexException(
          "cannot add statements to document " + name(doc) + ": no statement was given");
    }
    checkNotBefore(doc, now, "the update time " + now);
    List<Statement> added = new ArrayList<>(statements.size());
    for (int i = 0; i < statements.size(); i++) {
      Statement s = statements.get(i);
      Instant t = s.timestamp().orElse(now);
      checkNotBefore(
          doc,
          t,
          "new statement #"
              + i
              + " ("
              + s
              + ") with time "
              + t
              + (s.timestamp().isPresent() ? "" : " (now)"));
      added.add(s.timestamp().isPresent() ? s : s.withTimestamp(now));
    }
    @Nullable Instant lastDate = doc.lastUpdated().or(doc::timestamp).orElse(null);
    List<Statement> all = new ArrayList<>(doc.statements().size() + added.size());
    for (Statement s : doc.statements()) {
      all.add(s.timestamp().isEmpty() && lastDate != null ? s.withTimestamp(lastDate) : s);
    }
    all.addAll(added);
    VexDocument.Builder b =
        doc.toBuilder().statements(all).lastUpdated(now).version(doc.version() + 1);
    if (doc.timestamp().isEmpty()) {
      b.timestamp(now);
    }
    return b.buildLenient();
  }

  private static void checkNotBefore(VexDocument doc, Instant t, String what) {
    if (doc.timestamp().isPresent() && t.isBefore(doc.timestamp().get())) {
      throw predates(doc, what, "the document's timestamp " + doc.timestamp().get());
    }
    if (doc.lastUpdated().isPresent() && t.isBefore(doc.lastUpdated().get())) {
      throw predates(doc, what, "the document's last_updated " + doc.lastUpdated().get());
    }
    List<Statement> existing = doc.statements();
    for (int i = 0; i < existing.size(); i++) {
      Statement s = existing.get(i);
      if (s.timestamp().isPresent() && t.isBefore(s.timestamp().get())) {
        throw predates(
            doc,
            what,
            "the timestamp " + s.timestamp().get() + " of statement #" + i + " (" + s + ")");
      }
      if (s.lastUpdated().isPresent() && t.isBefore(s.lastUpdated().get())) {
        throw predates(
            doc,
            what,
            "the last_updated " + s.lastUpdated().get() + " of statement #" + i + " (" + s + ")");
      }
    }
  }

  private static VexException predates(VexDocument doc, String what, String other) {
    return new VexException(
        "cannot add to document " + name(doc) + ": " + what + " predates " + other);
  }

  private static String name(VexDocument doc) {
    return doc.id().orElse("(no @id)");
  }
}
