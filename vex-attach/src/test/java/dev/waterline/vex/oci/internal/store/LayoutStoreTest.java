package dev.waterline.vex.oci.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.internal.attach.Attacher;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutStoreTest {
  @TempDir Path dir;

  String realDir() {
    try {
      return dir.toRealPath().toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] referrerOf(StoredManifest subject, byte[] layer) {
    return OciJson.write(
        ImageManifest.oci(
            MediaTypes.IN_TOTO,
            Attacher.EMPTY_DESCRIPTOR,
            List.of(Descriptor.of(MediaTypes.IN_TOTO, layer)),
            subject.descriptor(),
            Map.of("k", "v")));
  }

  /** Stores a referrer of {@code subject} whose one layer is {@code layerJson}. */
  static StoredManifest putReferrer(LayoutStore s, StoredManifest subject, String layerJson) {
    s.putBlob(Attacher.EMPTY_JSON);
    byte[] layer = utf8(layerJson);
    s.putBlob(layer);
    return s.putManifest(referrerOf(subject, layer), MediaTypes.OCI_MANIFEST, null);
  }

  @Nested
  class Create {
    @Test
    void writesOciLayoutAndAnEmptyIndex() throws IOException {
      LayoutStore.create(dir.resolve("l"));
      assertThat(Files.readString(dir.resolve("l/oci-layout")))
          .isEqualTo("{\"imageLayoutVersion\":\"1.0.0\"}");
      assertThat(Files.readString(dir.resolve("l/index.json")))
          .isEqualTo(
              "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                  + "\"manifests\":[]}");
    }

    @Test
    void opensWhatIsAlreadyThere() {
      LayoutStore first = LayoutStore.create(dir);
      StoredManifest image = ImageWriter.write(first, "1.0", "f", "x", List.of("linux/amd64"));
      assertThat(LayoutStore.create(dir).manifest("1.0")).contains(image);
    }

    @Test
    void refusesToOpenADirectoryWithoutOciLayout() {
      assertThatThrownBy(() -> LayoutStore.open(dir))
          .isInstanceOf(OciException.class)
          .hasMessage(
              "cannot open the OCI image layout oci:" + realDir() + ": it has no oci-layout file");
    }
  }

  @Nested
  class MovingATag {
    @Test
    void movesEveryEntryWithTheTagAndDropsNone() throws IOException {
      LayoutStore s = LayoutStore.create(dir);
      StoredManifest one = ImageWriter.write(s, "1.0", "f", "one", List.of("linux/amd64"));
      String entry =
          "{\"mediaType\":\""
              + one.mediaType()
              + "\",\"digest\":\""
              + one.digest()
              + "\",\"size\":"
              + one.bytes().length
              + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"1.0\",\"n\":\"%N\"}}";
      Files.writeString(
          dir.resolve("index.json"),
          "{\"schemaVersion\":2,\"manifests\":["
              + entry.replace("%N", "first")
              + ","
              + entry.replace("%N", "second")
              + "]}");

      StoredManifest two = ImageWriter.write(s, "1.0", "f", "two", List.of("linux/amd64"));

      ImageIndex index = s.index();
      assertThat(index.manifests()).hasSize(2);
      assertThat(index.manifests()).extracting(Descriptor::digest).containsOnly(two.digest());
      assertThat(index.manifests())
          .extracting(d -> d.annotations().get("n"))
          .containsExactly("first", "second");
      assertThat(s.manifest("1.0")).contains(two);
    }
  }

  /**
   * index.json is parsed once per content and shared by the stores opened on one directory: each
   * lookup still sees what another store, or another tool, wrote since.
   */
  @Nested
  class AnotherWriter {
    @Test
    void aTagMovedThroughAnotherStoreIsSeen() {
      LayoutStore reader = LayoutStore.create(dir);
      StoredManifest first = ImageWriter.write(reader, "1.0", "f", "one", List.of("linux/amd64"));
      assertThat(reader.manifest("1.0")).contains(first);
      assertThat(reader.tags()).containsExactly("1.0");

      LayoutStore writer = LayoutStore.open(dir);
      StoredManifest moved = ImageWriter.write(writer, "1.0", "f", "two", List.of("linux/amd64"));
      ImageWriter.write(writer, "2.0", "f", "three", List.of("linux/amd64"));

      assertThat(reader.manifest("1.0")).contains(moved);
      assertThat(reader.manifest(moved.digest().toString())).contains(moved);
      assertThat(reader.tags()).containsExactly("1.0", "2.0");
    }

    @Test
    void indexJsonRewrittenByAnotherToolIsSeen() throws IOException {
      LayoutStore s = LayoutStore.create(dir);
      StoredManifest image = ImageWriter.write(s, "1.0", "f", "x", List.of("linux/amd64"));
      assertThat(s.tags()).containsExactly("1.0");
      String rewritten = Files.readString(dir.resolve("index.json")).replace("\"1.0\"", "\"1.1\"");
      Files.writeString(dir.resolve("index.json"), rewritten);

      assertThat(s.tags()).containsExactly("1.1");
      assertThat(s.manifest("1.0")).isEmpty();
      assertThat(s.manifest("1.1")).contains(image);
    }

    @Test
    void aReferrerAttachedThroughAnotherStoreIsListed() {
      LayoutStore reader = LayoutStore.create(dir);
      StoredManifest image = ImageWriter.write(reader, "1.0", "f", "x", List.of("linux/amd64"));
      StoredManifest other = ImageWriter.write(reader, "2.0", "f", "y", List.of("linux/amd64"));
      StoredManifest first = putReferrer(reader, image, "{\"_type\":\"x\"}");
      assertThat(reader.referrers(image.digest()).orElseThrow().referrers())
          .extracting(Descriptor::digest)
          .containsExactly(first.digest());
      assertThat(reader.referrers(other.digest()).orElseThrow().referrers()).isEmpty();

      StoredManifest onOther = putReferrer(LayoutStore.open(dir), other, "{\"_type\":\"y\"}");

      assertThat(reader.referrers(other.digest()).orElseThrow().referrers())
          .extracting(Descriptor::digest)
          .containsExactly(onOther.digest());
      assertThat(reader.referrers(image.digest()).orElseThrow().referrers())
          .extracting(Descriptor::digest)
          .containsExactly(first.digest());
    }

    @Test
    void aReferrerWhoseBlobIsMissingIsReportedOnEveryLookup() throws IOException {
      LayoutStore s = LayoutStore.create(dir);
      StoredManifest image = ImageWriter.write(s, "1.0", "f", "x", List.of("linux/amd64"));
      StoredManifest ref = putReferrer(s, image, "{\"_type\":\"x\"}");
      Files.delete(dir.resolve("blobs/sha256/" + ref.digest().hex()));
      LayoutStore fresh = LayoutStore.open(dir); // nothing of the referrer cached

      for (int i = 0; i < 2; i++) {
        ReferrersListing listing = fresh.referrers(image.digest()).orElseThrow();
        assertThat(listing.referrers()).isEmpty();
        assertThat(listing.problems()).singleElement().asString().contains("is missing");
      }
    }
  }

  @Nested
  class Blobs {
    @Test
    void storesByDigestUnderBlobsAndLeavesNoTemporaryFiles() throws IOException {
      LayoutStore s = LayoutStore.create(dir);
      Digest d = s.putBlob(utf8("hello"));
      assertThat(dir.resolve("blobs/sha256/" + d.hex())).hasContent("hello");
      assertThat(s.blob(d)).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("hello")));
      try (Stream<Path> files = Files.walk(dir)) {
        assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
      }
    }

    @Test
    void rejectsABlobWhoseContentNoLongerMatchesItsDigest() throws IOException {
      LayoutStore s = LayoutStore.create(dir);
      Digest d = s.putBlob(utf8("hello"));
      Files.writeString(dir.resolve("blobs/sha256/" + d.hex()), "hellO");
      assertThatThrownBy(() -> s.blob(d))
          .isInstanceOfSatisfying(
              OciException.class, e -> assertThat(e.digest()).contains(d.toString()))
          .hasMessage(
              "the blob "
                  + d
                  + " read from oci:"
                  + dir.toRealPath()
                  + " has the digest "
                  + Digest.of(utf8("hellO"))
                  + ": the content was changed or corrupted, so it is rejected");
    }

    @Test
    void absentIsEmpty() {
      assertThat(LayoutStore.create(dir).blob(Digest.of(utf8("nothing")))).isEmpty();
    }

    @Test
    void refusesBlobsOverTheLimitBeforeReadingThem() {
      LayoutStore.create(dir);
      LayoutStore s = LayoutStore.open(dir, 4);
      Digest d = s.putBlob(utf8("hello"));
      assertThatThrownBy(() -> s.blob(d))
          .hasMessageEndingWith(" is 5 bytes, more than the limit of 4 bytes");
    }
  }

  @Nested
  class Manifests {
    @Test
    void tagsAreRefNameEntriesOfIndexJson() throws IOException {
      LayoutStore s = LayoutStore.create(dir);
      StoredManifest image = ImageWriter.write(s, "1.0", "f", "x", List.of("linux/amd64"));
      assertThat(s.tags()).containsExactly("1.0");
      assertThat(Files.readString(dir.resolve("index.json")))
          .isEqualTo(
              "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                  + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                  + "\"digest\":\""
                  + image.digest()
                  + "\",\"size\":"
                  + image.bytes().length
                  + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"1.0\"}}]}");
      assertThat(s.manifest(image.digest().toString())).contains(image);
    }

    @Test
    void movingATagReplacesItsEntry() {
      LayoutStore s = LayoutStore.create(dir);
      ImageWriter.write(s, "1.0", "f", "x", List.of("linux/amd64"));
      StoredManifest second = ImageWriter.write(s, "1.0", "f", "y", List.of("linux/amd64"));
      assertThat(s.index().manifests()).hasSize(1);
      assertThat(s.manifest("1.0")).contains(second);
    }

    @Test
    void platformManifestsOfAnIndexAreBlobsNotEntries() {
      LayoutStore s = LayoutStore.create(dir);
      StoredManifest index =
          ImageWriter.write(s, "multi", "f", "x", List.of("linux/amd64", "linux/arm64"));
      assertThat(s.index().manifests()).hasSize(1);
      assertThat(index.isIndex()).isTrue();
      var platforms = OciJson.parseIndex(index.bytes(), "i", null).manifests();
      assertThat(platforms).hasSize(2);
      assertThat(s.manifest(platforms.get(1).digest().toString()))
          .hasValueSatisfying(m -> assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST));
    }

    @Test
    void referrersAreListedWithoutRefNameAndFoundBySubject() {
      LayoutStore s = LayoutStore.create(dir);
      StoredManifest image = ImageWriter.write(s, "1.0", "f", "x", List.of("linux/amd64"));
      StoredManifest other = ImageWriter.write(s, "2.0", "f", "y", List.of("linux/amd64"));
      s.putBlob(Attacher.EMPTY_JSON);
      byte[] layer = utf8("{\"_type\":\"x\"}");
      s.putBlob(layer);
      StoredManifest ref = s.putManifest(referrerOf(image, layer), MediaTypes.OCI_MANIFEST, null);
      s.putManifest(referrerOf(image, layer), MediaTypes.OCI_MANIFEST, null); // no duplicate
      assertThat(s.index().manifests())
          .filteredOn(d -> d.digest().equals(ref.digest()))
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.annotations()).isEmpty();
                assertThat(d.artifactType()).contains(MediaTypes.IN_TOTO);
              });
      assertThat(s.tags()).containsExactly("1.0", "2.0");
      assertThat(s.referrers(image.digest()))
          .hasValueSatisfying(
              list ->
                  assertThat(list.referrers())
                      .containsExactly(
                          ref.descriptor()
                              .withArtifactType(MediaTypes.IN_TOTO)
                              .withAnnotations(Map.of("k", "v"))));
      assertThat(s.referrers(other.digest())).hasValue(new ReferrersListing(List.of(), List.of()));
    }

    @Test
    void refusesAManifestWhoseBlobsAreMissing() {
      LayoutStore s = LayoutStore.create(dir);
      StoredManifest image = ImageWriter.write(s, "1.0", "f", "x", List.of("linux/amd64"));
      byte[] layer = utf8("not stored");
      assertThatThrownBy(
              () -> s.putManifest(referrerOf(image, layer), MediaTypes.OCI_MANIFEST, null))
          .hasMessageContaining("it names " + Attacher.EMPTY_DESCRIPTOR.digest())
          .hasMessageEndingWith(
              "which is not in the layout (store blobs and listed manifests first)");
    }

    @Test
    void refusesAManifestStoredUnderAnotherMediaType() {
      LayoutStore s = LayoutStore.create(dir);
      StoredManifest image = ImageWriter.write(s, "1.0", "f", "x", List.of("linux/amd64"));
      assertThatThrownBy(() -> s.putManifest(image.bytes(), MediaTypes.OCI_INDEX, "x"))
          .hasMessageEndingWith(
              " as application/vnd.oci.image.index.v1+json: its content declares the media type"
                  + " application/vnd.oci.image.manifest.v1+json");
    }

    @Test
    void aTagWhoseManifestBlobIsGoneIsAClearError() throws IOException {
      LayoutStore s = LayoutStore.create(dir);
      StoredManifest image = ImageWriter.write(s, "1.0", "f", "x", List.of("linux/amd64"));
      Files.delete(dir.resolve("blobs/sha256/" + image.digest().hex()));
      assertThatThrownBy(() -> s.manifest("1.0"))
          .hasMessage(
              "index.json in oci:"
                  + dir.toRealPath()
                  + " lists "
                  + image.digest()
                  + " for the tag \"1.0\", but blobs/sha256/"
                  + image.digest().hex()
                  + " is missing");
    }

    @Test
    void aBrokenIndexJsonIsReportedWhenOpening() throws IOException {
      LayoutStore.create(dir);
      Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":{}}");
      assertThatThrownBy(() -> LayoutStore.open(dir))
          .hasMessage(
              "index.json in oci:"
                  + dir.toRealPath()
                  + " is not a valid OCI image index at /manifests: expected an array but was an"
                  + " object");
    }
  }
}
