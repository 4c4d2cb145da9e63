package dev.waterline.vex.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.Vulnerability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SarifFilterTest {
  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final String OTHER = "sha256:" + "cd".repeat(32);

  /** A Grype-style SARIF: rule ids with package suffixes, image in logical locations, purls. */
  static String grypeSarif(String digest) {
    return "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"Grype\",\"rules\":["
        + "{\"id\":\"CVE-2024-0001-openssl\",\"properties\":{\"purls\":[\"pkg:deb/debian/openssl@3.0.1\"]}},"
        + "{\"id\":\"CVE-2024-0002-zlib\",\"properties\":{\"purls\":[\"pkg:deb/debian/zlib@1.2\"]}},"
        + "{\"id\":\"GHSA-cfh5-3ghh-wfjx-netty\",\"properties\":{\"purls\":[\"pkg:maven/io.netty/netty@4.1\"]}}"
        + "]}},\"results\":["
        + result("CVE-2024-0001-openssl", digest)
        + ","
        + result("CVE-2024-0002-zlib", digest)
        + ","
        + result("GHSA-cfh5-3ghh-wfjx-netty", digest)
        + "]}]}";
  }

  static String result(String ruleId, String digest) {
    return "{\"ruleId\":\""
        + ruleId
        + "\",\"message\":{\"text\":\"x\"},\"locations\":[{\"logicalLocations\":[{\"fullyQualifiedName\":\"ghcr.io/acme/app@"
        + digest
        + "@sha256:"
        + "11".repeat(32)
        + ":/usr/lib/x\"}]}]}";
  }

  static VexDocument doc(String vuln, String product, String subcomponent) {
    var s = Vex.notAffected(vuln, product).justification(Justification.COMPONENT_NOT_PRESENT);
    if (subcomponent != null) {
      s.subcomponent(subcomponent);
    }
    return Vex.document("Acme")
        .timestamp(Instant.parse("2026-01-01T00:00:00Z"))
        .statement(s)
        .build();
  }

  @Nested
  class ProductAware {
    @Test
    void removesResultsWhoseImageAndPackageMatch() {
      VexDocument d = doc("CVE-2024-0001", "ghcr.io/acme/app@" + DIGEST, "pkg:deb/debian/openssl");
      SarifFilter.Result r =
          SarifFilter.of(List.of(d))
              .filter(grypeSarif(DIGEST).getBytes(StandardCharsets.UTF_8), "a");
      assertThat(r.resultsBefore()).containsExactly(3);
      assertThat(r.resultsAfter()).containsExactly(2);
      assertThat(r.removals())
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.ruleId()).isEqualTo("CVE-2024-0001-openssl");
                assertThat(x.vulnerability()).isEqualTo("CVE-2024-0001");
              });
      assertThat(r.jsonText()).doesNotContain("\"ruleId\": \"CVE-2024-0001-openssl\"");
      assertThat(r.jsonText()).contains("\"ruleId\": \"CVE-2024-0002-zlib\"");
    }

    @Test
    void keepsResultsOfAnotherImageWhereVexctlRemovesThem() {
      VexDocument d = doc("CVE-2024-0001", "ghcr.io/acme/app@" + OTHER, null);
      byte[] sarif = grypeSarif(DIGEST).getBytes(StandardCharsets.UTF_8);
      assertThat(SarifFilter.of(List.of(d)).filter(sarif, "a").resultsAfter()).containsExactly(3);
      assertThat(SarifFilter.of(List.of(d)).vexctlCompatible().filter(sarif, "a").resultsAfter())
          .containsExactly(2);
    }

    @Test
    void keepsResultsOfAnotherPackageInTheSameImage() {
      VexDocument d = doc("CVE-2024-0001", "ghcr.io/acme/app@" + DIGEST, "pkg:deb/debian/zlib");
      byte[] sarif = grypeSarif(DIGEST).getBytes(StandardCharsets.UTF_8);
      assertThat(SarifFilter.of(List.of(d)).filter(sarif, "a").resultsAfter()).containsExactly(3);
    }

    @Test
    void matchesGhsaRulesWithoutGrypesPackageSuffix() {
      VexDocument d = doc("GHSA-cfh5-3ghh-wfjx", "pkg:maven/io.netty/netty", null);
      byte[] sarif = grypeSarif(DIGEST).getBytes(StandardCharsets.UTF_8);
      assertThat(SarifFilter.of(List.of(d)).filter(sarif, "a").resultsAfter()).containsExactly(2);
      // vexctl takes the whole rule id for GHSA, suffix included, and so never matches.
      assertThat(SarifFilter.of(List.of(d)).vexctlCompatible().filter(sarif, "a").resultsAfter())
          .containsExactly(3);
    }

    @Test
    void latestStatementDecides() {
      VexDocument older = doc("CVE-2024-0001", "ghcr.io/acme/app@" + DIGEST, null);
      VexDocument newer =
          Vex.document("Acme")
              .timestamp(Instant.parse("2026-02-01T00:00:00Z"))
              .statement(Vex.affected("CVE-2024-0001", "pkg:deb/debian/openssl", "upgrade"))
              .build();
      byte[] sarif = grypeSarif(DIGEST).getBytes(StandardCharsets.UTF_8);
      assertThat(SarifFilter.of(List.of(newer, older)).filter(sarif, "a").resultsAfter())
          .containsExactly(3);
    }

    @Test
    void aResultWithoutRuleIndexTakesThePurlsOfTheFirstRuleWithItsId() {
      // Two rules with one id (a report merged by hand): the first one's purls count, as when the
      // rules were searched in order.
      String sarif =
          "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"Grype\",\"rules\":["
              + "{\"id\":\"CVE-2024-0001-openssl\",\"properties\":{\"purls\":[\"pkg:deb/debian/zlib@1.2\"]}},"
              + "{\"id\":\"CVE-2024-0001-openssl\",\"properties\":{\"purls\":[\"pkg:deb/debian/openssl@3.0.1\"]}}"
              + "]}},\"results\":["
              + result("CVE-2024-0001-openssl", DIGEST)
              + ","
              + result("CVE-2024-0001-openssl", DIGEST)
                  .replace("{\"ruleId\"", "{\"ruleIndex\":1,\"ruleId\"")
              + "]}]}";
      byte[] bytes = sarif.getBytes(StandardCharsets.UTF_8);
      String image = "ghcr.io/acme/app@" + DIGEST;

      SarifFilter.Result zlib =
          SarifFilter.of(List.of(doc("CVE-2024-0001", image, "pkg:deb/debian/zlib")))
              .filter(bytes, "a");
      assertThat(zlib.removals()).singleElement().extracting(x -> x.result()).isEqualTo(0);

      SarifFilter.Result openssl =
          SarifFilter.of(List.of(doc("CVE-2024-0001", image, "pkg:deb/debian/openssl")))
              .filter(bytes, "a");
      // the second result names its rule by index
      assertThat(openssl.removals()).singleElement().extracting(x -> x.result()).isEqualTo(1);
    }

    @Test
    void rejectsTextThatIsNotSarif() {
      assertThatThrownBy(
              () ->
                  SarifFilter.of(List.of())
                      .filter("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "r.sarif"))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "could not read SARIF report r.sarif: expected an object with a \"runs\" array at /");
    }

    @Test
    void writesTheReportInTheHouseStyleWithNumbersAsWritten() {
      String sarif =
          "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"x\"}},"
              + "\"properties\":{\"score\":7.50,\"big\":123456789012345678901234567890,"
              + "\"tiny\":1E-400},\"results\":[]}]}";
      SarifFilter.Result r =
          SarifFilter.of(List.of()).filter(sarif.getBytes(StandardCharsets.UTF_8), "r.sarif");
      assertThat(r.jsonText())
          .isEqualTo(
              "{\n"
                  + "  \"version\": \"2.1.0\",\n"
                  + "  \"runs\": [\n"
                  + "    {\n"
                  + "      \"tool\": {\n"
                  + "        \"driver\": {\n"
                  + "          \"name\": \"x\"\n"
                  + "        }\n"
                  + "      },\n"
                  + "      \"properties\": {\n"
                  + "        \"score\": 7.50,\n"
                  + "        \"big\": 123456789012345678901234567890,\n"
                  + "        \"tiny\": 1E-400\n"
                  + "      },\n"
                  + "      \"results\": []\n"
                  + "    }\n"
                  + "  ]\n"
                  + "}\n");
    }
  }

  /** vexctl's own expectations (pkg/ctl/ctl_test.go TestVexReport) on its example SARIF files. */
  /** vexctl's rule: per document, the first statement by vulnerability name, then by time. */
  @Nested
  class VexctlOrder {
    final byte[] sarif = grypeSarif(DIGEST).getBytes(StandardCharsets.UTF_8);

    Statement.Builder about(String name, String alias, Status status, String time) {
      Vulnerability.Builder v = Vulnerability.builder(name);
      if (alias != null) {
        v.alias(alias);
      }
      Statement.Builder b =
          Statement.builder()
              .vulnerability(v.build())
              .status(status)
              .product("pkg:deb/debian/openssl")
              .timestamp(Instant.parse("2026-01-01T" + time + ":00Z"));
      return status == Status.NOT_AFFECTED
          ? b.justification(Justification.COMPONENT_NOT_PRESENT)
          : status == Status.AFFECTED ? b.actionStatement("upgrade") : b;
    }

    SarifFilter.Result filter(Statement.Builder... statements) {
      VexDocument.Builder d =
          VexDocument.builder("Acme").timestamp(Instant.parse("2026-01-01T00:00:00Z"));
      for (Statement.Builder s : statements) {
        d.statement(s.build());
      }
      return SarifFilter.of(List.of(d.build())).vexctlCompatible().filter(sarif, "a");
    }

    @Test
    void theOldestStatementDecidesNotTheLatest() {
      SarifFilter.Result r =
          filter(
              about("CVE-2024-0001", null, Status.AFFECTED, "10:00"),
              about("CVE-2024-0001", null, Status.NOT_AFFECTED, "09:00"),
              about("CVE-2024-0001", null, Status.AFFECTED, "09:30"));
      assertThat(r.removals())
          .singleElement()
          .satisfies(x -> assertThat(x.statement().status()).isEqualTo(Status.NOT_AFFECTED));
    }

    @Test
    void aStatementFoundByAliasLosesToOneWhoseNameSortsFirst() {
      // Both name CVE-2024-0002: "CVE-…" sorts before "GHSA-…", whatever the times.
      SarifFilter.Result kept =
          filter(
              about("GHSA-cfh5-3ghh-wfjx", "CVE-2024-0002", Status.FIXED, "08:00"),
              about("CVE-2024-0002", null, Status.AFFECTED, "12:00"));
      assertThat(kept.removals()).isEmpty();

      SarifFilter.Result removed =
          filter(
              about("GHSA-cfh5-3ghh-wfjx", "CVE-2024-0002", Status.AFFECTED, "08:00"),
              about("CVE-2024-0002", null, Status.FIXED, "12:00"));
      assertThat(removed.removals())
          .singleElement()
          .satisfies(x -> assertThat(x.ruleId()).isEqualTo("CVE-2024-0002-zlib"));
    }

    @Test
    void onATieTheFirstInTheDocumentDecides() {
      assertThat(
              filter(
                      about("CVE-2024-0001", null, Status.FIXED, "09:00"),
                      about("CVE-2024-0001", null, Status.AFFECTED, "09:00"))
                  .removals())
          .hasSize(1);
      assertThat(
              filter(
                      about("CVE-2024-0001", null, Status.AFFECTED, "09:00"),
                      about("CVE-2024-0001", null, Status.FIXED, "09:00"))
                  .removals())
          .isEmpty();
    }
  }

  @Nested
  class VexctlExamples {
    Path shared() {
      String dir = System.getProperty("waterline.shared", "");
      Path p = Path.of(dir, "openvex", "examples");
      assumeTrue(
          !dir.isEmpty() && Files.isDirectory(p.resolve("sarif")),
          "shared data not found (system property waterline.shared): skipping vexctl examples");
      return p;
    }

    @ParameterizedTest(name = "{0} with {1}: {2} -> {3}")
    @CsvSource({
      "grype, sample-1statement, 99, 98",
      "trivy, sample-1statement, 99, 98",
      "snyk, sample-1statement, 65, 64",
      "grype, sample-history, 99, 98",
      "trivy, sample-history, 99, 98",
      "snyk, sample-history, 65, 64",
      "grype, sample-2vulns, 99, 96",
      "trivy, sample-2vulns, 99, 96",
      "snyk, sample-2vulns, 65, 63"
    })
    void reproducesVexctlCountsInBothModes(String scanner, String vex, int before, int after)
        throws IOException {
      Path dir = shared();
      byte[] sarif =
          Files.readAllBytes(dir.resolve("sarif/vexctl_nginx-" + scanner + ".sarif.json"));
      VexDocument doc = VexDocument.read(dir.resolve("vexctl_sarif_" + vex + ".openvex.json"));
      for (SarifFilter f :
          List.of(SarifFilter.of(List.of(doc)), SarifFilter.of(List.of(doc)).vexctlCompatible())) {
        SarifFilter.Result r = f.filter(sarif, scanner);
        assertThat(r.resultsBefore().get(0)).as(f.toString()).isEqualTo(before);
        assertThat(r.resultsAfter().get(0)).as(f.toString()).isEqualTo(after);
      }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"grype, 99", "trivy, 99", "snyk, 65"})
    void productAwareKeepsEverythingForAnotherDigest(String scanner, int count) throws IOException {
      Path dir = shared();
      byte[] sarif =
          Files.readAllBytes(dir.resolve("sarif/vexctl_nginx-" + scanner + ".sarif.json"));
      String text =
          Files.readString(dir.resolve("vexctl_sarif_sample-2vulns.openvex.json"))
              .replace(
                  "13d22ec63300e16014d4a42aed735207a8b33c223cff19627dd3042e5a10a3a0",
                  "ab".repeat(32));
      VexDocument doc = VexDocument.parse(text);
      assertThat(SarifFilter.of(List.of(doc)).filter(sarif, scanner).resultsAfter().get(0))
          .isEqualTo(count);
      assertThat(
              SarifFilter.of(List.of(doc))
                  .vexctlCompatible()
                  .filter(sarif, scanner)
                  .resultsAfter()
                  .get(0))
          .isLessThan(count);
    }
  }
}
