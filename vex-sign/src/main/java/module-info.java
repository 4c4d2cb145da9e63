/**
 * in-toto statements, DSSE envelopes, keys (PEM, cosign), Sigstore bundles, key-based signing and
 * verification, and the keyless API. Keyless signing and keyless verification need the class-path
 * module {@code dev.waterline:vex-sign-sigstore}, found through {@link java.util.ServiceLoader}.
 */
module dev.waterline.vex.sign {
  requires static transitive com.google.errorprone.annotations;
  requires static transitive org.apiguardian.api;
  requires transitive dev.waterline.vex;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.bouncycastle.provider;
  requires static transitive org.jspecify;

  exports dev.waterline.vex.sign;

  uses dev.waterline.vex.sign.internal.KeylessProvider;
}
