package dev.waterline.vex.oci;

import static dev.waterline.vex.oci.EmbedFixtures.document;
import static dev.waterline.vex.oci.EmbedFixtures.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.EmbedFixtures.Entry;
import dev.waterline.vex.oci.internal.embed.TarScanner;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading VEX out of an image's layers: stacking, whiteouts, and hostile layers refused. */
class EmbeddedVexLayersTest {
  @TempDir Path dir;

  static final String VEX = "usr/share/vex/";

  OciLayout layout;

  StoredManifest image(byte[]... tars) {
    layout = OciLayout.create(dir.resolve("l"));
    return EmbedFixtures.image(layout.store(), "img", List.of(tars), null);
  }

  EmbeddedVex read() {
    return EmbeddedVex.read("oci:" + layout.path() + ":img");
  }

  EmbeddedVex read(long maxLayerBytes) {
    return EmbeddedVex.read(
        ImageReference.parse("oci:" + layout.path() + ":img"),
        RegistryOptions.defaults(),
        VexEmbedding.DEFAULT_DIRECTORY,
        maxLayerBytes);
  }

  static String json(String cve) {
    return document(cve).toJson();
  }

  @Nested
  class Stacking {
    @Test
    void aLaterLayerReplacesAFile() {
      StoredManifest m =
          image(
              tar(Entry.file(VEX + "a.openvex.json", json("CVE-1"))),
              tar(Entry.file(VEX + "a.openvex.json", json("CVE-2"))));

      EmbeddedVex found = read();

      assertThat(found.files()).hasSize(1);
      assertThat(found.files().get(0).document().statements().get(0).vulnerability().name())
          .isEqualTo("CVE-2");
      assertThat(found.files().get(0).manifest()).isEqualTo(m.digest());
    }

    @Test
    void aWhiteoutDeletesALowerFile() {
      image(
          tar(
              Entry.file(VEX + "a.openvex.json", json("CVE-1")),
              Entry.file(VEX + "b.openvex.json", json("CVE-2"))),
          tar(Entry.file(VEX + ".wh.a.openvex.json", "")));

      assertThat(read().files())
          .extracting(EmbeddedVexFile::path)
          .containsExactly("/" + VEX + "b.openvex.json");
    }

    @Test
    void anOpaqueWhiteoutDeletesTheLowerDirectoryButNotItsOwnLayer() {
      image(
          tar(Entry.file(VEX + "a.openvex.json", json("CVE-1"))),
          tar(
              Entry.file(VEX + ".wh..wh..opq", ""),
              Entry.file(VEX + "c.openvex.json", json("CVE-3"))));

      assertThat(read().files())
          .extracting(EmbeddedVexFile::path)
          .containsExactly("/" + VEX + "c.openvex.json");
    }

    @Test
    void aWhiteoutOfAParentDeletesEverythingBelow() {
      image(
          tar(Entry.file(VEX + "a.openvex.json", json("CVE-1"))),
          tar(Entry.file("usr/share/.wh.vex", "")));

      assertThat(read().files()).isEmpty();
    }

    @Test
    void aFileThatIsNotOpenVexIsAProblemAndHidesNothing() {
      image(
          tar(
              Entry.file(VEX + "a.openvex.json", json("CVE-1")),
              Entry.file(VEX + "junk.json", "{\"x\":1}"),
              Entry.file(VEX + "README", "not json, not read")));

      EmbeddedVex found = read();

      assertThat(found.files()).hasSize(1);
      assertThat(found.problems()).hasSize(1);
      assertThat(found.problems().get(0)).startsWith("/" + VEX + "junk.json (layer sha256:");
    }

    @Test
    void dotSlashNamesAndUncompressedLayersAreRead() {
      layout = OciLayout.create(dir.resolve("l"));
      EmbedFixtures.image(
          layout.store(),
          "img",
          List.of(tar(Entry.file("./" + VEX + "a.openvex.json", json("CVE-1")))),
          null);

      assertThat(read().files())
          .extracting(EmbeddedVexFile::path)
          .containsExactly("/" + VEX + "a.openvex.json");
    }
  }

  @Nested
  class TarDialects {
    @Test
    void readsAPaxPathLongerThanAUstarName() {
      String name = VEX + "x".repeat(120) + ".openvex.json";
      image(tar(Entry.pax('x', "path=" + name), Entry.file("ignored-short-name", json("CVE-1"))));

      assertThat(read().files()).extracting(EmbeddedVexFile::path).containsExactly("/" + name);
    }

    @Test
    void anOldStyleFileWhoseNameEndsInASlashIsADirectoryWithNoDataAsEveryTarReadsIt() {
      // type NUL (pre-POSIX "regular file") named ".../x.openvex.json/", its size saying 600:
      // Go's archive/tar, GNU tar and Python's tarfile make it a directory, so no runtime
      // extracts it as a file, and Go and Python read the next header right after it
      image(
          EmbedFixtures.concat(
              EmbedFixtures.header(new Entry(VEX + "x.openvex.json/", '\0', new byte[600], "")),
              // no data follows
              tar(Entry.file(VEX + "y.openvex.json", json("CVE-2")))));

      assertThat(read().files())
          .extracting(EmbeddedVexFile::path)
          .containsExactly("/" + VEX + "y.openvex.json");
      assertThat(read().problems()).isEmpty();
    }

    @Test
    void theSparseMapBlocksOfAnOldGnuSparseFileAreNotItsData() {
      // an old GNU sparse file ('S') whose map goes on in one more block ("isextended" set),
      // then its 10 bytes of data; Go's archive/tar, GNU tar and Python's tarfile read the map
      // block before the data and then find the VEX file
      byte[] header = EmbedFixtures.header(new Entry("opt/sparse", 'S', new byte[10], ""));
      header[482] = 1;
      header = EmbedFixtures.withChecksum(header, false);
      byte[] mapBlock = new byte[512]; // no more map entries, "isextended" (504) not set
      image(
          EmbedFixtures.concat(
              header,
              mapBlock,
              new byte[512], // the 10 bytes of data, padded
              tar(Entry.file(VEX + "a.openvex.json", json("CVE-1")))));

      assertThat(read().files())
          .extracting(EmbeddedVexFile::path)
          .containsExactly("/" + VEX + "a.openvex.json");
    }

    @Test
    void aHeaderWhoseChecksumSumsSignedBytesIsRead() {
      // old tars summed the header's bytes as signed; Go, GNU tar and Python accept either sum
      Entry e = Entry.file(VEX + "caf\u00e9.openvex.json", json("CVE-1"));
      byte[] signed = EmbedFixtures.withChecksum(EmbedFixtures.header(e), true);
      byte[] rest = tar(e);
      image(EmbedFixtures.concat(signed, java.util.Arrays.copyOfRange(rest, 512, rest.length)));

      assertThat(read().files())
          .extracting(EmbeddedVexFile::path)
          .containsExactly("/" + VEX + "caf\u00e9.openvex.json");
    }

    @Test
    void readsAGnuLongName() {
      String name = VEX + "y".repeat(120) + ".openvex.json";
      image(tar(Entry.gnuLongName(name), Entry.file("short", json("CVE-1"))));

      assertThat(read().files()).extracting(EmbeddedVexFile::path).containsExactly("/" + name);
    }
  }

  /**
   * Sequences of extended headers that tar implementations read differently are refused: a layer in
   * which Waterline found one file and the runtime (Go's archive/tar) extracts another would hide a
   * file. What every implementation reads alike is read.
   */
  @Nested
  class DisagreeingTarReaders {
    void refused(String because, Entry... entries) {
      image(tar(entries));
      assertThatThrownBy(EmbeddedVexLayersTest.this::read)
          .isInstanceOf(OciException.class)
          .hasMessageContaining(": " + because);
    }

    @Test
    void aPaxSizeDescribesTheEntryNotTheGnuLongNameAfterIt() {
      // longer than a block, so that reading the long name with it would run into the entry
      String big = json("CVE-1") + " ".repeat(1500);
      image(
          tar(
              Entry.pax('x', "size=" + big.length()),
              Entry.gnuLongName(VEX + "long.openvex.json"),
              Entry.file("short", big)));

      assertThat(read().files())
          .extracting(EmbeddedVexFile::path)
          .containsExactly("/" + VEX + "long.openvex.json");
    }

    @Test
    void aGlobalHeaderBeforeAnEntrysOwnHeadersAndAnEqualPaxPathAndGnuNameAreRead() {
      image(
          tar(
              Entry.pax('g', "comment=written by hand"),
              Entry.pax('x', "path=" + VEX + "a.openvex.json"),
              Entry.gnuLongName(VEX + "a.openvex.json"),
              Entry.file("short", json("CVE-1"))));

      assertThat(read().files())
          .extracting(EmbeddedVexFile::path)
          .containsExactly("/" + VEX + "a.openvex.json");
    }

    @Test
    void refusesTwoPaxHeadersBeforeOneEntry() {
      // Go and GNU tar extract good.openvex.json; Python's tarfile lists evil.openvex.json
      refused(
          "two PAX extended headers come before one entry",
          Entry.pax('x', "path=" + VEX + "evil.openvex.json"),
          Entry.pax('x', "mtime=1"),
          Entry.file(VEX + "good.openvex.json", json("CVE-1")));
    }

    @Test
    void refusesAPaxPathAndAGnuLongNameThatDiffer() {
      // Go extracts gnu.openvex.json; GNU tar and Python list pax.openvex.json
      refused(
          "an entry's name is \""
              + VEX
              + "pax.openvex.json\" by its PAX header and \""
              + VEX
              + "gnu.openvex.json\" by its GNU long name",
          Entry.pax('x', "path=" + VEX + "pax.openvex.json"),
          Entry.gnuLongName(VEX + "gnu.openvex.json"),
          Entry.file("short", json("CVE-1")));
    }

    @Test
    void refusesAGlobalHeaderBetweenAnEntrysExtendedHeadersAndTheEntry() {
      // Go extracts good.openvex.json; GNU tar and Python list evil.openvex.json
      refused(
          "a PAX global header comes between an entry's extended headers and the entry",
          Entry.pax('x', "path=" + VEX + "evil.openvex.json"),
          Entry.pax('g', "comment=x"),
          Entry.file(VEX + "good.openvex.json", json("CVE-1")));
    }

    @Test
    void refusesASizeWithDigitsAfterItsEnd() {
      // eight NULs, "012", a NUL: Go's archive/tar skips the leading NULs and reads 10 bytes of
      // data; Python's tarfile stops at the first NUL and reads none
      byte[] header = EmbedFixtures.header(Entry.file("opt/a", "0123456789"));
      java.util.Arrays.fill(header, 124, 136, (byte) 0);
      header[132] = '0';
      header[133] = '1';
      header[134] = '2';
      image(
          EmbedFixtures.concat(
              EmbedFixtures.withChecksum(header, false),
              new byte[512], // the ten bytes, padded
              tar(Entry.file(VEX + "a.openvex.json", json("CVE-1")))));

      assertThatThrownBy(EmbeddedVexLayersTest.this::read)
          .isInstanceOf(OciException.class)
          .hasMessageEndingWith(
              ": it is not a tar archive (a numeric header field has digits after its end)");
    }

    @Test
    void refusesTwoGnuLongNamesBeforeOneEntry() {
      // Go takes the last, Python the first
      refused(
          "two GNU long names come before one entry",
          Entry.gnuLongName(VEX + "first.openvex.json"),
          Entry.gnuLongName(VEX + "last.openvex.json"),
          Entry.file("short", json("CVE-1")));
    }

    @Test
    void refusesAPaxRecordWithoutAnEqualsSignAndAPaxPathWithANul() {
      refused(
          "a PAX record has no '=' between its keyword and its value",
          Entry.pax('x', "path"),
          Entry.file(VEX + "a.openvex.json", json("CVE-1")));
      refused(
          "a PAX path holds a NUL byte",
          Entry.pax('x', "path=" + VEX + "a.openvex.json\0.txt"),
          Entry.file("short", json("CVE-1")));
    }
  }

  /**
   * {@code embed --list} memory must not grow with the number of tar entries: the scanner hands
   * entries to a visitor and keeps none, and the reader keeps only the files under the VEX
   * directory. (No memory or time is measured here; docs/performance.md records a run of a million
   * entries under a small heap.)
   */
  @Nested
  class ManyEntries {
    @Test
    void theScannerHandsEachEntryToAVisitorAndItsResultHoldsNoListOfThem() {
      EmbedFixtures.Layer layer = EmbedFixtures.manyEmptyFiles(200_000);
      long[] visited = {0};

      TarScanner.Scan scan =
          TarScanner.scan(layer.gzip(), 1L << 30, n -> false, 0, e -> visited[0]++);

      assertThat(visited[0]).isEqualTo(200_000);
      assertThat(scan.entryCount()).isEqualTo(200_000);
      assertThat(scan.diffId()).isEqualTo(layer.diffId());
      assertThat(scan.uncompressedBytes()).isEqualTo(200_000L * 512 + 1024);
      assertThat(Arrays.stream(TarScanner.Scan.class.getRecordComponents()))
          .extracting(RecordComponent::getType)
          .as("a scan's result carries no collection of entries")
          .noneMatch(java.util.Collection.class::isAssignableFrom);
    }

    @Test
    void aVexFileAfterTwoHundredThousandEmptyFilesIsFoundInTheNormalHeap() {
      layout = OciLayout.create(dir.resolve("l"));
      EmbedFixtures.imageOf(
          layout.store(),
          "img",
          List.of(
              EmbedFixtures.manyEmptyFiles(
                  200_000, Entry.file(VEX + "a.openvex.json", json("CVE-1")))),
          null);

      EmbeddedVex found = read();

      assertThat(found.files())
          .extracting(EmbeddedVexFile::path)
          .containsExactly("/" + VEX + "a.openvex.json");
    }

    @Test
    void aWhiteoutAfterTheFilesOfItsOwnLayerDeletesOnlyWhatIsBelow() {
      image(
          tar(
              Entry.file(VEX + "a.openvex.json", json("CVE-1")),
              Entry.file(VEX + "b.openvex.json", json("CVE-2"))),
          tar(
              Entry.file(VEX + "c.openvex.json", json("CVE-3")),
              Entry.file(VEX + "a.openvex.json", json("CVE-4")),
              Entry.file(VEX + ".wh..wh..opq", "")));

      assertThat(read().files())
          .extracting(f -> f.path() + " " + f.document().statements().get(0).vulnerability().name())
          .containsExactly("/" + VEX + "a.openvex.json CVE-4", "/" + VEX + "c.openvex.json CVE-3");
    }
  }

  @Nested
  class Hostile {
    @Test
    void refusesAnEntryThatLeavesTheRoot() {
      StoredManifest m = image(tar(Entry.file("../../etc/cron.d/x", "evil")));
      String layer = layerOf(m);

      assertThatThrownBy(EmbeddedVexLayersTest.this::read)
          .isInstanceOf(OciException.class)
          .hasMessage(
              "cannot read the layer "
                  + layer
                  + " of the image oci:"
                  + layout.path()
                  + ":img: an entry is named \"../../etc/cron.d/x\", which leaves the image's root"
                  + " (..)");
    }

    @Test
    void refusesASymlinkAtTheVexDirectory() {
      StoredManifest m = image(tar(Entry.symlink("usr/share/vex", "/etc")));

      assertThatThrownBy(EmbeddedVexLayersTest.this::read)
          .isInstanceOf(OciException.class)
          .hasMessage(
              "refusing the layer "
                  + layerOf(m)
                  + " of the image oci:"
                  + layout.path()
                  + ":img: /usr/share/vex is a symbolic link (to /etc) at or above the VEX"
                  + " directory /usr/share/vex");
    }

    @Test
    void refusesASymlinkInsideTheVexDirectory() {
      image(tar(Entry.symlink(VEX + "a.openvex.json", "/etc/shadow")));

      assertThatThrownBy(EmbeddedVexLayersTest.this::read)
          .hasMessageContaining(
              "/usr/share/vex/a.openvex.json is a symbolic link (to /etc/shadow)");
    }

    @Test
    void symlinksElsewhereAreFine() {
      image(
          tar(Entry.symlink("bin", "usr/bin"), Entry.file(VEX + "a.openvex.json", json("CVE-1"))));

      assertThat(read().files()).hasSize(1);
    }

    @Test
    void refusesALayerThatInflatesPastTheLimit() {
      // each file is within the limit; together they are not (counted as the layer inflates)
      byte[] quarter = new byte[1 << 18];
      StoredManifest m =
          image(
              tar(
                  Entry.file("zeros1", quarter),
                  Entry.file("zeros2", quarter),
                  Entry.file("zeros3", quarter),
                  Entry.file("zeros4", quarter),
                  Entry.file("zeros5", quarter)));

      assertThatThrownBy(() -> read(1 << 20))
          .isInstanceOf(OciException.class)
          .hasMessage(
              "cannot read the layer "
                  + layerOf(m)
                  + " of the image oci:"
                  + layout.path()
                  + ":img: it inflates to more than 1048576 bytes (the uncompressed layer limit)");
    }

    @Test
    void refusesAPaxRecordWhoseLengthLeavesNoRoomForItsTextInsteadOfFailingInternally() {
      // "2 ": the length counts its own digit and the space, and nothing else (a record is
      // "LENGTH KEY=VALUE\n"); and a record whose length is right but has no closing newline.
      for (String record : List.of("2 ", "11 path=abc")) {
        StoredManifest m =
            image(
                tar(
                    new Entry(
                        "PaxHeader",
                        'x',
                        record.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        ""),
                    Entry.file(VEX + "a.openvex.json", json("CVE-1"))));

        assertThatThrownBy(EmbeddedVexLayersTest.this::read)
            .as(record)
            .isInstanceOf(OciException.class)
            .hasMessageStartingWith("cannot read the layer " + layerOf(m))
            .hasMessageContaining(
                "a PAX record's length " + record.split(" ")[0] + " does not fit its header");
      }
    }

    @Test
    void refusesAnEntryLargerThanTheLayerCouldBeRatherThanReadingItsContentAsHeaders() {
      // tar stops at the first entry (its content is not there); a reader that skipped a size it
      // had overflowed would read on and find the VEX file below, which no runtime extracts.
      StoredManifest m =
          image(
              tar(
                  Entry.pax('x', "size=9223372036854775800"),
                  Entry.file("opt/big", ""),
                  Entry.file(VEX + "hidden.openvex.json", json("CVE-1"))));

      assertThatThrownBy(EmbeddedVexLayersTest.this::read)
          .isInstanceOf(OciException.class)
          .hasMessage(
              "cannot read the layer "
                  + layerOf(m)
                  + " of the image oci:"
                  + layout.path()
                  + ":img: the entry /opt/big says it holds 9223372036854775800 bytes, more than"
                  + " the uncompressed layer may have ("
                  + EmbeddedVex.DEFAULT_MAX_LAYER_BYTES
                  + ")");
    }

    @Test
    void refusesALayerWhoseContentIsNotItsDiffId() {
      layout = OciLayout.create(dir.resolve("l"));
      byte[] t = tar(Entry.file(VEX + "a.openvex.json", json("CVE-1")));
      String wrong = Digest.of(new byte[] {1}).toString();
      EmbedFixtures.image(layout.store(), "img", List.of(t), List.of(wrong));

      assertThatThrownBy(EmbeddedVexLayersTest.this::read)
          .hasMessageEndingWith(
              " uncompresses to "
                  + Digest.of(t)
                  + ", but the config's rootfs.diff_ids[0] is "
                  + wrong);
    }

    @Test
    void refusesBytesThatAreNotATar() {
      StoredManifest m =
          image(
              "this is not a tar archive, only text"
                  .repeat(20)
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));

      assertThatThrownBy(EmbeddedVexLayersTest.this::read)
          .hasMessageStartingWith("cannot read the layer " + layerOf(m))
          .hasMessageContaining("it is not a tar archive");
    }

    String layerOf(StoredManifest m) {
      return VexEmbeddingTest.manifest(layout.store(), m.digest())
          .layers()
          .get(0)
          .digest()
          .toString();
    }
  }
}
