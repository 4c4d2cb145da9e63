package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The key algorithms Waterline generates, reads and verifies with. Signatures follow Sigstore's
 * conventions: ECDSA signatures are ASN.1 DER (JCA {@code SHA256withECDSA} / {@code
 * SHA384withECDSA}), Ed25519 signatures are the raw 64 bytes, RSA signatures are PKCS#1 v1.5 with
 * SHA-256.
 */
@API(status = STABLE, since = "0.1.0")
public enum KeyAlgorithm {
  /**
   * ECDSA on NIST P-256 with SHA-256 (the default; what {@code cosign generate-key-pair} makes).
   */
  ECDSA_P256("EC", "SHA256withECDSA", 256),
  /** ECDSA on NIST P-384 with SHA-384. */
  ECDSA_P384("EC", "SHA384withECDSA", 384),
  /** Ed25519 (pure EdDSA, no pre-hash). */
  ED25519("Ed25519", "Ed25519", 255),
  /** RSA 3072 bits, PKCS#1 v1.5 signatures with SHA-256. */
  RSA_3072("RSA", "SHA256withRSA", 3072),
  /** RSA 4096 bits, PKCS#1 v1.5 signatures with SHA-256. */
  RSA_4096("RSA", "SHA256withRSA", 4096);

  private final String keyFactory;
  private final String signatureAlgorithm;
  private final int bits;

  KeyAlgorithm(String keyFactory, String signatureAlgorithm, int bits) {
    this.keyFactory = keyFactory;
    this.signatureAlgorithm = signatureAlgorithm;
    this.bits = bits;
  }

  /** The algorithm {@link Keys#generate()} uses: {@link #ECDSA_P256}. */
  public static KeyAlgorithm defaultAlgorithm() {
    return ECDSA_P256;
  }

  /** The JCA key factory name ({@code EC}, {@code Ed25519}, {@code RSA}). */
  public String jcaKeyAlgorithm() {
    return keyFactory;
  }

  /** The JCA signature algorithm name, e.g. {@code SHA256withECDSA}. */
  public String jcaSignatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** The key size in bits (curve size for ECDSA, modulus size for RSA, 255 for Ed25519). */
  public int bits() {
    return bits;
  }

  /** The family: {@code ECDSA}, {@code Ed25519} or {@code RSA}. */
  public String family() {
    switch (this) {
      case ECDSA_P256:
      case ECDSA_P384:
        return "ECDSA";
      case ED25519:
        return "Ed25519";
      default:
        return "RSA";
    }
  }
}
