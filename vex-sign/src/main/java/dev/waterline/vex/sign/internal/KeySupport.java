package dev.waterline.vex.sign.internal;

import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.KeyAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * JCA key plumbing: which {@link KeyAlgorithm} a key is, PKCS#8 and SPKI decoding, and deriving the
 * public key of a private key. Messages never show key material.
 */
public final class KeySupport {
  private static final String OID_EC = "1.2.840.10045.2.1";
  private static final String OID_ED25519 = "1.3.101.112";
  private static final String OID_RSA = "1.2.840.113549.1.1.1";
  private static final byte[] ED25519_SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private KeySupport() {}

  /**
   * The algorithm of a JCA key (public or private).
   *
   * @throws VexException when it is none of {@link KeyAlgorithm}'s
   */
  public static KeyAlgorithm algorithmOf(java.security.Key key) {
    if (key instanceof ECKey) {
      int bits = ((ECKey) key).getParams().getCurve().getField().getFieldSize();
      if (bits == 256) {
        return KeyAlgorithm.ECDSA_P256;
      }
      if (bits == 384) {
        return KeyAlgorithm.ECDSA_P384;
      }
      throw new VexException(
          "unsupported ECDSA curve of " + bits + " bits; expected P-256 or P-384");
    }
    if (key instanceof EdECKey) {
      String curve = ((EdECKey) key).getParams().getName();
      if (curve.equalsIgnoreCase("Ed25519")) {
        return KeyAlgorithm.ED25519;
      }
      throw new VexException("unsupported EdDSA curve " + curve + "; expected Ed25519");
    }
    if (key instanceof RSAKey) {
      int bits = ((RSAKey) key).getModulus().bitLength();
      if (bits == 3072) {
        return KeyAlgorithm.RSA_3072;
      }
      if (bits == 4096) {
        return KeyAlgorithm.RSA_4096;
      }
      throw new VexException(
          "unsupported RSA key of " + bits + " bits; expected 3072 or 4096 bits");
    }
    throw new VexException(
        "unsupported key algorithm " + key.getAlgorithm() + "; expected ECDSA, Ed25519 or RSA");
  }

  /**
   * Decodes a DER SubjectPublicKeyInfo.
   *
   * @throws VexException when it is not one, or of an unsupported algorithm
   */
  public static PublicKey decodePublic(byte[] der, String what) {
    String oid;
    try {
      oid = SubjectPublicKeyInfo.getInstance(der).getAlgorithm().getAlgorithm().getId();
    } catch (RuntimeException e) {
      throw new VexException(
          "expected a DER SubjectPublicKeyInfo in " + what + " but it does not parse");
    }
    String factory = factoryFor(oid, what);
    try {
      return KeyFactory.getInstance(factory).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new VexException("cannot read the " + factory + " public key in " + what);
    }
  }

  /**
   * Decodes a DER PKCS#8 PrivateKeyInfo. A SEC1 {@code EC PRIVATE KEY} is rejected with a message
   * that says how to convert it.
   *
   * @throws VexException when it is not PKCS#8 of a supported algorithm; never shows key bytes
   */
  public static PrivateKey decodePrivate(byte[] der, String what) {
    String oid;
    try {
      oid = PrivateKeyInfo.getInstance(der).getPrivateKeyAlgorithm().getAlgorithm().getId();
    } catch (RuntimeException e) {
      if (isSec1(der)) {
        throw new VexException(
            "the private key in "
                + what
                + " is a SEC1 'EC PRIVATE KEY', not PKCS#8 (cosign rejects it too); convert it"
                + " with 'openssl pkcs8 -topk8' first");
      }
      throw new VexException(
          "expected a PKCS#8 private key in " + what + " but it does not parse as one");
    }
    String factory = factoryFor(oid, what);
    try {
      return KeyFactory.getInstance(factory).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new VexException("cannot read the " + factory + " private key in " + what);
    }
  }

  private static boolean isSec1(byte[] der) {
    try {
      org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(der);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String factoryFor(String oid, String what) {
    switch (oid) {
      case OID_EC:
        return "EC";
      case OID_ED25519:
        return "Ed25519";
      case OID_RSA:
        return "RSA";
      default:
        throw new VexException(
            "unsupported key algorithm (OID "
                + oid
                + ") in "
                + what
                + "; expected ECDSA, Ed25519 or RSA");
    }
  }

  /**
   * The public key of a private key.
   *
   * @throws VexException when the algorithm is not supported
   */
  public static PublicKey derivePublic(PrivateKey key) {
    try {
      if (key instanceof ECPrivateKey) {
        ECPrivateKey ec = (ECPrivateKey) key;
        KeyAlgorithm alg = algorithmOf(ec);
        X9ECParameters curve =
            ECNamedCurveTable.getByName(alg == KeyAlgorithm.ECDSA_P256 ? "P-256" : "P-384");
        org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(ec.getS()).normalize();
        ECPoint w =
            new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ec.getParams()));
      }
      if (key instanceof EdECPrivateKey) {
        Optional<byte[]> seed = ((EdECPrivateKey) key).getBytes();
        if (seed.isEmpty()) {
          throw new VexException("the Ed25519 private key does not expose its seed");
        }
        byte[] raw =
            new Ed25519PrivateKeyParameters(seed.get(), 0).generatePublicKey().getEncoded();
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      }
      if (key instanceof RSAPrivateCrtKey) {
        RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key;
        BigInteger n = rsa.getModulus();
        return KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(n, rsa.getPublicExponent()));
      }
    } catch (GeneralSecurityException e) {
      throw new VexException("cannot derive the public key of a " + key.getAlgorithm() + " key");
    }
    throw new VexException(
        "cannot derive the public key of a "
            + key.getAlgorithm()
            + " private key; expected ECDSA P-256/P-384, Ed25519 or RSA (CRT form)");
  }
}
