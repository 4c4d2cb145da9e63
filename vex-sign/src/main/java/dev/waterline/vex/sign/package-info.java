/** Signing and verifying OpenVEX attestations: in-toto statements, DSSE, keys, Sigstore. */
@NullMarked
package dev.waterline.vex.sign;

import org.jspecify.annotations.NullMarked;
