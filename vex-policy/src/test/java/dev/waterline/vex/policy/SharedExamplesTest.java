package dev.waterline.vex.policy;

import static dev.waterline.vex.policy.Fixtures.shared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waterline.vex.VexException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cross-checks against the real reports in {@code shared/scanners/examples} (skipped when the
 * shared directory is absent). Expected counts are the reports' own (MANIFEST.md, and the number of
 * entries each report lists, counted here independently with a plain tree walk).
 */
class SharedExamplesTest {
  private static final ObjectMapper TREE = new ObjectMapper();

  /** The entries a report lists, counted without our parser. */
  private static int ownCount(JsonNode root) {
    if (root.has("runs")) {
      int n = 0;
      for (JsonNode run : root.get("runs")) {
        n += run.path("results").size();
      }
      return n;
    }
    if (root.has("matches")) {
      return root.get("matches").size();
    }
    int n = 0;
    for (JsonNode result : root.path("Results")) {
      n += result.path("Vulnerabilities").size();
    }
    return n;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "grype/grype-0.61.1-chainguard-ruby-image.json, GRYPE_JSON, 0.61.1, 3",
    "grype/grype-0.65.1-ghsa-java-image.json, GRYPE_JSON, 0.65.1, 2",
    "grype/grype-0.66.0-keycloak-image.json, GRYPE_JSON, 0.66.0, 6",
    "grype/grype-json-golden-image.json, GRYPE_JSON, [not provided], 2",
    "grype/grype-sarif-golden-image.sarif.json, GRYPE_SARIF, 0.0.0-dev, 2",
    "grype/grype-0.63.0-nginx.sarif.json, GRYPE_SARIF, 0.63.0, 99",
    "trivy/trivy-json-fluentd-gems-multilayer.json, TRIVY_JSON, dev, 2",
    "trivy/trivy-json-debian-buster.json, TRIVY_JSON, dev, 2",
    "trivy/trivy-json-alpine-310.json, TRIVY_JSON, dev, 4",
    "trivy/trivy-json-npm-with-suppressed.json, TRIVY_JSON, , 1",
    "trivy/trivy-sarif-alpine-310.sarif.json, TRIVY_SARIF, dev, 4",
    "trivy/trivy-0.42.1-nginx.sarif.json, TRIVY_SARIF, 0.42.1, 99",
    "snyk/snyk-nginx.sarif.json, SNYK_SARIF, , 65",
  })
  void everyRealReportParsesWithItsOwnCount(
      String file, ReportFormat format, String version, int count) throws IOException {
    Path path = shared("scanners/examples/" + file);
    ScanReport r = ScanReports.read(path);
    assertThat(r.format()).isEqualTo(format);
    if (version == null) {
      assertThat(r.scannerVersion()).isEmpty();
    } else {
      assertThat(r.scannerVersion()).contains(version);
    }
    assertThat(r.findings()).hasSize(count);
    assertThat(r.findings()).hasSize(ownCount(TREE.readTree(path.toFile())));
    for (int i = 0; i < r.findings().size(); i++) {
      Finding f = r.findings().get(i);
      assertThat(f.index()).isEqualTo(i);
      // Each pointer names an entry of the original file.
      assertThat(TREE.readTree(path.toFile()).at(f.pointer()).isObject()).isTrue();
    }
  }

  @Nested
  class Grype {
    @Test
    void takesDiffIdsThatEqualTheConfigsRootfs() throws IOException {
      Path path = shared("scanners/examples/grype/grype-0.61.1-chainguard-ruby-image.json");
      ScanReport r = ScanReports.read(path);
      JsonNode config =
          TREE.readTree(
              Base64.getDecoder()
                  .decode(TREE.readTree(path.toFile()).at("/source/target/config").asText()));
      List<String> rootfs = new ArrayList<>();
      config.at("/rootfs/diff_ids").forEach(n -> rootfs.add(n.asText()));
      assertThat(r.diffIds()).isEqualTo(rootfs).hasSize(1);
      assertThat(r.repoDigests())
          .containsExactly(
              "cgr.dev/chainguard/ruby@sha256:3c9afb4f188827ea1062ec3b8acea32893236a0d7df31e0498df93486cff0978");
      assertThat(r.manifestDigest())
          .contains("sha256:86abe662dfa3746038eea6b0db91092b0767d78b8b8938a343d614cd1579adc2");
    }

    @Test
    void keepsGhsaAndCveMatchesApartWithAliases() throws IOException {
      ScanReport r =
          ScanReports.read(shared("scanners/examples/grype/grype-0.65.1-ghsa-java-image.json"));
      assertThat(r.findings())
          .extracting(Finding::vulnerabilityId)
          .containsExactlyInAnyOrder("GHSA-cfh5-3ghh-wfjx", "CVE-2014-3577");
      Finding ghsa =
          r.findings().stream()
              .filter(f -> f.vulnerabilityId().startsWith("GHSA"))
              .findFirst()
              .orElseThrow();
      assertThat(ghsa.aliases()).containsExactly("CVE-2014-3577");
      assertThat(ghsa.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(ghsa.purl()).contains("pkg:maven/org.apache.httpcomponents/httpclient@4.1.1");
      assertThat(ghsa.layerDiffId())
          .contains("sha256:6cc6db176440e3dc3218d2e325716c1922ea9d900b61d7ad6f388fd0ed2b4ef9");
    }

    @Test
    void attributesKeycloakRpmsToTheLayerGrypeSaysAndReadsWontFix() throws IOException {
      ScanReport r =
          ScanReports.read(shared("scanners/examples/grype/grype-0.66.0-keycloak-image.json"));
      assertThat(r.diffIds()).hasSize(4);
      assertThat(r.findings())
          .allSatisfy(f -> assertThat(f.layerDiffId()).contains(r.diffIds().get(1)));
      assertThat(r.findings()).extracting(Finding::fixState).contains(FixState.WONT_FIX);
      // Cut at layer 2 (index 1 in), the RPM database's layer is above a one-layer base.
      Waterline oneLayer = Waterline.of(r.diffIds().get(0));
      assertThat(r.findings())
          .allSatisfy(f -> assertThat(oneLayer.classify(r, f)).isEqualTo(Waterline.Position.ABOVE));
    }
  }

  @Nested
  class SarifFlavours {
    @Test
    void readsGrypeNginxWithLayersFromLogicalLocations() throws IOException {
      ScanReport r =
          ScanReports.read(shared("scanners/examples/grype/grype-0.63.0-nginx.sarif.json"));
      Finding f = r.findings().get(0);
      assertThat(f.vulnerabilityId()).isEqualTo("CVE-2005-2541");
      assertThat(f.packageName()).contains("tar");
      assertThat(f.packageVersion()).contains("1.34+dfsg-1.2");
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.layerDiffId())
          .contains("sha256:511780f88f80081112aea1bfdca6c800e1983e401b338e20b2c6e97f384e4299");
      assertThat(r.findings()).allSatisfy(g -> assertThat(g.layerDiffId()).isPresent());
      // No grype SARIF rule id keeps its "-<package>" suffix.
      assertThat(r.findings())
          .allSatisfy(
              g ->
                  assertThat(g.vulnerabilityId())
                      .doesNotEndWith("-" + g.packageName().orElseThrow()));
    }

    @Test
    void readsTrivyNginxPackagesAndImage() throws IOException {
      ScanReport r =
          ScanReports.read(shared("scanners/examples/trivy/trivy-0.42.1-nginx.sarif.json"));
      assertThat(r.imageReference())
          .contains(
              "nginx@sha256:13d22ec63300e16014d4a42aed735207a8b33c223cff19627dd3042e5a10a3a0");
      Finding f = r.findings().get(0);
      assertThat(f.vulnerabilityId()).isEqualTo("CVE-2011-3374");
      assertThat(f.packageName()).contains("apt");
      assertThat(f.packageVersion()).contains("2.6.1");
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(r.findings()).allSatisfy(g -> assertThat(g.packageName()).isPresent());
      assertThat(r.findings())
          .allSatisfy(g -> assertThat(g.severity()).isNotEqualTo(Severity.UNKNOWN));
    }

    @Test
    void readsSnykNginxCvesAsAliases() throws IOException {
      ScanReport r = ScanReports.read(shared("scanners/examples/snyk/snyk-nginx.sarif.json"));
      assertThat(r.imageReference())
          .contains(
              "nginx@sha256:13d22ec63300e16014d4a42aed735207a8b33c223cff19627dd3042e5a10a3a0");
      Finding f = r.findings().get(0);
      assertThat(f.vulnerabilityId()).isEqualTo("SNYK-DEBIAN12-APT-1541449");
      assertThat(f.aliases()).containsExactly("CVE-2011-3374");
      assertThat(f.packageName()).contains("libapt-pkg6.0");
      assertThat(f.packageVersion()).contains("2.6.1");
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(r.findings())
          .allSatisfy(g -> assertThat(g.aliases()).allMatch(a -> a.startsWith("CVE-")));
    }
  }

  @Nested
  class FluentdWaterline {
    /**
     * The base image's layers, derived from the image history: the non-empty layers up to and
     * including the base's final {@code CMD} (debian:buster is {@code ADD file:…} then {@code CMD
     * ["bash"]}).
     */
    private List<String> baseFromHistory(Path path) throws IOException {
      JsonNode meta = TREE.readTree(path.toFile()).get("Metadata");
      int layers = 0;
      for (JsonNode h : meta.at("/ImageConfig/history")) {
        if (h.path("created_by").asText().contains("#(nop)  CMD")) {
          break;
        }
        if (!h.path("empty_layer").asBoolean(false)) {
          layers++;
        }
      }
      List<String> diffIds = new ArrayList<>();
      meta.get("DiffIDs").forEach(n -> diffIds.add(n.asText()));
      return diffIds.subList(0, layers);
    }

    @Test
    void classifiesTheDebianFindingBelowAndTheGemAbove() throws IOException {
      Path path = shared("scanners/examples/trivy/trivy-json-fluentd-gems-multilayer.json");
      ScanReport r = ScanReports.read(path);
      List<String> base = baseFromHistory(path);
      assertThat(base).hasSize(1);
      Waterline w = Waterline.of(base);
      Map<String, Waterline.Position> byId =
          r.findings().stream()
              .collect(Collectors.toMap(Finding::vulnerabilityId, f -> w.classify(r, f)));
      assertThat(byId)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "CVE-2019-18224", Waterline.Position.BELOW,
                  "CVE-2020-8165", Waterline.Position.ABOVE));
      // Cross-check: the debian finding is an OS package of layer 0, the gem one of layer 3.
      assertThat(r.findings())
          .extracting(f -> r.layerIndex(f.layerDiffId().orElseThrow()).getAsInt())
          .containsExactly(0, 3);
    }

    @Test
    void refusesABaseThatIsNotAPrefix() throws IOException {
      ScanReport r =
          ScanReports.read(
              shared("scanners/examples/trivy/trivy-json-fluentd-gems-multilayer.json"));
      Waterline w = Waterline.of(r.diffIds().get(1));
      assertThatThrownBy(() -> w.classify(r, r.findings().get(0)))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "base image is not a base of"
                  + " testdata/fixtures/images/fluentd-multiple-lockfiles.tar.gz: layer 0 is"
                  + " sha256:02874b2b269dea8dde0f7edb4c9906904dfe38a09de1a214f20c650cfb15c60e in"
                  + " the base but"
                  + " sha256:831c5620387fb9efec59fc82a42b948546c6be601e3ab34a87108ecf852aa15f in"
                  + " the image");
    }
  }

  @Nested
  class Kev {
    @Test
    void readsTheWholeCatalog() throws IOException {
      Path path = shared("scanners/examples/kev/known_exploited_vulnerabilities.json");
      KevCatalog kev = KevCatalog.read(path);
      assertThat(kev.size()).isEqualTo(TREE.readTree(path.toFile()).get("count").asInt());
      assertThat(kev.size()).isEqualTo(1404);
      assertThat(kev.catalogVersion()).contains("2025.08.25");
      assertThat(kev.contains("CVE-2021-44228")).isTrue();
      assertThat(kev.contains("cve-2021-44228")).isTrue();
      assertThat(kev.contains("CVE-2011-3374")).isFalse();
      KevEntry log4shell = kev.entry("CVE-2021-44228").orElseThrow();
      assertThat(log4shell.vendorProject()).isEqualTo("Apache");
      assertThat(log4shell.dateAdded()).isEqualTo(LocalDate.of(2021, 12, 10));
      assertThat(log4shell.knownRansomwareCampaignUse()).isTrue();
      assertThat(kev.toString()).isEqualTo("KevCatalog[2025.08.25, 1404 entries]");
    }
  }
}
