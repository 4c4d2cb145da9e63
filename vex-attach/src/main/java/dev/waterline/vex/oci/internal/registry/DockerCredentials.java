package dev.waterline.vex.oci.internal.registry;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import com.google.cloud.tools.jib.registry.credentials.CredentialRetrievalException;
import dev.waterline.vex.oci.OciException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Credentials from a Docker {@code config.json}: {@code credHelpers}, {@code credsStore} (running
 * {@code docker-credential-<name>}) and {@code auths}, read with jib-core's credential retriever
 * (the part of jib that fits behind our interface; the transport itself is ours).
 */
final class DockerCredentials {
  private DockerCredentials() {}

  /** The credential {@code config} holds for {@code registry}, if any. */
  static Optional<RegistryCredential> lookup(Path config, String registry, RegistryErrors errors) {
    if (!Files.isRegularFile(config)) {
      return Optional.empty();
    }
    try {
      com.google.cloud.tools.jib.api.ImageReference image =
          com.google.cloud.tools.jib.api.ImageReference.of(registry, "waterline/lookup", null);
      CredentialRetriever retriever =
          CredentialRetrieverFactory.forImage(image, event -> {}).dockerConfig(config);
      Optional<Credential> c = retriever.retrieve();
      return c.map(x -> RegistryCredential.of(x.getUsername(), x.getPassword()));
    } catch (CredentialRetrievalException | RuntimeException e) {
      // jib's messages name the helper and the registry; a helper's output is scrubbed anyway
      throw new OciException(
          "cannot read the credentials for "
              + registry
              + " from "
              + config
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + errors.serverText(e.getMessage())),
          registry,
          null,
          null,
          null);
    }
  }
}
