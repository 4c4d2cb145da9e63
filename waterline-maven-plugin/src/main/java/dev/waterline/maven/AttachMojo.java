package dev.waterline.maven;

import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.oci.AttachResult;
import dev.waterline.vex.oci.Attachments;
import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.OciArchive;
import dev.waterline.vex.oci.Registry;
import dev.waterline.vex.oci.RegistryOptions;
import dev.waterline.vex.oci.Removal;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.jspecify.annotations.Nullable;

/**
 * {@code waterline:attach}: attaches {@code target/waterline/vex.sigstore.json} to the built image,
 * in the default layouts (a Sigstore bundle referrer and cosign's {@code .att} tag): on the
 * registry Jib pushed to, or in the OCI image layout {@code <image>} names.
 *
 * <p>Registry credentials: a {@code settings.xml} {@code <server>} whose id is the registry host
 * (or {@code <serverId>}), else Docker's {@code config.json} and its credential helpers, as Jib
 * uses them. In offline mode ({@code -o}) only an OCI layout can be attached to. When the
 * attestation and the image are the ones attached last time, nothing is done.
 */
@Mojo(name = "attach", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
@SuppressWarnings("NullAway.Init") // Maven injects the parameters
public class AttachMojo extends WaterlineMojo {
  /** Skips this goal. */
  @Parameter(property = "waterline.attach.skip", defaultValue = "false")
  boolean skipAttach;

  /**
   * The {@code settings.xml} server with the registry's username and password. Default: the server
   * whose id is the registry's host (with its port, if any).
   */
  /**
   * Whether attaching a newer version of the project's VEX document supersedes the older one on the
   * image (same {@code @id} with a lower version, or the same author and products): its referrer,
   * fallback-index entry and {@code .att} layer are removed, as {@code waterline attach --replace}
   * does.
   */
  @Parameter(property = "waterline.attach.replace", defaultValue = "true")
  boolean replace = true;

  @Parameter(property = "waterline.serverId")
  @Nullable String serverId;

  /**
   * Docker's {@code config.json}. Default: {@code $DOCKER_CONFIG/config.json}, else {@code
   * ~/.docker}.
   */
  @Parameter(property = "waterline.dockerConfig")
  @Nullable File dockerConfig;

  /**
   * PEM certificates to trust for the registry's TLS, besides the JDK's (a private CA, a
   * self-signed registry).
   */
  @Parameter(property = "waterline.caCertificates")
  @Nullable File caCertificates;

  /** Registries that may be reached over plain HTTP (host or host:port; loopback needs none). */
  @Parameter List<String> insecureRegistries = new ArrayList<>();

  // Maven 3.9 injects components this way too; JSR-330 constructor injection would need
  // javax.inject on the compile path for nothing more.
  @SuppressWarnings("deprecation")
  @Component
  SettingsDecrypter decrypter;

  /** Creates the goal; Maven injects the parameters. */
  public AttachMojo() {}

  @Override
  boolean goalSkipped() {
    return skipAttach;
  }

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    Path file = attestationFile();
    if (!Files.isRegularFile(file)) {
      getLog().info("Waterline: no " + shown(file) + " to attach (waterline:attest wrote none)");
      return;
    }
    BuiltImage built = builtImage();
    if (!built.isLayout() && session.isOffline()) {
      throw new MojoFailureException(
          "Maven is offline (-o), so waterline:attach cannot reach the registry of "
              + built.reference()
              + ": build online, skip the goal (-Dwaterline.attach.skip), or attach into an OCI"
              + " image layout (<image>oci:PATH:TAG</image>)");
    }
    byte[] bytes = Inputs.read(file, InputKind.ATTESTATION);
    UpToDate state =
        UpToDate.of(
            output().resolve("attach.state"),
            "attestation",
            UpToDate.digest(bytes),
            "image",
            built.reference().toString());
    // An archive is rewritten by every jib:buildTar: look into it each time (attaching what is
    // there already changes nothing, and then the archive is not rewritten).
    if (built.archive() == null && state.unchanged()) {
      getLog()
          .info("Waterline: " + shown(file) + " is attached to " + built.reference() + " already");
      return;
    }
    Attestation attestation = Attestation.of(bytes);
    AttachResult result;
    if (built.isLayout()) {
      Attachments on = Attachments.on(built.reference());
      result =
          replace
              ? on.attachReplacing(built.reference(), attestation)
              : on.attach(built.reference(), attestation);
    } else {
      Registry registry =
          Registry.of(built.reference(), registryOptions(built.reference().registry()));
      String image = built.reference().toString();
      result =
          replace
              ? registry.attachReplacing(image, attestation)
              : registry.attach(image, attestation);
    }
    for (AttachResult.Entry e : result.entries()) {
      getLog()
          .info(
              "Waterline: "
                  + e.layout()
                  + " "
                  + e.manifest()
                  + e.tag().map(t -> " tag " + t).orElse("")
                  + (e.added() ? " added" : " already there")
                  + " on "
                  + built.reference());
    }
    for (Removal r : result.removed()) {
      getLog().info("Waterline: superseded, removed: " + r);
    }
    for (String note : result.notes()) {
      getLog().info("Waterline: " + note);
    }
    Path archive = built.archive();
    if (archive != null) {
      boolean changed =
          !result.removed().isEmpty() || result.entries().stream().anyMatch(e -> e.added());
      Path dir = built.reference().layoutPath().orElseThrow();
      if (changed) {
        OciArchive.pack(dir, archive);
        getLog().info("Waterline: " + shown(archive) + " rewritten with the attestation");
      } else {
        getLog().info("Waterline: " + shown(archive) + " holds the attestation already");
      }
    }
    state.record();
  }

  private RegistryOptions registryOptions(String host) {
    RegistryOptions.Builder b = RegistryOptions.builder();
    for (String h : insecureRegistries) {
      b.insecureRegistry(h.strip());
    }
    if (dockerConfig != null) {
      b.dockerConfig(dockerConfig.toPath());
    } else {
      String env = System.getenv("DOCKER_CONFIG");
      if (env != null && !env.isBlank()) {
        b.dockerConfig(Path.of(env, "config.json"));
      }
    }
    if (caCertificates != null) {
      b.caCertificates(caCertificates.toPath());
    }
    String id = serverId != null && !serverId.isBlank() ? serverId : host;
    Server server = Servers.find(session, decrypter, id).orElse(null);
    if (server != null && server.getUsername() != null && server.getPassword() != null) {
      b.credentials(server.getUsername(), server.getPassword());
      getLog().debug("Waterline: registry credentials from settings.xml server " + id);
    } else if (serverId != null && !serverId.isBlank()) {
      throw new dev.waterline.vex.VexException(
          "<serverId> names the settings.xml server '"
              + serverId
              + "', but settings.xml has no <server> with that id and a username and password");
    }
    return b.build();
  }
}
