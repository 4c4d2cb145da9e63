package dev.waterline.vex.internal.json;

import dev.waterline.vex.VexDocument;
import java.io.InputStream;

/** Reads OpenVEX JSON (v0.2.0 and legacy v0.0.1) into the model. */
public final class VexJsonReader {
  private VexJsonReader() {}

  /** Reads a document from bytes. */
  public static VexDocument read(byte[] json) {
    throw new UnsupportedOperationException("not implemented yet: " + json.length);
  }

  /** Reads a document from a stream. */
  public static VexDocument read(InputStream in) {
    throw new UnsupportedOperationException("not implemented yet: " + in);
  }
}
