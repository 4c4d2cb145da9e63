package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.testkit.internal.InMemoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attach never reports "added" or "already present" on top of a blob stored with other bytes than
 * its digest says: what it can rebuild (the attestation, the referrer manifest, configs it writes)
 * is rewritten and said so; what it cannot (an {@code .att} manifest holding other attestations) is
 * refused.
 */
class AttachOverDamagedBlobsTest {
  @TempDir Path dir;

  static byte[] flipped(byte[] bytes) {
    return UnreadableAttestationsTest.flipped(bytes);
  }

  @Nested
  class OnALayout {
    OciLayout layout;
    StoredManifest image;
    String where;

    @BeforeEach
    void setUp() throws IOException {
      layout = OciLayout.create(dir);
      image = ImageWriter.write(layout.store(), "1.0", "f", "x", List.of("linux/amd64"));
      where = "oci:" + dir.toRealPath();
    }

    Path blob(Digest d) {
      return dir.resolve("blobs/sha256/" + d.hex());
    }

    @Test
    void aDamagedAttestationBlobIsRewrittenAndTheResultSaysSo() throws IOException {
      Attestation att = Fixtures.bundleAttestation(image.digest(), "x");
      Attachments.on(layout).attach("1.0", att);
      byte[] wrong = flipped(att.bytes());
      Files.write(blob(att.digest()), wrong);

      AttachResult again = Attachments.on(layout).attach("1.0", att);

      assertThat(again.repaired()).containsExactly(att.digest());
      assertThat(again.notes())
          .containsExactly(
              "blobs/sha256/"
                  + att.digest().hex()
                  + " in "
                  + where
                  + " held other bytes, with the digest "
                  + Digest.of(wrong)
                  + " instead of the "
                  + att.bytes().length
                  + " bytes of "
                  + att.digest()
                  + "; it was rewritten with them");
      assertThat(blob(att.digest())).hasBinaryContent(att.bytes());
      FetchResult fetched = Attachments.on(layout).fetch("1.0");
      assertThat(fetched.unreadable()).isEmpty();
      assertThat(fetched.attestations()).hasSize(2);
    }

    @Test
    void aDamagedReferrerManifestIsRewrittenBeforeItIsCalledAlreadyPresent() throws IOException {
      Attestation att = Fixtures.statementAttestation(image.digest(), "x");
      Digest referrer = Attachments.on(layout).attach("1.0", att).entries().get(0).manifest();
      byte[] right = Files.readAllBytes(blob(referrer));
      Files.write(blob(referrer), flipped(right));
      assertThat(Attachments.on(layout).fetch("1.0").unreadable()).hasSize(1);

      AttachResult again = Attachments.on(layout).attach("1.0", att);

      assertThat(again.repaired()).containsExactly(referrer);
      assertThat(again.entries()).singleElement().satisfies(e -> assertThat(e.added()).isFalse());
      assertThat(blob(referrer)).hasBinaryContent(right);
      assertThat(Attachments.on(layout).fetch("1.0").unreadable()).isEmpty();
    }

    @Test
    void aDamagedAttManifestIsRefusedAndLeftAlone() throws IOException {
      Attestation first = Fixtures.dsseAttestation(image.digest(), "first");
      Digest att = Attachments.on(layout).attach("1.0", first).entries().get(0).manifest();
      byte[] wrong = flipped(Files.readAllBytes(blob(att)));
      Files.write(blob(att), wrong);

      assertThatThrownBy(
              () ->
                  Attachments.on(layout)
                      .attach("1.0", Fixtures.dsseAttestation(image.digest(), "second")))
          .isInstanceOf(OciException.class)
          .hasMessage(
              "cannot attach to sha256-"
                  + image.digest().hex()
                  + ".att in "
                  + where
                  + ": the manifest "
                  + att
                  + " read from "
                  + where
                  + " has the digest "
                  + Digest.of(wrong)
                  + ": the content was changed or corrupted, so it is rejected; it holds other"
                  + " attestations, so it is left alone (restore it, or delete the tag to start a"
                  + " new one)");
      assertThat(blob(att)).hasBinaryContent(wrong);
    }

    @Test
    void aCleanAttachRepairsNothing() {
      AttachResult r =
          Attachments.on(layout).attach("1.0", Fixtures.bundleAttestation(image.digest(), "x"));
      assertThat(r.repaired()).isEmpty();
      assertThat(r.notes()).isEmpty();
    }
  }

  @Nested
  class InMemory {
    @Test
    void aTamperedBlobIsRewrittenOnTheNextAttach() {
      InMemoryStore store = new InMemoryStore("mem", true);
      StoredManifest image = ImageWriter.write(store, "1.0", "f", "x", List.of("linux/amd64"));
      Attestation att = Fixtures.statementAttestation(image.digest(), "x");
      Attachments.on(store).attach("1.0", att);
      store.tamper(att.digest(), flipped(att.bytes()));

      AttachResult again = Attachments.on(store).attach("1.0", att);

      assertThat(again.repaired()).containsExactly(att.digest());
      assertThat(again.entries()).singleElement().satisfies(e -> assertThat(e.added()).isFalse());
      assertThat(Attachments.on(store).fetch("1.0").attestations()).hasSize(1);
    }
  }
}
