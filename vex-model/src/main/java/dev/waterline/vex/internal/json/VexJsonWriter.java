package dev.waterline.vex.internal.json;

import dev.waterline.vex.VexDocument;
import java.io.OutputStream;

/** Writes the model as OpenVEX v0.2.0 JSON. */
public final class VexJsonWriter {
  private VexJsonWriter() {}

  /** Writes a document. */
  public static void write(VexDocument doc, OutputStream out) {
    throw new UnsupportedOperationException("not implemented yet: " + doc + out);
  }
}
