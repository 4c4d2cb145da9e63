/**
 * Keyless signing and verification of keyless Sigstore bundles through sigstore-java 2.0.0
 * (certificate chain, SCTs, transparency log, timestamps, around our own DSSE signature check with
 * the correct PAE), offered to vex-sign as its {@code KeylessProvider}. No sigstore-java type
 * leaves this package. This module has no API of its own and no {@code module-info}: sigstore-java
 * and its dependencies split packages, so it is used on the class path only.
 */
@NullMarked
package dev.waterline.vex.sign.sigstore.internal;

import org.jspecify.annotations.NullMarked;
