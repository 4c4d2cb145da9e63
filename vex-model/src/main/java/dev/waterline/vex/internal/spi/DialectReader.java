package dev.waterline.vex.internal.spi;

import dev.waterline.vex.VexDocument;

/**
 * Reads a document of another dialect into the OpenVEX model. vex-formats provides the one
 * implementation ({@code provides … with …} in its module, {@code META-INF/services} on the class
 * path); vex-model finds it with {@link java.util.ServiceLoader}.
 */
public interface DialectReader {
  /**
   * Reads {@code input}, detected as {@code dialect}, into an OpenVEX document. What the model
   * cannot carry is left out; {@code dev.waterline.vex.formats.VexFormats#read} reports it.
   *
   * @throws dev.waterline.vex.VexParseException when the input is not a valid document of that
   *     dialect
   */
  VexDocument read(byte[] input, Dialect dialect);
}
