package dev.waterline.vex.oci;

import static dev.waterline.vex.oci.EmbedFixtures.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.SampleImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedding against a real CNCF distribution 2.8.2 (plain HTTP on loopback): jib and our own
 * writer.
 */
class EmbedRegistryTest {
  @TempDir static Path dir;
  static DistributionRegistry server;
  static final AtomicInteger REPO = new AtomicInteger();

  @BeforeAll
  static void start() {
    server = DistributionRegistry.plain(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static RegistryOptions options() {
    return RegistryOptions.builder()
        .withoutDockerConfig()
        .retryDelay(Duration.ofMillis(10))
        .build();
  }

  static OciStore store(String repository) {
    return Registry.of(server.host(), options()).store(repository);
  }

  /** A repository with a sample image tagged 1.0. */
  static String pushBase(String... platforms) {
    String repo = "embed/app" + REPO.incrementAndGet();
    SampleImages.write(
        store(repo),
        "1.0",
        "hello.txt",
        "hello " + repo,
        platforms.length == 0 ? List.of("linux/amd64") : List.of(platforms));
    return server.host() + "/" + repo;
  }

  static List<String> diffIds(OciStore store, Digest manifest) {
    JsonNode c = VexEmbeddingTest.config(store, manifest);
    List<String> out = new ArrayList<>();
    c.path("rootfs").path("diff_ids").forEach(n -> out.add(n.asText()));
    return out;
  }

  static String repository(String ref) {
    return ImageReference.parse(ref).repository();
  }

  @Nested
  class WithJib {
    @Test
    void embedsBetweenRegistriesAndReadsBack() {
      String base = pushBase();
      VexEmbedding e = VexEmbedding.of(document("CVE-2024-0001")).withOptions(options());

      EmbedResult r = e.embed(base + ":1.0", base + ":1.0-vex");
      EmbeddedVex found = EmbeddedVex.read(ImageReference.parse(base + ":1.0-vex"), options());

      assertThat(r.builder()).isEqualTo(EmbedResult.Builder.JIB);
      assertThat(found.digest()).isEqualTo(r.digest());
      assertThat(found.problems()).isEmpty();
      assertThat(found.files())
          .extracting(EmbeddedVexFile::path)
          .containsExactlyElementsOf(r.paths());
      assertThat(found.files()).extracting(EmbeddedVexFile::layer).containsOnly(r.layerDigest());
      assertThat(found.documents().get(0).statements().get(0).vulnerability().name())
          .isEqualTo("CVE-2024-0001");
      OciStore s = store(repository(base));
      List<String> before = diffIds(s, r.baseDigest());
      assertThat(diffIds(s, r.digest()))
          .startsWith(before.toArray(new String[0]))
          .hasSize(before.size() + 1)
          .endsWith(r.diffId().toString());
    }

    @Test
    void jibBuildsTheSameImageTwice() {
      String base = pushBase();
      VexEmbedding e = VexEmbedding.of(document("CVE-2024-0001")).withOptions(options());

      EmbedResult first = e.embed(base + ":1.0", base + ":a");
      EmbedResult again = e.embed(base + ":1.0", base + ":b");

      assertThat(again.digest()).isEqualTo(first.digest());
      assertThat(again.layerDigest()).isEqualTo(first.layerDigest());
    }

    @Test
    void buildsOnePlatformOfAnIndex() {
      String base = pushBase("linux/amd64", "linux/arm64");

      EmbedResult r =
          VexEmbedding.of(document("CVE-2024-0001"))
              .withOptions(options())
              .withPlatform("linux/arm64")
              .embed(base + ":1.0", base + ":vex");
      EmbeddedVex found = EmbeddedVex.read(ImageReference.parse(base + ":vex"), options());

      assertThat(r.builder()).isEqualTo(EmbedResult.Builder.JIB);
      assertThat(r.manifests()).hasSize(1);
      assertThat(r.manifests().get(0).base())
          .isEqualTo(
              VexEmbeddingTest.platformDigest(store(repository(base)), r.baseDigest(), "arm64"));
      assertThat(found.files()).hasSize(1);
      assertThat(
              VexEmbeddingTest.config(store(repository(base)), r.digest())
                  .path("architecture")
                  .asText())
          .isEqualTo("arm64");
    }

    @Test
    void leavesAnIndexWithNoPlatformChosenToTheOwnWriter() {
      String base = pushBase("linux/amd64", "linux/arm64");

      EmbedResult r =
          VexEmbedding.of(document("CVE-2024-0001"))
              .withOptions(options())
              .embed(base + ":1.0", base + ":vex");
      EmbeddedVex found = EmbeddedVex.read(ImageReference.parse(base + ":vex"), options());

      assertThat(r.builder()).isEqualTo(EmbedResult.Builder.WATERLINE);
      assertThat(r.manifests())
          .extracting(m -> m.platform().orElseThrow())
          .containsExactlyInAnyOrder("linux/amd64", "linux/arm64");
      assertThat(found.files())
          .extracting(f -> f.platform().orElseThrow())
          .containsExactlyInAnyOrder("linux/amd64", "linux/arm64");
    }
  }

  @Nested
  class WithOwnWriter {
    @Test
    void embedsBetweenRegistriesWithoutJibAndDigestsAreStable() {
      String base = pushBase();
      VexEmbedding e =
          VexEmbedding.of(document("CVE-2024-0001")).withOptions(options()).withoutJib();

      EmbedResult r = e.embed(base + ":1.0", base + ":own");
      EmbedResult again = e.embed(base + ":1.0", base + ":own2");

      assertThat(r.builder()).isEqualTo(EmbedResult.Builder.WATERLINE);
      assertThat(again.digest()).isEqualTo(r.digest());
      assertThat(EmbeddedVex.read(ImageReference.parse(base + ":own"), options()).documents())
          .hasSize(1);
    }

    @Test
    void theSameEmbedGivesTheSameDigestOnALayoutAndOnTheRegistry() {
      String base = pushBase();
      Path layout = dir.resolve("copy" + REPO.incrementAndGet());
      VexEmbedding e = VexEmbedding.of(document("CVE-2024-0001")).withOptions(options());

      EmbedResult toLayout = e.embed(base + ":1.0", "oci:" + layout + ":vex");
      EmbedResult toRegistry = e.embed("oci:" + layout + ":vex", base + ":from-layout");
      EmbedResult direct = e.withoutJib().embed(base + ":1.0", base + ":direct");

      assertThat(toLayout.builder()).isEqualTo(EmbedResult.Builder.WATERLINE);
      assertThat(direct.digest()).isEqualTo(toLayout.digest());
      assertThat(toRegistry.manifests().get(0).base()).isEqualTo(toLayout.digest());
      assertThat(EmbeddedVex.read("oci:" + layout + ":vex").documents()).hasSize(1);
      assertThat(EmbeddedVex.read(ImageReference.parse(base + ":from-layout"), options()).files())
          .hasSize(1); // the same path twice: the upper layer's copy
    }
  }

  @Nested
  class Skopeo {
    @Test
    void skopeoReadsTheEmbeddedImageAndItsConfig() throws Exception {
      assumeTrue(
          Files.isExecutable(Path.of("/usr/bin/skopeo")),
          "skopeo is missing (scripts/install-test-deps.sh installs it): interop check skipped");
      String base = pushBase();
      EmbedResult jib =
          VexEmbedding.of(document("CVE-2024-0001"))
              .withOptions(options())
              .embed(base + ":1.0", base + ":jib");
      EmbedResult own =
          VexEmbedding.of(document("CVE-2024-0001"))
              .withOptions(options())
              .withoutJib()
              .embed(base + ":1.0", base + ":own");

      for (EmbedResult r : List.of(jib, own)) {
        String image = repository(base) + "@" + r.digest();
        byte[] raw = skopeo("--raw", image);
        JsonNode config = OciJson.tree(skopeo("--config", image), "skopeo --config");

        assertThat(Digest.of(raw)).isEqualTo(r.digest());
        assertThat(config.path("rootfs").path("diff_ids").get(1).asText())
            .isEqualTo(r.diffId().toString());
      }
    }

    private byte[] skopeo(String flag, String image) throws Exception {
      Process p =
          new ProcessBuilder(
                  "skopeo",
                  "inspect",
                  "--tls-verify=false",
                  flag,
                  "docker://" + server.host() + "/" + image)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("skopeo exit for " + image).isZero();
      return out;
    }
  }
}
