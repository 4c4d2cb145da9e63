/**
 * JMH benchmarks for Waterline and the deterministic document generator they run on; see {@code
 * docs/performance.md}.
 */
@NullMarked
package dev.waterline.bench;

import org.jspecify.annotations.NullMarked;
