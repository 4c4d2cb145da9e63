package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.oci.Attachments;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.OciLayout;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.registry.TestImages;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.testkit.SampleImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attach --replace}, {@code detach} and {@code prune} on a layout and on registries. */
class DetachPruneCommandTest {
  static final SigningKey KEY = Keys.generate();
  static final AtomicInteger REPO = new AtomicInteger();

  final Cli cli = Cli.atFixedTime();

  static VexDocument doc(String id, int version) {
    return Vex.document("Acme Security <psirt@acme.example>")
        .id("https://acme.example/vex/" + id)
        .version(version)
        .timestamp(Instant.parse("2026-11-01T00:00:00Z"))
        .lastUpdated(Instant.parse("2026-11-0" + version + "T00:00:00Z"))
        .statement(
            Vex.notAffected("CVE-2026-0001", "pkg:oci/app")
                .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH))
        .build();
  }

  /** A signed DSSE envelope of {@code doc(id, version)} about {@code subject}. */
  static Path envelope(Path dir, String subject, String id, int version) {
    return Cli.write(
        dir.resolve(id + "-v" + version + ".dsse.json"),
        Attestations.of(doc(id, version)).subject(subject).sign(KEY).toJson());
  }

  /** An unsigned in-toto statement of {@code doc(id, version)} about {@code subject}. */
  static Path statement(Path dir, String subject, String id, int version) {
    return Cli.write(
        dir.resolve(id + "-v" + version + ".intoto.json"),
        new String(
            Attestations.of(doc(id, version)).subject(subject).statement().toPayload(),
            StandardCharsets.UTF_8));
  }

  @Nested
  class OnAnOciLayout {
    @TempDir Path dir;
    Path layoutDir;
    Digest digest;
    String image;
    String subject;

    @BeforeEach
    void layout() {
      layoutDir = dir.resolve("layout");
      digest = SampleImages.write(OciLayout.create(layoutDir), "1.0");
      image = "oci:" + layoutDir + ":1.0";
      subject = "registry.test/layout@" + digest;
    }

    int attached() {
      return Attachments.on(OciLayout.open(layoutDir)).fetch("1.0").attestations().size();
    }

    @Test
    void attachReplaceRemovesTheOlderVersionAndSaysWhatWentInJson() {
      assertThat(cli.run("attach", image, envelope(dir, subject, "doc", 1).toString()).code())
          .isZero();

      Cli.Result r =
          cli.run(
              "attach",
              "--replace",
              image,
              envelope(dir, subject, "doc", 2).toString(),
              "--format",
              "json");

      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode removed = r.json().path("removed");
      assertThat(removed).hasSize(1);
      assertThat(removed.get(0).path("layout").asText()).isEqualTo("att");
      assertThat(removed.get(0).path("outcome").asText()).isEqualTo("layer-removed");
      assertThat(removed.get(0).path("document").asText())
          .isEqualTo("https://acme.example/vex/doc");
      assertThat(removed.get(0).path("version").asInt()).isEqualTo(1);
      assertThat(r.json().path("leftDangling").asBoolean()).isFalse();
      assertThat(attached()).isEqualTo(1);
    }

    @Test
    void detachRemovesByLayerDigestThenSaysNothingIsLeftWithExitOne() {
      cli.run("attach", image, envelope(dir, subject, "doc", 1).toString());
      Digest layer =
          Attachments.on(OciLayout.open(layoutDir)).fetch("1.0").attestations().get(0).layer();

      Cli.Result first = cli.run("detach", image, "--digest", layer.toString());
      Cli.Result again = cli.run("detach", image, "--digest", layer.toString());

      assertThat(first.code()).as(first.toString()).isZero();
      assertThat(first.outLines().get(0)).endsWith(": 1 removed");
      assertThat(first.outLines().get(1)).startsWith("  removed att ").endsWith(" layer-removed");
      assertThat(again.code()).as(again.toString()).isEqualTo(1);
      assertThat(again.outLines().get(0)).endsWith(": nothing removed");
      assertThat(again.err()).contains("nothing attached to").contains(layer.toString());
      assertThat(attached()).isZero();
    }

    @Test
    void detachWithABadDigestIsAUsageErrorNamingIt() {
      Cli.Result r = cli.run("detach", image, "--digest", "sha256:nothex");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("--digest").contains("sha256:nothex");
    }

    @Test
    void pruneRemovesLowerVersionsAndKeepLatestKeepsOnePerIdentity() {
      cli.run("attach", image, envelope(dir, subject, "doc", 1).toString());
      cli.run("attach", image, envelope(dir, subject, "doc", 2).toString());
      cli.run("attach", image, envelope(dir, subject, "other", 3).toString());

      Cli.Result prune = cli.run("prune", image, "--format", "json");
      Cli.Result latest = cli.run("prune", image, "--keep-latest", "--format", "json");
      Cli.Result nothing = cli.run("prune", image, "--keep-latest");

      assertThat(prune.code()).as(prune.toString()).isZero();
      assertThat(prune.json().path("removed")).hasSize(1);
      assertThat(prune.json().path("removed").get(0).path("version").asInt()).isEqualTo(1);
      // same author and products: "other" (newer) supersedes "doc" v2
      assertThat(latest.json().path("removed")).hasSize(1);
      assertThat(latest.json().path("removed").get(0).path("document").asText())
          .isEqualTo("https://acme.example/vex/doc");
      assertThat(nothing.code()).isZero();
      assertThat(nothing.outLines().get(0)).endsWith(": nothing removed");
      assertThat(attached()).isEqualTo(1);
    }
  }

  @Nested
  class OnRegistries {
    @TempDir static Path deletingDir;
    @TempDir static Path refusingDir;
    static DistributionRegistry deleting;
    static DistributionRegistry refusing;
    @TempDir Path dir;

    @BeforeAll
    static void start() {
      deleting = DistributionRegistry.plain(deletingDir);
      refusing = DistributionRegistry.withoutDeletes(refusingDir);
    }

    @AfterAll
    static void stop() {
      if (deleting != null) {
        deleting.close();
      }
      if (refusing != null) {
        refusing.close();
      }
    }

    Cli.Result replace(DistributionRegistry server) {
      String repo = "cli/replace" + REPO.incrementAndGet();
      Digest digest = TestImages.push(server, repo, "1.0");
      String image = server.host() + "/" + repo + ":1.0";
      String subject = server.host() + "/" + repo + "@" + digest;
      Cli.Result first = cli.run("attach", image, statement(dir, subject, "doc", 1).toString());
      assertThat(first.code()).as(first.toString()).isZero();
      return cli.run(
          "attach",
          "--replace",
          image,
          statement(dir, subject, "doc", 2).toString(),
          "--format",
          "json");
    }

    @Test
    void aRegistryThatDeletesDeletesTheOldReferrer() {
      Cli.Result r = replace(deleting);

      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.json().path("removed")).hasSize(1);
      assertThat(r.json().path("removed").get(0).path("layout").asText())
          .isEqualTo("statement-referrer");
      assertThat(r.json().path("removed").get(0).path("outcome").asText()).isEqualTo("deleted");
      assertThat(r.json().path("leftDangling").asBoolean()).isFalse();
    }

    @Test
    void aRegistryThatRefusesDeleteLeavesTheOldReferrerDanglingAndSaysSo() {
      Cli.Result r = replace(refusing);

      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.json().path("removed").get(0).path("outcome").asText())
          .isEqualTo("left-dangling");
      assertThat(r.json().path("leftDangling").asBoolean()).isTrue();
      assertThat(r.json().path("notes").toString()).contains("refused to delete");
    }
  }
}
