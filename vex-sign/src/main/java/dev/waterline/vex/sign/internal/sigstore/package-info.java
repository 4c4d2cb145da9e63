/**
 * Sigstore bundles: verification of keyless bundles with sigstore-java 2.0.0 (certificate chain,
 * SCTs, transparency log, timestamps) around our own DSSE signature check with the correct PAE,
 * verification of key-based bundles by us, and keyless signing through sigstore-java. No
 * sigstore-java type leaves this package.
 */
@NullMarked
package dev.waterline.vex.sign.internal.sigstore;

import org.jspecify.annotations.NullMarked;
