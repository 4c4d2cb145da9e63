package dev.waterline.vex.internal.update;

import dev.waterline.vex.MergeOptions;
import dev.waterline.vex.VexDocument;
import java.util.List;

/** Merging documents. */
public final class DocumentMerge {
  private DocumentMerge() {}

  /** Merges documents. */
  public static VexDocument merge(List<VexDocument> documents, MergeOptions options) {
    throw new UnsupportedOperationException("not implemented yet: " + documents + options);
  }
}
