package dev.waterline.vex.sign.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.VexException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * cosign's encrypted private keys (sigstore/cosign {@code pkg/cosign/keys.go} with
 * go-securesystemslib {@code encrypted}): a PEM block {@code ENCRYPTED SIGSTORE PRIVATE KEY} (or
 * the older {@code ENCRYPTED COSIGN PRIVATE KEY}) whose body is JSON naming scrypt and
 * nacl/secretbox, around a PKCS#8 private key. Only cosign's scrypt parameter sets are accepted (N
 * 32768, 65536 or 131072 with r 8 and p 1), which bounds the work a hostile file can ask for.
 */
public final class CosignKeys {
  /** The PEM label current cosign writes. */
  public static final String SIGSTORE_LABEL = "ENCRYPTED SIGSTORE PRIVATE KEY";

  /** The PEM label older cosign wrote; still read. */
  public static final String COSIGN_LABEL = "ENCRYPTED COSIGN PRIVATE KEY";

  /** cosign's default scrypt cost. */
  public static final int DEFAULT_N = 65536;

  private static final Set<Integer> ALLOWED_N = Set.of(32768, 65536, 131072);
  private static final SecureRandom RANDOM = new SecureRandom();

  private CosignKeys() {}

  /** Whether a PEM label is one of cosign's encrypted-key labels. */
  public static boolean isCosignLabel(String label) {
    return label.equals(SIGSTORE_LABEL) || label.equals(COSIGN_LABEL);
  }

  /**
   * Encrypts a PKCS#8 private key into cosign's format.
   *
   * @param password the password's UTF-8 bytes (may be empty, as cosign allows)
   * @param n the scrypt cost, one of 32768, 65536, 131072
   */
  public static String encrypt(byte[] pkcs8, byte[] password, int n) {
    if (!ALLOWED_N.contains(n)) {
      throw new VexException("scrypt N must be 32768, 65536 or 131072 but was " + n);
    }
    byte[] salt = new byte[32];
    byte[] nonce = new byte[SecretBox.NONCE_BYTES];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(nonce);
    byte[] key = SCrypt.generate(password, salt, n, 8, 1, 32);
    byte[] box;
    try {
      box = SecretBox.seal(pkcs8, nonce, key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode json = Json.object();
    ObjectNode kdf = json.putObject("kdf");
    kdf.put("name", "scrypt");
    kdf.putObject("params").put("N", n).put("r", 8).put("p", 1);
    kdf.put("salt", b64.encodeToString(salt));
    json.putObject("cipher").put("name", "nacl/secretbox").put("nonce", b64.encodeToString(nonce));
    json.put("ciphertext", b64.encodeToString(box));
    return Pem.write(SIGSTORE_LABEL, Json.write(json));
  }

  /**
   * Decrypts the body of a cosign encrypted-key PEM block to the bytes inside (normally PKCS#8).
   *
   * @param what the file, for messages
   * @throws VexException on a wrong password, unknown parameters or a malformed file; the message
   *     never shows the password or key material
   */
  public static byte[] decrypt(Pem pem, byte[] password, String what) {
    if (!isCosignLabel(pem.label())) {
      throw new VexException(
          "expected a cosign encrypted key ('"
              + SIGSTORE_LABEL
              + "' or '"
              + COSIGN_LABEL
              + "') in "
              + what
              + " but found '"
              + pem.label()
              + "'");
    }
    JsonNode json = Json.read(pem.bytes(), "the cosign key " + what);
    String kdfName = json.path("kdf").path("name").asText("");
    if (!kdfName.equals("scrypt")) {
      throw new VexException(
          "cosign key " + what + ": expected kdf 'scrypt' but found '" + kdfName + "'");
    }
    String cipherName = json.path("cipher").path("name").asText("");
    if (!cipherName.equals("nacl/secretbox")) {
      throw new VexException(
          "cosign key "
              + what
              + ": expected cipher 'nacl/secretbox' but found '"
              + cipherName
              + "'");
    }
    JsonNode params = json.path("kdf").path("params");
    int n = params.path("N").asInt(-1);
    int r = params.path("r").asInt(-1);
    int p = params.path("p").asInt(-1);
    if (!ALLOWED_N.contains(n) || r != 8 || p != 1) {
      throw new VexException(
          "cosign key "
              + what
              + ": unsupported scrypt parameters N="
              + n
              + " r="
              + r
              + " p="
              + p
              + " (accepted: N 32768, 65536 or 131072 with r=8 p=1)");
    }
    byte[] salt = base64(json.path("kdf").path("salt"), "kdf.salt", what);
    byte[] nonce = base64(json.path("cipher").path("nonce"), "cipher.nonce", what);
    byte[] box = base64(json.path("ciphertext"), "ciphertext", what);
    if (nonce.length != SecretBox.NONCE_BYTES) {
      throw new VexException(
          "cosign key " + what + ": the nonce must be 24 bytes but is " + nonce.length);
    }
    byte[] key = SCrypt.generate(password, salt, n, r, p, 32);
    byte[] plain;
    try {
      plain = SecretBox.open(box, nonce, key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    if (plain == null) {
      throw new VexException(
          "cannot decrypt the cosign key "
              + what
              + ": wrong password, or the file was altered (the secretbox authentication failed)");
    }
    return plain;
  }

  private static byte[] base64(JsonNode node, String field, String what) {
    if (!node.isTextual()) {
      throw new VexException("cosign key " + what + ": '" + field + "' is missing");
    }
    try {
      return Base64.getDecoder().decode(node.asText());
    } catch (IllegalArgumentException e) {
      throw new VexException("cosign key " + what + ": '" + field + "' is not valid base64");
    }
  }
}
