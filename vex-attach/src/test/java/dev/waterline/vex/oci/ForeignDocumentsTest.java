package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.oci.internal.attach.Attacher;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.testkit.internal.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents another tool wrote, which an attach rewrites (cosign's {@code .att} image, the
 * referrers tag schema index, a layout's {@code index.json}), keep everything Waterline does not
 * own: unknown fields and annotations at every level, foreign entries, entries it cannot read.
 * Checked by comparing JSON trees before and after, on an OCI layout, in memory and on CNCF
 * distribution 2.8.2.
 */
class ForeignDocumentsTest {
  @TempDir static Path shared;
  static @Nullable DistributionRegistry server;
  static final AtomicInteger REPO = new AtomicInteger();

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static DistributionRegistry server() {
    if (server == null) {
      server = DistributionRegistry.plain(shared);
    }
    return server;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static JsonNode tree(byte[] json) {
    return OciJson.tree(json, "test");
  }

  static JsonNode manifestTree(OciStore store, String tagOrDigest) {
    return tree(store.manifest(tagOrDigest).orElseThrow().bytes());
  }

  static final String ZERO = "0001-01-01T00:00:00Z";

  /** One store and the attachments over it. */
  abstract static class Target {
    OciStore store;
    Attachments attachments;
    StoredManifest image;

    abstract void open();

    @BeforeEach
    void setUp() {
      open();
      image =
          ImageWriter.write(
              store, "1.0", "hello.txt", "hello", List.of("linux/amd64", "linux/arm64"));
    }

    Digest subject() {
      return image.digest();
    }

    /**
     * An {@code .att} image as another tool might write it: cosign's shape plus a top-level unknown
     * field, manifest annotations, an annotated config descriptor with an unknown field, a config
     * with more fields, and a layer with extra annotations, {@code urls} and an unknown field.
     */
    StoredManifest foreignAtt() {
      byte[] envelope = Fixtures.dsse(Fixtures.statement(subject(), Fixtures.OPENVEX, "foreign"));
      Digest env = store.putBlob(envelope);
      byte[] config =
          utf8(
              "{\"architecture\":\"\",\"author\":\"other-tool\",\"created\":\""
                  + ZERO
                  + "\",\"history\":[{\"created\":\""
                  + ZERO
                  + "\",\"comment\":\"by other-tool\"}],\"os\":\"\",\"rootfs\":{\"type\":\"layers\","
                  + "\"diff_ids\":[\""
                  + env
                  + "\"]},\"config\":{\"Labels\":{\"tool\":\"other\"}},\"x-weight\":1.50}");
      Digest cfg = store.putBlob(config);
      String manifest =
          "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
              + "\"x-tool\":{\"name\":\"other\",\"n\":[1,2.0,null]},"
              + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
              + cfg
              + "\",\"size\":"
              + config.length
              + ",\"annotations\":{\"com.example/config\":\"yes\"},\"x-config\":true},"
              + "\"layers\":[{\"mediaType\":\"application/vnd.dsse.envelope.v1+json\",\"digest\":\""
              + env
              + "\",\"size\":"
              + envelope.length
              + ",\"urls\":[\"https://mirror.example/env\"],"
              + "\"annotations\":{\"dev.cosignproject.cosign/signature\":\"\","
              + "\"predicateType\":\"https://openvex.dev/ns\",\"com.example/layer\":\"ünï ✓\"},"
              + "\"x-layer\":{\"deep\":[{}]}}],"
              + "\"annotations\":{\"com.example/att\":\"by other-tool\"}}";
      return store.putManifest(utf8(manifest), MediaTypes.OCI_MANIFEST, Attacher.attTag(subject()));
    }

    @Test
    void appendingToAnotherToolsAttImageKeepsEverythingItHad() {
      StoredManifest before = foreignAtt();
      JsonNode beforeTree = tree(before.bytes());
      String oldConfig = beforeTree.get("config").get("digest").asText();
      JsonNode oldConfigTree = tree(store.blob(Digest.parse(oldConfig)).orElseThrow());
      Attestation ours = Fixtures.dsseAttestation(subject(), "ours");

      AttachResult result =
          attachments.attach(subject().toString(), ours, AttachmentLayout.COSIGN_ATT_TAG);

      ObjectNode after = (ObjectNode) manifestTree(store, Attacher.attTag(subject()));
      assertThat(result.entries().get(0).added()).isTrue();
      // ours is appended: the same descriptor our own .att images get
      ArrayNode layers = (ArrayNode) after.get("layers");
      assertThat(layers).hasSize(2);
      assertThat(layers.get(1).get("digest").asText())
          .isEqualTo(Digest.of(ours.envelope().orElseThrow()).toString());
      assertThat(
              layers.get(1).get("annotations").get("dev.cosignproject.cosign/signature").asText())
          .isEmpty();
      // the config is a new blob with one more diff ID and history entry, nothing else changed
      String newConfig = after.get("config").get("digest").asText();
      byte[] newConfigBytes = store.blob(Digest.parse(newConfig)).orElseThrow();
      assertThat(after.get("config").get("size").asLong()).isEqualTo(newConfigBytes.length);
      ObjectNode expectedConfig = oldConfigTree.deepCopy();
      ((ArrayNode) expectedConfig.get("rootfs").get("diff_ids"))
          .add(layers.get(1).get("digest").asText());
      ((ArrayNode) expectedConfig.get("history")).addObject().put("created", ZERO);
      assertThat(tree(newConfigBytes)).isEqualTo(expectedConfig);
      // and the manifest is the old one with only those two changes
      ObjectNode expected = beforeTree.deepCopy();
      ((ArrayNode) expected.get("layers")).add(layers.get(1));
      ((ObjectNode) expected.get("config"))
          .put("digest", newConfig)
          .put("size", newConfigBytes.length);
      assertThat(after).isEqualTo(expected);
      // both attestations come back
      FetchResult fetched = attachments.fetch(subject().toString());
      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations())
          .extracting(FetchedAttestation::layout)
          .containsExactly(AttachmentLayout.COSIGN_ATT_TAG, AttachmentLayout.COSIGN_ATT_TAG);
    }

    @Test
    void anAttImageWhoseConfigIsNotAnObjectIsLeftAlone() {
      byte[] config = utf8("[]");
      Digest cfg = store.putBlob(config);
      byte[] envelope = Fixtures.dsse(Fixtures.statement(subject(), Fixtures.OPENVEX, "foreign"));
      Digest env = store.putBlob(envelope);
      String manifest =
          "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
              + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
              + cfg
              + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.dsse.envelope.v1+json\","
              + "\"digest\":\""
              + env
              + "\",\"size\":"
              + envelope.length
              + "}]}";
      String tag = Attacher.attTag(subject());
      StoredManifest before = store.putManifest(utf8(manifest), MediaTypes.OCI_MANIFEST, tag);

      assertThatThrownBy(
              () ->
                  attachments.attach(
                      subject().toString(),
                      Fixtures.dsseAttestation(subject(), "ours"),
                      AttachmentLayout.COSIGN_ATT_TAG))
          .isInstanceOf(OciException.class)
          .hasMessage(
              "cannot add to "
                  + tag
                  + " in "
                  + store.describe()
                  + ": the config "
                  + cfg
                  + " of the manifest "
                  + tag
                  + " in "
                  + store.describe()
                  + " is not a JSON object; it is left alone");
      assertThat(store.manifest(tag).orElseThrow().digest()).isEqualTo(before.digest());
    }
  }

  /** Stores without a referrers query keep referrers in the tag schema index. */
  abstract static class FallbackTarget extends Target {
    /** A referrer (an SBOM) another tool attached, and its entry in a foreign-made index. */
    String foreignIndex(boolean withUnreadableEntry) {
      byte[] sbom = utf8("{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"app\"}");
      store.putBlob(sbom);
      store.putBlob(Attacher.EMPTY_JSON);
      String referrer =
          "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
              + "\"artifactType\":\"application/spdx+json\",\"config\":"
              + "{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
              + Digest.of(Attacher.EMPTY_JSON)
              + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/spdx+json\",\"digest\":\""
              + Digest.of(sbom)
              + "\",\"size\":"
              + sbom.length
              + "}],\"subject\":{\"mediaType\":\""
              + image.mediaType()
              + "\",\"digest\":\""
              + subject()
              + "\",\"size\":"
              + image.bytes().length
              + "},\"annotations\":{\"org.example.sbom\":\"1\"},\"x-referrer\":\"kept\"}";
      StoredManifest r = store.putManifest(utf8(referrer), MediaTypes.OCI_MANIFEST, null);
      return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
          + "\"x-index-tool\":{\"name\":\"other\",\"when\":[2026,11,27]},"
          + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"digest\":\""
          + r.digest()
          + "\",\"size\":"
          + r.bytes().length
          + ",\"artifactType\":\"application/spdx+json\","
          + "\"annotations\":{\"org.example.sbom\":\"1\"},\"x-entry\":{\"signed\":false}}"
          + (withUnreadableEntry
              ? ",{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":"
                  + "\"blake3:"
                  + "e".repeat(64)
                  + "\",\"size\":9,\"artifactType\":\"application/example\"}"
              : "")
          + "],\"annotations\":{\"com.example/index\":\"by other-tool\"}}";
    }

    void appendingToAnotherToolsReferrersIndexKeepsEverythingItHad(boolean withUnreadableEntry) {
      String tag = subject().referrersTag();
      byte[] index = utf8(foreignIndex(withUnreadableEntry));
      store.putManifest(index, MediaTypes.OCI_INDEX, tag);
      Attestation ours = Fixtures.statementAttestation(subject(), "ours");

      AttachResult result = attachments.attach(subject().toString(), ours);

      ObjectNode after = (ObjectNode) manifestTree(store, tag);
      ObjectNode expected = (ObjectNode) tree(index);
      ArrayNode entries = (ArrayNode) after.get("manifests");
      assertThat(entries.get(entries.size() - 1).get("digest").asText())
          .isEqualTo(result.entries().get(0).manifest().toString());
      ((ArrayNode) expected.get("manifests")).add(entries.get(entries.size() - 1));
      assertThat(after).isEqualTo(expected);
      FetchResult fetched = attachments.fetch(subject().toString());
      assertThat(fetched.attestations())
          .extracting(FetchedAttestation::manifest)
          .containsExactly(result.entries().get(0).manifest());
      if (withUnreadableEntry) {
        assertThat(fetched.problems())
            .singleElement()
            .asString()
            .startsWith(
                "the referrers index "
                    + tag
                    + " in "
                    + store.describe()
                    + " is not a valid OCI image index at /manifests/1/digest: ")
            .endsWith("; that entry is skipped (and kept as it is)");
      } else {
        assertThat(fetched.problems()).isEmpty();
      }
    }

    @Test
    void appendingToAnotherToolsReferrersIndexKeepsEverythingItHad() {
      appendingToAnotherToolsReferrersIndexKeepsEverythingItHad(false);
    }
  }

  @Nested
  class OnALayout extends Target {
    @Override
    void open() {
      OciLayout layout = OciLayout.create(shared.resolve("layout-" + REPO.incrementAndGet()));
      store = layout.store();
      attachments = Attachments.on(layout);
    }

    Path indexJson() {
      return Path.of(store.describe().substring("oci:".length())).resolve("index.json");
    }

    /**
     * index.json edited as another tool might leave it: no mediaType, a top-level unknown field and
     * annotations, the image's entry with more annotations, a platform and unknown fields, an entry
     * with an unsupported digest algorithm.
     */
    ObjectNode foreignIndexJson() throws Exception {
      ObjectNode index = (ObjectNode) tree(Files.readAllBytes(indexJson()));
      index.remove("mediaType");
      index.putObject("x-layout-tool").put("name", "other").putArray("v").add(1).add(2.5);
      index.putObject("annotations").put("com.example/layout", "by other-tool");
      ObjectNode entry = (ObjectNode) index.get("manifests").get(0);
      ((ObjectNode) entry.get("annotations"))
          .put("io.containerd.image.name", "registry.example/app:1.0");
      entry.put("x-entry", true);
      ((ArrayNode) index.get("manifests"))
          .addObject()
          .put("mediaType", MediaTypes.OCI_MANIFEST)
          .put("digest", "blake3:" + "f".repeat(64))
          .put("size", 10)
          .putObject("annotations")
          .put("org.opencontainers.image.ref.name", "blake");
      Files.write(indexJson(), OciJson.generate(g -> g.writeTree(index)));
      return (ObjectNode) tree(Files.readAllBytes(indexJson())); // numbers as a reader sees them
    }

    @Test
    void attachingKeepsEveryEntryAndFieldOfIndexJson() throws Exception {
      ObjectNode before = foreignIndexJson();

      attachments.attach(subject().toString(), Fixtures.bundleAttestation(subject(), "one"));

      ObjectNode after = (ObjectNode) tree(Files.readAllBytes(indexJson()));
      ArrayNode entries = (ArrayNode) after.get("manifests");
      assertThat(entries).hasSize(before.get("manifests").size() + 2); // the referrer and .att
      ObjectNode expected = before.deepCopy();
      ((ArrayNode) expected.get("manifests")).add(entries.get(entries.size() - 2));
      ((ArrayNode) expected.get("manifests")).add(entries.get(entries.size() - 1));
      assertThat(after).isEqualTo(expected);
      assertThat(after.has("mediaType")).isFalse();
      FetchResult fetched = attachments.fetch(subject().toString());
      assertThat(fetched.attestations()).hasSize(2);
    }

    @Test
    void aMovedTagKeepsItsEntryWithWhatWeDoNotOwn() throws Exception {
      attachments.attach(
          subject().toString(),
          Fixtures.dsseAttestation(subject(), "one"),
          AttachmentLayout.COSIGN_ATT_TAG);
      ObjectNode index = (ObjectNode) tree(Files.readAllBytes(indexJson()));
      int at = -1;
      for (int i = 0; i < index.get("manifests").size(); i++) {
        if (index
            .get("manifests")
            .get(i)
            .path("annotations")
            .path("org.opencontainers.image.ref.name")
            .asText()
            .equals(Attacher.attTag(subject()))) {
          at = i;
        }
      }
      ObjectNode att = (ObjectNode) index.get("manifests").get(at);
      ((ObjectNode) att.get("annotations")).put("com.example/att-entry", "kept");
      att.put("x-att-entry", 7);
      // another entry after it, so that the .att entry is not simply the last one
      ((ArrayNode) index.get("manifests")).add(index.get("manifests").get(0).deepCopy());
      ((ObjectNode)
              index.get("manifests").get(index.get("manifests").size() - 1).get("annotations"))
          .put("org.opencontainers.image.ref.name", "1.0-copy");
      Files.write(indexJson(), OciJson.generate(g -> g.writeTree(index)));

      AttachResult second =
          attachments.attach(
              subject().toString(),
              Fixtures.dsseAttestation(subject(), "two"),
              AttachmentLayout.COSIGN_ATT_TAG);

      ObjectNode after = (ObjectNode) tree(Files.readAllBytes(indexJson()));
      ObjectNode expected = index.deepCopy();
      StoredManifest moved = store.manifest(Attacher.attTag(subject())).orElseThrow();
      assertThat(moved.digest()).isEqualTo(second.entries().get(0).manifest());
      ((ObjectNode) expected.get("manifests").get(at))
          .put("digest", moved.digest().toString())
          .put("size", moved.bytes().length);
      assertThat(after).isEqualTo(expected);
    }

    @Test
    void entriesItCannotReadAreReportedByFetchAndKept() throws Exception {
      foreignIndexJson();

      FetchResult fetched = attachments.fetch(subject().toString());

      assertThat(fetched.problems())
          .singleElement()
          .asString()
          .startsWith(
              "index.json in "
                  + store.describe()
                  + " is not a valid OCI image index at /manifests/")
          .contains("blake3")
          .endsWith("; that entry is skipped (and kept as it is)");
      assertThat(OciLayout.open(indexJson().getParent()).tags())
          .contains("1.0")
          .doesNotContain("blake");
    }

    @Test
    void anIndexJsonWithoutAnyExtrasIsWrittenAsBefore() throws Exception {
      byte[] before = Files.readAllBytes(indexJson());
      attachments.attach(subject().toString(), Fixtures.statementAttestation(subject(), "one"));
      String after = new String(Files.readAllBytes(indexJson()), StandardCharsets.UTF_8);
      assertThat(after)
          .startsWith(
              new String(before, StandardCharsets.UTF_8)
                  .substring(0, before.length - 2)) // up to the end of the list
          .startsWith(
              "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\"");
    }
  }

  @Nested
  class InMemoryWithoutReferrersApi extends FallbackTarget {
    @Override
    void open() {
      store = new InMemoryStore("fallback", false);
      attachments = Attachments.on(store);
    }

    @Test
    void anEntryItCannotReadIsKeptInPlaceAndReported() {
      appendingToAnotherToolsReferrersIndexKeepsEverythingItHad(true);
    }
  }

  @Nested
  class OnDistribution extends FallbackTarget {
    @Override
    void open() {
      DistributionRegistry s = server();
      Registry registry =
          Registry.of(
              s.host(),
              RegistryOptions.builder()
                  .withoutDockerConfig()
                  .retryDelay(Duration.ofMillis(10))
                  .build());
      String repo = "foreign/app" + REPO.incrementAndGet();
      store = registry.store(repo);
      attachments = registry.attachments(repo);
    }
  }
}
