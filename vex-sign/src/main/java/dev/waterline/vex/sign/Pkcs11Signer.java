package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.VexException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.security.auth.login.LoginException;
import org.apiguardian.api.API;

/**
 * A {@link Signer} whose private key stays in a PKCS#11 token (an HSM, a smart card, SoftHSM2),
 * through the JDK's own SunPKCS11 provider: the key never leaves the token, every signature is made
 * by it.
 *
 * <p>The token is named by a SunPKCS11 configuration (the JDK's format: {@code name}, {@code
 * library}, {@code slot} or {@code slotListIndex} …), as a file or built from a library path and a
 * slot index. The key is found by its alias in the token's key store: SunPKCS11 lists a private key
 * when the token also holds its certificate, which gives the public key. ECDSA (P-256, P-384) and
 * RSA keys are supported; SunPKCS11 has no Ed25519 on Java 17.
 *
 * <pre>{@code
 * try (Pkcs11Signer hsm = Pkcs11Signer.open(Path.of("/etc/waterline/hsm.cfg"), "vex-signing",
 *     Password.fromEnvironment().orElseThrow())) {
 *   DsseEnvelope signed = Attestations.of(doc).subject(image).sign(hsm);
 * }
 * }</pre>
 *
 * <p>{@code toString} names the token and alias, never the PIN. {@link #close()} logs out of the
 * token.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class Pkcs11Signer implements Signer, AutoCloseable {
  private final Provider provider;
  private final PrivateKey key;
  private final PublicKey publicKey;
  private final String algorithm;
  private final String alias;
  private final String token;

  private Pkcs11Signer(
      Provider provider,
      PrivateKey key,
      PublicKey publicKey,
      String algorithm,
      String alias,
      String token) {
    this.provider = provider;
    this.key = key;
    this.publicKey = publicKey;
    this.algorithm = algorithm;
    this.alias = alias;
    this.token = token;
  }

  /**
   * Opens the key {@code alias} in the token a SunPKCS11 configuration file names, logging in with
   * {@code pin}.
   *
   * @throws VexException when the file, the library, the token, the PIN or the key is wrong; the
   *     message names which
   */
  public static Pkcs11Signer open(Path sunPkcs11Config, String alias, Password pin) {
    if (!Files.isRegularFile(sunPkcs11Config)) {
      throw new VexException(
          "PKCS#11: the SunPKCS11 configuration " + sunPkcs11Config + " is not a readable file");
    }
    return open(sunPkcs11Config.toString(), sunPkcs11Config.toString(), alias, pin);
  }

  /**
   * Opens the key {@code alias} in the token in slot list entry {@code slotListIndex} of the
   * PKCS#11 library {@code library} (for SoftHSM2 typically {@code
   * /usr/lib/softhsm/libsofthsm2.so}), logging in with {@code pin}.
   *
   * @throws VexException when the library, the token, the PIN or the key is wrong; the message
   *     names which
   */
  public static Pkcs11Signer open(Path library, int slotListIndex, String alias, Password pin) {
    if (!Files.isRegularFile(library)) {
      throw new VexException("PKCS#11: the library " + library + " does not exist");
    }
    if (slotListIndex < 0) {
      throw new VexException("PKCS#11: the slot list index must be 0 or more: " + slotListIndex);
    }
    String config =
        "--name=waterline\nlibrary="
            + library.toAbsolutePath()
            + "\nslotListIndex="
            + slotListIndex
            + "\n";
    return open(config, library + " slot list index " + slotListIndex, alias, pin);
  }

  private static Pkcs11Signer open(String config, String token, String alias, Password pin) {
    Provider base = Security.getProvider("SunPKCS11");
    if (base == null) {
      throw new VexException("PKCS#11: this Java runtime has no SunPKCS11 provider");
    }
    Provider provider;
    try {
      provider = base.configure(config);
    } catch (ProviderException | IllegalArgumentException | UnsupportedOperationException e) {
      throw new VexException("PKCS#11: cannot load the token " + token + ": " + rootMessage(e), e);
    }
    KeyStore store;
    char[] chars = pin.copyChars();
    try {
      store = KeyStore.getInstance("PKCS11", provider);
      store.load(null, chars);
    } catch (GeneralSecurityException | IOException | ProviderException e) {
      throw new VexException(
          "PKCS#11: cannot log in to the token "
              + token
              + " (wrong PIN, or no token in that slot): "
              + rootMessage(e),
          e);
    } finally {
      Arrays.fill(chars, '\0');
    }
    try {
      return keyEntry(provider, store, alias, token);
    } catch (VexException e) {
      // PKCS#11 login state belongs to the process: a failed open must not leave it logged in.
      logout(provider);
      throw e;
    }
  }

  private static Pkcs11Signer keyEntry(
      Provider provider, KeyStore store, String alias, String token) {
    try {
      List<String> aliases = Collections.list(store.aliases());
      Key key = store.isKeyEntry(alias) ? store.getKey(alias, null) : null;
      Certificate certificate = store.getCertificate(alias);
      if (!(key instanceof PrivateKey) || certificate == null) {
        throw new VexException(
            "PKCS#11: no private key with a certificate under the alias '"
                + alias
                + "' in the token "
                + token
                + "; its aliases: "
                + aliases);
      }
      PublicKey publicKey = PublicKey.of(certificate.getPublicKey());
      String algorithm = publicKey.algorithm().jcaSignatureAlgorithm();
      if (publicKey.algorithm() == KeyAlgorithm.ED25519) {
        throw new VexException("PKCS#11: SunPKCS11 cannot sign with Ed25519 on this Java runtime");
      }
      return new Pkcs11Signer(provider, (PrivateKey) key, publicKey, algorithm, alias, token);
    } catch (GeneralSecurityException e) {
      throw new VexException(
          "PKCS#11: cannot read the key '" + alias + "' in the token " + token + ": " + e, e);
    }
  }

  @Override
  public byte[] sign(byte[] message) {
    try {
      Signature signature = Signature.getInstance(algorithm, provider);
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException | ProviderException e) {
      throw new VexException(
          "PKCS#11: the token " + token + " did not sign with '" + alias + "': " + rootMessage(e),
          e);
    }
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  /** The alias of the key in the token. */
  public String alias() {
    return alias;
  }

  /** Logs out of the token (further signing fails). */
  @Override
  public void close() {
    logout(provider);
  }

  private static void logout(Provider provider) {
    if (provider instanceof AuthProvider) {
      try {
        ((AuthProvider) provider).logout();
      } catch (LoginException e) {
        // already logged out, or the token went away: nothing left to release
      }
    }
  }

  /** For example {@code Pkcs11Signer[ECDSA_P256 keyid=… alias vex-signing in /etc/hsm.cfg]}. */
  @Override
  public String toString() {
    return "Pkcs11Signer["
        + publicKey.algorithm()
        + " keyid="
        + publicKey.keyId()
        + " alias "
        + alias
        + " in "
        + token
        + "]";
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
