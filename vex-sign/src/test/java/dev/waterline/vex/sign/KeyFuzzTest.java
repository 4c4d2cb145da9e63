package dev.waterline.vex.sign;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.internal.KeySupport;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the key readers that take files from users: {@link Keys#parsePrivatePem}, {@link
 * PublicKey#parsePem} with the input as text, and {@link PublicKey#ofDer} and the PKCS#8 decoder
 * with it as DER. Each returns a key or throws {@link VexException}; nothing else may escape. A key
 * that was read can derive its public key and write it as PEM.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/sign/KeyFuzzTestInputs/}.
 */
class KeyFuzzTest {

  // No DER tokens here: Jazzer writes inline entries as UTF-8, so bytes above 0x7F cannot be
  // given; the DER seeds carry the OIDs instead. No newlines either (Jazzer does not escape them).
  @FuzzTest
  @DictionaryEntries({
    "-----BEGIN PRIVATE KEY-----",
    "-----END PRIVATE KEY-----",
    "-----BEGIN PUBLIC KEY-----",
    "-----END PUBLIC KEY-----",
    "-----BEGIN EC PRIVATE KEY-----",
    "-----END EC PRIVATE KEY-----"
  })
  void keyReadersThrowOnlyVexException(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      Keys.parsePrivatePem(text).publicKey().toPem();
    } catch (VexException expected) {
      // documented
    }
    try {
      PublicKey.parsePem(text).toPem();
    } catch (VexException expected) {
      // documented
    }
    try {
      PublicKey.ofDer(input).toPem();
    } catch (VexException expected) {
      // documented
    }
    try {
      SigningKey.of(KeySupport.decodePrivate(input.clone(), "the fuzz input")).publicKey().toPem();
    } catch (VexException expected) {
      // documented
    }
  }
}
