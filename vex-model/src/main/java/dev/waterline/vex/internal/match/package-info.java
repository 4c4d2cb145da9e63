/**
 * Matching: purl parsing and go-vex's normalisation, component/product/statement matching, image
 * digests, and the index behind {@link dev.waterline.vex.VexIndex}.
 */
@NullMarked
package dev.waterline.vex.internal.match;

import org.jspecify.annotations.NullMarked;
