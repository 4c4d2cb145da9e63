package dev.waterline.vex.sign.sigstore.internal;

import dev.sigstore.AlgorithmRegistry;
import dev.sigstore.KeylessSigner;
import dev.sigstore.SigningConfigProvider;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.oidc.client.OidcClients;
import dev.sigstore.oidc.client.TokenStringOidcClient;
import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.InTotoStatement;
import dev.waterline.vex.sign.SigstoreBundle;
import dev.waterline.vex.sign.TrustedRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Keyless attesting through sigstore-java 2.0.0's {@code KeylessSigner}: Fulcio certificate for an
 * ephemeral P-256 key (OIDC token → Fulcio gRPC over TLS), DSSE signature, RFC 3161 timestamp,
 * Rekor v2 {@code dsse} entry; returns a bundle v0.3.
 */
public final class SigstoreJavaSigning {
  private SigstoreJavaSigning() {}

  /**
   * Builds sigstore-java's signer. With {@code signingConfig} and a FILE trusted root this reads
   * only files; with staging it contacts the staging TUF repository.
   */
  public static KeylessSigner build(
      @Nullable Path signingConfig, TrustedRoot root, boolean staging, @Nullable String token) {
    KeylessSigner.Builder b = KeylessSigner.builder();
    if (staging) {
      b.sigstoreStagingDefaults();
    } else {
      b.sigstorePublicDefaults();
    }
    if (signingConfig != null) {
      b.signingConfigProvider(SigningConfigProvider.from(signingConfig));
    }
    b.trustedRootProvider(SigstoreBundleVerifier.provider(root));
    b.enableRekorV2(true);
    b.signingAlgorithm(AlgorithmRegistry.SigningAlgorithm.PKIX_ECDSA_P256_SHA_256);
    if (token != null) {
      b.forceCredentialProviders(OidcClients.of(TokenStringOidcClient.from(token)));
    }
    try {
      return b.build();
    } catch (Exception e) {
      throw new VexException(
          "cannot set up keyless signing (trusted root "
              + root
              + (signingConfig != null ? ", signing config " + signingConfig : "")
              + "): "
              + SigstoreBundleVerifier.messageOf(e),
          e);
    }
  }

  /**
   * Attests the statement. Its payload is ASCII-only JSON, so sigstore-java's PAE (UTF-16 lengths)
   * equals the DSSE one; the returned envelope's payload is checked to be our bytes.
   */
  public static SigstoreBundle attest(KeylessSigner signer, InTotoStatement statement) {
    byte[] payload = statement.toPayload();
    for (byte b : payload) {
      if (b < 0) {
        throw new VexException(
            "refusing to attest a non-ASCII payload with sigstore-java 2.0.0 (its DSSE PAE"
                + " counts UTF-16 units, not bytes)");
      }
    }
    Bundle bundle;
    try {
      bundle = signer.attest(new String(payload, StandardCharsets.US_ASCII));
    } catch (Exception e) {
      throw new VexException(
          "keyless signing with sigstore-java failed: " + SigstoreBundleVerifier.messageOf(e), e);
    }
    SigstoreBundle ours = SigstoreBundle.parse(bundle.toJson());
    if (!Arrays.equals(ours.envelope().payload(), payload)) {
      throw new VexException(
          "sigstore-java returned a bundle whose DSSE payload differs from the statement signed");
    }
    return ours;
  }
}
