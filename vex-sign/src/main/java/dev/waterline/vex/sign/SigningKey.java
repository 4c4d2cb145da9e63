package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.internal.KeySupport;
import dev.waterline.vex.sign.internal.Rfc6979;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import org.apiguardian.api.API;

/**
 * A local private key with its public key. It signs in the format {@link PublicKey#verify} expects.
 * {@link #toString()} shows the algorithm and key id, never the key.
 */
@API(status = STABLE, since = "0.1.0")
public final class SigningKey implements Signer {
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final boolean deterministicEcdsa;

  SigningKey(PrivateKey privateKey, PublicKey publicKey) {
    this(privateKey, publicKey, false);
  }

  private SigningKey(PrivateKey privateKey, PublicKey publicKey, boolean deterministicEcdsa) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.deterministicEcdsa = deterministicEcdsa;
    if (KeySupport.algorithmOf(privateKey) != publicKey.algorithm()) {
      throw new VexException(
          "the private key ("
              + KeySupport.algorithmOf(privateKey)
              + ") and the public key ("
              + publicKey.algorithm()
              + ") are of different algorithms");
    }
  }

  /**
   * Wraps a JCA private key, deriving its public key.
   *
   * @throws VexException when the algorithm is not one of {@link KeyAlgorithm}'s
   */
  public static SigningKey of(PrivateKey privateKey) {
    return new SigningKey(privateKey, PublicKey.of(KeySupport.derivePublic(privateKey)));
  }

  /**
   * This key, signing deterministically: the same message always gets the same signature bytes. For
   * ECDSA keys the nonce then comes from RFC 6979 (HMAC-DRBG over the key and the message hash)
   * instead of a random number generator; Ed25519 and RSA PKCS#1 v1.5 signatures are deterministic
   * already, so for them this is the same key. Verifiers cannot tell the difference: an RFC 6979
   * signature is an ordinary ECDSA signature.
   */
  public SigningKey deterministic() {
    if (isDeterministic()) {
      return this;
    }
    return new SigningKey(privateKey, publicKey, true);
  }

  /**
   * Whether signing the same message twice gives the same bytes: always for Ed25519 and RSA (PKCS#1
   * v1.5), for ECDSA only after {@link #deterministic()}.
   */
  public boolean isDeterministic() {
    switch (publicKey.algorithm()) {
      case ECDSA_P256:
      case ECDSA_P384:
        return deterministicEcdsa;
      default:
        return true;
    }
  }

  @Override
  public byte[] sign(byte[] message) {
    KeyAlgorithm alg = publicKey.algorithm();
    try {
      if (deterministicEcdsa) {
        return Rfc6979.sign(
            privateKey, message, alg == KeyAlgorithm.ECDSA_P384 ? "SHA-384" : "SHA-256");
      }
      Signature signer = Signature.getInstance(alg.jcaSignatureAlgorithm());
      signer.initSign(privateKey);
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new VexException(
          "cannot sign with "
              + alg
              + " key "
              + publicKey.keyId()
              + " ("
              + e.getClass().getName()
              + ")");
    }
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  /** The algorithm of this key. */
  public KeyAlgorithm algorithm() {
    return publicKey.algorithm();
  }

  /** The PKCS#8 DER encoding (a copy); handle with care. */
  byte[] pkcs8() {
    return privateKey.getEncoded();
  }

  /** For example {@code SigningKey[ECDSA_P256 keyid=… ***]}. */
  @Override
  public String toString() {
    return "SigningKey["
        + publicKey.algorithm()
        + (deterministicEcdsa ? " deterministic" : "")
        + " keyid="
        + publicKey.keyId()
        + " ***]";
  }
}
