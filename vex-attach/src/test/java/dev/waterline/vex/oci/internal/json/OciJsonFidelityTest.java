package dev.waterline.vex.oci.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What another tool wrote survives a parse and a write: unknown fields, values, entries. */
class OciJsonFidelityTest {
  static final String A = "sha256:" + "a".repeat(64);
  static final String B = "sha256:" + "b".repeat(64);
  static final String C = "sha256:" + "c".repeat(64);

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String written(String manifest) {
    return new String(
        OciJson.write(OciJson.parseManifest(utf8(manifest), "m", null)), StandardCharsets.UTF_8);
  }

  static JsonNode tree(byte[] json) {
    return OciJson.tree(json, "test");
  }

  /** A manifest with every kind of field the model does not know, at every level. */
  static final String FOREIGN_MANIFEST =
      """
      {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
       "x-tool":{"name":"other","version":[1,2.50,-3e7],"ok":true,"none":null},
       "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%A",
                 "size":233,"annotations":{"k":"v"},"x-config":"kept"},
       "layers":[{"mediaType":"application/vnd.dsse.envelope.v1+json","digest":"%B","size":10,
                  "urls":["https://mirror.example/blob"],"x-layer":{"deep":{"deeper":[{}]}},
                  "annotations":{"predicateType":"https://openvex.dev/ns","z":"ünïcödé ✓"}}],
       "annotations":{"org.opencontainers.image.created":"2026-01-01T00:00:00Z"},
       "zzz-last":12345678901234567890123}
      """
          .replace("%A", A)
          .replace("%B", B);

  @Nested
  class Manifests {
    @Test
    void keepsUnknownFieldsAtEveryLevelWithTheirValues() {
      byte[] in = utf8(FOREIGN_MANIFEST);
      ImageManifest m = OciJson.parseManifest(in, "manifest", null);

      byte[] out = OciJson.write(m);

      assertThat(tree(out)).isEqualTo(tree(in));
      assertThat(m.unknownFields()).containsOnlyKeys("x-tool", "zzz-last");
      assertThat(m.config().unknownFields()).containsOnlyKeys("x-config");
      assertThat(m.layers().get(0).unknownFields()).containsOnlyKeys("x-layer");
    }

    @Test
    void writesUnknownNumbersExactly() {
      String out = written(FOREIGN_MANIFEST);
      assertThat(out)
          .contains("\"version\":[1,2.50,-3E+7]")
          .contains("\"zzz-last\":12345678901234567890123");
    }

    @Test
    void writesTheKnownFieldsFirstThenTheUnknownOnesInTheOrderRead() {
      String out = written(FOREIGN_MANIFEST);
      assertThat(out)
          .startsWith("{\"schemaVersion\":2,\"mediaType\":")
          .endsWith(
              "\"annotations\":{\"org.opencontainers.image.created\":\"2026-01-01T00:00:00Z\"},"
                  + "\"x-tool\":{\"name\":\"other\",\"version\":[1,2.50,-3E+7],\"ok\":true,"
                  + "\"none\":null},\"zzz-last\":12345678901234567890123}");
    }

    @Test
    void rejectsANumberWhoseExponentDoesNotFitAsAnOciException() {
      // found by OciIndexFuzzTest once numbers were read as exact decimals (the one JSON layer
      // reports it since SarifFilterFuzzTest found it there too)
      assertThatThrownBy(
              () -> OciJson.parseManifest(utf8("81E1111111177112067"), "manifest X", null))
          .isInstanceOf(dev.waterline.vex.oci.OciException.class)
          .hasMessageStartingWith("manifest X is not valid JSON (line 1, column ")
          .hasMessageEndingWith(": a number whose exponent is too large to read it exactly");
    }

    @Test
    void aPlainTreeStillReadsFloatsAsDoubles() {
      assertThat(OciJson.tree(utf8("[1e999999999]"), "t").get(0).isDouble()).isTrue();
      assertThat(OciJson.exactTree(utf8("[1.50]"), "t").get(0).toString()).isEqualTo("1.50");
    }

    @Test
    void writingAgainGivesTheSameBytes() {
      byte[] once = OciJson.write(OciJson.parseManifest(utf8(FOREIGN_MANIFEST), "m", null));
      byte[] twice = OciJson.write(OciJson.parseManifest(once, "m", null));
      assertThat(twice).isEqualTo(once);
    }

    @Test
    void keepsEverythingWhenOnlyLayersAndConfigChange() {
      ImageManifest m = OciJson.parseManifest(utf8(FOREIGN_MANIFEST), "m", null);
      List<Descriptor> layers = new ArrayList<>(m.layers());
      layers.add(Descriptor.of(MediaTypes.DSSE_ENVELOPE, Digest.parse(C), 5));
      Descriptor config = m.config().withContent(m.config().mediaType(), Digest.parse(C), 342);

      JsonNode out = tree(OciJson.write(m.withLayers(layers).withConfig(config)));

      ObjectNode expected = (ObjectNode) tree(utf8(FOREIGN_MANIFEST));
      ((ArrayNode) expected.get("layers"))
          .addObject()
          .put("mediaType", MediaTypes.DSSE_ENVELOPE)
          .put("digest", C)
          .put("size", 5);
      ((ObjectNode) expected.get("config")).put("digest", C).put("size", 342);
      assertThat(out).isEqualTo(expected);
    }

    @Test
    void doesNotAddAMediaTypeTheDocumentDidNotHave() {
      String in =
          "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\""
              + A
              + "\",\"size\":2},\"layers\":[]}";
      ImageManifest m = OciJson.parseManifest(utf8(in), "m", null);
      assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
      assertThat(m.mediaTypeDeclared()).isFalse();
      assertThat(new String(OciJson.write(m), StandardCharsets.UTF_8)).isEqualTo(in);
    }
  }

  /** An index with unknown fields, a platform with unknown fields and an embedded {@code data}. */
  static String foreignIndex() {
    byte[] small = utf8("{}");
    return """
        {"schemaVersion":2,"x-top":[1,{"a":"b"}],
         "manifests":[
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%A","size":7,
           "platform":{"architecture":"arm64","os":"linux","variant":"v8","x-cpu":"neoverse"},
           "annotations":{"org.opencontainers.image.ref.name":"1.0"},"x-entry":1.0},
          {"mediaType":"application/vnd.oci.empty.v1+json","digest":"%E","size":2,"data":"%D",
           "artifactType":"application/spdx+json"}],
         "annotations":{"com.example/owner":"team"},"x-last":false}
        """
        .replace("%A", A)
        .replace("%E", Digest.of(small).toString())
        .replace("%D", Base64.getEncoder().encodeToString(small));
  }

  @Nested
  class Indexes {
    @Test
    void keepsUnknownFieldsPlatformsDataAndAMissingMediaType() {
      byte[] in = utf8(foreignIndex());
      ImageIndex index = OciJson.parseIndex(in, "index", null);

      JsonNode out = tree(OciJson.write(index));

      assertThat(out).isEqualTo(tree(in));
      assertThat(out.has("mediaType")).isFalse();
      assertThat(index.manifests().get(0).platform().orElseThrow().unknownFields())
          .containsOnlyKeys("x-cpu");
    }

    @Test
    void appendingAnEntryChangesNothingElse() {
      byte[] in = utf8(foreignIndex());
      ImageIndex index = OciJson.parseIndex(in, "index", null);
      List<Descriptor> entries = new ArrayList<>(index.manifests());
      entries.add(
          Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.parse(B), 9)
              .withArtifactType(MediaTypes.IN_TOTO)
              .withAnnotations(Map.of("in-toto.io/predicate-type", "https://openvex.dev/ns")));

      JsonNode out = tree(OciJson.write(index.withManifests(entries)));

      ObjectNode expected = (ObjectNode) tree(in);
      ObjectNode added = ((ArrayNode) expected.get("manifests")).addObject();
      added.put("mediaType", MediaTypes.OCI_MANIFEST).put("digest", B).put("size", 9);
      added.put("artifactType", MediaTypes.IN_TOTO);
      added.putObject("annotations").put("in-toto.io/predicate-type", "https://openvex.dev/ns");
      assertThat(out).isEqualTo(expected);
    }
  }

  static final String WITH_UNREADABLE =
      """
      {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%A","size":1},
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"blake3:%H","size":2,
         "annotations":{"x":"y"}},
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%B"},
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%C","size":3}]}
      """
          .replace("%A", A)
          .replace("%B", B)
          .replace("%C", C)
          .replace("%H", "d".repeat(64));

  @Nested
  class UnreadableEntries {
    @Test
    void failTheStrictParseWithTheirPointer() {
      assertThatThrownBy(() -> OciJson.parseIndex(utf8(WITH_UNREADABLE), "index Y", null))
          .hasMessageStartingWith(
              "index Y is not a valid OCI image index at /manifests/1/digest: ");
    }

    @Test
    void areKeptWithTheReasonWhenTheIndexIsToBeRewritten() {
      ImageIndex index =
          OciJson.parseIndexKeepingUnreadable(utf8(WITH_UNREADABLE), "index Y", null);

      assertThat(index.manifests()).extracting(d -> d.digest().toString()).containsExactly(A, C);
      assertThat(index.unreadable())
          .extracting(ImageIndex.Unreadable::position)
          .containsExactly(1, 2);
      assertThat(index.unreadable().get(0).problem())
          .startsWith("index Y is not a valid OCI image index at /manifests/1/digest: ")
          .contains("blake3");
      assertThat(index.unreadable().get(1).problem())
          .isEqualTo(
              "index Y is not a valid OCI image index at /manifests/2/size: the required"
                  + " \"size\" is missing");
    }

    @Test
    void areWrittenBackAtTheirPlaces() {
      byte[] in = utf8(WITH_UNREADABLE);
      ImageIndex index = OciJson.parseIndexKeepingUnreadable(in, "index", null);
      assertThat(tree(OciJson.write(index))).isEqualTo(tree(in));
    }

    @Test
    void stayInPlaceWhenEntriesAreAppended() {
      byte[] in = utf8(WITH_UNREADABLE);
      ImageIndex index = OciJson.parseIndexKeepingUnreadable(in, "index", null);
      List<Descriptor> entries = new ArrayList<>(index.manifests());
      entries.add(Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.of(utf8("new")), 3));

      JsonNode out = tree(OciJson.write(index.withManifests(entries)));

      ObjectNode expected = (ObjectNode) tree(in);
      ((ArrayNode) expected.get("manifests"))
          .addObject()
          .put("mediaType", MediaTypes.OCI_MANIFEST)
          .put("digest", Digest.of(utf8("new")).toString())
          .put("size", 3);
      assertThat(out).isEqualTo(expected);
    }

    @Test
    void goToTheEndWhenTheListGotShorter() {
      ImageIndex index = OciJson.parseIndexKeepingUnreadable(utf8(WITH_UNREADABLE), "index", null);
      JsonNode out = tree(OciJson.write(index.withManifests(List.of())));
      assertThat(out.get("manifests")).hasSize(2);
      assertThat(out.get("manifests").get(0).get("digest").asText()).startsWith("blake3:");
    }

    @Test
    void breakingTheDocumentItselfStillFails() {
      String broken = WITH_UNREADABLE.replace("\"schemaVersion\":2", "\"schemaVersion\":3");
      assertThatThrownBy(() -> OciJson.parseIndexKeepingUnreadable(utf8(broken), "index Y", null))
          .hasMessage(
              "index Y is not a valid OCI image index at /schemaVersion: expected 2 but was 3");
    }
  }
}
