/** The dialect readers, writers and validators behind {@code VexFormats}. */
@NullMarked
package dev.waterline.vex.formats.internal;

import org.jspecify.annotations.NullMarked;
