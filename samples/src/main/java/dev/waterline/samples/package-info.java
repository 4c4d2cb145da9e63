/**
 * Small runnable recipes, one idea per class, each with a {@code main} and a test that runs it: see
 * {@code samples/README.md}.
 */
@NullMarked
package dev.waterline.samples;

import org.jspecify.annotations.NullMarked;
