package dev.waterline.vex.workflow;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.VexDocument;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What applying decisions did to the document about one image (or other product). Immutable.
 *
 * <ul>
 *   <li>{@link #added()}: statements added because they change the effective status or its reasons;
 *   <li>{@link #history()}: statements added for decisions older than the current one for the same
 *       vulnerability and subcomponent (recorded, the effective status unchanged);
 *   <li>{@link #unchanged()}: decisions already in the document, or that repeat the current status
 *       and reasons.
 * </ul>
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class ImageUpdate {
  private final String product;
  private final String fileName;
  private final VexDocument document;
  private final int previousVersion;
  private final int added;
  private final int history;
  private final int unchanged;

  /**
   * Creates the record of one document's update.
   *
   * @param previousVersion the version before, or 0 when the document is new
   */
  public ImageUpdate(
      String product,
      String fileName,
      VexDocument document,
      int previousVersion,
      int added,
      int history,
      int unchanged) {
    this.product = Objects.requireNonNull(product, "product");
    this.fileName = Objects.requireNonNull(fileName, "fileName");
    this.document = Objects.requireNonNull(document, "document");
    this.previousVersion = previousVersion;
    this.added = added;
    this.history = history;
    this.unchanged = unchanged;
  }

  /** The product the document is about. */
  public String product() {
    return product;
  }

  /** The document's stable file name ({@link Decisions#fileName(String)}). */
  public String fileName() {
    return fileName;
  }

  /** The document after the update (the same one when nothing changed). */
  public VexDocument document() {
    return document;
  }

  /** The version before the update, 0 when the document is new. */
  public int previousVersion() {
    return previousVersion;
  }

  /** Statements added that change the effective status or its reasons. */
  public int added() {
    return added;
  }

  /** Statements added as history (older than the current decision). */
  public int history() {
    return history;
  }

  /** Decisions that changed nothing. */
  public int unchanged() {
    return unchanged;
  }

  /** Whether the document is new. */
  public boolean created() {
    return previousVersion == 0;
  }

  /** Whether the document changed (a new version was made). */
  public boolean changed() {
    return added + history > 0;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ImageUpdate)) {
      return false;
    }
    ImageUpdate u = (ImageUpdate) o;
    return product.equals(u.product)
        && fileName.equals(u.fileName)
        && document.equals(u.document)
        && previousVersion == u.previousVersion
        && added == u.added
        && history == u.history
        && unchanged == u.unchanged;
  }

  @Override
  public int hashCode() {
    return Objects.hash(product, fileName, document, previousVersion, added, history, unchanged);
  }

  @Override
  public String toString() {
    return fileName
        + ": "
        + (created()
            ? "new, version " + document.version()
            : changed()
                ? "version " + previousVersion + " -> " + document.version()
                : "unchanged, version " + document.version())
        + " (added "
        + added
        + ", history "
        + history
        + ", unchanged "
        + unchanged
        + ")";
  }
}
