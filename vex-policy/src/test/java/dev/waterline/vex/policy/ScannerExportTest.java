package dev.waterline.vex.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.internal.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link ScannerExport}: the deciding suppressions, in each scanner's format, checked against what
 * the tools document (Trivy's and Grype's ignore-file fields, the VEX repository spec's schemas).
 */
class ScannerExportTest {
  static final String HEX = "4f".repeat(32);
  static final String APP =
      "pkg:oci/app@sha256%3A" + HEX + "?repository_url=registry.example/team/app";
  static final String OTHER = "pkg:oci/other@sha256%3A" + "77".repeat(32);
  static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2026-03-05T10:00:00Z");

  /** The team's VEX about the app image (and one statement about another image). */
  static VexDocument first() {
    return Vex.document("Acme Security <psirt@acme.example>")
        .id("https://acme.example/vex/app-1")
        .timestamp(T1)
        .statement(
            Vex.notAffected("CVE-2023-44487", APP)
                .subcomponent("pkg:golang/golang.org/x/net@v0.7.0")
                .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH))
        .statement(
            Vex.notAffected("CVE-2021-44228", APP)
                .subcomponent("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")
                .justification(Justification.VULNERABLE_CODE_NOT_PRESENT))
        .statement(Vex.fixed("CVE-2024-0001", APP).aliases("GHSA-aaaa-bbbb-cccc"))
        .statement(
            Vex.notAffected("CVE-2024-0004", APP)
                .subcomponent("pkg:deb/debian/libstdc%2B%2B6@12.2.0-14")
                .justification(Justification.INLINE_MITIGATIONS_ALREADY_EXIST))
        .statement(Vex.underInvestigation("CVE-2024-0003", APP))
        .statement(
            Vex.notAffected("CVE-2024-0005", OTHER)
                .justification(Justification.COMPONENT_NOT_PRESENT))
        .build();
  }

  /** Later: log4j turns out affected (an exception with an action), libssl affected too. */
  static VexDocument second() {
    return Vex.document("Acme Security <psirt@acme.example>")
        .id("https://acme.example/vex/app-2")
        .timestamp(T2)
        .statement(
            Vex.affected("CVE-2021-44228", APP, "Upgrade log4j-core to 2.17.1 in the next release")
                .subcomponent("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"))
        .build();
  }

  static ScannerExport export() {
    return ScannerExport.of(List.of(first(), second())).forImage("sha256:" + HEX);
  }

  static JsonNode yaml(String text) throws IOException {
    try (JsonParser p = Json.yamlFactory().createParser(text.getBytes(StandardCharsets.UTF_8))) {
      return Json.readValue(p);
    }
  }

  /** Every entry of a ustar archive, path to bytes, read as the format says. */
  static Map<String, byte[]> untar(byte[] gz) throws IOException {
    byte[] tar;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      tar = in.readAllBytes();
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    int at = 0;
    while (at + 512 <= tar.length && tar[at] != 0) {
      String name = field(tar, at, 100);
      String prefix = field(tar, at + 345, 155);
      int size = Integer.parseInt(field(tar, at + 124, 12).trim(), 8);
      assertThat(field(tar, at + 257, 6)).isEqualTo("ustar");
      assertThat((char) tar[at + 156]).isEqualTo('0');
      long sum = 0;
      for (int i = 0; i < 512; i++) {
        sum += i >= 148 && i < 156 ? ' ' : tar[at + i] & 0xff;
      }
      assertThat(Long.parseLong(field(tar, at + 148, 8).trim(), 8)).isEqualTo(sum);
      byte[] content = new byte[size];
      System.arraycopy(tar, at + 512, content, 0, size);
      entries.put(prefix.isEmpty() ? name : prefix + "/" + name, content);
      at += 512 + (size + 511) / 512 * 512;
    }
    return entries;
  }

  static String field(byte[] b, int at, int len) {
    int end = at;
    while (end < at + len && b[end] != 0) {
      end++;
    }
    return new String(b, at, end - at, StandardCharsets.US_ASCII);
  }

  static Schema schema(String name) throws IOException {
    try (InputStream in =
        ScannerExportTest.class.getResourceAsStream("/third-party/vex-repo-spec/" + name)) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
          .getSchema(in, InputFormat.JSON);
    }
  }

  static List<String> violations(String schema, String json) throws IOException {
    List<String> out = new ArrayList<>();
    schema(schema).validate(json, InputFormat.JSON).forEach(e -> out.add(e.toString()));
    return out;
  }

  @Nested
  class Deciding {
    @Test
    void onlyTheLatestStatementPerVulnerabilityProductAndSubcomponentIsExported() {
      ExportResult r = export().toTrivyIgnore();

      assertThat(r.exported())
          .containsExactly(
              "CVE-2023-44487 in " + APP + " (pkg:golang/golang.org/x/net@v0.7.0): not_affected",
              "CVE-2024-0001 in " + APP + ": fixed",
              "CVE-2024-0004 in "
                  + APP
                  + " (pkg:deb/debian/libstdc%2B%2B6@12.2.0-14): not_affected");
      assertThat(r.leftOut())
          .containsExactly(
              "CVE-2021-44228 in "
                  + APP
                  + " (pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1): affected: not"
                  + " exported (scanners suppress only not_affected and fixed)",
              "CVE-2024-0003 in "
                  + APP
                  + ": under_investigation: not exported (scanners suppress only not_affected and"
                  + " fixed)");
    }

    @Test
    void withoutAnImageEveryProductCounts() {
      ExportResult r = ScannerExport.of(List.of(first(), second())).toTrivyIgnore();

      assertThat(r.exported()).contains("CVE-2024-0005 in " + OTHER + ": not_affected");
    }

    @Test
    void aSubcomponentThatIsNoPurlIsLeftOutRatherThanWidened() {
      VexDocument doc =
          Vex.document("Acme")
              .timestamp(T1)
              .statement(
                  Vex.notAffected("CVE-2024-0009", APP)
                      .subcomponent("https://acme.example/components/parser")
                      .justification(Justification.COMPONENT_NOT_PRESENT))
              .build();

      ExportResult r = ScannerExport.of(List.of(doc)).toGrypeIgnore();

      assertThat(r.text(".grype.yaml")).endsWith("ignore: []\n");
      assertThat(r.leftOut())
          .containsExactly(
              "CVE-2024-0009 in "
                  + APP
                  + " (https://acme.example/components/parser): not_affected: the subcomponent is"
                  + " not a purl, which scanners cannot match");
    }

    @Test
    void theSameInputGivesTheSameBytes() {
      ScannerExport e = export();
      URI base = URI.create("https://vex.example.com/");

      assertThat(e.toTrivyIgnore()).isEqualTo(export().toTrivyIgnore());
      assertThat(e.toGrypeIgnore()).isEqualTo(export().toGrypeIgnore());
      assertThat(e.toVexRepository(base)).isEqualTo(export().toVexRepository(base));
    }
  }

  @Nested
  class TrivyIgnore {
    @Test
    void writesTheDecidingSuppressionsAsTrivyDocumentsThem() {
      ExportResult r = export().toTrivyIgnore();

      assertThat(r.paths()).containsExactly(".trivyignore.yaml");
      assertThat(r.text(".trivyignore.yaml"))
          .isEqualTo(
              "# Trivy ignore file written by waterline export: the deciding not_affected and\n"
                  + "# fixed statements. Use: trivy image --ignorefile .trivyignore.yaml IMAGE\n"
                  + "vulnerabilities:\n"
                  + "  - id: \"CVE-2023-44487\"\n"
                  + "    purls:\n"
                  + "      - \"pkg:golang/golang.org/x/net@v0.7.0\"\n"
                  + "    statement: \"not_affected: vulnerable_code_not_in_execute_path (Acme"
                  + " Security <psirt@acme.example>, https://acme.example/vex/app-1)\"\n"
                  + "  - id: \"CVE-2024-0001\"\n"
                  + "    statement: \"fixed (Acme Security <psirt@acme.example>,"
                  + " https://acme.example/vex/app-1)\"\n"
                  + "  - id: \"GHSA-aaaa-bbbb-cccc\"\n"
                  + "    statement: \"fixed (Acme Security <psirt@acme.example>,"
                  + " https://acme.example/vex/app-1)\"\n"
                  + "  - id: \"CVE-2024-0004\"\n"
                  + "    purls:\n"
                  + "      - \"pkg:deb/debian/libstdc%2B%2B6@12.2.0-14\"\n"
                  + "    statement: \"not_affected: inline_mitigations_already_exist (Acme"
                  + " Security <psirt@acme.example>, https://acme.example/vex/app-1)\"\n");
    }

    @Test
    void parsesBackWithOnlyTheFieldsTrivyDocuments() throws IOException {
      // Trivy's docs/guide/configuration/filtering.md and pkg/result/ignore.go (IgnoreFinding):
      // id (required), paths, purls, expired_at (yyyy-mm-dd), statement.
      JsonNode root =
          yaml(
              export().withExceptions(Policy.defaults()).toTrivyIgnore().text(".trivyignore.yaml"));

      assertThat(root.properties())
          .extracting(Map.Entry::getKey)
          .containsExactly("vulnerabilities");
      assertThat(root.path("vulnerabilities")).hasSize(5);
      for (JsonNode entry : root.path("vulnerabilities")) {
        entry
            .fieldNames()
            .forEachRemaining(
                f -> assertThat(f).isIn("id", "paths", "purls", "expired_at", "statement"));
        assertThat(entry.path("id").isTextual()).isTrue();
        for (JsonNode purl : entry.path("purls")) {
          assertThat(purl.asText()).startsWith("pkg:");
        }
        if (entry.has("expired_at")) {
          assertThat(entry.path("expired_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        }
      }
    }

    @Test
    void exceptionsExpireAfterThePolicysMaximumAge() {
      ExportResult r =
          export().withExceptions(Policy.builder().exceptionMaxAgeDays(30).build()).toTrivyIgnore();

      assertThat(r.text(".trivyignore.yaml"))
          .contains(
              "  - id: \"CVE-2021-44228\"\n"
                  + "    purls:\n"
                  + "      - \"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1\"\n"
                  + "    expired_at: 2026-04-04\n"
                  + "    statement: \"affected - Upgrade log4j-core to 2.17.1 in the next release"
                  + " (Acme Security <psirt@acme.example>, https://acme.example/vex/app-2)\"\n");
      assertThat(r.exported())
          .contains(
              "CVE-2021-44228 in "
                  + APP
                  + " (pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1): affected until"
                  + " 2026-04-04");
    }

    @Test
    void anExpiredExceptionIsLeftOut() {
      ExportResult r =
          export()
              .withExceptions(Policy.builder().exceptionMaxAgeDays(30).build())
              .withTime(Instant.parse("2026-05-01T00:00:00Z"))
              .toTrivyIgnore();

      assertThat(r.text(".trivyignore.yaml")).doesNotContain("CVE-2021-44228");
      assertThat(r.leftOut())
          .contains(
              "CVE-2021-44228 in "
                  + APP
                  + " (pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1): affected: an"
                  + " exception that expired on 2026-04-04T10:00:00Z");
    }

    @Test
    void quotesWhatYamlWouldOtherwiseReinterpret() throws IOException {
      VexDocument doc =
          Vex.document("Acme \"Sec\": #1\nteam")
              .id("urn:acme:vex:1")
              .timestamp(T1)
              .statement(
                  Vex.notAffected("CVE-2024-0010", APP)
                      .impactStatement("yes: no\t- [x] \u2028 & *ref")
                      .justification(Justification.COMPONENT_NOT_PRESENT))
              .build();

      JsonNode root =
          yaml(ScannerExport.of(List.of(doc)).toTrivyIgnore().text(".trivyignore.yaml"));

      assertThat(root.path("vulnerabilities").get(0).path("statement").asText())
          .isEqualTo(
              "not_affected: component_not_present - yes: no\t- [x] \u2028 & *ref (Acme \"Sec\":"
                  + " #1\nteam, urn:acme:vex:1)");
    }
  }

  @Nested
  class GrypeIgnore {
    @Test
    void writesOneRulePerStatementAndPackage() {
      ExportResult r = export().toGrypeIgnore();

      assertThat(r.paths()).containsExactly(".grype.yaml");
      assertThat(r.text(".grype.yaml"))
          .isEqualTo(
              "# Grype configuration written by waterline export: one ignore rule per deciding\n"
                  + "# not_affected or fixed statement and package. Use: grype IMAGE -c"
                  + " .grype.yaml\n"
                  + "ignore:\n"
                  + "  - vulnerability: \"CVE-2023-44487\"\n"
                  + "    include-aliases: true\n"
                  + "    reason: \"not_affected: vulnerable_code_not_in_execute_path (Acme Security"
                  + " <psirt@acme.example>, https://acme.example/vex/app-1)\"\n"
                  + "    package:\n"
                  + "      name: \"golang.org/x/net\"\n"
                  + "      version: \"v0.7.0\"\n"
                  + "      type: \"go-module\"\n"
                  + "  - vulnerability: \"CVE-2024-0001\"\n"
                  + "    include-aliases: true\n"
                  + "    reason: \"fixed (Acme Security <psirt@acme.example>,"
                  + " https://acme.example/vex/app-1)\"\n"
                  + "  - vulnerability: \"GHSA-aaaa-bbbb-cccc\"\n"
                  + "    include-aliases: true\n"
                  + "    reason: \"fixed (Acme Security <psirt@acme.example>,"
                  + " https://acme.example/vex/app-1)\"\n"
                  + "  - vulnerability: \"CVE-2024-0004\"\n"
                  + "    include-aliases: true\n"
                  + "    reason: \"not_affected: inline_mitigations_already_exist (Acme Security"
                  + " <psirt@acme.example>, https://acme.example/vex/app-1)\"\n"
                  + "    package:\n"
                  + "      name: \"libstdc\\\\+\\\\+6\"\n"
                  + "      version: \"12.2.0-14\"\n"
                  + "      type: \"deb\"\n");
    }

    @Test
    void parsesBackWithOnlyTheFieldsOfGrypesIgnoreRule() throws IOException {
      // anchore/grype grype/match/ignore.go: IgnoreRule and IgnoreRulePackage's yaml tags.
      JsonNode root = yaml(export().toGrypeIgnore().text(".grype.yaml"));

      assertThat(root.properties()).extracting(Map.Entry::getKey).containsExactly("ignore");
      for (JsonNode rule : root.path("ignore")) {
        rule.fieldNames()
            .forEachRemaining(
                f ->
                    assertThat(f)
                        .isIn(
                            "vulnerability",
                            "include-aliases",
                            "reason",
                            "namespace",
                            "fix-state",
                            "package",
                            "vex-status",
                            "vex-justification",
                            "match-type"));
        assertThat(rule.has("vex-status")).as("acts only with grype --vex").isFalse();
        assertThat(rule.path("include-aliases").isBoolean()).isTrue();
        rule.path("package")
            .fieldNames()
            .forEachRemaining(
                f ->
                    assertThat(f)
                        .isIn("name", "version", "language", "type", "location", "upstream-name"));
      }
      // the escaped name is what Grype's ^…$ regular expression needs to match libstdc++6 exactly
      assertThat(root.path("ignore").get(3).path("package").path("name").asText())
          .isEqualTo("libstdc\\+\\+6");
      assertThat("libstdc++6").matches("^" + "libstdc\\+\\+6" + "$");
    }

    @Test
    void exceptionsAreNotExportedBecauseGrypeRulesCannotExpire() {
      ExportResult r = export().withExceptions(Policy.defaults()).toGrypeIgnore();

      assertThat(r.text(".grype.yaml")).doesNotContain("CVE-2021-44228");
      assertThat(r.leftOut())
          .contains(
              "CVE-2021-44228 in "
                  + APP
                  + " (pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1): affected: an"
                  + " exception, not exported (Grype's ignore rules cannot expire)");
    }
  }

  @Nested
  class VexRepository {
    final URI base = URI.create("https://vex.example.com/");

    @Test
    void writesManifestArchiveAndTree() throws IOException {
      ExportResult r = export().toVexRepository(base);

      assertThat(r.paths())
          .containsExactly(
              ".well-known/vex-repository.json",
              "vex-repository.tar.gz",
              "vex-repository/index.json",
              "vex-repository/pkg/oci/registry.example/team/app/vex.json");
      assertThat(r.text(".well-known/vex-repository.json"))
          .isEqualTo(
              "{\n"
                  + "  \"name\": \"Waterline VEX repository\",\n"
                  + "  \"description\": \"VEX statements exported by waterline export for sha256:"
                  + HEX
                  + "\",\n"
                  + "  \"versions\": [\n"
                  + "    {\n"
                  + "      \"spec_version\": \"0.1\",\n"
                  + "      \"locations\": [\n"
                  + "        {\n"
                  + "          \"url\": \"https://vex.example.com/vex-repository.tar.gz\"\n"
                  + "        }\n"
                  + "      ],\n"
                  + "      \"update_interval\": \"24h\"\n"
                  + "    }\n"
                  + "  ]\n"
                  + "}\n");
      assertThat(r.text("vex-repository/index.json"))
          .isEqualTo(
              "{\n"
                  + "  \"updated_at\": \"2026-03-05T10:00:00Z\",\n"
                  + "  \"packages\": [\n"
                  + "    {\n"
                  + "      \"id\": \"pkg:oci/app?repository_url=registry.example/team/app\",\n"
                  + "      \"location\": \"pkg/oci/registry.example/team/app/vex.json\",\n"
                  + "      \"format\": \"openvex\"\n"
                  + "    }\n"
                  + "  ]\n"
                  + "}\n");
      Map<String, byte[]> files = r.files();
      Map<String, byte[]> archived = untar(files.get("vex-repository.tar.gz"));
      assertThat(archived.keySet())
          .containsExactly("index.json", "pkg/oci/registry.example/team/app/vex.json");
      archived.forEach(
          (path, bytes) -> assertThat(bytes).isEqualTo(files.get("vex-repository/" + path)));
    }

    @Test
    void eachDocumentHoldsTheDecidingStatementsAboutItsPackageOnly() {
      ExportResult r = export().toVexRepository(base);

      VexDocument doc =
          VexDocument.parse(r.text("vex-repository/pkg/oci/registry.example/team/app/vex.json"));
      assertThat(doc.validate().isValid()).as(doc.validate().toString()).isTrue();
      assertThat(doc.id()).contains(doc.canonicalId());
      assertThat(doc.statements())
          .extracting(s -> s.vulnerability().name() + " " + s.status())
          .containsExactly(
              "CVE-2023-44487 not_affected", "CVE-2024-0001 fixed", "CVE-2024-0004 not_affected");
      assertThat(doc.statements().get(0).products())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.id()).contains(APP);
                assertThat(p.subcomponents())
                    .extracting(c -> c.id().orElseThrow())
                    .containsExactly("pkg:golang/golang.org/x/net@v0.7.0");
              });
      // go-vex's matching, as Trivy applies it: the image and its subcomponent
      assertThat(
              dev.waterline.vex.VexIndex.of(doc)
                  .effective(
                      "pkg:oci/app@sha256%3A"
                          + HEX
                          + "?arch=amd64&repository_url=registry.example/team/app",
                      "CVE-2023-44487",
                      "pkg:golang/golang.org/x/net@v0.7.0"))
          .isPresent();
    }

    @Test
    void theManifestIsValidAgainstTheSpecsSchema() throws IOException {
      ExportResult r = export().toVexRepository(base);

      assertThat(
              violations("vex-repository.schema.json", r.text(".well-known/vex-repository.json")))
          .isEmpty();
    }

    @Test
    void anIndexOfPackagesIsValidAgainstTheSpecsSchema() throws IOException {
      VexDocument doc =
          Vex.document("Acme")
              .timestamp(T1)
              .statement(
                  Vex.notAffected("CVE-2024-0011", "pkg:maven/org.example/lib@1.0?type=jar")
                      .justification(Justification.VULNERABLE_CODE_NOT_PRESENT))
              .statement(Vex.fixed("CVE-2024-0012", "pkg:golang/golang.org/x/text@v0.14.0"))
              .build();

      ExportResult r = ScannerExport.of(List.of(doc)).toVexRepository(base);

      assertThat(r.text("vex-repository/index.json"))
          .contains("\"id\": \"pkg:golang/golang.org/x/text\"")
          .contains("\"location\": \"pkg/golang/golang.org/x/text/vex.json\"")
          .contains("\"id\": \"pkg:maven/org.example/lib\"")
          .contains("\"location\": \"pkg/maven/org.example/lib/vex.json\"");
      assertThat(violations("index.schema.json", r.text("vex-repository/index.json"))).isEmpty();
    }

    @Test
    void theIndexSchemasIdPatternRejectsOciIdsAsItRejectsTheSpecsOwnExample() throws IOException {
      // The spec (README 3.2) requires repository_url in OCI ids; its schema's pattern then
      // demands a namespace that pkg:oci ids do not have. Ours fail exactly as the spec's do.
      String spec =
          "{\"updated_at\":\"2024-07-01T00:00:00Z\",\"packages\":[{\"id\":"
              + "\"pkg:oci/debian?repository_url=docker.io/library/debian\","
              + "\"location\":\"pkg/oci/docker.io/library/debian/vex.json\"}]}";
      String ours = export().toVexRepository(base).text("vex-repository/index.json");

      assertThat(violations("index.schema.json", spec)).singleElement().asString().contains("id");
      assertThat(violations("index.schema.json", ours)).singleElement().asString().contains("id");
    }

    @Test
    void anImageWithoutRepositoryIsLeftOutUnlessOneIsGiven() {
      String bare = "pkg:oci/app@sha256%3A" + HEX;
      VexDocument doc =
          Vex.document("Acme").timestamp(T1).statement(Vex.fixed("CVE-2024-0013", bare)).build();

      ExportResult without = ScannerExport.of(List.of(doc)).toVexRepository(base);
      ExportResult with =
          ScannerExport.of(List.of(doc))
              .withRepositoryUrl("127.0.0.1:5000/team/app")
              .toVexRepository(base);

      assertThat(without.leftOut())
          .containsExactly(
              "CVE-2024-0013 in "
                  + bare
                  + ": fixed: the image's repository is unknown (the index names images by"
                  + " repository_url): give the repository");
      assertThat(with.paths())
          .contains("vex-repository/pkg/oci/127.0.0.1%3A5000/team/app/vex.json");
      assertThat(with.text("vex-repository/index.json"))
          .contains("\"id\": \"pkg:oci/app?repository_url=127.0.0.1:5000/team/app\"");
    }

    @Test
    void anImageNamedByDigestAloneIsLeftOutAsTrivyMatchesByPurl() {
      VexDocument doc =
          Vex.document("Acme")
              .timestamp(T1)
              .statement(Vex.fixed("CVE-2024-0014", "sha256:" + HEX))
              .build();

      ExportResult r =
          ScannerExport.of(List.of(doc))
              .forImage("sha256:" + HEX)
              .withRepositoryUrl("registry.example/team/app")
              .toVexRepository(base);

      assertThat(r.exported()).isEmpty();
      assertThat(r.leftOut())
          .containsExactly(
              "CVE-2024-0014 in sha256:"
                  + HEX
                  + ": fixed: the image is named without a pkg:oci purl, and Trivy matches a"
                  + " repository's statements by purl");
    }

    @Test
    void theBaseUrlMustBeAnAbsoluteHttpUrl() {
      assertThatThrownBy(() -> export().toVexRepository(URI.create("vex/")))
          .isExactlyInstanceOf(dev.waterline.vex.VexException.class)
          .hasMessage(
              "the VEX repository's base URL must be an absolute https:// URL, but was 'vex/'");
    }
  }
}
