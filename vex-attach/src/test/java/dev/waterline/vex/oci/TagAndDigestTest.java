package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.testkit.SampleImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * References with a tag and a digest ({@code app:1.0@sha256:…}, {@code oci:PATH:1.0@sha256:…}): the
 * digest names the image, as in Docker; the tag is kept for display and checked where it is used.
 */
class TagAndDigestTest {
  static final String D =
      "sha256:" + "abababababababababababababababababababababababababababababababab";
  static final String D512 =
      "sha512:"
          + "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
          + "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd";

  @TempDir Path dir;

  @Nested
  class Parse {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "app:1.0@" + D + "|index.docker.io|library/app|1.0|" + D + "|",
          "localhost:5000/a/b:v2@" + D + "|localhost:5000|a/b|v2|" + D + "|",
          "[::1]:5000/x:t@" + D512 + "|[::1]:5000|x|t|" + D512 + "|",
          "ghcr.io/acme/app@" + D + "|ghcr.io|acme/app||" + D + "|",
          "oci:/tmp/lay:1.0@" + D + "|||1.0|" + D + "|/tmp/lay",
          "oci:rel/dir:v1@" + D + "|||v1|" + D + "|rel/dir",
          "oci:/tmp/lay@" + D + "||||" + D + "|/tmp/lay",
          "oci:/tmp/a:b/@" + D + "||||" + D + "|/tmp/a:b",
          "oci:/tmp/x:y/:v1@" + D + "|||v1|" + D + "|/tmp/x:y",
        })
    void readsTheTagAndTheDigestAndAsksForTheDigest(
        String text,
        String registry,
        String repository,
        String tag,
        String digest,
        String layoutPath) {
      ImageReference ref = ImageReference.parse(text);

      assertThat(ref.registry()).isEqualTo(registry == null ? "" : registry);
      assertThat(ref.repository()).isEqualTo(repository == null ? "" : repository);
      assertThat(ref.tag()).isEqualTo(java.util.Optional.ofNullable(tag));
      assertThat(ref.digest()).contains(Digest.parse(digest));
      assertThat(ref.layoutPath())
          .isEqualTo(java.util.Optional.ofNullable(layoutPath).map(Path::of));
      assertThat(ref.target()).contains(digest);
      assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
    }

    @Test
    void printsTheLayoutFormWithTagAndDigest() {
      assertThat(ImageReference.parse("oci:/tmp/lay:1.0@" + D))
          .hasToString("oci:/tmp/lay:1.0@" + D);
    }

    @Test
    void aWindowsDriveIsNotATagBeforeTheDigest() {
      ImageReference ref = ImageReference.parse("oci:C:\\images:v1@" + D);
      assertThat(ref.tag()).contains("v1");
      assertThat(ref.layoutPath()).contains(Path.of("C:\\images"));
      assertThat(ImageReference.parse("oci:C:@" + D).tag()).isEmpty();
    }

    @Test
    void rejectsAnInvalidTagBeforeTheDigest() {
      assertThatThrownBy(() -> ImageReference.parse("oci:/tmp/lay:-bad@" + D))
          .isInstanceOf(OciException.class)
          .hasMessage(
              "invalid image reference \"oci:/tmp/lay:-bad@"
                  + D
                  + "\": the tag \"-bad\" is not valid");
    }

    @Test
    void rejectsAnInvalidDigestAfterTheTag() {
      assertThatThrownBy(() -> ImageReference.parse("oci:/tmp/lay:1.0@sha256:zz"))
          .isInstanceOf(OciException.class)
          .hasMessageStartingWith("invalid image reference \"oci:/tmp/lay:1.0@sha256:zz\": ");
    }
  }

  @Nested
  class OnALayout {
    OciLayout layout;
    Digest index;
    Digest arm;
    Digest other;

    void setUp() {
      layout = OciLayout.create(dir.resolve("layout"));
      index = SampleImages.write(layout, "1.0", "linux/amd64", "linux/arm64");
      arm = layout.resolve("1.0", "linux/arm64").orElseThrow();
      other = SampleImages.write(layout, "2.0");
    }

    String ref(String tag, Digest digest) {
      return "oci:" + layout.path() + ":" + tag + "@" + digest;
    }

    @Test
    void attachesAndFetchesBackThroughAReferenceWithTagAndDigest() {
      setUp();
      ImageReference ref = ImageReference.parse(ref("1.0", index));
      Attestation vex = Fixtures.bundleAttestation(index, "tag and digest");

      AttachResult attached = Attachments.on(ref).attach(ref, vex);
      FetchResult fetched = Attachments.on(ref).fetch(ref);

      assertThat(attached.subject()).isEqualTo(index);
      assertThat(attached.notes()).isEmpty();
      assertThat(fetched.digest()).isEqualTo(index);
      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations()).hasSize(2);
      assertThat(fetched.attestations())
          .extracting(FetchedAttestation::layout)
          .containsExactlyInAnyOrder(
              AttachmentLayout.SIGSTORE_BUNDLE_REFERRER, AttachmentLayout.COSIGN_ATT_TAG);
    }

    @Test
    void aTagNamingTheIndexAgreesWithAPlatformDigest() {
      setUp();
      ImageReference ref = ImageReference.parse(ref("1.0", arm));

      AttachResult attached =
          Attachments.on(ref).attach(ref, Fixtures.statementAttestation(arm, "arm"));

      assertThat(attached.subject()).isEqualTo(arm);
      assertThat(attached.notes()).isEmpty();
    }

    @Test
    void theDigestWinsOverATagNamingAnotherImageAndTheResultSaysSo() {
      setUp();
      String text = ref("2.0", index);
      Attestation vex = Fixtures.statementAttestation(index, "digest wins");

      AttachResult attached = Attachments.on(layout).attach(text, vex);
      FetchResult fetched = Attachments.on(layout).fetch(text);

      String note =
          text
              + ": the tag 2.0 names "
              + other
              + ", not "
              + index
              + "; used the digest "
              + index
              + " (a digest names the image, the tag beside it is only shown)";
      assertThat(attached.subject()).isEqualTo(index);
      assertThat(attached.notes()).containsExactly(note);
      assertThat(attached.toString()).contains(note);
      assertThat(fetched.digest()).isEqualTo(index);
      assertThat(fetched.problems()).containsExactly(note);
      assertThat(fetched.attestations())
          .extracting(FetchedAttestation::subject)
          .containsOnly(index);
    }

    @Test
    void aMissingTagBesideTheDigestIsNoted() {
      setUp();
      String text = "gone@" + index;

      AttachResult attached =
          Attachments.on(layout).attach(text, Fixtures.statementAttestation(index, "no tag"));

      assertThat(attached.notes())
          .containsExactly(
              text
                  + ": the tag gone is not in oci:"
                  + layout.path()
                  + "; used the digest "
                  + index
                  + " (a digest names the image, the tag beside it is only shown)");
    }

    @Test
    void aMissingDigestSaysWhatTheTagBesideItNames() {
      setUp();
      Digest missing = Digest.of(new byte[] {1});
      String text = ref("1.0", missing);

      assertThatThrownBy(
              () ->
                  Attachments.on(layout)
                      .attach(text, Fixtures.statementAttestation(missing, "missing")))
          .isInstanceOf(OciException.class)
          .hasMessage(
              "no image with the digest "
                  + missing
                  + " in oci:"
                  + layout.path()
                  + " ("
                  + text
                  + "); the tag 1.0 beside it names "
                  + index
                  + ", but a digest names the image, so nothing was done with the tag");
    }

    @Test
    void bareTagAtDigestWorksAsWell() {
      setUp();
      AttachResult attached =
          Attachments.on(layout)
              .attach("1.0@" + index, Fixtures.statementAttestation(index, "bare"));
      assertThat(attached.subject()).isEqualTo(index);
      assertThat(attached.notes()).isEmpty();
      assertThat(Attachments.on(layout).fetch("1.0@" + index).attestations()).hasSize(1);
    }

    @Test
    void resolveUsesTheDigest() {
      setUp();
      assertThat(layout.resolve("2.0@" + index)).contains(index);
      assertThat(layout.resolve("1.0@" + Digest.of(new byte[] {1}))).isEmpty();
      assertThat(layout.resolve("1.0@" + index, "linux/arm64")).contains(arm);
    }
  }

  @Nested
  class OnDistribution {
    @Test
    void theRegistryUsesTheDigestAndChecksTheTag() {
      try (DistributionRegistry server = DistributionRegistry.plain(dir)) {
        Registry registry =
            Registry.of(
                server.host(),
                RegistryOptions.builder()
                    .withoutDockerConfig()
                    .retryDelay(Duration.ofMillis(10))
                    .build());
        Digest one =
            ImageWriter.write(registry.store("tags/app"), "1.0", "f", "1", List.of("linux/amd64"))
                .digest();
        Digest two =
            ImageWriter.write(registry.store("tags/app"), "2.0", "f", "2", List.of("linux/amd64"))
                .digest();

        AttachResult agreeing =
            registry.attach("tags/app:1.0@" + one, Fixtures.statementAttestation(one, "agree"));
        AttachResult disagreeing =
            registry.attach("tags/app:2.0@" + one, Fixtures.statementAttestation(one, "disagree"));
        FetchResult fetched = registry.fetch(server.host() + "/tags/app:2.0@" + one);

        assertThat(agreeing.subject()).isEqualTo(one);
        assertThat(agreeing.notes()).isEmpty();
        assertThat(disagreeing.subject()).isEqualTo(one);
        assertThat(disagreeing.notes())
            .singleElement()
            .asString()
            .contains("the tag 2.0 names " + two + ", not " + one + "; used the digest " + one);
        assertThat(fetched.digest()).isEqualTo(one);
        assertThat(fetched.attestations()).hasSize(2);
        assertThat(fetched.problems())
            .singleElement()
            .asString()
            .contains("the tag 2.0 names " + two);
      }
    }
  }
}
