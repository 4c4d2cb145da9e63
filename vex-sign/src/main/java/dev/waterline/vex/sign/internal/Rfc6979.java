package dev.waterline.vex.sign.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.DSAKCalculator;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;

/**
 * Deterministic ECDSA (RFC 6979): the nonce {@code k} comes from HMAC-DRBG seeded with the private
 * key and the message hash (section 3.2), written here from the RFC; the curve arithmetic is
 * BouncyCastle's {@link ECDSASigner} (already vex-sign's provider), which asks this class for
 * {@code k}. Signatures are ASN.1 DER {@code SEQUENCE {r INTEGER, s INTEGER}}, as the JDK's {@code
 * SHA256withECDSA} writes them; {@code s} is not normalised to the lower half (the RFC's test
 * vectors are not, and neither the JDK nor OpenSSL require it).
 *
 * <p>The same key and message always give the same signature; a different message gives a different
 * {@code k}, so the private key is as safe as with random nonces, and no random number generator is
 * needed.
 */
public final class Rfc6979 implements DSAKCalculator {
  private final Mac mac;
  private BigInteger q = BigInteger.ONE;
  private byte[] k = new byte[0];
  private byte[] v = new byte[0];

  /**
   * A nonce generator using {@code hmacAlgorithm} ({@code HmacSHA256} for P-256, {@code HmacSHA384}
   * for P-384): the HMAC of the hash the message is signed with.
   */
  public Rfc6979(String hmacAlgorithm) {
    try {
      this.mac = Mac.getInstance(hmacAlgorithm);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(hmacAlgorithm + " is missing from this JDK", e);
    }
  }

  @Override
  public boolean isDeterministic() {
    return true;
  }

  @Override
  public void init(BigInteger n, SecureRandom random) {
    throw new IllegalStateException("RFC 6979 nonces are derived from the key and message");
  }

  /** Section 3.2, steps a–f: seeds the generator with the private key {@code d} and hash. */
  @Override
  public void init(BigInteger n, BigInteger d, byte[] hash) {
    this.q = n;
    int hlen = mac.getMacLength();
    v = new byte[hlen];
    Arrays.fill(v, (byte) 0x01);
    k = new byte[hlen];
    byte[] x = int2octets(d);
    byte[] h = bits2octets(hash);
    k = hmac(k, v, new byte[] {0x00}, x, h);
    v = hmac(k, v);
    k = hmac(k, v, new byte[] {0x01}, x, h);
    v = hmac(k, v);
  }

  /** Section 3.2, step h: the next candidate in [1, q-1]. */
  @Override
  public BigInteger nextK() {
    int qlen = q.bitLength();
    while (true) {
      ByteArrayOutputStream t = new ByteArrayOutputStream();
      while (t.size() * 8 < qlen) {
        v = hmac(k, v);
        t.writeBytes(v);
      }
      BigInteger candidate = bits2int(t.toByteArray());
      if (candidate.signum() > 0 && candidate.compareTo(q) < 0) {
        // Prepare the state for a further call (the signer asks again when r or s is 0).
        k = hmac(k, v, new byte[] {0x00});
        v = hmac(k, v);
        return candidate;
      }
      k = hmac(k, v, new byte[] {0x00});
      v = hmac(k, v);
    }
  }

  private byte[] hmac(byte[] key, byte[]... parts) {
    try {
      mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
    for (byte[] p : parts) {
      mac.update(p);
    }
    return mac.doFinal();
  }

  /** Section 2.3.2: the leftmost qlen bits of {@code b} as an integer. */
  private BigInteger bits2int(byte[] b) {
    BigInteger x = new BigInteger(1, b);
    int blen = b.length * 8;
    int qlen = q.bitLength();
    return blen > qlen ? x.shiftRight(blen - qlen) : x;
  }

  /** Section 2.3.3: {@code x} as rlen = ceil(qlen / 8) big-endian octets. */
  private byte[] int2octets(BigInteger x) {
    int rlen = (q.bitLength() + 7) / 8;
    byte[] raw = x.toByteArray();
    byte[] out = new byte[rlen];
    int copy = Math.min(raw.length, rlen);
    System.arraycopy(raw, raw.length - copy, out, rlen - copy, copy);
    return out;
  }

  /** Section 2.3.4: bits2int reduced modulo q, as octets. */
  private byte[] bits2octets(byte[] b) {
    BigInteger z1 = bits2int(b);
    BigInteger z2 = z1.compareTo(q) >= 0 ? z1.subtract(q) : z1;
    return int2octets(z2);
  }

  /**
   * Signs {@code message} with ECDSA and an RFC 6979 nonce: hashes it with {@code digest} ({@code
   * SHA-256} or {@code SHA-384}) and returns the DER signature.
   *
   * @throws GeneralSecurityException when the key is not an EC private key with readable value
   */
  public static byte[] sign(PrivateKey key, byte[] message, String digest)
      throws GeneralSecurityException {
    byte[] hash = MessageDigest.getInstance(digest).digest(message);
    return der(signHash(key, hash, "Hmac" + digest.replace("-", "")));
  }

  /** The raw (r, s) of an ECDSA signature of {@code hash} with an RFC 6979 nonce. */
  public static BigInteger[] signHash(PrivateKey key, byte[] hash, String hmacAlgorithm)
      throws GeneralSecurityException {
    ECPrivateKeyParameters params =
        (ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(key);
    ECDSASigner signer = new ECDSASigner(new Rfc6979(hmacAlgorithm));
    signer.init(true, params);
    return signer.generateSignature(hash);
  }

  /** ASN.1 DER of {@code SEQUENCE {INTEGER r, INTEGER s}}. */
  public static byte[] der(BigInteger[] rs) {
    byte[] r = rs[0].toByteArray(); // two's complement, minimal: the DER INTEGER content
    byte[] s = rs[1].toByteArray();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0x02);
    length(body, r.length);
    body.writeBytes(r);
    body.write(0x02);
    length(body, s.length);
    body.writeBytes(s);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    length(out, body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static void length(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xff);
    }
  }
}
