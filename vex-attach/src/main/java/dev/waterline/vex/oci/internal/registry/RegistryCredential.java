package dev.waterline.vex.oci.internal.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and a secret (password or identity token) for one registry. The secret is never
 * printed: {@link #toString()} shows {@code ***}.
 */
public final class RegistryCredential {
  private final String username;
  private final String secret;

  private RegistryCredential(String username, String secret) {
    this.username = Objects.requireNonNull(username, "username");
    this.secret = Objects.requireNonNull(secret, "secret");
  }

  /** A credential. */
  public static RegistryCredential of(String username, String secret) {
    return new RegistryCredential(username, secret);
  }

  /** The user name. */
  public String username() {
    return username;
  }

  /** The secret, for handing to jib-core only (embed); never print it. */
  public String secret() {
    return secret;
  }

  /** The {@code Authorization} header value for HTTP Basic. */
  String basicAuthorization() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegistryCredential
        && ((RegistryCredential) o).username.equals(username)
        && ((RegistryCredential) o).secret.equals(secret);
  }

  @Override
  public int hashCode() {
    return Objects.hash(username, secret);
  }

  @Override
  public String toString() {
    return "RegistryCredential[" + username + ":***]";
  }
}
