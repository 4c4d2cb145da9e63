package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Something that signs bytes: a local {@link SigningKey}, or a KMS or HSM behind this small
 * interface. The signature format must be the one {@link PublicKey#verify} expects for the key's
 * {@link KeyAlgorithm} (ASN.1 DER for ECDSA, raw for Ed25519, PKCS#1 v1.5 SHA-256 for RSA).
 */
@API(status = STABLE, since = "0.1.0")
public interface Signer {
  /**
   * Signs a message (for DSSE: the PAE bytes). Implementations hash the message themselves.
   *
   * @throws dev.waterline.vex.VexException when signing fails
   */
  byte[] sign(byte[] message);

  /** The public key that verifies this signer's signatures. */
  PublicKey publicKey();

  /** The key id written into DSSE signatures: base64(sha256(DER SubjectPublicKeyInfo)). */
  default String keyId() {
    return publicKey().keyId();
  }
}
