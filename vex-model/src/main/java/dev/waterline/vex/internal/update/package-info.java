/** Changing documents: vexctl-style additions and merging. */
@NullMarked
package dev.waterline.vex.internal.update;

import org.jspecify.annotations.NullMarked;
