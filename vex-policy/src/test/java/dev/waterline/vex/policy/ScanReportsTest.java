package dev.waterline.vex.policy;

import static dev.waterline.vex.policy.Fixtures.A;
import static dev.waterline.vex.policy.Fixtures.B;
import static dev.waterline.vex.policy.Fixtures.C;
import static dev.waterline.vex.policy.Fixtures.report;
import static dev.waterline.vex.policy.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanReportsTest {

  @Nested
  class GrypeJson {
    final ScanReport r = report("grype-small.json");

    @Test
    void readsTheImageAndScanner() {
      assertThat(r.format()).isEqualTo(ReportFormat.GRYPE_JSON);
      assertThat(r.scannerName()).isEqualTo("grype");
      assertThat(r.scannerVersion()).contains("0.99.0");
      assertThat(r.scannedAt()).contains(Instant.parse("2025-01-02T02:04:05.678Z"));
      assertThat(r.imageReference()).contains("registry.example/app:1.0");
      assertThat(r.imageId()).contains("sha256:" + "1".repeat(64));
      assertThat(r.manifestDigest()).contains("sha256:" + "2".repeat(64));
      assertThat(r.repoDigests()).containsExactly("registry.example/app@sha256:" + "3".repeat(64));
      assertThat(r.repoTags()).containsExactly("registry.example/app:1.0");
      assertThat(r.architecture()).contains("amd64");
      assertThat(r.diffIds()).containsExactly(A, B, C);
      assertThat(r.findings()).hasSize(3);
    }

    @Test
    void readsAMatchWithAliasesFixAndPackage() {
      Finding f = r.findings().get(0);
      assertThat(f.vulnerabilityId()).isEqualTo("GHSA-aaaa-bbbb-cccc");
      assertThat(f.aliases()).containsExactly("CVE-2024-0001");
      assertThat(f.ids()).containsExactly("GHSA-aaaa-bbbb-cccc", "CVE-2024-0001");
      assertThat(f.advisories()).containsExactly("ADV-1");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.fixState()).isEqualTo(FixState.FIXED);
      assertThat(f.fixVersions()).containsExactly("2.0.1", "1.9.9");
      assertThat(f.packageName()).contains("widget");
      assertThat(f.packageVersion()).contains("1.2.3");
      assertThat(f.packageType()).contains("java-archive");
      assertThat(f.purl()).contains("pkg:maven/org.example/widget@1.2.3");
      assertThat(f.locations()).containsExactly("/app/lib/widget.jar", "/opt/widget.jar");
      assertThat(f.scanner()).isEqualTo("grype");
      assertThat(f.index()).isZero();
      assertThat(f.pointer()).isEqualTo("/matches/0");
    }

    @Test
    void takesTheLowestLayerAcrossLocations() {
      assertThat(r.findings().get(0).layerDiffId()).contains(B);
      assertThat(r.findings().get(1).layerDiffId()).contains(A);
      assertThat(r.findings().get(2).layerDiffId()).isEmpty();
    }

    @Test
    void readsNegligibleWontFixAndEmptyPurl() {
      Finding f = r.findings().get(1);
      assertThat(f.severity()).isEqualTo(Severity.NEGLIGIBLE);
      assertThat(f.fixState()).isEqualTo(FixState.WONT_FIX);
      assertThat(f.purl()).isEmpty();
      assertThat(f.pointer()).isEqualTo("/matches/1");
      assertThat(r.findings().get(2).fixState()).isEqualTo(FixState.UNKNOWN);
    }

    @Test
    void printsSomethingReadable() {
      assertThat(r.toString())
          .isEqualTo(
              "ScanReport[grype 0.99.0 GRYPE_JSON registry.example/app:1.0, 3 layers, 3 findings]");
      assertThat(r.findings().get(0).toString())
          .isEqualTo(
              "Finding[GHSA-aaaa-bbbb-cccc (CVE-2024-0001) high in"
                  + " pkg:maven/org.example/widget@1.2.3 fixed in 2.0.1, 1.9.9 layer"
                  + " sha256:bbbbbbbbbbbb grype /matches/0]");
    }
  }

  @Nested
  class GrypeConfig {
    String withConfig(String config) {
      return "{\"matches\": [], \"descriptor\": {\"name\": \"grype\"}, \"source\": {\"type\":"
          + " \"image\", \"target\": {\"userInput\": \"x\", \"config\": \""
          + config
          + "\"}}}";
    }

    @Test
    void takesDiffIdsFromTheBase64ConfigWhenLayersAreMissing() {
      String config =
          java.util.Base64.getEncoder()
              .encodeToString(
                  utf8("{\"rootfs\": {\"type\": \"layers\", \"diff_ids\": [\"" + A + "\"]}}"));
      assertThat(ScanReports.read(utf8(withConfig(config))).diffIds()).containsExactly(A);
    }

    @Test
    void rejectsAConfigThatIsNotBase64() {
      assertThatThrownBy(() -> ScanReports.read(utf8(withConfig("%%%"))))
          .isInstanceOf(InputParseException.class)
          .hasMessageStartingWith(
              "not a valid Grype JSON report at /source/target/config: expected the base64 image"
                  + " config but ");
    }
  }

  @Nested
  class TrivyJson {
    final ScanReport r = report("trivy-small.json");

    @Test
    void readsTheImageAndScanner() {
      assertThat(r.format()).isEqualTo(ReportFormat.TRIVY_JSON);
      assertThat(r.scannerName()).isEqualTo("trivy");
      assertThat(r.scannerVersion()).isEmpty();
      assertThat(r.scannedAt()).contains(Instant.parse("2025-02-03T04:05:06Z"));
      assertThat(r.imageReference()).contains("registry.example/app:1.0");
      assertThat(r.diffIds()).containsExactly(A, B);
      assertThat(r.architecture()).contains("arm64");
      assertThat(r.repoDigests()).hasSize(1);
    }

    @Test
    void flattensResultsInOrderWithPointers() {
      assertThat(r.findings())
          .extracting(Finding::pointer)
          .containsExactly(
              "/Results/0/Vulnerabilities/0",
              "/Results/0/Vulnerabilities/1",
              "/Results/2/Vulnerabilities/0");
      assertThat(r.findings()).extracting(Finding::index).containsExactly(0, 1, 2);
    }

    @Test
    void readsPackageStatusLayerAndVendorIds() {
      Finding f = r.findings().get(0);
      assertThat(f.vulnerabilityId()).isEqualTo("CVE-2024-1000");
      assertThat(f.aliases()).isEmpty();
      assertThat(f.advisories()).containsExactly("DSA-5000-1");
      assertThat(f.purl()).contains("pkg:deb/debian/libbar@1.0-1?arch=arm64&distro=debian-12.1");
      assertThat(f.packageType()).contains("debian");
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.fixState()).isEqualTo(FixState.FIXED);
      assertThat(f.fixVersions()).containsExactly("1.0-2");
      assertThat(f.layerDiffId()).contains(A);
      assertThat(f.locations()).containsExactly("registry.example/app:1.0 (debian 12.1)");
    }

    @Test
    void fallsBackToTheVendorSeverityOfTheSeveritySource() {
      Finding f = r.findings().get(1);
      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(f.fixState()).isEqualTo(FixState.WONT_FIX);
    }

    @Test
    void splitsCommaSeparatedFixedVersionsAndKeepsPkgPath() {
      Finding f = r.findings().get(2);
      assertThat(f.fixVersions()).containsExactly("1.3.1", "2.0.0");
      assertThat(f.locations()).containsExactly("app/node_modules/left-pad/package.json");
      assertThat(f.layerDiffId()).contains(B);
    }
  }

  @Nested
  class Sarif {
    @Test
    void readsGrypeFlavourIdPackageAndLayer() {
      ScanReport r = report("sarif-grype-small.json");
      assertThat(r.format()).isEqualTo(ReportFormat.GRYPE_SARIF);
      assertThat(r.scannerName()).isEqualTo("Grype");
      assertThat(r.scannerVersion()).contains("0.70.0");
      Finding f = r.findings().get(0);
      assertThat(f.vulnerabilityId()).isEqualTo("CVE-2024-2000");
      assertThat(f.packageName()).contains("libbaz");
      assertThat(f.packageVersion()).contains("2.0");
      assertThat(f.packageType()).contains("deb");
      assertThat(f.purl()).contains("pkg:deb/debian/libbaz@2.0");
      assertThat(f.fixState()).isEqualTo(FixState.FIXED);
      assertThat(f.fixVersions()).containsExactly("2.1");
      // Grype's own word wins over the CVSS score (9.8) and the level (note).
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.layerDiffId()).contains(B);
      assertThat(f.locations())
          .containsExactly("/usr/share/doc/libbaz/copyright", "/var/lib/dpkg/status");
      assertThat(f.pointer()).isEqualTo("/runs/0/results/0");
    }

    @Test
    void takesGrypesImageFromTheLogicalLocations() {
      ScanReport r = report("sarif-grype-small.json");
      // <userInput>@<diffID>:<path>, where the user's input carries its own digest.
      assertThat(r.imageReference()).contains("app@sha256:" + "5".repeat(64));
      assertThat(r.repoDigests()).isEmpty();
    }

    @Test
    void takesGrypesImageFromTheMessageWithoutLogicalLocations() {
      ScanReport r = report("sarif-grype-tagged.json");
      assertThat(r.imageReference()).contains("registry.example/team/app:1.0");
      assertThat(r.findings().get(0).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void stripsThePackageFromGrypeGhsaRuleIdsAndUsesTheScore() {
      Finding f = report("sarif-grype-small.json").findings().get(1);
      assertThat(f.vulnerabilityId()).isEqualTo("GHSA-abcd-efgh-ijkl");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.layerDiffId()).isEmpty();
      assertThat(f.locations()).containsExactly("/thing.jar");
    }

    @Test
    void readsTrivyFlavourFromTheMessageAndRunProperties() {
      ScanReport r = report("sarif-trivy-small.json");
      assertThat(r.format()).isEqualTo(ReportFormat.TRIVY_SARIF);
      assertThat(r.imageReference()).contains("registry.example/app:1.0");
      assertThat(r.repoTags()).containsExactly("registry.example/app:1.0");
      assertThat(r.diffIds()).isEmpty();
      Finding f = r.findings().get(0);
      assertThat(f.vulnerabilityId()).isEqualTo("CVE-2024-3000");
      assertThat(f.packageName()).contains("libqux");
      assertThat(f.packageVersion()).contains("3.0");
      assertThat(f.fixVersions()).containsExactly("3.1", "3.0.9");
      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(f.locations()).containsExactly("registry.example/app");
      Finding g = r.findings().get(1);
      assertThat(g.packageName()).contains("libqux-dev");
      assertThat(g.fixState()).isEqualTo(FixState.UNKNOWN);
      // No severity line in the message: the rule's tag says CRITICAL.
      assertThat(g.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void readsSnykFlavourAliasesAndPackageFromTheDescription() {
      ScanReport r = report("sarif-snyk-small.json");
      assertThat(r.format()).isEqualTo(ReportFormat.SNYK_SARIF);
      assertThat(r.scannerName()).isEqualTo("Snyk Container");
      assertThat(r.imageReference()).contains("app@sha256:" + "3".repeat(64));
      assertThat(r.findings()).hasSize(1);
      Finding f = r.findings().get(0);
      assertThat(f.vulnerabilityId()).isEqualTo("SNYK-DEBIAN12-QUUX-100");
      assertThat(f.aliases()).containsExactly("CVE-2024-4000", "CVE-2024-4001");
      assertThat(f.packageName()).contains("libquux1");
      assertThat(f.packageVersion()).contains("4.0-1");
      assertThat(f.packageType()).contains("deb");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void readsOtherToolsGenerically() {
      ScanReport r = report("sarif-other-small.json");
      assertThat(r.format()).isEqualTo(ReportFormat.SARIF);
      assertThat(r.findings())
          .extracting(Finding::vulnerabilityId, Finding::severity)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("R1", Severity.MEDIUM),
              org.assertj.core.groups.Tuple.tuple("R2", Severity.MEDIUM),
              org.assertj.core.groups.Tuple.tuple("R3", Severity.UNKNOWN));
    }
  }

  @Nested
  class Files_ {
    @TempDir Path dir;

    @Test
    void readsFromAFile() throws IOException {
      Path file = dir.resolve("r.json");
      Files.write(file, Fixtures.resource("trivy-small.json"));
      assertThat(ScanReports.read(file).findings()).hasSize(3);
    }

    @Test
    void namesTheFileInErrors() throws IOException {
      Path file = dir.resolve("bad.json");
      Files.writeString(file, "{\"matches\": 3, \"descriptor\": {}}");
      assertThatThrownBy(() -> ScanReports.read(file))
          .isInstanceOf(InputParseException.class)
          .hasMessage(
              file
                  + ": not a valid Grype JSON report at /matches: expected an array but found a"
                  + " number");
    }
  }

  @Nested
  class Errors {
    InputParseException fail(String json) {
      try {
        ScanReports.read(utf8(json));
      } catch (InputParseException e) {
        return e;
      }
      throw new AssertionError("no exception for " + json);
    }

    @Test
    void rejectsUnknownDocumentsSayingWhatWasExpected() {
      InputParseException e = fail("{\"bomFormat\": \"CycloneDX\"}");
      assertThat(e.kind()).isEqualTo(InputParseException.Kind.DATA);
      assertThat(e.getMessage())
          .isEqualTo(
              "not a valid scanner report at /: expected Grype JSON (matches, descriptor), Trivy"
                  + " JSON (SchemaVersion, Results) or SARIF (runs) but found none of these"
                  + " members");
    }

    @Test
    void rejectsANonObject() {
      assertThat(fail("[1, 2]").getMessage())
          .isEqualTo(
              "not a valid scanner report at /: expected a Grype JSON, Trivy JSON or SARIF object"
                  + " but found an array");
    }

    @Test
    void rejectsBrokenJsonWithLineAndColumn() {
      InputParseException e = fail("{\n  \"runs\": [\n    {,\n");
      assertThat(e.kind()).isEqualTo(InputParseException.Kind.SYNTAX);
      assertThat(e.line()).isEqualTo(3);
      assertThat(e.pointer()).isEqualTo("/runs/0");
      assertThat(e.getMessage()).startsWith("not valid JSON at /runs/0 (line 3, column 6): ");
    }

    @Test
    void rejectsEmptyInput() {
      assertThat(fail("").getMessage())
          .isEqualTo("not valid JSON at /: the input is empty: expected a JSON document");
      assertThat(fail("   ").getMessage())
          .isEqualTo("not valid JSON at line 1, column 4: the input holds no JSON value");
    }

    @Test
    void rejectsTrailingGarbage() {
      assertThat(fail("{\"runs\": []} {}").kind()).isEqualTo(InputParseException.Kind.SYNTAX);
    }

    @Test
    void rejectsWrongTypesInGrypeSarifLocationsAndPurlsWithTheirPointer() {
      String run =
          "{\"runs\": [{\"tool\": {\"driver\": {\"name\": \"grype\", \"rules\": [{\"id\":"
              + " \"CVE-1-x\", \"properties\": {\"purls\": %s}}]}}, \"results\": [{\"ruleId\":"
              + " \"CVE-1-x\", \"locations\": [{\"logicalLocations\": [%s]}]}]}]}";
      assertThat(fail(String.format(run, "[]", "{\"name\": \"/a\"}, 7")).pointer())
          .isEqualTo("/runs/0/results/0/locations/0/logicalLocations/1");
      assertThat(fail(String.format(run, "[]", "{\"fullyQualifiedName\": 7}")).getMessage())
          .isEqualTo(
              "not a valid SARIF report at"
                  + " /runs/0/results/0/locations/0/logicalLocations/0/fullyQualifiedName: expected"
                  + " a string but found a number");
      assertThat(fail(String.format(run, "[\"pkg:deb/x@1\", 5]", "{}")).pointer())
          .isEqualTo("/runs/0/tool/driver/rules/0/properties/purls/1");
    }

    @Test
    void rejectsWrongTypesWithTheirPointer() {
      assertThat(
              fail("{\"descriptor\": {}, \"matches\": [{\"vulnerability\": {\"id\": 7},"
                      + " \"artifact\": {}}]}")
                  .getMessage())
          .isEqualTo(
              "not a valid Grype JSON report at /matches/0/vulnerability/id: expected a string"
                  + " but found a number");
      assertThat(
              fail("{\"SchemaVersion\": 2, \"Results\": [{\"Vulnerabilities\": [{\"VulnerabilityID\":"
                      + " \"CVE-1\", \"Layer\": {\"DiffID\": true}}]}]}")
                  .pointer())
          .isEqualTo("/Results/0/Vulnerabilities/0/Layer/DiffID");
      assertThat(
              fail("{\"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}}, \"results\": [{}]}]}")
                  .getMessage())
          .isEqualTo(
              "not a valid SARIF report at /runs/0/results/0: missing required string 'ruleId'");
    }

    @Test
    void escapesPointerTokens() {
      assertThat(
              fail("{\"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\", \"rules\": [{\"id\": \"r\","
                      + " \"properties\": {\"security-severity\": \"high\"}}]}}, \"results\":"
                      + " [{\"ruleId\": \"r\"}]}]}")
                  .getMessage())
          .isEqualTo(
              "not a valid SARIF report at /runs/0/tool/driver/rules/0/properties/security-severity:"
                  + " expected a number but found the string 'high'");
    }

    @Test
    void rejectsAnOutOfRangeRuleIndex() {
      assertThat(
              fail("{\"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\", \"rules\": []}}, \"results\":"
                      + " [{\"ruleId\": \"r\", \"ruleIndex\": 99999999999999999999}]}]}")
                  .getMessage())
          .isEqualTo(
              "not a valid SARIF report at /runs/0/results/0/ruleIndex: expected the index of one"
                  + " of the run's 0 rules but found 99999999999999999999");
    }

    @Test
    void rejectsAnUnsupportedTrivySchema() {
      assertThat(fail("{\"SchemaVersion\": 1, \"Results\": []}").getMessage())
          .isEqualTo(
              "not a valid Trivy JSON report at /SchemaVersion: expected schema version 2 but"
                  + " found 1");
    }

    @Test
    void rejectsDeepNesting() {
      String deep = "{\"runs\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
      InputParseException e = fail(deep);
      assertThat(e.kind()).isEqualTo(InputParseException.Kind.SYNTAX);
      assertThat(e.detail()).isEqualTo("nesting deeper than 256 levels");
    }

    @Test
    void rejectsHugeNumbers() {
      InputParseException e = fail("{\"SchemaVersion\": " + "9".repeat(5000) + "}");
      assertThat(e.kind()).isEqualTo(InputParseException.Kind.SYNTAX);
      // The one JSON layer's text (vex-model), without Jackson's internals.
      assertThat(e.detail()).isEqualTo("a number longer than 100 characters");
      assertThat(e.pointer()).isEqualTo("/SchemaVersion");
    }

    @Test
    void rejectsNonFiniteScores() {
      assertThat(
              fail("{\"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\", \"rules\": [{\"id\": \"r\","
                      + " \"properties\": {\"security-severity\": \"NaN\"}}]}}, \"results\":"
                      + " [{\"ruleId\": \"r\"}]}]}")
                  .detail())
          .isEqualTo("expected a finite number but found NaN");
    }

    @Test
    void namesRequiredMembers() {
      assertThat(fail("{\"descriptor\": {}, \"matches\": [{\"artifact\": {}}]}").getMessage())
          .isEqualTo(
              "not a valid Grype JSON report at /matches/0: missing required object"
                  + " 'vulnerability'");
    }
  }

  @Test
  void aBuiltReportEqualsAReadOne() {
    ScanReport r = report("trivy-small.json");
    assertThat(r.toBuilder().build()).isEqualTo(r).hasSameHashCodeAs(r);
    assertThat(r.toBuilder().findings(List.of()).build()).isNotEqualTo(r);
    Finding f = r.findings().get(0);
    assertThat(f.toBuilder().build()).isEqualTo(f).hasSameHashCodeAs(f);
    assertThat(f.toBuilder().severity(Severity.LOW).build()).isNotEqualTo(f);
  }
}
