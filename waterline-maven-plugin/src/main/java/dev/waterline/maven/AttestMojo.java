package dev.waterline.maven;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.KeylessSigning;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.Password;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.sign.SigstoreBundle;
import dev.waterline.vex.sign.TrustedRoot;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.jspecify.annotations.Nullable;

/**
 * {@code waterline:attest}: signs {@code target/waterline/vex.json} as an in-toto attestation about
 * the built image, written as a Sigstore bundle v0.3 to {@code target/waterline/vex.sigstore.json}.
 *
 * <p>The key is a cosign key file (or an unencrypted PKCS#8 PEM). Its password comes from the
 * environment variable {@code <passwordEnvironmentVariable>} (default {@code COSIGN_PASSWORD}) or
 * from the {@code settings.xml} server {@code <passwordServerId>} (Maven's encrypted passwords
 * work), never from the POM. When neither the VEX, the image nor the key changed since the last
 * run, nothing is signed again.
 */
@Mojo(name = "attest", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
@SuppressWarnings("NullAway.Init") // Maven injects the parameters
public class AttestMojo extends WaterlineMojo {
  /** Skips this goal. */
  @Parameter(property = "waterline.attest.skip", defaultValue = "false")
  boolean skipAttest;

  /** The private key: a cosign key ({@code cosign.key}) or an unencrypted PKCS#8 PEM. */
  @Parameter(property = "waterline.key")
  @Nullable File key;

  /** The environment variable that holds the key's password. */
  @Parameter(property = "waterline.passwordEnvironmentVariable", defaultValue = "COSIGN_PASSWORD")
  String passwordEnvironmentVariable;

  /**
   * The id of a {@code settings.xml} {@code <server>} whose {@code <password>} (encrypted with
   * {@code mvn --encrypt-password} or not) is the key's password; used when the environment
   * variable is not set.
   */
  @Parameter(property = "waterline.passwordServerId")
  @Nullable String passwordServerId;

  /**
   * Sign keyless with Sigstore instead of a key (in CI): a Fulcio certificate for the OIDC identity
   * token in {@code <identityTokenEnvironmentVariable>} (or GitHub Actions' ambient token), a Rekor
   * v2 log entry and a timestamp. Excludes {@code <key>}. Needs the network.
   */
  @Parameter(property = "waterline.keyless", defaultValue = "false")
  boolean keyless;

  /** Keyless: the environment variable holding the OIDC identity token (never the POM). */
  @Parameter(
      property = "waterline.identityTokenEnvironmentVariable",
      defaultValue = "SIGSTORE_ID_TOKEN")
  String identityTokenEnvironmentVariable;

  /** Keyless: use the Sigstore staging instance (from its TUF repository). */
  @Parameter(property = "waterline.staging", defaultValue = "false")
  boolean staging;

  /** Keyless: a Sigstore signing config (Fulcio, Rekor v2, TSA), with {@code <trustedRoot>}. */
  @Parameter(property = "waterline.signingConfig")
  @Nullable File signingConfig;

  /** Keyless: the trusted root matching {@code <signingConfig>}. */
  @Parameter(property = "waterline.trustedRoot")
  @Nullable File trustedRoot;

  /** The in-toto predicate type. */
  @Parameter(property = "waterline.predicateType", defaultValue = "https://openvex.dev/ns")
  String predicateType;

  // Maven 3.9 injects components this way too; JSR-330 constructor injection would need
  // javax.inject on the compile path for nothing more.
  @SuppressWarnings("deprecation")
  @Component
  SettingsDecrypter decrypter;

  /** Creates the goal; Maven injects the parameters. */
  public AttestMojo() {}

  @Override
  boolean goalSkipped() {
    return skipAttest;
  }

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    Path vex = vexFile();
    if (!Files.isRegularFile(vex)) {
      getLog().info("Waterline: no " + shown(vex) + " to attest (waterline:vex wrote none)");
      return;
    }
    if (keyless) {
      attestKeyless(vex);
      return;
    }
    File keyFile = key;
    if (keyFile == null) {
      throw new MojoFailureException(
          "waterline:attest needs a signing key: configure <key> (property waterline.key), a"
              + " cosign key file whose password is in $COSIGN_PASSWORD or a settings.xml server"
              + " (<passwordServerId>), or sign keyless in CI with <keyless>true</keyless>");
    }
    BuiltImage built = builtImage();
    byte[] vexBytes = Inputs.read(vex, InputKind.VEX_DOCUMENT);
    byte[] keyBytes = Inputs.read(keyFile.toPath(), InputKind.KEY);
    Path out = attestationFile();
    UpToDate state = state(vexBytes, built, "key", UpToDate.digest(keyBytes), bundleDigest(out));
    if (Files.isRegularFile(out) && state.unchanged()) {
      getLog().info("Waterline: " + shown(out) + " is up to date (VEX, image and key unchanged)");
      return;
    }
    VexDocument doc = VexDocument.parse(vexBytes);
    SigningKey signingKey =
        Keys.readPrivate(keyFile.toPath(), () -> Passwords.password(this, keyFile));
    SigstoreBundle bundle =
        Attestations.of(doc)
            .subject(built.subject())
            .predicateType(predicateType)
            .signBundle(signingKey);
    byte[] json = (bundle.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
    writeIfChanged(out, json);
    state(vexBytes, built, "key", UpToDate.digest(keyBytes), UpToDate.digest(json)).record();
    getLog()
        .info(
            "Waterline: signed "
                + shown(vex)
                + " for "
                + built.reference()
                + " with key "
                + signingKey.publicKey().keyId()
                + ": "
                + shown(out));
  }

  /**
   * Keyless signing: every run signs anew (a keyless signature is a new certificate and log entry
   * each time), so it runs only when the VEX or the image changed since the last signature.
   */
  private void attestKeyless(Path vex) throws MojoExecutionException, MojoFailureException {
    if (key != null) {
      throw new MojoFailureException("<keyless> and <key> exclude each other: configure one");
    }
    if (staging && signingConfig != null) {
      throw new MojoFailureException("<staging> and <signingConfig> exclude each other");
    }
    if (signingConfig != null && trustedRoot == null) {
      throw new MojoFailureException("<signingConfig> needs <trustedRoot>, the root it trusts");
    }
    String token = environment(identityTokenEnvironmentVariable);
    String actions = environment("ACTIONS_ID_TOKEN_REQUEST_URL");
    boolean ambient = actions != null && !actions.isBlank();
    if ((token == null || token.isBlank()) && !ambient) {
      // sigstore-java would open a browser for an interactive login: never in a build.
      throw new MojoFailureException(
          "keyless signing needs an OIDC identity token: none in the environment variable "
              + identityTokenEnvironmentVariable
              + " and no GitHub Actions token (ACTIONS_ID_TOKEN_REQUEST_URL; the job needs"
              + " 'permissions: id-token: write'). Set "
              + identityTokenEnvironmentVariable
              + " (e.g. GitLab: id_tokens with aud sigstore), or sign with a <key>");
    }
    BuiltImage built = builtImage();
    byte[] vexBytes = Inputs.read(vex, InputKind.VEX_DOCUMENT);
    Path out = attestationFile();
    String config =
        signingConfig != null ? signingConfig.toString() : staging ? "staging" : "production";
    UpToDate state = state(vexBytes, built, "keyless", config, bundleDigest(out));
    if (Files.isRegularFile(out) && state.unchanged()) {
      getLog().info("Waterline: " + shown(out) + " is up to date (VEX and image unchanged)");
      return;
    }
    KeylessSigning signing;
    File config0 = signingConfig;
    File root0 = trustedRoot;
    if (config0 != null && root0 != null) {
      signing = KeylessSigning.fromFiles(config0.toPath(), TrustedRoot.fromFile(root0.toPath()));
    } else {
      signing = staging ? KeylessSigning.staging() : KeylessSigning.production();
    }
    if (token != null && !token.isBlank()) {
      signing = signing.identityToken(token.strip());
    }
    SigstoreBundle bundle =
        signing.sign(
            Attestations.of(VexDocument.parse(vexBytes))
                .subject(built.subject())
                .predicateType(predicateType)
                .statement());
    byte[] json = (bundle.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
    writeIfChanged(out, json);
    state(vexBytes, built, "keyless", config, UpToDate.digest(json)).record();
    getLog().info("Waterline: signed " + shown(vex) + " keyless (" + config + "): " + shown(out));
  }

  /**
   * The up-to-date record of a signature: the VEX, the subject, the signer ({@code key} and its
   * digest, or {@code keyless} and the instance), the predicate type and the bundle's digest.
   */
  private UpToDate state(
      byte[] vexBytes, BuiltImage built, String signer, String signerValue, String bundle) {
    return UpToDate.of(
        output().resolve("attest.state"),
        "vex",
        UpToDate.digest(vexBytes),
        "subject",
        built.subject().name() + "@" + built.digest(),
        signer,
        signerValue,
        "predicateType",
        predicateType,
        "attestation",
        bundle);
  }

  /** The digest of the bundle written before, or {@code none}. */
  private static String bundleDigest(Path out) {
    return Files.isRegularFile(out)
        ? UpToDate.digest(Inputs.read(out, InputKind.ATTESTATION))
        : "none";
  }

  /** The environment, for the password variable (a method so that tests can see what is read). */
  @Nullable String environment(String name) {
    return System.getenv(name);
  }

  /** Where the key's password comes from. */
  static final class Passwords {
    private Passwords() {}

    static Password password(AttestMojo mojo, File keyFile) {
      String variable = mojo.passwordEnvironmentVariable;
      String value = mojo.environment(variable);
      if (value != null) {
        return Password.of(value.toCharArray());
      }
      String serverId = mojo.passwordServerId;
      if (serverId != null && !serverId.isBlank()) {
        return Password.of(
            Servers.password(mojo.session, mojo.decrypter, serverId, "<passwordServerId>")
                .toCharArray());
      }
      throw new dev.waterline.vex.VexException(
          "the key "
              + keyFile
              + " is encrypted and there is no password: set the environment variable "
              + variable
              + " or name a settings.xml server with <passwordServerId> (property"
              + " waterline.passwordServerId)");
    }
  }
}
