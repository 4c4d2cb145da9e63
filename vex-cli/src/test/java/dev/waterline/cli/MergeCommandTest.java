package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeCommandTest {
  private final Cli cli = Cli.atFixedTime();

  @TempDir Path dir;

  private static List<String> vulnerabilities(JsonNode doc) {
    List<String> names = new ArrayList<>();
    doc.path("statements").forEach(s -> names.add(s.path("vulnerability").path("name").asText()));
    return names;
  }

  @Nested
  class HappyPath {
    @Test
    void mergesTheStatementsOfEveryDocument() {
      Path a = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Path b = Cli.write(dir.resolve("later.json"), Fixtures.LATER);
      Cli.Result r = cli.run("merge", a.toString(), b.toString(), "--author", "Merger");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.err()).isEmpty();
      JsonNode doc = r.json();
      assertThat(doc.path("@context").asText()).isEqualTo("https://openvex.dev/ns/v0.2.0");
      assertThat(doc.path("author").asText()).isEqualTo("Merger");
      assertThat(doc.path("@id").asText())
          .isNotIn("https://example.com/vex/ours", "https://example.com/vex/later");
      assertThat(vulnerabilities(doc))
          .containsExactlyInAnyOrder("CVE-2023-44487", "CVE-2024-0001", "CVE-2023-44487");
      // The statement that relied on its document's time carries it now.
      doc.path("statements").forEach(s -> assertThat(s.path("timestamp").isTextual()).isTrue());
    }

    @Test
    void filtersByVulnerability() {
      Path a = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Cli.Result r = cli.run("merge", "--vuln", "CVE-2024-0001", a.toString());
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(vulnerabilities(r.json())).containsExactly("CVE-2024-0001");
    }

    @Test
    void upgradesOneLegacyDocument() {
      Path legacy = Cli.write(dir.resolve("legacy.json"), Fixtures.LEGACY);
      Cli.Result r = cli.run("merge", legacy.toString(), "--id", "https://example.com/vex/new");
      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode doc = r.json();
      assertThat(doc.path("@context").asText()).isEqualTo("https://openvex.dev/ns/v0.2.0");
      assertThat(doc.path("@id").asText()).isEqualTo("https://example.com/vex/new");
      assertThat(doc.path("version").isInt()).isTrue();
      JsonNode st = doc.path("statements").get(0);
      assertThat(st.path("vulnerability").path("name").asText()).isEqualTo("CVE-2022-3602");
      assertThat(st.path("products").get(0).path("@id").asText())
          .isEqualTo("pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64");
      assertThat(st.path("products").get(0).path("subcomponents").get(0).path("@id").asText())
          .isEqualTo("pkg:apk/wolfi/openssl@3.0.7-r0");
    }

    @Test
    void isReproducibleUnderSourceDateEpoch() {
      Path a = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Path b = Cli.write(dir.resolve("later.json"), Fixtures.LATER);
      Cli.Result one = cli.run("merge", a.toString(), b.toString());
      Cli.Result two = cli.run("merge", a.toString(), b.toString());
      assertThat(one.code()).as(one.toString()).isZero();
      assertThat(one.out()).isEqualTo(two.out());
      assertThat(one.json().path("timestamp").asText()).isEqualTo(Cli.EPOCH_RFC3339);
      assertThat(one.json().path("@id").asText())
          .matches("https://openvex\\.dev/docs/public/vex-[0-9a-f]{64}");
    }

    @Test
    void writesToAFile() {
      Path a = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Path out = dir.resolve("merged.json");
      Cli.Result r = cli.run("merge", a.toString(), "--file", out.toString());
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).isEmpty();
      assertThat(Cli.readJson(out).path("statements")).hasSize(2);
    }
  }

  @Nested
  class Errors {
    @Test
    void unreadableInputIsAnInputError() {
      Path a = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Path missing = dir.resolve("nope.json");
      Cli.Result r = cli.run("merge", a.toString(), missing.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.errLines())
          .containsExactly("waterline: error: cannot read " + missing + ": no such file");
    }

    @Test
    void needsAtLeastOneFile() {
      Cli.Result r = cli.run("merge");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
    }
  }
}
