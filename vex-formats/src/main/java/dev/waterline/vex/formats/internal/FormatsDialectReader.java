package dev.waterline.vex.formats.internal;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.internal.spi.Dialect;
import dev.waterline.vex.internal.spi.DialectReader;

/**
 * vex-formats' provider of vex-model's reader SPI: what {@code VexDocument.read} uses for the
 * dialects.
 */
public final class FormatsDialectReader implements DialectReader {
  /** The service-loader constructor. */
  public FormatsDialectReader() {}

  @Override
  public VexDocument read(byte[] input, Dialect dialect) {
    return Formats.read(input, Formats.format(dialect)).document();
  }
}
