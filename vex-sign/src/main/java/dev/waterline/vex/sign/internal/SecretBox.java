package dev.waterline.vex.sign.internal;

import java.util.Arrays;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl {@code crypto_secretbox} (XSalsa20-Poly1305) composed from BouncyCastle primitives. The
 * boxed form is the 16-byte Poly1305 tag followed by the ciphertext, as Go's {@code
 * golang.org/x/crypto/nacl/secretbox} writes it.
 */
final class SecretBox {
  static final int KEY_BYTES = 32;
  static final int NONCE_BYTES = 24;
  static final int TAG_BYTES = 16;

  private SecretBox() {}

  /** Encrypts and authenticates a message. */
  static byte[] seal(byte[] message, byte[] nonce, byte[] key) {
    XSalsa20Engine xsalsa = start(nonce, key);
    byte[] macKey = new byte[32];
    xsalsa.processBytes(new byte[32], 0, 32, macKey, 0);
    byte[] out = new byte[TAG_BYTES + message.length];
    xsalsa.processBytes(message, 0, message.length, out, TAG_BYTES);
    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(macKey));
    mac.update(out, TAG_BYTES, message.length);
    mac.doFinal(out, 0);
    Arrays.fill(macKey, (byte) 0);
    return out;
  }

  /**
   * Verifies and decrypts a box.
   *
   * @return the message, or null when the tag does not match (wrong key or altered box)
   */
  static byte @org.jspecify.annotations.Nullable [] open(byte[] box, byte[] nonce, byte[] key) {
    if (box.length < TAG_BYTES) {
      return null;
    }
    XSalsa20Engine xsalsa = start(nonce, key);
    byte[] macKey = new byte[32];
    xsalsa.processBytes(new byte[32], 0, 32, macKey, 0);
    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(macKey));
    mac.update(box, TAG_BYTES, box.length - TAG_BYTES);
    byte[] tag = new byte[TAG_BYTES];
    mac.doFinal(tag, 0);
    Arrays.fill(macKey, (byte) 0);
    if (!org.bouncycastle.util.Arrays.constantTimeAreEqual(
        tag, Arrays.copyOfRange(box, 0, TAG_BYTES))) {
      return null;
    }
    byte[] message = new byte[box.length - TAG_BYTES];
    xsalsa.processBytes(box, TAG_BYTES, message.length, message, 0);
    return message;
  }

  private static XSalsa20Engine start(byte[] nonce, byte[] key) {
    if (key.length != KEY_BYTES || nonce.length != NONCE_BYTES) {
      throw new IllegalStateException("secretbox needs a 32-byte key and a 24-byte nonce");
    }
    XSalsa20Engine xsalsa = new XSalsa20Engine();
    xsalsa.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    return xsalsa;
  }
}
