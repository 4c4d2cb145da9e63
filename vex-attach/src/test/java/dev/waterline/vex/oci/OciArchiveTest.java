package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.testkit.SampleImages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciArchiveTest {
  @TempDir Path tmp;

  private Digest sampleArchive(Path tar) {
    OciLayout layout = OciLayout.create(tmp.resolve("src"));
    Digest digest = SampleImages.write(layout, "1.0");
    OciArchive.pack(tmp.resolve("src"), tar);
    return digest;
  }

  @Nested
  class RoundTrip {
    @Test
    void unpackingAPackedLayoutGivesTheSameImageBack() {
      Path tar = tmp.resolve("image.tar");
      Digest digest = sampleArchive(tar);

      OciLayout back = OciArchive.unpack(tar, tmp.resolve("back"));

      assertThat(back.resolve("1.0")).contains(digest);
      assertThat(back.tags()).containsExactly("1.0");
    }

    @Test
    void packingTheSameDirectoryTwiceGivesTheSameBytes() throws Exception {
      Path a = tmp.resolve("a.tar");
      sampleArchive(a);
      Path b = tmp.resolve("b.tar");
      OciArchive.pack(tmp.resolve("src"), b);

      assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
    }

    @Test
    void anAttestationAttachedIntoTheUnpackedLayoutTravelsInTheArchive() {
      Path tar = tmp.resolve("image.tar");
      Digest digest = sampleArchive(tar);
      OciLayout work = OciArchive.unpack(tar, tmp.resolve("work"));
      Attachments.on(work).attach("1.0", Fixtures.statementAttestation(digest, "archive"));
      OciArchive.pack(tmp.resolve("work"), tar);

      OciLayout again = OciArchive.unpack(tar, tmp.resolve("again"));
      FetchResult fetched = Attachments.on(again).fetch("1.0");

      assertThat(fetched.unreadable()).isEmpty();
      assertThat(fetched.attestations()).isNotEmpty();
      assertThat(fetched.attestations()).allSatisfy(a -> assertThat(a.subject()).isEqualTo(digest));
    }

    @Test
    void gnuTarListsWhatWePackAndWeUnpackWhatGnuTarPacks() throws Exception {
      assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")), "no /usr/bin/tar: skipped");
      Path ours = tmp.resolve("ours.tar");
      Digest digest = sampleArchive(ours);
      String listing = run("tar", "-tf", ours.toString());
      assertThat(listing).contains("oci-layout", "index.json", "blobs/sha256/" + digest.hex());
      assertThat(listing).doesNotContain(".waterline.lock");

      Path theirs = tmp.resolve("theirs.tar");
      run(
          "tar",
          "--format=pax",
          "-C",
          tmp.resolve("src").toString(),
          "-cf",
          theirs.toString(),
          ".");
      assertThat(OciArchive.unpack(theirs, tmp.resolve("fromTar")).resolve("1.0")).contains(digest);
    }

    @Test
    void skopeoReadsTheArchiveWePackAfterAnAttach() throws Exception {
      assumeTrue(
          Files.isExecutable(Path.of("/usr/bin/skopeo")),
          "skopeo is missing (scripts/install-test-deps.sh installs it): interop check skipped");
      Path tar = tmp.resolve("image.tar");
      Digest digest = sampleArchive(tar);
      OciLayout work = OciArchive.unpack(tar, tmp.resolve("work"));
      Attachments.on(work).attach("1.0", Fixtures.statementAttestation(digest, "skopeo"));
      OciArchive.pack(tmp.resolve("work"), tar);

      String raw = run("skopeo", "inspect", "--raw", "oci-archive:" + tar + ":1.0");

      assertThat(Digest.of(raw.getBytes(StandardCharsets.UTF_8))).isEqualTo(digest);
    }
  }

  @Nested
  class HostileArchives {
    @Test
    void anEntryThatLeavesTheDirectoryIsRefusedAndNothingIsWrittenOutside() throws Exception {
      Path tar = tmp.resolve("evil.tar");
      Files.write(tar, tar(entry("oci-layout", "{}"), entry("../escaped", "x")));

      assertThatThrownBy(() -> OciArchive.unpack(tar, tmp.resolve("out")))
          .isInstanceOf(OciException.class)
          .hasMessageContaining("'../escaped' leaves the archive");
      assertThat(tmp.resolve("escaped")).doesNotExist();
    }

    @Test
    void anAbsoluteNameIsRefused() throws Exception {
      Path tar = tmp.resolve("abs.tar");
      Files.write(tar, tar(entry("/etc/oci-layout", "{}")));

      assertThatThrownBy(() -> OciArchive.unpack(tar, tmp.resolve("out")))
          .isInstanceOf(OciException.class)
          .hasMessageContaining("absolute name");
    }

    @Test
    void aSymbolicLinkIsRefused() throws Exception {
      Path tar = tmp.resolve("link.tar");
      byte[] link = header("blobs", 0, '2');
      Files.write(tar, tar(entry("oci-layout", "{}"), link));

      assertThatThrownBy(() -> OciArchive.unpack(tar, tmp.resolve("out")))
          .isInstanceOf(OciException.class)
          .hasMessageContaining("'blobs' is a symbolic link");
    }

    @Test
    void aDockerFormatTarIsRefusedSayingHowToGetAnOciOne() throws Exception {
      Path tar = tmp.resolve("docker.tar");
      Files.write(tar, tar(entry("manifest.json", "[]"), entry("config.json", "{}")));

      assertThatThrownBy(() -> OciArchive.unpack(tar, tmp.resolve("out")))
          .isInstanceOf(OciException.class)
          .hasMessageContaining("not an OCI image layout archive")
          .hasMessageContaining("<container><format>OCI</format>");
    }

    @Test
    void aTruncatedArchiveIsRefused() throws Exception {
      Path tar = tmp.resolve("image.tar");
      sampleArchive(tar);
      byte[] all = Files.readAllBytes(tar);
      Path cut = tmp.resolve("cut.tar");
      Files.write(cut, java.util.Arrays.copyOf(all, 1000));

      assertThatThrownBy(() -> OciArchive.unpack(cut, tmp.resolve("out")))
          .isInstanceOf(OciException.class)
          .hasMessageContaining(cut.toString());
    }

    @Test
    void anEntryLargerThanTheArchiveIsRefusedRatherThanSkippedIntoWhatFollows() throws Exception {
      // A directory's size is skipped here; one near Long.MAX_VALUE overflowed the skip, and the
      // entries hidden in its "content" were unpacked, where tar stops at the directory.
      String record = "size=9223372036854775800\n";
      String pax = (record.length() + 3) + " " + record;
      Path tar = tmp.resolve("big.tar");
      Files.write(tar, tar(paxEntry(pax), header("blobs/", 0, '5'), entry("oci-layout", "{}")));

      assertThatThrownBy(() -> OciArchive.unpack(tar, tmp.resolve("out")))
          .isInstanceOf(OciException.class)
          .hasMessage(
              tar
                  + ": the entry 'blobs' says it holds 9223372036854775800 bytes, more than the"
                  + " whole archive has ("
                  + Files.size(tar)
                  + ")");
      assertThat(tmp.resolve("out/oci-layout")).doesNotExist();
    }

    @Test
    void extendedHeadersThatTarImplementationsReadDifferentlyAreRefused() throws Exception {
      // Go's archive/tar unpacks "oci-layout"; Python's tarfile merges both PAX headers into
      // "index.json" (EmbeddedVexLayersTest.DisagreeingTarReaders has the other sequences)
      String first = "path=index.json\n";
      String second = "mtime=1\n";
      Path tar = tmp.resolve("two-pax.tar");
      Files.write(
          tar,
          tar(
              paxEntry((first.length() + 3) + " " + first),
              paxEntry((second.length() + 3) + " " + second),
              entry("oci-layout", "{}")));

      assertThatThrownBy(() -> OciArchive.unpack(tar, tmp.resolve("out")))
          .isInstanceOf(OciException.class)
          .hasMessage(
              tar
                  + ": two PAX extended headers come before one entry, which tar implementations"
                  + " read differently (the last, or both merged)");
    }

    @Test
    void bytesThatAreNotATarAreRefusedAsNotATar() throws Exception {
      Path tar = tmp.resolve("noise.tar");
      byte[] noise = new byte[4096];
      java.util.Arrays.fill(noise, (byte) 'A');
      Files.write(tar, noise);

      assertThatThrownBy(() -> OciArchive.unpack(tar, tmp.resolve("out")))
          .isInstanceOf(OciException.class)
          .hasMessageContaining("it is not a tar archive");
    }

    @Test
    void aDirectoryIsNotAnArchive() {
      assertThatThrownBy(() -> OciArchive.unpack(tmp, tmp.resolve("out")))
          .isInstanceOf(OciException.class)
          .hasMessageContaining("is not a regular file");
    }

    @Test
    void aNonEmptyTargetDirectoryIsRefused() throws Exception {
      Path tar = tmp.resolve("image.tar");
      sampleArchive(tar);
      Path out = Files.createDirectories(tmp.resolve("busy"));
      Files.writeString(out.resolve("keep.txt"), "mine");

      assertThatThrownBy(() -> OciArchive.unpack(tar, out))
          .isInstanceOf(OciException.class)
          .hasMessageContaining("not empty");
      try (Stream<Path> s = Files.list(out)) {
        assertThat(s).containsExactly(out.resolve("keep.txt"));
      }
    }
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + text).isZero();
    return text;
  }

  private static byte[] entry(String name, String content) {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header(name, data.length, '0'));
    out.writeBytes(data);
    out.writeBytes(new byte[(512 - data.length % 512) % 512]);
    return out.toByteArray();
  }

  /** A PAX extended header ('x') holding {@code records}, padded to its block. */
  private static byte[] paxEntry(String records) {
    byte[] data = records.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header("PaxHeader", data.length, 'x'));
    out.writeBytes(data);
    out.writeBytes(new byte[(512 - data.length % 512) % 512]);
    return out.toByteArray();
  }

  private static byte[] tar(byte[]... entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] e : entries) {
      out.writeBytes(e);
    }
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  /** A ustar header written by hand (the test's own, so that hostile names can be made). */
  private static byte[] header(String name, long size, char type) {
    byte[] h = new byte[512];
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(n, 0, h, 0, n.length);
    put(h, 100, String.format("%07o", 0644));
    put(h, 108, String.format("%07o", 0));
    put(h, 116, String.format("%07o", 0));
    put(h, 124, String.format("%011o", size));
    put(h, 136, String.format("%011o", 0));
    h[156] = (byte) type;
    put(h, 257, "ustar");
    put(h, 263, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    int sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum));
    h[154] = 0;
    return h;
  }

  private static void put(byte[] h, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, b.length);
  }
}
