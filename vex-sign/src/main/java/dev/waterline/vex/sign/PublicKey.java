package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.sign.internal.KeySupport;
import dev.waterline.vex.sign.internal.Pem;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Base64;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A public key that verifies signatures: ECDSA P-256/P-384 (ASN.1 DER signatures), Ed25519 (raw
 * 64-byte signatures) or RSA 3072/4096 (PKCS#1 v1.5 with SHA-256). Its {@link #keyId()} is
 * base64(sha256(DER SubjectPublicKeyInfo)), the value cosign uses as a bundle's key hint.
 */
@API(status = STABLE, since = "0.1.0")
public final class PublicKey {
  private final java.security.PublicKey key;
  private final KeyAlgorithm algorithm;
  private final byte[] der;
  private final String keyId;

  private PublicKey(java.security.PublicKey key) {
    this.key = key;
    this.algorithm = KeySupport.algorithmOf(key);
    this.der = key.getEncoded();
    this.keyId = keyIdOf(der);
  }

  /**
   * Wraps a JCA public key.
   *
   * @throws VexException when its algorithm is not one of {@link KeyAlgorithm}'s
   */
  public static PublicKey of(java.security.PublicKey key) {
    return new PublicKey(key);
  }

  /**
   * Reads a {@code PUBLIC KEY} PEM (SubjectPublicKeyInfo, as {@code cosign.pub}).
   *
   * @throws VexException when the text holds no such block or an unsupported key
   */
  public static PublicKey parsePem(String pem) {
    return fromPem(Pem.parse(pem, "the PEM text"), "the PEM text");
  }

  /**
   * Reads a {@code PUBLIC KEY} PEM file.
   *
   * @throws VexException when the file holds no such block or an unsupported key
   * @throws dev.waterline.vex.UnreadableInputException when the file is missing, not a regular
   *     file, larger than the key limit or cannot be read
   */
  public static PublicKey read(Path path) {
    String text = Inputs.readString(path, InputKind.KEY);
    return fromPem(Pem.parse(text, path.toString()), path.toString());
  }

  private static PublicKey fromPem(Pem pem, String what) {
    if (!pem.label().equals("PUBLIC KEY")) {
      throw new VexException(
          "expected a 'PUBLIC KEY' PEM block in " + what + " but found '" + pem.label() + "'");
    }
    return new PublicKey(KeySupport.decodePublic(pem.bytes(), what));
  }

  /** Decodes a DER SubjectPublicKeyInfo. */
  public static PublicKey ofDer(byte[] der) {
    return new PublicKey(KeySupport.decodePublic(der.clone(), "the DER bytes"));
  }

  /** The key as a {@code PUBLIC KEY} PEM block ({@code \n} line endings). */
  public String toPem() {
    return Pem.write("PUBLIC KEY", der);
  }

  /** The DER SubjectPublicKeyInfo (a copy). */
  public byte[] der() {
    return der.clone();
  }

  /** base64(sha256(DER SubjectPublicKeyInfo)), standard padded base64. */
  public String keyId() {
    return keyId;
  }

  /** The algorithm of this key. */
  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  /** The JCA key, for code that needs to hand it to other libraries. */
  public java.security.PublicKey toJca() {
    return key;
  }

  /**
   * Whether {@code signature} is a valid signature of {@code message} by this key, in the format of
   * {@link KeyAlgorithm} (DER for ECDSA). A malformed signature is simply not valid.
   */
  public boolean verify(byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(algorithm.jcaSignatureAlgorithm());
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (SignatureException | IllegalArgumentException | java.security.ProviderException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new VexException(
          "cannot verify with " + algorithm + " (" + algorithm.jcaSignatureAlgorithm() + ")", e);
    }
  }

  static String keyIdOf(byte[] der) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PublicKey && Arrays.equals(der, ((PublicKey) o).der);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(der);
  }

  /**
   * For example {@code PublicKey[ECDSA_P256 keyid=wq3i6/9nzOKNe5kiG1DxRXH4MM7briKIQXIACu9zYtk=]}.
   */
  @Override
  public String toString() {
    return "PublicKey[" + algorithm + " keyid=" + keyId + "]";
  }
}
