/** OpenVEX v0.2.0 documents: the model, its JSON form, validation, identity, merge and matching. */
@NullMarked
package dev.waterline.vex;

import org.jspecify.annotations.NullMarked;
