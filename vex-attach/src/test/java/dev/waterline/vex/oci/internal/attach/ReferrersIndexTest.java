package dev.waterline.vex.oci.internal.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.ReferrersListing;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.oci.internal.store.TagConflictException;
import dev.waterline.vex.testkit.internal.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReferrersIndexTest {
  final InMemoryStore memory = new InMemoryStore("reg", false);
  final StoredManifest image = ImageWriter.write(memory, "1.0", "f", "x", List.of("linux/amd64"));

  /** A referrer manifest of the image, stored, and its index entry. */
  Descriptor referrer(String note) {
    byte[] layer = ("{\"note\":\"" + note + "\"}").getBytes(StandardCharsets.UTF_8);
    memory.putBlob(layer);
    memory.putBlob(Attacher.EMPTY_JSON);
    byte[] m =
        OciJson.write(
            dev.waterline.vex.oci.internal.json.ImageManifest.oci(
                MediaTypes.IN_TOTO,
                Attacher.EMPTY_DESCRIPTOR,
                List.of(Descriptor.of(MediaTypes.IN_TOTO, layer)),
                image.descriptor(),
                java.util.Map.of()));
    return memory
        .putManifest(m, MediaTypes.OCI_MANIFEST, null)
        .descriptor()
        .withArtifactType(MediaTypes.IN_TOTO);
  }

  List<Digest> entries(OciStore store) {
    return ReferrersIndex.read(store, image.digest()).orElseThrow().manifests().stream()
        .map(Descriptor::digest)
        .collect(Collectors.toList());
  }

  /**
   * A store in front of {@link #memory} that lets another writer replace the index once, just
   * before our write ({@code beforePut}) or just after it ({@code afterPut}), and that may ignore
   * {@code If-Match} as distribution 2.8 does.
   */
  class Racing implements OciStore {
    final boolean honoursIfMatch;
    @Nullable Runnable beforePut;
    @Nullable Runnable afterPut;
    int puts;

    Racing(boolean honoursIfMatch) {
      this.honoursIfMatch = honoursIfMatch;
    }

    @Override
    public StoredManifest putManifestIfCurrent(
        byte[] bytes, String mediaType, String tag, @Nullable Digest expected) {
      puts++;
      Runnable b = beforePut;
      beforePut = null;
      if (b != null) {
        b.run();
      }
      StoredManifest out =
          honoursIfMatch
              ? memory.putManifestIfCurrent(bytes, mediaType, tag, expected)
              : memory.putManifest(bytes, mediaType, tag);
      Runnable a = afterPut;
      afterPut = null;
      if (a != null) {
        a.run();
      }
      return out;
    }

    @Override
    public String describe() {
      return memory.describe();
    }

    @Override
    public boolean hasBlob(Digest digest) {
      return memory.hasBlob(digest);
    }

    @Override
    public Optional<byte[]> blob(Digest digest) {
      return memory.blob(digest);
    }

    @Override
    public Digest putBlob(byte[] content) {
      return memory.putBlob(content);
    }

    @Override
    public Optional<StoredManifest> manifest(String tagOrDigest) {
      return memory.manifest(tagOrDigest);
    }

    @Override
    public StoredManifest putManifest(byte[] bytes, String mediaType, @Nullable String tag) {
      return memory.putManifest(bytes, mediaType, tag);
    }

    @Override
    public List<String> tags() {
      return memory.tags();
    }

    @Override
    public boolean supportsReferrers() {
      return false;
    }

    @Override
    public Optional<ReferrersListing> referrers(Digest subject) {
      return Optional.empty();
    }

    @Override
    public <T> T exclusive(Supplier<T> action) {
      return action.get(); // a registry: no lock
    }

    @Override
    public boolean locks() {
      return false;
    }
  }

  void otherWriterSets(Descriptor... entries) {
    memory.putManifest(
        OciJson.write(ImageIndex.of(List.of(entries))),
        MediaTypes.OCI_INDEX,
        image.digest().referrersTag());
  }

  @Nested
  class Add {
    @Test
    void leavesOutAnEntryWhoseManifestWasDeletedAfterItWasFound() {
      // fetch's repair found a referrer by its tag, then a prune deleted it: the store refuses an
      // index naming a missing manifest, so the add writes the rest instead of failing
      Descriptor kept = referrer("kept");
      Descriptor deleted = referrer("deleted");
      memory.deleteManifest(deleted.digest());

      assertThat(ReferrersIndex.add(memory, image.digest(), List.of(kept, deleted))).isTrue();

      assertThat(entries(memory)).containsExactly(kept.digest());
    }

    @Test
    void dropsAListedEntryWhoseManifestIsGoneWhenItAddsAnother() {
      // a registry that ignores If-Match can be left with an index naming a deleted manifest
      Descriptor stale = referrer("stale");
      ReferrersIndex.add(memory, image.digest(), List.of(stale));
      memory.deleteManifest(stale.digest());
      Descriptor added = referrer("added");

      assertThat(ReferrersIndex.add(memory, image.digest(), List.of(added))).isTrue();

      assertThat(entries(memory)).containsExactly(added.digest());
    }

    @Test
    void aRemovalAlsoDropsAListedEntryWhoseManifestIsGone() {
      // the race ConcurrentAttachTest met: a repair put a referrer back just before a prune
      // deleted it, and the next replace's removal found the index naming a missing manifest
      Descriptor stale = referrer("stale");
      Descriptor replaced = referrer("replaced");
      Descriptor kept = referrer("kept");
      ReferrersIndex.add(memory, image.digest(), List.of(stale, replaced, kept));
      memory.deleteManifest(stale.digest());

      assertThat(
              ReferrersIndex.remove(
                  memory, image.digest(), java.util.Set.of(replaced.digest()), java.util.Set.of()))
          .containsExactly(replaced.digest());

      assertThat(entries(memory)).containsExactly(kept.digest());
    }

    @Test
    void addsNothingWhenEveryEntryIsGone() {
      Descriptor deleted = referrer("deleted");
      memory.deleteManifest(deleted.digest());

      assertThat(ReferrersIndex.add(memory, image.digest(), List.of(deleted))).isFalse();
    }

    @Test
    void startsAnIndexWhenThereIsNone() {
      Descriptor a = referrer("a");
      assertThat(ReferrersIndex.add(memory, image.digest(), List.of(a))).isTrue();
      assertThat(entries(memory)).containsExactly(a.digest());
    }

    @Test
    void aPresentEntryIsNotAddedAgain() {
      Descriptor a = referrer("a");
      ReferrersIndex.add(memory, image.digest(), List.of(a));
      StoredManifest before = memory.manifest(image.digest().referrersTag()).orElseThrow();
      assertThat(ReferrersIndex.add(memory, image.digest(), List.of(a))).isFalse();
      assertThat(memory.manifest(image.digest().referrersTag())).contains(before);
    }

    @Test
    void retriesWhenIfMatchReportsAConflictAndKeepsTheOtherWritersEntry() {
      Descriptor ours = referrer("ours");
      Descriptor theirs = referrer("theirs");
      Racing store = new Racing(true);
      store.beforePut = () -> otherWriterSets(theirs);

      assertThat(ReferrersIndex.add(store, image.digest(), List.of(ours))).isTrue();

      assertThat(store.puts).isEqualTo(2);
      assertThat(entries(memory)).containsExactly(theirs.digest(), ours.digest());
    }

    @Test
    void whereIfMatchIsIgnoredTheReadBackFindsTheLostUpdateAndWritesAgain() {
      Descriptor ours = referrer("ours");
      Descriptor theirs = referrer("theirs");
      Racing store = new Racing(false);
      // Another writer that read the empty index before us writes after us: our entry is lost.
      store.afterPut = () -> otherWriterSets(theirs);

      assertThat(ReferrersIndex.add(store, image.digest(), List.of(ours))).isTrue();

      assertThat(store.puts).isEqualTo(2);
      assertThat(entries(memory)).containsExactly(theirs.digest(), ours.digest());
    }

    @Test
    void givesUpWithAClearMessageWhenEveryWriteIsLost() {
      Descriptor ours = referrer("ours");
      Descriptor theirs = referrer("theirs");
      Racing store =
          new Racing(false) {
            @Override
            public StoredManifest putManifestIfCurrent(
                byte[] bytes, String mediaType, String tag, @Nullable Digest expected) {
              afterPut = () -> otherWriterSets(theirs);
              return super.putManifestIfCurrent(bytes, mediaType, tag, expected);
            }
          };
      assertThatThrownBy(() -> ReferrersIndex.add(store, image.digest(), List.of(ours)))
          .hasMessage(
              "could not add 1 referrer(s) to the referrers index "
                  + image.digest().referrersTag()
                  + " in memory:reg: other writers replaced it 8 times in a row (each referrer"
                  + " also has its own .ref tag, so fetch still finds it)");
    }
  }

  @Nested
  class Tags {
    @Test
    void referrerTagIsSubjectTagDotSixteenHexDotRef() {
      Digest referrer = Digest.parse("sha256:" + "0123456789abcdef".repeat(4));
      assertThat(ReferrersIndex.referrerTag(image.digest(), referrer))
          .isEqualTo("sha256-" + image.digest().hex() + ".0123456789abcdef.ref")
          .hasSizeLessThanOrEqualTo(128);
    }

    @Test
    void taggedPrefixesPickOnlyThisSubjectsRefTags() {
      Digest other = Digest.of(new byte[] {1});
      List<String> tags = new ArrayList<>();
      tags.add("1.0");
      tags.add(image.digest().referrersTag());
      tags.add(image.digest().referrersTag() + ".att");
      tags.add(image.digest().referrersTag() + ".0123456789abcdef.ref");
      tags.add(image.digest().referrersTag() + ".0123456789ABCDEF.ref");
      tags.add(other.referrersTag() + ".fedcba9876543210.ref");
      assertThat(ReferrersIndex.taggedPrefixes(image.digest(), tags))
          .containsExactly("0123456789abcdef");
    }
  }

  @Test
  void aConflictNamesTheTagAndBothDigests() {
    assertThatThrownBy(
            () ->
                memory.putManifestIfCurrent(
                    image.bytes(), image.mediaType(), "1.0", Digest.of(new byte[0])))
        .isInstanceOf(TagConflictException.class)
        .hasMessage(
            "the tag 1.0 in memory:reg was changed by another writer: expected "
                + Digest.of(new byte[0])
                + " but found "
                + image.digest());
  }
}
