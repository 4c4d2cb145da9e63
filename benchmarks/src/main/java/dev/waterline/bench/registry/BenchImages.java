package dev.waterline.bench.registry;

import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.internal.registry.RegistryClient;
import dev.waterline.vex.oci.internal.registry.RegistryConfig;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Subject images and attestations for the registry benchmark. Images are pushed through a client of
 * their own (not the measured {@code Registry}, so its request count is the operations' alone).
 * Attestations are Sigstore bundles v0.3 (key-based shape) around a DSSE envelope of an in-toto
 * statement naming the subject, with an OpenVEX predicate of four statements: 2.8 KB, the size of a
 * small real VEX bundle. The signature is a placeholder of a real ECDSA signature's length:
 * attaching does not verify, and the bytes are what travel.
 */
public final class BenchImages {
  private final RegistryClient pusher;

  /** Pushes to the plain-HTTP registry at {@code host}. */
  public BenchImages(String host) {
    this.pusher =
        new RegistryClient(
            host,
            new RegistryConfig(null, null, null, Set.of(), 64L << 20, 4, Duration.ofMillis(200)));
  }

  /**
   * Pushes a one-platform image (a gzipped layer of one file, its config, its manifest) tagged
   * {@code 1.0} to {@code repository}; {@code seed} makes its bytes and so its digest unique.
   */
  public Digest pushImage(String repository, String seed) {
    return ImageWriter.write(
            pusher.repository(repository),
            "1.0",
            "app.txt",
            "benchmark image " + seed,
            List.of("linux/amd64"))
        .digest();
  }

  /** A fresh Sigstore bundle about {@code subject}; {@code seed} makes its bytes unique. */
  public static Attestation bundle(Digest subject, String seed) {
    StringBuilder statements = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      if (i > 0) {
        statements.append(',');
      }
      statements
          .append("{\"vulnerability\":{\"name\":\"CVE-2026-")
          .append(1000 + i)
          .append("\"},\"products\":[{\"@id\":\"pkg:oci/app@")
          .append(subject)
          .append("\",\"subcomponents\":[{\"@id\":\"pkg:npm/left-pad@1.3.")
          .append(i)
          .append("\"}]}],\"status\":\"not_affected\",")
          .append("\"justification\":\"vulnerable_code_not_in_execute_path\",")
          .append("\"impact_statement\":\"The vulnerable function is never called by the app.\"}");
    }
    String statement =
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"registry.bench/app\","
            + "\"digest\":{\""
            + subject.algorithm()
            + "\":\""
            + subject.hex()
            + "\"}}],\"predicateType\":\"https://openvex.dev/ns\",\"predicate\":{"
            + "\"@context\":\"https://openvex.dev/ns/v0.2.0\","
            + "\"@id\":\"https://waterline.bench/vex/"
            + seed
            + "\",\"author\":\"Waterline benchmark\",\"timestamp\":\"2026-11-26T00:00:00Z\","
            + "\"version\":1,\"statements\":["
            + statements
            + "]}}";
    byte[] payload = statement.getBytes(StandardCharsets.UTF_8);
    byte[] sig = new byte[72];
    byte[] hash = sha256(payload);
    for (int i = 0; i < sig.length; i++) {
      sig[i] = hash[i % hash.length];
    }
    String bundle =
        "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\","
            + "\"verificationMaterial\":{\"publicKey\":{\"hint\":\"bench-key\"},\"tlogEntries\":[]},"
            + "\"dsseEnvelope\":{\"payload\":\""
            + Base64.getEncoder().encodeToString(payload)
            + "\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\""
            + Base64.getEncoder().encodeToString(sig)
            + "\",\"keyid\":\"\"}]}}";
    return Attestation.of(bundle.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
