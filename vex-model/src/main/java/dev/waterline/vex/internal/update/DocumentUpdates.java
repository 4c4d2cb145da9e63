package dev.waterline.vex.internal.update;

import dev.waterline.vex.Statement;
import dev.waterline.vex.VexDocument;
import java.time.Instant;
import java.util.List;

/** vexctl-style updates of documents. */
public final class DocumentUpdates {
  private DocumentUpdates() {}

  /** Adds statements as {@code vexctl add} does. */
  public static VexDocument add(VexDocument doc, List<Statement> statements, Instant now) {
    throw new UnsupportedOperationException("not implemented yet: " + doc + statements + now);
  }
}
