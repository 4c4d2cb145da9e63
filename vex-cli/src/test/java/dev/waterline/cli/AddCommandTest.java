package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddCommandTest {
  private final Cli cli = Cli.atFixedTime();

  @TempDir Path dir;

  private Path ours() {
    return Cli.write(dir.resolve("ours.openvex.json"), Fixtures.OURS);
  }

  @Nested
  class HappyPath {
    @Test
    void appendsTheStatementKeepsTheIdAndBumpsTheVersion() {
      Path doc = ours();
      Cli.Result r =
          cli.run(
              "add",
              doc.toString(),
              "-p",
              Fixtures.APP,
              "-v",
              "CVE-2024-0001",
              "-s",
              "affected",
              "-a",
              "Update the app to 1.2.3");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.err()).isEmpty();
      JsonNode json = r.json();
      assertThat(json.path("@id").asText()).isEqualTo("https://example.com/vex/ours");
      assertThat(json.path("version").asInt()).isEqualTo(2);
      assertThat(json.path("last_updated").asText()).isEqualTo(Cli.EPOCH_RFC3339);
      assertThat(json.path("statements")).hasSize(3);
      JsonNode added = json.path("statements").get(2);
      assertThat(added.path("status").asText()).isEqualTo("affected");
      assertThat(added.path("action_statement").asText()).isEqualTo("Update the app to 1.2.3");
      assertThat(added.path("timestamp").asText()).isEqualTo(Cli.EPOCH_RFC3339);
      // The source file is untouched without --in-place.
      assertThat(Cli.read(doc)).isEqualTo(Fixtures.OURS);
    }

    @Test
    void acceptsVexctlPositionalArguments() {
      Cli.Result r = cli.run("add", ours().toString(), Fixtures.APP, "CVE-2024-0002", "fixed");
      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode added = r.json().path("statements").get(2);
      assertThat(added.path("vulnerability").path("name").asText()).isEqualTo("CVE-2024-0002");
      assertThat(added.path("status").asText()).isEqualTo("fixed");
    }

    @Test
    void rewritesTheDocumentInPlace() {
      Path doc = ours();
      Cli.Result r =
          cli.run(
              "add",
              "--in-place",
              doc.toString(),
              "-p",
              Fixtures.APP,
              "-v",
              "CVE-3",
              "-s",
              "fixed");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).isEmpty();
      JsonNode json = Cli.readJson(doc);
      assertThat(json.path("version").asInt()).isEqualTo(2);
      assertThat(json.path("statements")).hasSize(3);
    }

    @Test
    void writesToAnotherFile() {
      Path doc = ours();
      Path out = dir.resolve("next.json");
      Cli.Result r =
          cli.run(
              "add",
              doc.toString(),
              "--file",
              out.toString(),
              "-p",
              Fixtures.APP,
              "-v",
              "CVE-3",
              "-s",
              "fixed");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(Cli.readJson(out).path("statements")).hasSize(3);
      assertThat(Cli.read(doc)).isEqualTo(Fixtures.OURS);
    }

    @Test
    void upgradesALegacyDocument() {
      Path legacy = Cli.write(dir.resolve("legacy.json"), Fixtures.LEGACY);
      Cli.Result r =
          cli.run(
              "add",
              legacy.toString(),
              "-p",
              "pkg:apk/wolfi/git",
              "-v",
              "CVE-2023-1",
              "-s",
              "under_investigation");
      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode json = r.json();
      assertThat(json.path("@context").asText()).isEqualTo("https://openvex.dev/ns/v0.2.0");
      assertThat(json.path("version").asInt()).isEqualTo(2);
      assertThat(json.path("statements").get(0).path("vulnerability").path("name").asText())
          .isEqualTo("CVE-2022-3602");
    }
  }

  @Nested
  class Errors {
    @Test
    void inPlaceAndFileExcludeEachOther() {
      Cli.Result r =
          cli.run(
              "add",
              "-i",
              ours().toString(),
              "--file",
              "x.json",
              "-p",
              "pkg:oci/a",
              "-v",
              "CVE-1",
              "-s",
              "fixed");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly("waterline: error: give either -i/--in-place or --file, not both");
    }

    @Test
    void missingDocumentIsAnInputError() {
      Path missing = dir.resolve("missing.json");
      Cli.Result r =
          cli.run("add", missing.toString(), "-p", "pkg:oci/a", "-v", "CVE-1", "-s", "fixed");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly("waterline: error: cannot read " + missing + ": no such file");
    }

    @Test
    void notJsonIsAnInputErrorOnOneLine() {
      Path junk = Cli.write(dir.resolve("junk.json"), "{\"@context\": \n");
      Cli.Result r =
          cli.run("add", junk.toString(), "-p", "pkg:oci/a", "-v", "CVE-1", "-s", "fixed");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err()).startsWith("waterline: error: " + junk + ": not valid JSON at ");
    }

    @Test
    void statementOlderThanTheDocumentIsRefused() {
      Path doc = ours();
      Cli.Result r =
          Cli.atRealTime()
              .env("SOURCE_DATE_EPOCH", "2020-01-01T00:00:00Z")
              .run("add", doc.toString(), "-p", "pkg:oci/a", "-v", "CVE-1", "-s", "fixed");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err()).startsWith("waterline: error: cannot add to " + doc + ": ");
    }
  }
}
