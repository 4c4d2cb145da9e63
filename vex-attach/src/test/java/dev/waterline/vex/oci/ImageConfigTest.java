package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.registry.RegistryClient;
import dev.waterline.vex.oci.internal.registry.RegistryConfig;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.testkit.SampleImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageConfigTest {
  @TempDir Path dir;

  /** A layout holding the sample image "multi" for two platforms. */
  OciLayout multi() {
    OciLayout layout = OciLayout.create(dir.resolve("layout"));
    SampleImages.write(layout, "multi", "linux/amd64", "linux/arm64/v8");
    return layout;
  }

  /** Writes an image whose config is {@code config} with {@code layers} layer blobs, tagged. */
  static Digest writeImage(OciLayout layout, String tag, String config, int layers) {
    OciStore store = layout.store();
    byte[] c = config.getBytes(StandardCharsets.UTF_8);
    store.putBlob(c);
    List<Descriptor> ls = new java.util.ArrayList<>();
    for (int i = 0; i < layers; i++) {
      byte[] layer = ("layer " + i).getBytes(StandardCharsets.UTF_8);
      store.putBlob(layer);
      ls.add(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, layer));
    }
    byte[] m =
        OciJson.write(
            ImageManifest.oci(null, Descriptor.of(MediaTypes.OCI_CONFIG, c), ls, null, Map.of()));
    return store.putManifest(m, MediaTypes.OCI_MANIFEST, tag).digest();
  }

  static String config(String diffIds) {
    return "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
        + "\"diff_ids\":"
        + diffIds
        + "}}";
  }

  static final String D1 = "sha256:" + "1".repeat(64);
  static final String D2 = "sha256:" + "2".repeat(64);

  @Nested
  class FromALayout {
    @Test
    void takesThePlatformsManifestOfAnIndex() {
      OciLayout layout = multi();
      ImageConfig arm = layout.imageConfig("multi", "linux/arm64");
      ImageConfig amd = layout.imageConfig("multi", "linux/amd64");
      assertThat(arm.platform()).isEqualTo("linux/arm64/v8");
      assertThat(arm.manifest()).isEqualTo(layout.resolve("multi", "linux/arm64").orElseThrow());
      assertThat(amd.manifest()).isEqualTo(layout.resolve("multi", "linux/amd64").orElseThrow());
      assertThat(arm.diffIds()).hasSize(1).doesNotContainAnyElementsOf(amd.diffIds());
      assertThat(arm.digest().matches(arm.bytes())).isTrue();
      assertThat(arm.toString())
          .isEqualTo(
              "ImageConfig[oci:"
                  + layout.path()
                  + ":multi linux/arm64/v8, manifest "
                  + arm.manifest()
                  + ", config "
                  + arm.digest()
                  + ", 1 layer]");
    }

    @Test
    void readsTheDiffIdsOfASingleManifestInOrder() {
      OciLayout layout = OciLayout.create(dir.resolve("l"));
      Digest d = writeImage(layout, "two", config("[\"" + D1 + "\",\"" + D2 + "\"]"), 2);
      ImageConfig c = layout.imageConfig("two", "linux/amd64");
      assertThat(c.diffIds()).containsExactly(D1, D2);
      assertThat(c.manifest()).isEqualTo(d);
      ImageConfig byDigest = layout.imageConfig(d.toString(), "linux/amd64");
      assertThat(byDigest.diffIds()).isEqualTo(c.diffIds());
      assertThat(byDigest.image()).isEqualTo("oci:" + layout.path() + "@" + d);
    }

    @Test
    void readsThroughAnOciReferenceWithOrWithoutTag() {
      OciLayout layout = multi();
      ImageConfig byTag =
          ImageConfig.read(
              ImageReference.parse("oci:" + layout.path() + ":multi"),
              "linux/amd64",
              RegistryOptions.defaults());
      ImageConfig onlyTag =
          ImageConfig.read(
              ImageReference.parse("oci:" + layout.path()),
              "linux/amd64",
              RegistryOptions.defaults());
      assertThat(onlyTag.diffIds()).isEqualTo(byTag.diffIds());
      assertThat(onlyTag.manifest()).isEqualTo(byTag.manifest());
    }

    @Test
    void aMissingPlatformNamesThoseThere() {
      OciLayout layout = multi();
      assertThatThrownBy(() -> layout.imageConfig("multi", "linux/s390x"))
          .isInstanceOf(OciException.class)
          .hasMessageStartingWith(
              "Tried to read the config of oci:" + layout.path() + ":multi (oci:")
          .hasMessageEndingWith(
              "for linux/s390x but its index "
                  + layout.resolve("multi").orElseThrow()
                  + " has no manifest for that platform (it has linux/amd64, linux/arm64/v8)");
    }

    @Test
    void aMissingImageIsAnError() {
      OciLayout layout = multi();
      assertThatThrownBy(() -> layout.imageConfig("nope", "linux/amd64"))
          .isInstanceOf(OciException.class)
          .hasMessageEndingWith("but there is no image nope");
    }

    @Test
    void aTamperedConfigFailsItsDigest() throws IOException {
      OciLayout layout = OciLayout.create(dir.resolve("l"));
      writeImage(layout, "t", config("[\"" + D1 + "\"]"), 1);
      Digest config = layout.imageConfig("t", "linux/amd64").digest();
      Path blob = layout.path().resolve("blobs/sha256/" + config.hex());
      blob.toFile().setWritable(true);
      Files.writeString(blob, config("[\"" + D2 + "\"]"));
      assertThatThrownBy(() -> layout.imageConfig("t", "linux/amd64"))
          .isInstanceOf(OciException.class)
          .hasMessageContaining(config.toString());
    }

    @Test
    void anOversizedConfigIsRefusedBeforeReading() {
      OciLayout layout = OciLayout.create(dir.resolve("l"));
      byte[] c = config("[\"" + D1 + "\"]").getBytes(StandardCharsets.UTF_8);
      Digest cd = layout.store().putBlob(c);
      byte[] layer = "l".getBytes(StandardCharsets.UTF_8);
      layout.store().putBlob(layer);
      byte[] m =
          OciJson.write(
              ImageManifest.oci(
                  null,
                  Descriptor.of(MediaTypes.OCI_CONFIG, cd, ImageConfig.MAX_CONFIG_BYTES + 1L),
                  List.of(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, layer)),
                  null,
                  Map.of()));
      layout.store().putManifest(m, MediaTypes.OCI_MANIFEST, "big");
      assertThatThrownBy(() -> layout.imageConfig("big", "linux/amd64"))
          .isInstanceOf(OciException.class)
          .hasMessageEndingWith(
              "but it is "
                  + (ImageConfig.MAX_CONFIG_BYTES + 1)
                  + " bytes, more than the limit of "
                  + ImageConfig.MAX_CONFIG_BYTES);
    }

    @Test
    void aBadDiffIdIsNamedByPointer() {
      OciLayout layout = OciLayout.create(dir.resolve("l"));
      writeImage(layout, "bad", config("[\"" + D1 + "\",\"sha256:XYZ\"]"), 2);
      assertThatThrownBy(() -> layout.imageConfig("bad", "linux/amd64"))
          .isInstanceOf(OciException.class)
          .hasMessageEndingWith(
              "at /rootfs/diff_ids/1: expected sha256:<64 lower-case hex> but found \"sha256:XYZ\"")
          .satisfies(e -> assertThat(((OciException) e).pointer()).contains("/rootfs/diff_ids/1"));
    }

    @Test
    void diffIdsMustMatchTheLayers() {
      OciLayout layout = OciLayout.create(dir.resolve("l"));
      writeImage(layout, "odd", config("[\"" + D1 + "\"]"), 2);
      assertThatThrownBy(() -> layout.imageConfig("odd", "linux/amd64"))
          .isInstanceOf(OciException.class)
          .hasMessageEndingWith(
              "lists 1 diff_ids but its manifest has 2 layers"
                  .replace(
                      "manifest has", "manifest " + layout.resolve("odd").orElseThrow() + " has"));
    }

    @Test
    void aConfigWithoutDiffIdsIsAnError() {
      OciLayout layout = OciLayout.create(dir.resolve("l"));
      writeImage(layout, "none", "{\"os\":\"linux\"}", 0);
      assertThatThrownBy(() -> layout.imageConfig("none", "linux/amd64"))
          .isInstanceOf(OciException.class)
          .hasMessageEndingWith("has no rootfs.diff_ids array");
    }
  }

  /** Against Debian's docker-registry (CNCF distribution 2.8.2), plain HTTP on 127.0.0.1. */
  @Nested
  class FromARegistry {
    @Test
    void readsThePlatformsConfigAsTheSameImageInALayoutGivesIt() {
      String repo = "base/node";
      ImageWriter.write(
          pusher().repository(repo),
          "22",
          "hello.txt",
          "base",
          List.of("linux/amd64", "linux/arm64"));
      OciLayout layout = OciLayout.create(dir.resolve("same"));
      ImageWriter.write(
          layout.store(), "22", "hello.txt", "base", List.of("linux/amd64", "linux/arm64"));
      Registry registry =
          Registry.of(
              server().host(),
              RegistryOptions.builder()
                  .withoutDockerConfig()
                  .retryDelay(Duration.ofMillis(10))
                  .build());

      ImageConfig fromRegistry = registry.imageConfig(repo + ":22", "linux/arm64");
      ImageConfig viaReference =
          ImageConfig.read(
              ImageReference.parse(server().host() + "/" + repo + ":22"),
              "linux/arm64",
              RegistryOptions.builder().withoutDockerConfig().build());
      ImageConfig fromLayout = layout.imageConfig("22", "linux/arm64");

      assertThat(fromRegistry.diffIds()).isEqualTo(fromLayout.diffIds()).hasSize(1);
      assertThat(fromRegistry.manifest()).isEqualTo(fromLayout.manifest());
      assertThat(fromRegistry.digest()).isEqualTo(fromLayout.digest());
      assertThat(fromRegistry.platform()).isEqualTo("linux/arm64");
      assertThat(viaReference.diffIds()).isEqualTo(fromRegistry.diffIds());
      assertThat(fromRegistry.image()).isEqualTo(server().host() + "/" + repo + ":22");
    }

    @Test
    void aMissingTagIsAnError() {
      Registry registry =
          Registry.of(server().host(), RegistryOptions.builder().withoutDockerConfig().build());
      assertThatThrownBy(() -> registry.imageConfig("base/none:1", "linux/amd64"))
          .isInstanceOf(OciException.class)
          .hasMessageEndingWith("but there is no image 1");
    }
  }

  static DistributionRegistry server;
  @TempDir static Path serverDir;

  /** Started by the first registry test only: the layout tests need no registry binary. */
  static synchronized DistributionRegistry server() {
    if (server == null) {
      server = DistributionRegistry.plain(serverDir);
    }
    return server;
  }

  static RegistryClient pusher() {
    return new RegistryClient(
        server().host(),
        new RegistryConfig(null, null, null, Set.of(), 1 << 20, 2, Duration.ofMillis(10)));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }
}
