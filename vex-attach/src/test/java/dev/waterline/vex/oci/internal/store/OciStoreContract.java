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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OciStore} must do, whatever holds the bytes. Subclasses give a fresh store; the
 * registry transport runs this against a real registry too.
 */
public abstract class OciStoreContract {
  protected OciStore store;

  /** A new, empty store (one repository). */
  protected abstract OciStore newStore();

  @BeforeEach
  void fresh() {
    store = newStore();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  StoredManifest image(String tag) {
    return ImageWriter.write(store, tag, "f", "content " + tag, List.of("linux/amd64"));
  }

  @Test
  void blobsRoundTripByDigest() {
    Digest d = store.putBlob(utf8("hello"));
    assertThat(d).isEqualTo(Digest.of(utf8("hello")));
    assertThat(store.hasBlob(d)).isTrue();
    assertThat(store.blob(d)).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("hello")));
    assertThat(store.putBlob(utf8("hello"))).isEqualTo(d);
  }

  @Test
  void anAbsentBlobOrManifestIsEmptyNotAnError() {
    Digest d = Digest.of(utf8("absent"));
    assertThat(store.hasBlob(d)).isFalse();
    assertThat(store.blob(d)).isEmpty();
    assertThat(store.manifest(d.toString())).isEmpty();
    assertThat(store.manifest("no-such-tag")).isEmpty();
  }

  @Test
  void manifestsComeBackByTagAndByDigestWithExactBytesAndMediaType() {
    StoredManifest m = image("1.0");
    assertThat(store.manifest("1.0")).contains(m);
    assertThat(store.manifest(m.digest().toString())).contains(m);
    assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(m.digest()).isEqualTo(Digest.of(m.bytes()));
  }

  @Test
  void indexesKeepTheirMediaType() {
    StoredManifest index =
        ImageWriter.write(store, "multi", "f", "x", List.of("linux/amd64", "linux/arm64"));
    assertThat(store.manifest("multi"))
        .hasValueSatisfying(m -> assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_INDEX));
    assertThat(store.manifest(index.digest().toString())).contains(index);
  }

  @Test
  void tagsAreSortedAndMove() {
    image("b");
    StoredManifest a = image("a");
    assertThat(store.tags()).containsExactly("a", "b");
    store.putManifest(a.bytes(), a.mediaType(), "b");
    assertThat(store.manifest("b")).contains(a);
  }

  @Test
  void aConditionalUpdateFailsWhenTheTagMoved() {
    StoredManifest first = image("1.0");
    StoredManifest second = image("2.0");
    assertThat(
            store.putManifestIfCurrent(second.bytes(), second.mediaType(), "1.0", first.digest()))
        .isEqualTo(second);
    assertThat(store.manifest("1.0")).contains(second);
    if (store.locks()) { // a registry that ignores If-Match cannot tell
      assertThatThrownBy(
              () ->
                  store.putManifestIfCurrent(
                      first.bytes(), first.mediaType(), "1.0", first.digest()))
          .isInstanceOf(TagConflictException.class);
      assertThatThrownBy(
              () ->
                  store.putManifestIfCurrent(
                      first.bytes(), first.mediaType(), "new", first.digest()))
          .isInstanceOf(TagConflictException.class);
    }
    assertThat(store.putManifestIfCurrent(first.bytes(), first.mediaType(), "new", null))
        .isEqualTo(first);
  }

  @Test
  void aManifestNamingMissingBlobsIsRefused() {
    byte[] m =
        OciJson.write(
            ImageManifest.oci(
                MediaTypes.IN_TOTO,
                Attacher.EMPTY_DESCRIPTOR,
                List.of(Descriptor.of(MediaTypes.IN_TOTO, utf8("never stored"))),
                null,
                Map.of()));
    assertThatThrownBy(() -> store.putManifest(m, MediaTypes.OCI_MANIFEST, "x"))
        .isInstanceOf(OciException.class);
    assertThat(store.manifest("x")).isEmpty();
  }

  @Test
  void anIndexNamingAMissingManifestIsRefused() {
    byte[] index =
        OciJson.write(
            ImageIndex.of(
                List.of(Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.of(utf8("none")), 4))));
    assertThatThrownBy(() -> store.putManifest(index, MediaTypes.OCI_INDEX, "x"))
        .isInstanceOf(OciException.class);
  }

  @Test
  void referrersAreFoundBySubjectWhenTheStoreCanList() {
    StoredManifest subject = image("1.0");
    StoredManifest other = image("2.0");
    store.putBlob(Attacher.EMPTY_JSON);
    byte[] layer = utf8("{\"_type\":\"x\"}");
    store.putBlob(layer);
    byte[] referrer =
        OciJson.write(
            ImageManifest.oci(
                MediaTypes.IN_TOTO,
                Attacher.EMPTY_DESCRIPTOR,
                List.of(Descriptor.of(MediaTypes.IN_TOTO, layer)),
                subject.descriptor(),
                Map.of("a", "b")));
    StoredManifest r = store.putManifest(referrer, MediaTypes.OCI_MANIFEST, null);
    if (!store.supportsReferrers()) {
      assertThat(store.referrers(subject.digest())).isEmpty();
      return;
    }
    assertThat(store.referrers(subject.digest()).orElseThrow().referrers())
        .containsExactly(
            r.descriptor().withArtifactType(MediaTypes.IN_TOTO).withAnnotations(Map.of("a", "b")));
    assertThat(store.referrers(other.digest()).orElseThrow().referrers()).isEmpty();
  }

  @Test
  void deletingSeveralManifestsSaysWhatEachDidAndKeepsTheRest() {
    StoredManifest first = image("1.0");
    StoredManifest kept = image("2.0");
    StoredManifest third = image("3.0");
    Digest never = Digest.of(utf8("never stored"));
    Map<Digest, OciStore.Deletion> done =
        store.deleteManifests(List.of(first.digest(), never, third.digest()));
    assertThat(done.keySet()).containsExactly(first.digest(), never, third.digest());
    if (done.get(first.digest()) == OciStore.Deletion.REFUSED) {
      assertThat(store.manifest("1.0")).contains(first); // a store that refuses deletes
      return;
    }
    assertThat(done)
        .containsEntry(first.digest(), OciStore.Deletion.DELETED)
        .containsEntry(never, OciStore.Deletion.ABSENT)
        .containsEntry(third.digest(), OciStore.Deletion.DELETED);
    assertThat(store.tags()).containsExactly("2.0");
    assertThat(store.manifest("2.0")).contains(kept);
  }

  @Test
  void exclusiveRunsTheActionAndReturnsItsValue() {
    assertThat(store.exclusive(() -> store.exclusive(() -> 42))).isEqualTo(42);
    assertThat(store.describe()).isNotBlank();
  }
}
