package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.formats.VexFormat;
import dev.waterline.vex.formats.VexFormats;
import dev.waterline.vex.testkit.SampleImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every verb that takes a VEX file takes it in any dialect (issue 14, item 4): the dialect is
 * detected from the content, {@code --input-format} forces it, {@code create}/{@code merge} write
 * another with {@code --format-out}; and triage decides the same whatever dialect says the same.
 */
class DialectsCommandTest {
  final Cli cli = Cli.atFixedTime();

  @TempDir Path dir;

  /** The team's VEX for the Trivy report of TriageCommandTest: one per status that decides. */
  static final String OURS =
      """
      {
        "@context": "https://openvex.dev/ns/v0.2.0",
        "@id": "https://acme.example/vex/app-1",
        "author": "Acme Security <psirt@acme.example>",
        "timestamp": "2026-05-01T00:00:00Z",
        "version": 1,
        "statements": [
          {
            "vulnerability": { "name": "CVE-2024-0001" },
            "products": [ { "@id": "pkg:deb/debian/openssl" } ],
            "status": "fixed"
          },
          {
            "vulnerability": { "name": "CVE-2024-0002" },
            "products": [ { "@id": "pkg:deb/debian/zlib" } ],
            "status": "not_affected",
            "justification": "vulnerable_code_not_in_execute_path"
          },
          {
            "vulnerability": { "name": "CVE-2024-0003" },
            "products": [ { "@id": "pkg:deb/debian/bash" } ],
            "status": "affected",
            "action_statement": "Rebuild on the next base image"
          }
        ]
      }
      """;

  Path report;
  Path openVex;

  @BeforeEach
  void files() {
    report = Cli.write(dir.resolve("trivy.json"), TriageCommandTest.TRIVY);
    openVex = Cli.write(dir.resolve("ours.openvex.json"), OURS);
  }

  /** The team's document written in {@code format} by vex-formats, in a file of its own. */
  Path in(VexFormat format) throws IOException {
    if (format == VexFormat.OPENVEX) {
      return openVex;
    }
    byte[] bytes = VexFormats.write(VexDocument.parse(OURS), format).bytes(); // what convert writes
    return Files.write(dir.resolve("ours." + format.label() + ".json"), bytes);
  }

  /** Each finding's vulnerability, package and decision, in report order. */
  static List<String> decisions(Cli.Result r) {
    List<String> out = new ArrayList<>();
    for (JsonNode d : r.json().path("decisions")) {
      out.add(
          d.path("vulnerability").asText()
              + " "
              + d.path("package").path("name").asText()
              + " "
              + d.path("decision").asText());
    }
    return out;
  }

  @Nested
  class Triage {
    @ParameterizedTest
    @EnumSource(VexFormat.class)
    void decidesTheSameWhateverTheDialectOfTheVex(VexFormat format) throws IOException {
      Cli.Result expected =
          cli.run(
              "triage",
              "--report",
              report.toString(),
              "--vex",
              openVex.toString(),
              "--format",
              "json");
      Cli.Result r =
          cli.run(
              "triage",
              "--report",
              report.toString(),
              "--vex",
              in(format).toString(),
              "--format",
              "json");
      assertThat(r.code()).as(r.toString()).isEqualTo(expected.code());
      assertThat(decisions(r)).isEqualTo(decisions(expected)).hasSize(3);
      assertThat(r.json().path("counts")).isEqualTo(expected.json().path("counts"));
      assertThat(r.json().path("counts").path("fixed").asInt()).isEqualTo(1);
      assertThat(r.json().path("counts").path("not_affected").asInt()).isEqualTo(1);
    }

    @Test
    void aForcedDialectThatIsNotTheFilesIsAUsageErrorNamingTheFile() throws IOException {
      Path csaf = in(VexFormat.CSAF);
      Cli.Result r =
          cli.run(
              "triage",
              "--report",
              report.toString(),
              "--vex",
              csaf.toString(),
              "--input-format",
              "cyclonedx");
      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.errLines()).singleElement().asString().startsWith("waterline: error: " + csaf);
      assertThat(r.out()).isEmpty();
    }
  }

  @Nested
  class AttachedPredicates {
    /** A bare in-toto statement about {@code digest} with this predicate. */
    byte[] statement(String digest, String predicateType, byte[] predicate) {
      String hex = digest.substring("sha256:".length());
      return ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":"
              + "\"ghcr.io/acme/app\",\"digest\":{\"sha256\":\""
              + hex
              + "\"}}],\"predicateType\":\""
              + predicateType
              + "\",\"predicate\":"
              + new String(predicate, StandardCharsets.UTF_8)
              + "}")
          .getBytes(StandardCharsets.UTF_8);
    }

    void attach(dev.waterline.vex.oci.OciLayout layout, byte[] statement) {
      dev.waterline.vex.oci.Attachments.on(layout)
          .attach(
              "1.0",
              dev.waterline.vex.oci.Attestation.of(
                  statement, dev.waterline.vex.oci.AttestationKind.IN_TOTO_STATEMENT),
              dev.waterline.vex.oci.AttachmentLayout.STATEMENT_REFERRER);
    }

    @Test
    void triageReadsCycloneDxAndCsafPredicatesAndLeavesACycloneDxSbomAlone() throws IOException {
      Path layoutDir = dir.resolve("layout");
      dev.waterline.vex.oci.OciLayout layout = dev.waterline.vex.oci.OciLayout.create(layoutDir);
      String digest = SampleImages.write(layout, "1.0").toString();
      VexDocument ours = VexDocument.parse(OURS);
      // CycloneDX VEX carries the first two statements, CSAF the third, under their own types.
      byte[] cdx = VexFormats.write(ours, VexFormat.CYCLONEDX).bytes();
      attach(layout, statement(digest, "https://cyclonedx.org/vex", cdx));
      byte[] csaf = VexFormats.write(ours, VexFormat.CSAF).bytes();
      attach(
          layout,
          statement(
              digest, "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json", csaf));
      // An SBOM under the in-toto CycloneDX type: no vulnerabilities, so no VEX, and no failure.
      byte[] sbom =
          ("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,"
                  + "\"components\":[{\"type\":\"library\",\"name\":\"zlib\"}]}")
              .getBytes(StandardCharsets.UTF_8);
      attach(layout, statement(digest, "https://cyclonedx.org/bom", sbom));

      Cli.Result fetch =
          cli.run(
              "fetch",
              "oci:" + layoutDir + ":1.0",
              "--accept-unsigned",
              "statements written by this test",
              "--format",
              "json");
      assertThat(fetch.code()).as(fetch.toString()).isZero();
      assertThat(fetch.out())
          .contains("https://cyclonedx.org/vex", "https://docs.oasis-open.org/csaf/");

      Cli.Result expected =
          cli.run(
              "triage",
              "--report",
              report.toString(),
              "--vex",
              openVex.toString(),
              "--format",
              "json");
      Cli.Result r =
          cli.run(
              "triage",
              "--report",
              report.toString(),
              "--vex-from",
              "oci:" + layoutDir + ":1.0",
              "--format",
              "json");
      assertThat(r.code()).as(r.toString()).isEqualTo(expected.code());
      assertThat(decisions(r)).isEqualTo(decisions(expected)).hasSize(3);
    }
  }

  @Nested
  class StatusVerb {
    @ParameterizedTest
    @EnumSource(VexFormat.class)
    void answersFromAnyDialect(VexFormat format) throws IOException {
      Cli.Result r =
          cli.run(
              "status",
              "--vex",
              in(format).toString(),
              "--product",
              "pkg:deb/debian/zlib",
              "--vuln",
              "CVE-2024-0002");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.outLines().get(0)).startsWith("not_affected");
    }
  }

  @Nested
  class MergeAndCreate {
    @Test
    void mergesDocumentsOfThreeDialectsAndWritesCsafThatValidates() throws IOException {
      Path out = dir.resolve("all.csaf.json");
      Cli.Result r =
          cli.run(
              "merge",
              in(VexFormat.CSAF).toString(),
              in(VexFormat.CYCLONEDX).toString(),
              "--format-out",
              "csaf",
              "--file",
              out.toString());
      assertThat(r.code()).as(r.toString()).isZero();
      byte[] csaf = Files.readAllBytes(out);
      assertThat(VexFormats.detect(csaf)).contains(VexFormat.CSAF);
      assertThat(VexFormats.validate(csaf).errors()).isEmpty();
      VexDocument back = VexFormats.read(csaf).document();
      assertThat(back.effective("pkg:deb/debian/openssl", "CVE-2024-0001").orElseThrow().status())
          .isEqualTo(Status.FIXED);
    }

    @Test
    void mergesCycloneDxAnalysesWithoutJustificationOrActionIntoValidOpenVex() throws IOException {
      // As Dependency-Track exports them: a false positive and an exploitable finding, with no
      // detail, justification or recommendation; valid CycloneDX, and OpenVEX needs more words.
      Path bom =
          Cli.write(
              dir.resolve("dt.cdx.json"),
              """
              {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
               "serialNumber": "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
               "metadata": {"timestamp": "2026-05-02T00:00:00Z",
                            "authors": [{"name": "Acme Platform"}]},
               "vulnerabilities": [
                 {"id": "CVE-2024-0009", "analysis": {"state": "false_positive"},
                  "affects": [{"ref": "pkg:deb/debian/zlib"}]},
                 {"id": "CVE-2024-0010", "analysis": {"state": "exploitable"},
                  "affects": [{"ref": "pkg:deb/debian/bash"}]}]}
              """);
      Path out = dir.resolve("merged.openvex.json");
      Cli.Result r = cli.run("merge", openVex.toString(), bom.toString(), "--file", out.toString());
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.err())
          .contains(
              "warning at /vulnerabilities/0: not_affected with neither a justification nor an"
                  + " impact statement");
      VexDocument merged = VexDocument.read(out);
      assertThat(merged.validate().errors()).isEmpty();
      assertThat(merged.effective("pkg:deb/debian/zlib", "CVE-2024-0009").orElseThrow().status())
          .isEqualTo(Status.NOT_AFFECTED);
      assertThat(merged.effective("pkg:deb/debian/bash", "CVE-2024-0010").orElseThrow().status())
          .isEqualTo(Status.AFFECTED);
    }

    @Test
    void createsCycloneDx() throws IOException {
      Cli.Result r =
          cli.run(
              "create",
              "--product",
              "pkg:deb/debian/zlib",
              "--vuln",
              "CVE-2024-0002",
              "--status",
              "not_affected",
              "--justification",
              "vulnerable_code_not_present",
              "--author",
              "Acme Security <psirt@acme.example>",
              "--format-out",
              "cyclonedx");
      assertThat(r.code()).as(r.toString()).isZero();
      byte[] cdx = r.out().getBytes(StandardCharsets.UTF_8);
      assertThat(VexFormats.detect(cdx)).contains(VexFormat.CYCLONEDX);
      assertThat(VexFormats.validate(cdx).errors()).isEmpty();
    }
  }

  @Nested
  class Validate {
    @ParameterizedTest
    @EnumSource(VexFormat.class)
    void validatesEachDialectWithItsOwnRules(VexFormat format) throws IOException {
      Cli.Result r = cli.run("validate", in(format).toString());
      assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void reportsACsafDocumentThatBreaksAMandatoryTestWithItsPointer() throws IOException {
      String csaf = Files.readString(in(VexFormat.CSAF), StandardCharsets.UTF_8);
      Path broken =
          Cli.write(
              dir.resolve("broken.csaf.json"),
              csaf.replace("\"csaf_version\": \"2.0\"", "\"csaf_version\": \"2.1\""));
      Cli.Result r = cli.run("validate", broken.toString());
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.out()).contains(broken + ": error at /document/csaf_version");
    }
  }

  @Nested
  class EditingInPlace {
    @Test
    void addRefusesAnotherDialectRatherThanRewriteItAsOpenVex() throws IOException {
      Path csaf = in(VexFormat.CSAF);
      byte[] before = Files.readAllBytes(csaf);
      Cli.Result r =
          cli.run(
              "add",
              "-i",
              csaf.toString(),
              "--product",
              "pkg:deb/debian/zlib",
              "--vuln",
              "CVE-2024-0009",
              "--status",
              "under_investigation");
      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: "
                  + csaf
                  + " is a CSAF 2.0 document: this verb edits OpenVEX; convert it first"
                  + " (waterline convert "
                  + csaf
                  + " --to openvex)\n");
      assertThat(Files.readAllBytes(csaf)).isEqualTo(before);
    }
  }
}
