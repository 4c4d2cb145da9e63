package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.sign.CertificateIdentity;
import dev.waterline.vex.sign.FailureReason;
import dev.waterline.vex.sign.TrustedRoot;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.testkit.SampleImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless verification through fetch, with the shared keyless fixtures (sigstore-js bundles against
 * a loopback fake Sigstore, verified offline with their trusted root). Their statement is about a
 * file, not an image, so it is attached without the subject check: a right identity then gets past
 * the certificate checks and stops at {@code SUBJECT_MISMATCH}, a wrong one at {@code
 * IDENTITY_MISMATCH}.
 */
class KeylessFetchTest {
  @TempDir Path dir;
  Path fixtures;
  Attachments vex;

  @BeforeEach
  void attach() {
    String shared = System.getProperty("waterline.shared");
    assumeTrue(shared != null, "skipped: system property waterline.shared is not set");
    fixtures = Path.of(shared, "sigstore", "fixtures", "keyless-fake-root");
    assumeTrue(Files.isDirectory(fixtures), "skipped: no keyless fixtures at " + fixtures);
    OciLayout layout = OciLayout.create(dir.resolve("layout"));
    SampleImages.write(layout, "1.0");
    vex = Attachments.on(layout).withoutSubjectCheck();
    vex.attach(
        "1.0",
        Attestation.read(fixtures.resolve("bundle-ascii.sigstore.json")),
        AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
  }

  FetchPolicy keyless(CertificateIdentity identity) {
    return FetchPolicy.of(
        VerificationPolicy.keyless(
            identity, TrustedRoot.fromFile(fixtures.resolve("trusted_root.json"))));
  }

  String read(String file) throws IOException {
    return Files.readString(fixtures.resolve(file)).strip();
  }

  @Test
  void rightIdentityPassesTheCertificateAndStopsAtTheSubject() throws IOException {
    VerifiedAttestation a =
        vex.fetch("1.0")
            .verify(keyless(CertificateIdentity.exact(read("identity.txt"), read("issuer.txt"))))
            .attestations()
            .get(0);

    assertThat(a.state()).isEqualTo(VerificationState.FAILED);
    assertThat(a.failure().orElseThrow().reason()).isEqualTo(FailureReason.SUBJECT_MISMATCH);
  }

  @Test
  void regularExpressionsWorkTheSame() {
    VerifiedAttestation a =
        vex.fetch("1.0")
            .verify(
                keyless(
                    CertificateIdentity.regex(
                        "https://github\\.com/acme/.*", "https://issuer\\..*")))
            .attestations()
            .get(0);

    assertThat(a.failure().orElseThrow().reason()).isEqualTo(FailureReason.SUBJECT_MISMATCH);
  }

  @Test
  void wrongIdentityIsIdentityMismatch() throws IOException {
    VerifiedFetch v =
        vex.fetch("1.0")
            .verify(
                keyless(
                    CertificateIdentity.exact("https://github.com/evil/x", read("issuer.txt"))));

    assertThat(v.attestations().get(0).failure().orElseThrow().reason())
        .isEqualTo(FailureReason.IDENTITY_MISMATCH);
    assertThat(v.mergedVex()).isEmpty();
  }
}
