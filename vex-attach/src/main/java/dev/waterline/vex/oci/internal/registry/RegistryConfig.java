package dev.waterline.vex.oci.internal.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How to talk to a registry.
 *
 * @param credential explicit credentials, or null to look in the Docker config
 * @param dockerConfig the Docker {@code config.json} to read credentials from, or null for none
 * @param caFile a PEM file of CA certificates to trust instead of the JDK's, or null
 * @param insecureHosts hosts (without port, or {@code host:port}) allowed over plain HTTP besides
 *     loopback
 * @param maxBlobBytes the largest blob read
 * @param maxAttempts attempts per request on 429, 5xx and connection failures (at least 1)
 * @param retryDelay the first backoff delay (doubled per attempt), unless {@code Retry-After} says
 * @param deadlines connect, read and operation timeouts and the retry budget of each operation
 */
public record RegistryConfig(
    @Nullable RegistryCredential credential,
    @Nullable Path dockerConfig,
    @Nullable Path caFile,
    Set<String> insecureHosts,
    long maxBlobBytes,
    int maxAttempts,
    Duration retryDelay,
    Deadlines deadlines) {
  /** Copies the set. */
  public RegistryConfig {
    insecureHosts = Set.copyOf(insecureHosts);
    if (maxAttempts < 1) {
      throw new IllegalStateException("maxAttempts must be at least 1: " + maxAttempts);
    }
    Objects.requireNonNull(deadlines, "deadlines");
  }

  /** A config with the {@link Deadlines#DEFAULTS default deadlines}. */
  public RegistryConfig(
      @Nullable RegistryCredential credential,
      @Nullable Path dockerConfig,
      @Nullable Path caFile,
      Set<String> insecureHosts,
      long maxBlobBytes,
      int maxAttempts,
      Duration retryDelay) {
    this(
        credential,
        dockerConfig,
        caFile,
        insecureHosts,
        maxBlobBytes,
        maxAttempts,
        retryDelay,
        Deadlines.DEFAULTS);
  }

  @Override
  public String toString() {
    return "RegistryConfig[credential="
        + (credential == null ? "none" : credential)
        + ", dockerConfig="
        + dockerConfig
        + ", caFile="
        + caFile
        + ", insecureHosts="
        + insecureHosts
        + ", maxBlobBytes="
        + maxBlobBytes
        + ", maxAttempts="
        + maxAttempts
        + ", retryDelay="
        + retryDelay
        + ", deadlines="
        + deadlines
        + "]";
  }
}
