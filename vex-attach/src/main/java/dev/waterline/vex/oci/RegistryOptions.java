package dev.waterline.vex.oci;

import dev.waterline.vex.oci.internal.registry.RegistryConfig;
import dev.waterline.vex.oci.internal.registry.RegistryCredential;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How to reach a registry: credentials (given, or from Docker's {@code config.json} with its {@code
 * auths}, {@code credsStore} and {@code credHelpers}), a CA file for registries with their own
 * certificate authority, hosts allowed over plain HTTP, limits and retries.
 *
 * <pre>{@code
 * var options = RegistryOptions.builder()
 *     .credentials("alice", System.getenv("REGISTRY_PASSWORD"))
 *     .caCertificates(Path.of("ca.pem"))
 *     .build();
 * Registry.of("registry.local:5000", options);
 * }</pre>
 *
 * <p>Plain HTTP is used without asking only for {@code localhost}, {@code 127.0.0.0/8} and {@code
 * [::1]} (HTTPS is tried first); other hosts need {@link Builder#insecureRegistry}. The password
 * never appears in {@link #toString()} or in any message.
 */
public final class RegistryOptions {
  /** The largest manifest read or written: 4 MiB, what the distribution spec asks for. */
  public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  /** The default largest blob read: 64 MiB. */
  public static final long DEFAULT_MAX_BLOB_BYTES = 64L * 1024 * 1024;

  private final @Nullable RegistryCredential credential;
  private final @Nullable Path dockerConfig;
  private final boolean useDockerConfig;
  private final @Nullable Path caCertificates;
  private final Set<String> insecureRegistries;
  private final long maxBlobBytes;
  private final int maxAttempts;
  private final Duration retryDelay;

  private RegistryOptions(Builder b) {
    this.credential = b.credential;
    this.dockerConfig = b.dockerConfig;
    this.useDockerConfig = b.useDockerConfig;
    this.caCertificates = b.caCertificates;
    this.insecureRegistries = Set.copyOf(b.insecureRegistries);
    this.maxBlobBytes = b.maxBlobBytes;
    this.maxAttempts = b.maxAttempts;
    this.retryDelay = b.retryDelay;
  }

  /** The defaults: credentials from Docker's config file, the JDK's CAs, 4 attempts. */
  public static RegistryOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The user name of the explicit credentials. */
  public Optional<String> username() {
    return Optional.ofNullable(credential).map(RegistryCredential::username);
  }

  /** The PEM file of trusted CA certificates. */
  public Optional<Path> caCertificates() {
    return Optional.ofNullable(caCertificates);
  }

  /** Hosts (or {@code host:port}) allowed over plain HTTP besides loopback. */
  public Set<String> insecureRegistries() {
    return insecureRegistries;
  }

  /** The largest blob read. */
  public long maxBlobBytes() {
    return maxBlobBytes;
  }

  /** Attempts per request on 429, 5xx and connection failures. */
  public int maxAttempts() {
    return maxAttempts;
  }

  RegistryConfig config() {
    Path config =
        credential != null || !useDockerConfig
            ? null
            : dockerConfig != null ? dockerConfig : defaultDockerConfig();
    return new RegistryConfig(
        credential,
        config,
        caCertificates,
        insecureRegistries,
        maxBlobBytes,
        maxAttempts,
        retryDelay);
  }

  private static Path defaultDockerConfig() {
    String dir = System.getenv("DOCKER_CONFIG");
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir, "config.json");
    }
    return Path.of(System.getProperty("user.home"), ".docker", "config.json");
  }

  @Override
  public String toString() {
    return "RegistryOptions[credentials="
        + (credential == null
            ? useDockerConfig
                ? "docker config " + (dockerConfig == null ? "(default)" : dockerConfig)
                : "none"
            : credential.username() + ":***")
        + (caCertificates == null ? "" : ", ca=" + caCertificates)
        + (insecureRegistries.isEmpty() ? "" : ", insecure=" + insecureRegistries)
        + ", maxBlobBytes="
        + maxBlobBytes
        + ", maxAttempts="
        + maxAttempts
        + "]";
  }

  /** Builds {@link RegistryOptions}. */
  public static final class Builder {
    private @Nullable RegistryCredential credential;
    private @Nullable Path dockerConfig;
    private boolean useDockerConfig = true;
    private @Nullable Path caCertificates;
    private final Set<String> insecureRegistries = new LinkedHashSet<>();
    private long maxBlobBytes = DEFAULT_MAX_BLOB_BYTES;
    private int maxAttempts = 4;
    private Duration retryDelay = Duration.ofMillis(200);

    private Builder() {}

    /** Explicit credentials (a password or an identity token); Docker's config is not read. */
    public Builder credentials(String username, String password) {
      this.credential =
          RegistryCredential.of(
              Objects.requireNonNull(username, "username"),
              Objects.requireNonNull(password, "password"));
      return this;
    }

    /** Read credentials from this Docker {@code config.json} instead of the default one. */
    public Builder dockerConfig(Path configJson) {
      this.dockerConfig = Objects.requireNonNull(configJson, "configJson");
      this.useDockerConfig = true;
      return this;
    }

    /** Send no credentials unless given with {@link #credentials}. */
    public Builder withoutDockerConfig() {
      this.useDockerConfig = false;
      return this;
    }

    /** Trust the CA certificates of this PEM file (instead of the JDK's). */
    public Builder caCertificates(Path pem) {
      this.caCertificates = Objects.requireNonNull(pem, "pem");
      return this;
    }

    /** Allow plain HTTP to {@code host} or {@code host:port} (tried after HTTPS). */
    public Builder insecureRegistry(String host) {
      this.insecureRegistries.add(Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT));
      return this;
    }

    /** The largest blob read (attestation layers are small). */
    public Builder maxBlobBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBlobBytes must be positive: " + bytes);
      }
      this.maxBlobBytes = bytes;
      return this;
    }

    /** Attempts per request on 429, 5xx and connection failures (1 = no retries). */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 20) {
        throw new IllegalArgumentException("maxAttempts must be 1 to 20: " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** The first retry delay, doubled per attempt, unless the registry sends Retry-After. */
    public Builder retryDelay(Duration delay) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("retryDelay must not be negative: " + delay);
      }
      this.retryDelay = delay;
      return this;
    }

    /** The options. */
    public RegistryOptions build() {
      return new RegistryOptions(this);
    }
  }
}
