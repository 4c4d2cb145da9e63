package dev.waterline.vex.oci;

import static dev.waterline.vex.oci.EmbedFixtures.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.oci.internal.embed.TarScanner;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.testkit.SampleImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embedding VEX into images in OCI layouts and reading it back. */
class VexEmbeddingTest {
  @TempDir Path dir;

  OciLayout layout() {
    OciLayout l = OciLayout.create(dir.resolve("layout"));
    SampleImages.write(l, "1.0");
    return l;
  }

  static ImageManifest manifest(OciStore store, Digest d) {
    StoredManifest m = store.manifest(d.toString()).orElseThrow();
    return OciJson.parseManifest(m.bytes(), "m", m.digest());
  }

  static JsonNode config(OciStore store, Digest manifest) {
    return OciJson.tree(store.blob(manifest(store, manifest).config().digest()).orElseThrow(), "c");
  }

  static Digest platformDigest(OciStore store, Digest index, String architecture) {
    StoredManifest m = store.manifest(index.toString()).orElseThrow();
    return OciJson.parseIndex(m.bytes(), "i", m.digest()).manifests().stream()
        .filter(d -> d.platform().orElseThrow().architecture().equals(architecture))
        .findFirst()
        .orElseThrow()
        .digest();
  }

  static List<String> diffIds(OciStore store, Digest manifest) {
    List<String> out = new ArrayList<>();
    config(store, manifest).path("rootfs").path("diff_ids").forEach(n -> out.add(n.asText()));
    return out;
  }

  @Nested
  class LayoutToLayout {
    @Test
    void embedsDocumentsAndReadsThemBack() {
      OciLayout l = layout();
      String base = "oci:" + l.path() + ":1.0";
      VexDocument a = document("CVE-2024-0001");
      VexDocument b = document("CVE-2024-0002");

      EmbedResult r = VexEmbedding.of(a, b).embed(base, "oci:" + l.path() + ":1.0-vex");
      EmbeddedVex found = EmbeddedVex.read("oci:" + l.path() + ":1.0-vex");

      assertThat(r.builder()).isEqualTo(EmbedResult.Builder.WATERLINE);
      assertThat(l.resolve("1.0-vex")).contains(r.digest());
      assertThat(r.baseDigest()).isEqualTo(l.resolve("1.0").orElseThrow());
      assertThat(found.problems()).isEmpty();
      assertThat(found.digest()).isEqualTo(r.digest());
      assertThat(found.files())
          .extracting(EmbeddedVexFile::path)
          .containsExactlyElementsOf(r.paths())
          .allMatch(p -> p.startsWith("/usr/share/vex/vex-") && p.endsWith(".openvex.json"));
      assertThat(found.files()).extracting(EmbeddedVexFile::layer).containsOnly(r.layerDigest());
      assertThat(found.documents())
          .extracting(d -> d.statements().get(0).vulnerability().name())
          .containsExactlyInAnyOrder("CVE-2024-0001", "CVE-2024-0002");
      assertThat(EmbeddedVex.read("oci:" + l.path() + ":1.0").files()).isEmpty();
    }

    @Test
    void keepsTheBaseDiffIdsAsAPrefixAndAppendsTheVexLayer() {
      OciLayout l = layout();
      EmbedResult r =
          VexEmbedding.of(document("CVE-2024-0001"))
              .embed("oci:" + l.path() + ":1.0", "oci:" + l.path() + ":vex");
      Digest base = l.resolve("1.0").orElseThrow();

      List<String> before = diffIds(l.store(), base);
      List<String> after = diffIds(l.store(), r.digest());
      ImageManifest m = manifest(l.store(), r.digest());

      assertThat(after).startsWith(before.toArray(new String[0])).hasSize(before.size() + 1);
      assertThat(after.get(after.size() - 1)).isEqualTo(r.diffId().toString());
      assertThat(m.layers()).hasSize(2);
      assertThat(m.layers().get(0)).isEqualTo(manifest(l.store(), base).layers().get(0));
      assertThat(m.layers().get(1).digest()).isEqualTo(r.layerDigest());
      assertThat(m.layers().get(1).mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
      assertThat(m.annotations())
          .containsEntry("org.opencontainers.image.base.digest", base.toString());
    }

    @Test
    void appendsAHistoryEntryAndKeepsTheRestOfTheConfig() {
      OciLayout l = OciLayout.create(dir.resolve("h"));
      EmbedFixtures.image(
          l.store(),
          "base",
          List.of(EmbedFixtures.tar(EmbedFixtures.Entry.file("app", "x"))),
          null);
      EmbedResult r =
          VexEmbedding.of(document("CVE-2024-0001"))
              .embed("oci:" + l.path() + ":base", "oci:" + l.path() + ":vex");

      JsonNode c = config(l.store(), r.digest());

      assertThat(c.path("created").asText()).isEqualTo("2025-05-05T05:05:05Z");
      assertThat(c.path("config").path("Entrypoint").get(0).asText()).isEqualTo("/app");
      assertThat(c.path("history")).hasSize(2);
      assertThat(c.path("history").get(1).toString())
          .isEqualTo(
              "{\"created\":\"2025-05-05T05:05:05Z\",\"created_by\":\"waterline embed\","
                  + "\"comment\":\"VEX documents in /usr/share/vex\"}");
    }

    @Test
    void theLayerIsADeterministicTarOfSortedEntries() {
      OciLayout l = layout();
      EmbedResult r =
          VexEmbedding.of(document("CVE-2024-0002"), document("CVE-2024-0001"))
              .embed("oci:" + l.path() + ":1.0", "oci:" + l.path() + ":vex");
      byte[] gz = l.store().blob(r.layerDigest()).orElseThrow();

      List<TarScanner.Entry> entries = new ArrayList<>();
      TarScanner.Scan scan = TarScanner.scan(gz, 1 << 20, n -> true, 1 << 20, entries::add);

      assertThat(gz[4] | gz[5] | gz[6] | gz[7]).as("gzip mtime").isZero();
      assertThat(scan.diffId()).isEqualTo(r.diffId());
      assertThat(scan.entryCount()).isEqualTo(5);
      assertThat(entries)
          .extracting(TarScanner.Entry::name)
          .containsExactly(
              "usr",
              "usr/share",
              "usr/share/vex",
              r.paths().get(0).substring(1),
              r.paths().get(1).substring(1));
      assertThat(r.paths()).isSorted();
    }

    @Test
    void filesKeepTheirBytesAndAreNamedAfterTheFile() throws Exception {
      OciLayout l = layout();
      Path f = dir.resolve("app.json");
      Files.writeString(f, document("CVE-2024-0003").toJson());
      Path g = dir.resolve("base.openvex.json");
      Files.writeString(g, document("CVE-2024-0004").toJson());

      EmbedResult r =
          VexEmbedding.ofFiles(f, g)
              .withDirectory("/vex/")
              .embed("oci:" + l.path() + ":1.0", "oci:" + l.path() + ":vex");
      EmbeddedVex found =
          EmbeddedVex.read(
              ImageReference.parse("oci:" + l.path() + ":vex"),
              RegistryOptions.defaults(),
              "/vex",
              EmbeddedVex.DEFAULT_MAX_LAYER_BYTES);

      assertThat(r.paths()).containsExactly("/vex/app.openvex.json", "/vex/base.openvex.json");
      assertThat(found.files()).extracting(EmbeddedVexFile::path).isEqualTo(r.paths());
      assertThat(found.files().get(0).document().toJson())
          .isEqualTo(Files.readString(f, StandardCharsets.UTF_8));
    }

    @Test
    void aLongDirectoryIsSplitIntoTheUstarPrefixAndReadBack() {
      OciLayout l = layout();
      String longDir = "/opt/" + "d".repeat(90) + "/vex";

      EmbedResult r =
          VexEmbedding.of(document("CVE-2024-0001"))
              .withDirectory(longDir)
              .embed("oci:" + l.path() + ":1.0", "oci:" + l.path() + ":vex");
      EmbeddedVex found =
          EmbeddedVex.read(
              ImageReference.parse("oci:" + l.path() + ":vex"),
              RegistryOptions.defaults(),
              longDir,
              EmbeddedVex.DEFAULT_MAX_LAYER_BYTES);

      assertThat(r.paths().get(0)).hasSizeGreaterThan(100).startsWith(longDir + "/");
      assertThat(found.files()).extracting(EmbeddedVexFile::path).isEqualTo(r.paths());
    }

    @Test
    void writesIntoANewLayout() {
      OciLayout l = layout();
      Path other = dir.resolve("other");

      EmbedResult r =
          VexEmbedding.of(document("CVE-2024-0001"))
              .embed("oci:" + l.path() + ":1.0", "oci:" + other + ":vex");

      assertThat(OciLayout.open(other).resolve("vex")).contains(r.digest());
      assertThat(EmbeddedVex.read("oci:" + other + ":vex").documents()).hasSize(1);
    }

    @Test
    void printsWhatItDid() {
      OciLayout l = layout();
      VexEmbedding e = VexEmbedding.of(document("CVE-2024-0001"));
      EmbedResult r = e.embed("oci:" + l.path() + ":1.0", "oci:" + l.path() + ":vex");

      assertThat(e.toString()).startsWith("VexEmbedding[[/usr/share/vex/vex-");
      assertThat(r.toString())
          .startsWith("EmbedResult[oci:" + l.path() + ":vex@" + r.digest() + " = ")
          .contains(" + layer " + r.layerDigest())
          .endsWith(" by WATERLINE]");
      assertThat(EmbeddedVex.read("oci:" + l.path() + ":vex").toString())
          .isEqualTo(
              "EmbeddedVex[oci:"
                  + l.path()
                  + ":vex@"
                  + r.digest()
                  + " /usr/share/vex: 1 document(s)]");
    }
  }

  @Nested
  class Determinism {
    @Test
    void embeddingTwiceGivesTheSameDigests() {
      OciLayout l = layout();
      Path other = dir.resolve("second");
      VexEmbedding e = VexEmbedding.of(document("CVE-2024-0001"), document("CVE-2024-0002"));

      EmbedResult first = e.embed("oci:" + l.path() + ":1.0", "oci:" + l.path() + ":a");
      EmbedResult again =
          VexEmbedding.of(document("CVE-2024-0002"), document("CVE-2024-0001"))
              .embed("oci:" + l.path() + ":1.0", "oci:" + other + ":b");

      assertThat(again.digest()).isEqualTo(first.digest());
      assertThat(again.layerDigest()).isEqualTo(first.layerDigest());
      assertThat(again.diffId()).isEqualTo(first.diffId());
    }

    @Test
    void otherDocumentsGiveAnotherLayer() {
      OciLayout l = layout();
      EmbedResult a =
          VexEmbedding.of(document("CVE-2024-0001"))
              .embed("oci:" + l.path() + ":1.0", "oci:" + l.path() + ":a");
      EmbedResult b =
          VexEmbedding.of(document("CVE-2024-0009"))
              .embed("oci:" + l.path() + ":1.0", "oci:" + l.path() + ":b");

      assertThat(b.layerDigest()).isNotEqualTo(a.layerDigest());
    }
  }

  @Nested
  class MultiPlatform {
    @Test
    void embedsEveryPlatformIntoANewIndex() {
      OciLayout l = OciLayout.create(dir.resolve("multi"));
      SampleImages.write(l, "1.0", "linux/amd64", "linux/arm64");

      EmbedResult r =
          VexEmbedding.of(document("CVE-2024-0001"))
              .embed("oci:" + l.path() + ":1.0", "oci:" + l.path() + ":vex");
      StoredManifest written = l.store().manifest("vex").orElseThrow();
      ImageIndex index = OciJson.parseIndex(written.bytes(), "i", written.digest());
      EmbeddedVex found = EmbeddedVex.read("oci:" + l.path() + ":vex");

      assertThat(written.isIndex()).isTrue();
      assertThat(r.manifests())
          .extracting(m -> m.platform().orElseThrow())
          .containsExactly("linux/amd64", "linux/arm64");
      assertThat(index.manifests())
          .extracting(Descriptor::digest)
          .containsExactlyElementsOf(
              r.manifests().stream()
                  .map(EmbedResult.Manifest::digest)
                  .collect(Collectors.toList()));
      assertThat(r.manifests())
          .extracting(EmbedResult.Manifest::layer)
          .containsOnly(r.layerDigest());
      assertThat(found.files())
          .extracting(f -> f.platform().orElseThrow())
          .containsExactly("linux/amd64", "linux/arm64");
      for (EmbedResult.Manifest m : r.manifests()) {
        assertThat(diffIds(l.store(), m.digest()))
            .startsWith(diffIds(l.store(), m.base()).toArray(new String[0]));
      }
      assertThat(l.resolve("vex", "linux/arm64")).contains(r.manifests().get(1).digest());
    }

    @Test
    void embedsOnePlatformWhenAsked() {
      OciLayout l = OciLayout.create(dir.resolve("multi"));
      SampleImages.write(l, "1.0", "linux/amd64", "linux/arm64");

      EmbedResult r =
          VexEmbedding.of(document("CVE-2024-0001"))
              .withPlatform("linux/arm64")
              .embed("oci:" + l.path() + ":1.0", "oci:" + l.path() + ":vex");

      assertThat(l.store().manifest("vex").orElseThrow().isManifest()).isTrue();
      assertThat(r.manifests()).hasSize(1);
      assertThat(r.manifests().get(0).base())
          .isEqualTo(l.resolve("1.0", "linux/arm64").orElseThrow());
      assertThat(r.manifests().get(0).platform()).contains("linux/arm64");
    }

    @Test
    void refusesAPlatformTheIndexDoesNotHave() {
      OciLayout l = OciLayout.create(dir.resolve("multi"));
      Digest index = SampleImages.write(l, "1.0", "linux/amd64", "linux/arm64");
      VexEmbedding e = VexEmbedding.of(document("CVE-2024-0001")).withPlatform("linux/s390x");

      assertThatThrownBy(() -> e.embed("oci:" + l.path() + ":1.0", "oci:" + l.path() + ":vex"))
          .isInstanceOf(OciException.class)
          .hasMessage(
              "the base image 1.0 in oci:"
                  + l.path()
                  + " (an index) has no manifest for the platform linux/s390x");
      assertThat(index).isNotNull();
    }
  }

  @Nested
  class Arguments {
    @Test
    void refusesARelativeOrTraversingDirectory() {
      VexEmbedding e = VexEmbedding.of(document("CVE-2024-0001"));

      assertThatThrownBy(() -> e.withDirectory("usr/share/vex"))
          .hasMessage("the VEX directory must be absolute: usr/share/vex");
      assertThatThrownBy(() -> e.withDirectory("/usr/../etc"))
          .hasMessage(
              "the VEX directory /usr/../etc has the component \"..\"; use letters, digits, '.',"
                  + " '_' and '-' (no . or ..)");
    }

    @Test
    void refusesAFileThatIsNotOpenVex() throws Exception {
      Path f = dir.resolve("x.json");
      Files.writeString(f, "{\"hello\":1}");

      assertThatThrownBy(() -> VexEmbedding.ofFiles(f))
          .isInstanceOf(VexException.class)
          .hasMessageStartingWith(f + " is not an OpenVEX document: ");
    }

    @Test
    void refusesNothingToEmbed() {
      assertThatThrownBy(() -> VexEmbedding.of(List.of()))
          .hasMessage("nothing to embed: give at least one OpenVEX document");
    }

    @Test
    void refusesATargetWithoutTagOrWithDigest() {
      OciLayout l = layout();
      VexEmbedding e = VexEmbedding.of(document("CVE-2024-0001"));

      assertThatThrownBy(() -> e.embed("oci:" + l.path() + ":1.0", "oci:" + dir.resolve("n")))
          .hasMessage(
              "cannot write to oci:"
                  + dir.resolve("n")
                  + ": name the new image's tag (oci:PATH:TAG)");
      assertThatThrownBy(
              () ->
                  e.embed(
                      "oci:" + l.path() + ":1.0",
                      "oci:" + l.path() + "@" + l.resolve("1.0").orElseThrow()))
          .hasMessageEndingWith(": a target is named by tag, not by digest");
    }

    @Test
    void refusesAMissingBase() {
      OciLayout l = layout();
      assertThatThrownBy(
              () ->
                  VexEmbedding.of(document("CVE-2024-0001"))
                      .embed("oci:" + l.path() + ":2.0", "oci:" + l.path() + ":vex"))
          .hasMessage("the base image 2.0 is not in oci:" + l.path());
    }
  }
}
