/** The {@code waterline} command line: picocli commands over the vex-model API. */
@NullMarked
package dev.waterline.cli;

import org.jspecify.annotations.NullMarked;
