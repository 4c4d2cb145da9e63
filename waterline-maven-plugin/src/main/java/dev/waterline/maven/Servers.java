package dev.waterline.maven;

import dev.waterline.vex.VexException;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** {@code settings.xml} servers, with their passwords decrypted as Maven does. */
final class Servers {
  private Servers() {}

  /** The server with this id, decrypted; empty when settings.xml has none. */
  static Optional<Server> find(MavenSession session, SettingsDecrypter decrypter, String id) {
    Server server = session.getSettings().getServer(id);
    if (server == null) {
      return Optional.empty();
    }
    SettingsDecryptionResult result =
        decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    for (SettingsProblem p : result.getProblems()) {
      if (p.getSeverity() != SettingsProblem.Severity.WARNING) {
        throw new VexException(
            "cannot decrypt the password of settings.xml server '" + id + "': " + p.getMessage());
      }
    }
    Server decrypted = result.getServer();
    return Optional.of(decrypted == null ? server : decrypted);
  }

  /** The password of a server that must exist and have one. */
  static String password(
      MavenSession session, SettingsDecrypter decrypter, String id, String configuredBy) {
    Server server =
        find(session, decrypter, id)
            .orElseThrow(
                () ->
                    new VexException(
                        configuredBy
                            + " names the settings.xml server '"
                            + id
                            + "', but settings.xml has no <server> with that id"));
    String password = server.getPassword();
    if (password == null) {
      throw new VexException("settings.xml server '" + id + "' has no <password>");
    }
    return password;
  }
}
