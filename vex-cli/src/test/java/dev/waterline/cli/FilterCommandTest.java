package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterCommandTest {
  static final String IMAGE_HEX = "ab".repeat(32);

  /** A Trivy-style SARIF report: the image in the run properties, CVE rule ids. */
  static String trivySarif(String hex) {
    return "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"Trivy\"}},"
        + "\"results\":[{\"ruleId\":\"CVE-2024-0001\",\"message\":{\"text\":\"a\"}},"
        + "{\"ruleId\":\"CVE-2024-0002\",\"message\":{\"text\":\"b\"}}],"
        + "\"properties\":{\"imageName\":\"ghcr.io/acme/app@sha256:"
        + hex
        + "\",\"repoDigests\":[\"ghcr.io/acme/app@sha256:"
        + hex
        + "\"]}}]}";
  }

  static String vex(String product) {
    return "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"@id\":\"https://acme.example/vex/1\","
        + "\"author\":\"Acme\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"version\":1,"
        + "\"statements\":[{\"vulnerability\":{\"name\":\"CVE-2024-0001\"},"
        + "\"products\":[{\"@id\":\""
        + product
        + "\"}],\"status\":\"fixed\"}]}";
  }

  final Cli cli = Cli.atFixedTime();

  @Nested
  class ProductAware {
    @Test
    void removesTheResultWhoseImageTheStatementNames(@TempDir Path dir) {
      Path sarif = Cli.write(dir.resolve("r.sarif"), trivySarif(IMAGE_HEX));
      Path doc = Cli.write(dir.resolve("v.json"), vex("pkg:oci/app@sha256%3A" + IMAGE_HEX));
      Cli.Result r = cli.run("filter", sarif.toString(), doc.toString());
      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode results = r.json().path("runs").path(0).path("results");
      assertThat(results).hasSize(1);
      assertThat(results.get(0).path("ruleId").asText()).isEqualTo("CVE-2024-0002");
      assertThat(r.err()).isEmpty();
    }

    @Test
    void keepsResultsOfAnotherImageUnlessAskedForVexctlRules(@TempDir Path dir) {
      Path sarif = Cli.write(dir.resolve("r.sarif"), trivySarif(IMAGE_HEX));
      Path doc = Cli.write(dir.resolve("v.json"), vex("pkg:oci/app@sha256%3A" + "cd".repeat(32)));
      Cli.Result aware = cli.run("filter", sarif.toString(), doc.toString());
      assertThat(aware.json().path("runs").path(0).path("results")).hasSize(2);
      Cli.Result vexctl = cli.run("filter", "--vexctl", sarif.toString(), doc.toString());
      assertThat(vexctl.json().path("runs").path(0).path("results")).hasSize(1);
    }
  }

  @Nested
  class Errors {
    @Test
    void aReportThatIsNotSarifIsAUsageError(@TempDir Path dir) {
      Path sarif = Cli.write(dir.resolve("r.json"), "{\"matches\":[]}");
      Path doc = Cli.write(dir.resolve("v.json"), vex("pkg:oci/app"));
      Cli.Result r = cli.run("filter", sarif.toString(), doc.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: could not read SARIF report "
                  + sarif
                  + ": expected an object with a \"runs\" array at /\n");
    }

    @Test
    void aMissingVexArgumentIsAUsageError(@TempDir Path dir) {
      Path sarif = Cli.write(dir.resolve("r.sarif"), trivySarif(IMAGE_HEX));
      Cli.Result r = cli.run("filter", sarif.toString());
      assertThat(r.code()).isEqualTo(2);
    }
  }

  /** vexctl's TestVexReport expectations, through the command line. */
  @Nested
  class VexctlExamples {
    @ParameterizedTest(name = "{0} with {1}: {2}")
    @CsvSource({
      "grype, sample-1statement, 98",
      "trivy, sample-1statement, 98",
      "snyk, sample-1statement, 64",
      "grype, sample-history, 98",
      "trivy, sample-history, 98",
      "snyk, sample-history, 64",
      "grype, sample-2vulns, 96",
      "trivy, sample-2vulns, 96",
      "snyk, sample-2vulns, 63"
    })
    void reproducesVexctlCounts(String scanner, String vex, int after) {
      String shared = System.getProperty("waterline.shared", "");
      Path dir = Path.of(shared, "openvex", "examples");
      assumeTrue(
          !shared.isEmpty() && Files.isDirectory(dir.resolve("sarif")),
          "shared data not found (system property waterline.shared): skipping vexctl examples");
      Cli.Result r =
          cli.run(
              "filter",
              dir.resolve("sarif/vexctl_nginx-" + scanner + ".sarif.json").toString(),
              dir.resolve("vexctl_sarif_" + vex + ".openvex.json").toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.json().path("runs").path(0).path("results")).hasSize(after);
    }
  }
}
