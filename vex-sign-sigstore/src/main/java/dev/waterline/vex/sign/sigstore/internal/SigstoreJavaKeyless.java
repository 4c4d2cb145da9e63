package dev.waterline.vex.sign.sigstore.internal;

import dev.sigstore.KeylessSigner;
import dev.waterline.vex.sign.InTotoStatement;
import dev.waterline.vex.sign.SigstoreBundle;
import dev.waterline.vex.sign.TrustedRoot;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.internal.KeylessProvider;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Keyless signing and keyless bundle verification through sigstore-java, the {@link
 * KeylessProvider} that vex-sign finds through {@link java.util.ServiceLoader} when this module is
 * on the class path.
 */
public final class SigstoreJavaKeyless implements KeylessProvider {
  /** For {@link java.util.ServiceLoader}. */
  public SigstoreJavaKeyless() {}

  @Override
  public SigstoreBundle sign(
      InTotoStatement statement,
      @Nullable Path signingConfig,
      TrustedRoot trustedRoot,
      boolean staging,
      @Nullable String token) {
    try (KeylessSigner signer =
        SigstoreJavaSigning.build(signingConfig, trustedRoot, staging, token)) {
      return SigstoreJavaSigning.attest(signer, statement);
    }
  }

  @Override
  public VerificationResult verifyKeyless(SigstoreBundle bundle, VerificationPolicy policy) {
    return SigstoreBundleVerifier.keyless(bundle, policy);
  }
}
