/** OpenVEX v0.2.0 documents: the model, its JSON form, validation, identity, merge and matching. */
@NullMarked
@CheckReturnValue
package dev.waterline.vex;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
