package dev.waterline.vex.internal.canonical;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;

/** RFC 8785 canonical JSON and go-vex's canonical hash and ID. */
public final class CanonicalForms {
  private CanonicalForms() {}

  /** The namespace go-vex puts canonical IDs in. */
  public static final String GO_VEX_ID_PREFIX = "https://openvex.dev/docs/public/vex-";

  /**
   * RFC 8785 canonical JSON of a document's OpenVEX JSON form (absent and empty optional fields
   * left out, times as RFC 3339 UTC, unknown fields included).
   *
   * @throws VexException when an unknown field is not valid JSON or holds a value JCS cannot write
   *     (a number outside the double range, a lone surrogate)
   */
  public static byte[] rfc8785(VexDocument doc) {
    return Jcs.canonicalize(DocumentTree.of(doc));
  }

  /**
   * go-vex's canonical hash (lowercase hex SHA-256).
   *
   * @throws VexException when the document has no timestamp
   */
  public static String goVexHash(VexDocument doc) {
    return GoVexHash.hash(doc);
  }

  /**
   * The string go-vex hashes for {@link #goVexHash(VexDocument)}, for tests and diagnostics.
   *
   * @throws VexException when the document has no timestamp
   */
  public static String goVexPreimage(VexDocument doc) {
    return GoVexHash.preimage(doc);
  }

  /**
   * go-vex's canonical ID: {@code https://openvex.dev/docs/public/vex-<canonical hash>}.
   *
   * @throws VexException when the document has no timestamp
   */
  public static String goVexId(VexDocument doc) {
    return GO_VEX_ID_PREFIX + goVexHash(doc);
  }

  /** Lowercase hex SHA-256 of bytes. */
  public static String sha256Hex(byte[] bytes) {
    return GoVexHash.sha256Hex(bytes);
  }
}
