package dev.waterline.vex.sign.internal;

import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.InTotoStatement;
import dev.waterline.vex.sign.SigstoreBundle;
import dev.waterline.vex.sign.TrustedRoot;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Keyless signing and verification of keyless Sigstore bundles, implemented by the optional module
 * {@code dev.waterline:vex-sign-sigstore} (through sigstore-java) and found through {@link
 * ServiceLoader} ({@code META-INF/services/dev.waterline.vex.sign.internal.KeylessProvider}).
 * vex-sign itself needs no sigstore-java: {@link dev.waterline.vex.sign.KeylessSigning} and {@link
 * SigstoreBundles} call here, and without the module they fail with {@link #MISSING}.
 */
public interface KeylessProvider {
  /** What to add to use keyless signing or verification, as said in every error about it. */
  String MISSING =
      "keyless signing and keyless verification need the module dev.waterline:vex-sign-sigstore"
          + " on the class path (it brings sigstore-java); add it as a dependency next to"
          + " dev.waterline:vex-sign";

  /**
   * Signs the statement keylessly (network).
   *
   * @param signingConfig a checked signing config file, or {@code null} for the instance's own
   * @param staging the Sigstore staging instance rather than public-good
   * @param token the OIDC identity token, or {@code null} for an ambient or interactive one
   * @throws VexException when setting up or signing fails (the message says which service)
   */
  SigstoreBundle sign(
      InTotoStatement statement,
      @Nullable Path signingConfig,
      TrustedRoot trustedRoot,
      boolean staging,
      @Nullable String token);

  /**
   * Verifies a keyless bundle: one DSSE signature, a signing certificate and a keyless policy (the
   * caller has checked these). Never throws for bad input: every failure is a {@link
   * VerificationResult#failed} with the right reason.
   */
  VerificationResult verifyKeyless(SigstoreBundle bundle, VerificationPolicy policy);

  /** The provider on the class path, if any. */
  static Optional<KeylessProvider> find() {
    Iterator<KeylessProvider> it =
        ServiceLoader.load(KeylessProvider.class, KeylessProvider.class.getClassLoader())
            .iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }

  /**
   * The provider on the class path.
   *
   * @throws VexException saying to add {@code dev.waterline:vex-sign-sigstore} when there is none,
   *     or why it could not be loaded
   */
  static KeylessProvider require() {
    try {
      return find().orElseThrow(() -> new VexException(MISSING));
    } catch (ServiceConfigurationError e) {
      throw new VexException(
          "keyless signing and verification (dev.waterline:vex-sign-sigstore) could not be"
              + " loaded: "
              + e.getMessage(),
          e);
    }
  }
}
