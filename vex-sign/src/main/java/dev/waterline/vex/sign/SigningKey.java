package dev.waterline.vex.sign;

import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.internal.KeySupport;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/**
 * A local private key with its public key. It signs in the format {@link PublicKey#verify} expects.
 * {@link #toString()} shows the algorithm and key id, never the key.
 */
public final class SigningKey implements Signer {
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  SigningKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
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

  @Override
  public byte[] sign(byte[] message) {
    KeyAlgorithm alg = publicKey.algorithm();
    try {
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
    return "SigningKey[" + publicKey.algorithm() + " keyid=" + publicKey.keyId() + " ***]";
  }
}
