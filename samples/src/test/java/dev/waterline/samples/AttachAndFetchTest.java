package dev.waterline.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.samples.AttachAndFetch.Outcome;
import dev.waterline.samples.AttachAndFetch.Verified;
import dev.waterline.vex.Status;
import dev.waterline.vex.oci.AttachResult;
import dev.waterline.vex.oci.AttachmentLayout;
import dev.waterline.vex.oci.Attachments;
import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.OciLayout;
import dev.waterline.vex.sign.FailureReason;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachAndFetchTest {
  @TempDir Path dir;

  @Nested
  class Run {
    @Test
    void attachesInTheBundleReferrerAndAttTagLayouts() {
      Outcome o = AttachAndFetch.run(dir.resolve("layout"));

      assertThat(o.attached().subject()).isEqualTo(o.image());
      assertThat(o.attached().entries())
          .extracting(AttachResult.Entry::layout, AttachResult.Entry::added)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(AttachmentLayout.SIGSTORE_BUNDLE_REFERRER, true),
              org.assertj.core.groups.Tuple.tuple(AttachmentLayout.COSIGN_ATT_TAG, true));
      assertThat(o.layout().tags()).contains("1.0", "sha256-" + o.image().hex() + ".att");
      assertThat(Files.exists(dir.resolve("layout/oci-layout"))).isTrue();
      assertThat(Files.exists(dir.resolve("layout/index.json"))).isTrue();
    }

    @Test
    void fetchesBothAttestationsBackAndVerifiesEachWithTheKey() {
      Outcome o = AttachAndFetch.run(dir.resolve("layout"));

      assertThat(o.fetched().problems()).isEmpty();
      assertThat(o.verified())
          .extracting(v -> v.attestation().layout())
          .containsExactlyInAnyOrder(
              AttachmentLayout.SIGSTORE_BUNDLE_REFERRER, AttachmentLayout.COSIGN_ATT_TAG);
      for (Verified v : o.verified()) {
        VerificationResult r = v.result();
        assertThat(r.verified()).as("%s", r).isTrue();
        assertThat(r.signerKey()).contains(o.publicKey());
        assertThat(r.statement().orElseThrow().vexDocument()).contains(o.document());
      }
    }

    @Test
    void theFetchedDocumentSpeaksAboutTheImage() {
      Outcome o = AttachAndFetch.run(dir.resolve("layout"));

      var doc = o.verified().get(0).result().statement().orElseThrow().vexDocument().orElseThrow();
      var effective = doc.effective(AttachAndFetch.REPOSITORY + "@" + o.image(), "CVE-2023-44487");
      assertThat(effective).get().extracting(e -> e.status()).isEqualTo(Status.NOT_AFFECTED);
    }

    @Test
    void anotherKeyDoesNotVerifyWhatWasFetched() {
      Outcome o = AttachAndFetch.run(dir.resolve("layout"));
      VerificationPolicy stranger =
          VerificationPolicy.keys(Keys.generate().publicKey())
              .subject(AttachAndFetch.REPOSITORY + "@" + o.image());

      for (Verified v : o.verified()) {
        VerificationResult r = Verifier.verify(v.attestation().bytes(), stranger);
        assertThat(r.verified()).isFalse();
        assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.UNKNOWN_KEY);
      }
    }

    @Test
    void attachingTheSameAttestationAgainAddsNothing() {
      Outcome o = AttachAndFetch.run(dir.resolve("layout"));
      byte[] bundle =
          o.verified().stream()
              .filter(v -> v.attestation().layout() == AttachmentLayout.SIGSTORE_BUNDLE_REFERRER)
              .findFirst()
              .orElseThrow()
              .attestation()
              .bytes();

      AttachResult again =
          Attachments.on(OciLayout.open(dir.resolve("layout")))
              .attach("1.0", Attestation.of(bundle));

      assertThat(again.entries()).extracting(AttachResult.Entry::added).containsOnly(false);
    }
  }

  @Test
  void mainPrintsEachStepAndLeavesTheLayout() throws Exception {
    Path layout = dir.resolve("main");
    var buf = new java.io.ByteArrayOutputStream();
    var old = System.out;
    System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      AttachAndFetch.main(new String[] {layout.toString()});
    } finally {
      System.setOut(old);
    }
    String printed = buf.toString(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(printed)
        .startsWith("image sha256:")
        .contains("attached  SIGSTORE_BUNDLE_REFERRER sha256:")
        .contains("attached  COSIGN_ATT_TAG sha256:")
        .contains(": verified, key ECDSA_P256 keyid=")
        .doesNotContain("FAILED")
        .doesNotContain("problem");
    assertThat(OciLayout.open(layout).tags()).contains("1.0");
  }
}
