package dev.waterline.vex.sign.sigstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.ImmutableBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/**
 * Shows why {@link CorrectPaeEnvelope} exists: sigstore-java 2.0.0 alone rejects a correct keyless
 * bundle over a non-ASCII payload; handed the correct PAE it accepts it.
 */
class CorrectPaeEnvelopeTest {
  private static Path dir() {
    String shared = System.getProperty("waterline.shared");
    assumeTrue(shared != null, "skipped: system property waterline.shared is not set");
    Path dir = Path.of(shared, "sigstore", "fixtures", "keyless-fake-root");
    assumeTrue(Files.isDirectory(dir), "skipped: shared fixtures not found at " + dir);
    return dir;
  }

  @Test
  void sigstoreJavaAloneRejectsNonAsciiButAcceptsItWithTheCorrectPae() throws Exception {
    Path dir = dir();
    Bundle bundle =
        Bundle.from(dir.resolve("bundle-nonascii.sigstore.json"), StandardCharsets.UTF_8);
    KeylessVerifier verifier =
        KeylessVerifier.builder()
            .trustedRootProvider(TrustedRootProvider.from(dir.resolve("trusted_root.json")))
            .build();
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest(Files.readAllBytes(dir.resolve("artifact.txt")));

    assertThatThrownBy(() -> verifier.verify(digest, bundle, VerificationOptions.empty()))
        .isInstanceOf(KeylessVerificationException.class)
        .hasMessage("DSSE signature was not valid");

    Bundle.DsseEnvelope original = bundle.getDsseEnvelope().orElseThrow();
    CorrectPaeEnvelope fixed = new CorrectPaeEnvelope(original);
    assertThat(new String(fixed.getPAE(), StandardCharsets.UTF_8))
        .startsWith("DSSEv1 28 application/vnd.in-toto+json " + original.getPayload().length + " ");
    assertThat(fixed.getPAE()).isNotEqualTo(original.getPAE());
    verifier.verify(
        digest,
        ImmutableBundle.copyOf(bundle).withDsseEnvelope(fixed),
        VerificationOptions.empty());
  }
}
