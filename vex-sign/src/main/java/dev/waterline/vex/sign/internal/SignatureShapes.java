package dev.waterline.vex.sign.internal;

import dev.waterline.vex.sign.KeyAlgorithm;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * Whether a signature's bytes could have come from a key of a given algorithm at all (an ECDSA DER
 * {@code SEQUENCE} of two integers that fit the curve; 64 raw bytes for Ed25519; the modulus length
 * for RSA). Used only to tell "signed with a key of another algorithm" from "bad signature" in
 * failure messages, never to accept anything.
 */
public final class SignatureShapes {
  private SignatureShapes() {}

  /** Whether {@code sig} has the shape of a signature by a key of {@code algorithm}. */
  public static boolean fits(byte[] sig, KeyAlgorithm algorithm) {
    switch (algorithm) {
      case ECDSA_P256:
      case ECDSA_P384:
        return fitsEcdsa(sig, algorithm.bits());
      case ED25519:
        return sig.length == 64 && !fitsEcdsa(sig, 384);
      default:
        return sig.length == algorithm.bits() / 8;
    }
  }

  private static boolean fitsEcdsa(byte[] sig, int bits) {
    if (sig.length < 8 || sig[0] != 0x30) {
      return false;
    }
    try {
      ASN1Primitive p = ASN1Primitive.fromByteArray(sig);
      if (!(p instanceof ASN1Sequence) || ((ASN1Sequence) p).size() != 2) {
        return false;
      }
      if (p.getEncoded("DER").length != sig.length) {
        return false;
      }
      for (int i = 0; i < 2; i++) {
        Object o = ((ASN1Sequence) p).getObjectAt(i);
        if (!(o instanceof ASN1Integer)) {
          return false;
        }
        BigInteger v = ((ASN1Integer) o).getValue();
        if (v.signum() <= 0 || v.bitLength() > bits) {
          return false;
        }
      }
      return true;
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }
}
