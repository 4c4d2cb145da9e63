/** Signing and verifying OpenVEX attestations: in-toto statements, DSSE, keys, Sigstore. */
@NullMarked
@CheckReturnValue
package dev.waterline.vex.sign;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
