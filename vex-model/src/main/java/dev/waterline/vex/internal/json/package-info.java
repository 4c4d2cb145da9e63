/** OpenVEX JSON reading and writing, and the one Jackson configuration of vex-model. */
@NullMarked
package dev.waterline.vex.internal.json;

import org.jspecify.annotations.NullMarked;
