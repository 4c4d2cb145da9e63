/** Validation of OpenVEX JSON against the v0.2.0 spec, with RFC 6901 pointers. */
@NullMarked
package dev.waterline.vex.internal.validate;

import org.jspecify.annotations.NullMarked;
