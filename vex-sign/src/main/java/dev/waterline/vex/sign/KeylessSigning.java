package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.internal.KeylessProvider;
import dev.waterline.vex.sign.internal.SigningConfigCheck;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Keyless signing with Sigstore (through sigstore-java 2.0.0): an OIDC identity token gets a
 * short-lived Fulcio certificate for an ephemeral key, which signs the DSSE envelope; the signature
 * is timestamped by a timestamp authority and logged in Rekor v2. The result is a Sigstore bundle
 * v0.3 with the certificate, the log entry and the timestamp.
 *
 * <p>sigstore-java 2.0.0 attests only through Rekor v2 + a TSA, so the signing config must list
 * both: use {@link #staging()} (TUF) or {@link #fromFiles} with a config such as public-good's
 * {@code signing_config_rekor_v2.v0.2.json}. The public-good TUF config lists only Rekor v1 today,
 * so {@link #production()} fails when signing ("No rekor v2 client was configured"). Without {@link
 * #identityToken(String)}, sigstore-java looks for an ambient GitHub Actions token and otherwise
 * opens a browser flow. Needs network access when signing.
 *
 * <p>Signing goes through sigstore-java, which vex-sign does not depend on: add {@code
 * dev.waterline:vex-sign-sigstore} (class path only) to sign. Building a {@code KeylessSigning}
 * (and checking a signing config with {@link #fromFiles}) works without it; {@link #sign} without
 * it throws a {@link VexException} saying to add it.
 */
@API(status = STABLE, since = "0.1.0")
public final class KeylessSigning {
  private enum Instance {
    PRODUCTION,
    STAGING
  }

  private final Instance instance;
  private final @Nullable Path signingConfig;
  private final TrustedRoot trustedRoot;
  private final @Nullable String token;

  private KeylessSigning(
      Instance instance,
      @Nullable Path signingConfig,
      TrustedRoot trustedRoot,
      @Nullable String token) {
    this.instance = instance;
    this.signingConfig = signingConfig;
    this.trustedRoot = trustedRoot;
    this.token = token;
  }

  /** The Sigstore staging instance; signing config and trusted root from its TUF repository. */
  public static KeylessSigning staging() {
    return new KeylessSigning(Instance.STAGING, null, TrustedRoot.stagingFromTuf(), null);
  }

  /** The public-good instance from TUF (see the class comment for why attesting fails today). */
  public static KeylessSigning production() {
    return new KeylessSigning(Instance.PRODUCTION, null, TrustedRoot.productionFromTuf(), null);
  }

  /**
   * A signing config file ({@code --signing-config FILE}) and a trusted root. The config is checked
   * now: it must list a Fulcio CA, a Rekor v2 log and a timestamp authority valid now.
   *
   * @throws VexException naming the file and pointer when the config is unusable
   */
  public static KeylessSigning fromFiles(Path signingConfig, TrustedRoot trustedRoot) {
    SigningConfigCheck.check(signingConfig, Instant.now());
    return new KeylessSigning(
        Instance.PRODUCTION, signingConfig.toAbsolutePath(), trustedRoot, null);
  }

  /** The same, authenticating with this OIDC identity token (e.g. from CI). */
  public KeylessSigning identityToken(String oidcToken) {
    if (oidcToken.isBlank()) {
      throw new VexException("the OIDC identity token is empty");
    }
    return new KeylessSigning(instance, signingConfig, trustedRoot, oidcToken.strip());
  }

  /** The signing config file, when given. */
  public Optional<Path> signingConfig() {
    return Optional.ofNullable(signingConfig);
  }

  /** The trusted root used to check Fulcio, Rekor and the TSA's answers. */
  public TrustedRoot trustedRoot() {
    return trustedRoot;
  }

  /**
   * Signs the statement keylessly (network), through the module {@code
   * dev.waterline:vex-sign-sigstore}, which must be on the class path.
   *
   * @throws VexException when that module is missing (the message says to add it), or when setting
   *     up or signing fails (the message says which service)
   */
  public SigstoreBundle sign(InTotoStatement statement) {
    return KeylessProvider.require()
        .sign(statement, signingConfig, trustedRoot, instance == Instance.STAGING, token);
  }

  /** For example {@code KeylessSigning[staging, TrustedRoot[staging TUF], token ***]}. */
  @Override
  public String toString() {
    return "KeylessSigning["
        + (signingConfig != null
            ? "signing config " + signingConfig
            : instance.name().toLowerCase(java.util.Locale.ROOT))
        + ", "
        + trustedRoot
        + ", token "
        + (token == null ? "ambient/interactive" : "***")
        + "]";
  }
}
