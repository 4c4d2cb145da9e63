package dev.waterline.vex.sign;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.VexException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link Keys#parseCosign}, the reader of cosign's encrypted private keys: it returns a key
 * or throws {@link VexException}; nothing else may escape. The seed was encrypted with the password
 * used here, so mutations that keep the PEM armour and JSON reach scrypt and the secretbox check
 * (slowly: each such run derives a key with scrypt).
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/sign/CosignKeyFuzzTestInputs/}.
 */
class CosignKeyFuzzTest {

  @FuzzTest
  @DictionaryEntries({
    "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----",
    "-----END ENCRYPTED SIGSTORE PRIVATE KEY-----",
    "-----BEGIN ENCRYPTED COSIGN PRIVATE KEY-----",
    "-----END ENCRYPTED COSIGN PRIVATE KEY-----",
    "\"kdf\"",
    "\"scrypt\"",
    "\"params\"",
    "\"N\"",
    "\"salt\"",
    "\"cipher\"",
    "\"nacl/secretbox\"",
    "\"nonce\"",
    "\"ciphertext\""
  })
  void parseCosignThrowsOnlyVexException(byte[] input) {
    try {
      Keys.parseCosign(
          new String(input, StandardCharsets.UTF_8), Password.of("fuzz".toCharArray()));
    } catch (VexException expected) {
      // documented: malformed file, unsupported parameters or wrong password
    }
  }
}
