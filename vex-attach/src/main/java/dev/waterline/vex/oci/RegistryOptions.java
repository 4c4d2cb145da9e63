package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.waterline.vex.VexException;
import dev.waterline.vex.oci.internal.registry.Deadlines;
import dev.waterline.vex.oci.internal.registry.Durations;
import dev.waterline.vex.oci.internal.registry.RegistryConfig;
import dev.waterline.vex.oci.internal.registry.RegistryCredential;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
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
 * never appears in {@link #toString()} or in any message, and nothing a registry sends reaches a
 * message unscrubbed.
 *
 * <p>Deadlines: a connection must open within {@link #connectTimeout()} (10 s); the registry may
 * stay silent for at most {@link #readTimeout()} (30 s; before its answer starts and between two
 * parts of a body); one operation ({@link Registry#attach}, {@link Registry#fetch}, {@link
 * Registry#imageConfig}, or one call on a repository's {@link Attachments}) ends with an {@link
 * OciException} naming the registry and what was being read once {@link #timeout()} (2 min) has
 * passed, retries included. Retries (on 429, 5xx and broken connections; {@link #maxAttempts()} per
 * request) draw on a budget of {@link #maxRetries()} retries and {@link #maxRetryWait()} of waiting
 * per operation; a {@code Retry-After} longer than what is left is not waited for.
 */
@API(status = STABLE, since = "0.1.0")
public final class RegistryOptions {
  /** The largest manifest read or written: 4 MiB, what the distribution spec asks for. */
  public static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  /** The default largest blob read: 64 MiB. */
  public static final long DEFAULT_MAX_BLOB_BYTES = 64L * 1024 * 1024;

  /** The default time a connection may take to open: 10 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Deadlines.DEFAULTS.connect();

  /** The default time a registry may stay silent: 30 s. */
  public static final Duration DEFAULT_READ_TIMEOUT = Deadlines.DEFAULTS.read();

  /** The default deadline of one whole operation, retries included: 2 min. */
  public static final Duration DEFAULT_TIMEOUT = Deadlines.DEFAULTS.operation();

  /** The default most retries in one operation: 10. */
  public static final int DEFAULT_MAX_RETRIES = Deadlines.DEFAULTS.retries();

  /** The default most time one operation waits before retries: 60 s. */
  public static final Duration DEFAULT_MAX_RETRY_WAIT = Deadlines.DEFAULTS.retryWait();

  /** The longest any timeout may be set to: 24 h. */
  public static final Duration MAX_TIMEOUT = Deadlines.MAX;

  private final @Nullable RegistryCredential credential;
  private final @Nullable Path dockerConfig;
  private final boolean useDockerConfig;
  private final @Nullable Path caCertificates;
  private final Set<String> insecureRegistries;
  private final long maxBlobBytes;
  private final int maxAttempts;
  private final Duration retryDelay;
  private final Deadlines deadlines;

  private RegistryOptions(Builder b) {
    this.credential = b.credential;
    this.dockerConfig = b.dockerConfig;
    this.useDockerConfig = b.useDockerConfig;
    this.caCertificates = b.caCertificates;
    this.insecureRegistries = Set.copyOf(b.insecureRegistries);
    this.maxBlobBytes = b.maxBlobBytes;
    this.maxAttempts = b.maxAttempts;
    this.retryDelay = b.retryDelay;
    this.deadlines =
        new Deadlines(b.connectTimeout, b.readTimeout, b.timeout, b.maxRetries, b.maxRetryWait);
  }

  /**
   * The defaults: credentials from Docker's config file, the JDK's CAs, 4 attempts per request, the
   * default deadlines and retry budget.
   */
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

  /** The longest a connection may take to open. */
  public Duration connectTimeout() {
    return deadlines.connect();
  }

  /**
   * The longest the registry may stay silent: before its answer starts, and between two parts of a
   * body.
   */
  public Duration readTimeout() {
    return deadlines.read();
  }

  /** The deadline of one whole operation (an attach, a fetch), retries and waits included. */
  public Duration timeout() {
    return deadlines.operation();
  }

  /** The most retries one operation makes, whatever requests they are for. */
  public int maxRetries() {
    return deadlines.retries();
  }

  /** The most time one operation waits before retries (backoff and {@code Retry-After}). */
  public Duration maxRetryWait() {
    return deadlines.retryWait();
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
        retryDelay,
        deadlines);
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
        + ", connectTimeout="
        + Durations.format(deadlines.connect())
        + ", readTimeout="
        + Durations.format(deadlines.read())
        + ", timeout="
        + Durations.format(deadlines.operation())
        + ", retryBudget="
        + deadlines.retries()
        + "/"
        + Durations.format(deadlines.retryWait())
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
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration maxRetryWait = DEFAULT_MAX_RETRY_WAIT;

    private Builder() {}

    /** Explicit credentials (a password or an identity token); Docker's config is not read. */
    @CanIgnoreReturnValue
    public Builder credentials(String username, String password) {
      this.credential =
          RegistryCredential.of(
              Objects.requireNonNull(username, "username"),
              Objects.requireNonNull(password, "password"));
      return this;
    }

    /** Read credentials from this Docker {@code config.json} instead of the default one. */
    @CanIgnoreReturnValue
    public Builder dockerConfig(Path configJson) {
      this.dockerConfig = Objects.requireNonNull(configJson, "configJson");
      this.useDockerConfig = true;
      return this;
    }

    /** Send no credentials unless given with {@link #credentials}. */
    @CanIgnoreReturnValue
    public Builder withoutDockerConfig() {
      this.useDockerConfig = false;
      return this;
    }

    /** Trust the CA certificates of this PEM file (instead of the JDK's). */
    @CanIgnoreReturnValue
    public Builder caCertificates(Path pem) {
      this.caCertificates = Objects.requireNonNull(pem, "pem");
      return this;
    }

    /** Allow plain HTTP to {@code host} or {@code host:port} (tried after HTTPS). */
    @CanIgnoreReturnValue
    public Builder insecureRegistry(String host) {
      this.insecureRegistries.add(Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT));
      return this;
    }

    /** The largest blob read (attestation layers are small). */
    @CanIgnoreReturnValue
    public Builder maxBlobBytes(long bytes) {
      if (bytes < 1) {
        throw new VexException("maxBlobBytes must be positive: " + bytes);
      }
      this.maxBlobBytes = bytes;
      return this;
    }

    /** Attempts per request on 429, 5xx and connection failures (1 = no retries). */
    @CanIgnoreReturnValue
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 20) {
        throw new VexException("maxAttempts must be 1 to 20: " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** The first retry delay, doubled per attempt, unless the registry sends Retry-After. */
    @CanIgnoreReturnValue
    public Builder retryDelay(Duration delay) {
      if (delay.isNegative()) {
        throw new VexException("retryDelay must not be negative: " + delay);
      }
      this.retryDelay = delay;
      return this;
    }

    /**
     * The longest a TCP (and TLS) connection to the registry may take to open (default 10 s; above
     * 0, at most 24 h). Not retried when it passes.
     */
    @CanIgnoreReturnValue
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = checked("connectTimeout", timeout);
      return this;
    }

    /**
     * The longest the registry may stay silent (default 30 s; above 0, at most 24 h): waiting for
     * its answer to start, or for the next part of a body. A body that keeps coming is not cut by
     * it (the {@link #timeout} is). Not retried when it passes.
     */
    @CanIgnoreReturnValue
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = checked("readTimeout", timeout);
      return this;
    }

    /**
     * The deadline of one whole operation (default 2 min; above 0, at most 24 h): an attach, a
     * fetch, reading an image config, or one call on a repository's {@link Attachments}, with all
     * its requests, retries, waits and token requests. When it passes, the operation ends with an
     * {@link OciException} naming the registry and what was being read.
     */
    @CanIgnoreReturnValue
    public Builder timeout(Duration timeout) {
      this.timeout = checked("timeout", timeout);
      return this;
    }

    /**
     * The retry budget of one operation (default 10 retries and 60 s of waiting): retries of any
     * request draw on it, so they cannot multiply the deadline; a {@code Retry-After} longer than
     * what is left of it fails the operation at once, saying so. {@code retries} 0 to 100; {@code
     * wait} 0 to 24 h.
     */
    @CanIgnoreReturnValue
    public Builder retryBudget(int retries, Duration wait) {
      if (retries < 0 || retries > 100) {
        throw new VexException("retryBudget retries must be 0 to 100: " + retries);
      }
      Objects.requireNonNull(wait, "wait");
      if (wait.isNegative() || wait.compareTo(MAX_TIMEOUT) > 0) {
        throw new VexException(
            "retryBudget wait must be 0 to 24h but was " + Durations.format(wait));
      }
      this.maxRetries = retries;
      this.maxRetryWait = wait;
      return this;
    }

    private static Duration checked(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
        throw new VexException(
            name + " must be above 0 and at most 24h but was " + Durations.format(d));
      }
      return d;
    }

    /** The options. */
    public RegistryOptions build() {
      return new RegistryOptions(this);
    }
  }
}
