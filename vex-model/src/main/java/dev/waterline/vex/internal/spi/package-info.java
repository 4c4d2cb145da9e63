/**
 * The reader SPI for VEX dialects other than OpenVEX JSON (CSAF 2.0, CycloneDX, OpenVEX written as
 * YAML): detection from content, and the {@link dev.waterline.vex.internal.spi.DialectReader} that
 * vex-formats provides. Exported to vex-formats only.
 */
@NullMarked
package dev.waterline.vex.internal.spi;

import org.jspecify.annotations.NullMarked;
