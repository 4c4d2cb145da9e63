package dev.waterline.vex.internal.canonical;

import dev.waterline.vex.VexDocument;

/** RFC 8785 canonical JSON and go-vex's canonical hash and ID. */
public final class CanonicalForms {
  private CanonicalForms() {}

  /** RFC 8785 canonical JSON of a document. */
  public static byte[] rfc8785(VexDocument doc) {
    throw new UnsupportedOperationException("not implemented yet: " + doc);
  }

  /** go-vex's canonical hash. */
  public static String goVexHash(VexDocument doc) {
    throw new UnsupportedOperationException("not implemented yet: " + doc);
  }

  /** go-vex's canonical ID. */
  public static String goVexId(VexDocument doc) {
    return "https://openvex.dev/docs/public/vex-" + goVexHash(doc);
  }
}
