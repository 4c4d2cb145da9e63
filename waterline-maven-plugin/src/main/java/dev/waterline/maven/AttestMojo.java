package dev.waterline.maven;

import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.Password;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.sign.SigstoreBundle;
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
    File keyFile = key;
    if (keyFile == null) {
      throw new MojoFailureException(
          "waterline:attest needs a signing key: configure <key> (property waterline.key), a"
              + " cosign key file whose password is in $COSIGN_PASSWORD or a settings.xml server"
              + " (<passwordServerId>)");
    }
    BuiltImage built = builtImage();
    byte[] vexBytes = Inputs.read(vex, InputKind.VEX_DOCUMENT);
    byte[] keyBytes = Inputs.read(keyFile.toPath(), InputKind.KEY);
    Path out = attestationFile();
    UpToDate state =
        UpToDate.of(
            output().resolve("attest.state"),
            "vex",
            UpToDate.digest(vexBytes),
            "subject",
            built.subject().name() + "@" + built.digest(),
            "key",
            UpToDate.digest(keyBytes),
            "predicateType",
            predicateType,
            "attestation",
            Files.isRegularFile(out)
                ? UpToDate.digest(Inputs.read(out, InputKind.ATTESTATION))
                : "none");
    if (Files.isRegularFile(out) && state.unchanged()) {
      getLog().info("Waterline: " + shown(out) + " is up to date (VEX, image and key unchanged)");
      return;
    }
    VexDocument doc = Vex.read(vexBytes);
    SigningKey signingKey =
        Keys.readPrivate(keyFile.toPath(), () -> Passwords.password(this, keyFile));
    SigstoreBundle bundle =
        Attestations.of(doc)
            .subject(built.subject())
            .predicateType(predicateType)
            .signBundle(signingKey);
    byte[] json = (bundle.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
    writeIfChanged(out, json);
    UpToDate.of(
            output().resolve("attest.state"),
            "vex",
            UpToDate.digest(vexBytes),
            "subject",
            built.subject().name() + "@" + built.digest(),
            "key",
            UpToDate.digest(keyBytes),
            "predicateType",
            predicateType,
            "attestation",
            UpToDate.digest(json))
        .record();
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
