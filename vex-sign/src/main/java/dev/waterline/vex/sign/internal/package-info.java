/** Implementation of vex-sign: JSON, PEM, cosign key encryption, DSSE verification. */
@NullMarked
package dev.waterline.vex.sign.internal;

import org.jspecify.annotations.NullMarked;
