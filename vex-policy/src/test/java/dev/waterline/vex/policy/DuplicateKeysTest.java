package dev.waterline.vex.policy;

import static dev.waterline.vex.policy.Fixtures.A;
import static dev.waterline.vex.policy.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A member named twice in one JSON object is refused in every format vex-policy reads, wherever it
 * is (also inside members triage skips, and inside Grype's base64 image config), as a syntax error
 * naming its JSON pointer, line and column. Last-key-wins would let a second {@code "Results": []}
 * hide a Trivy report's findings and pass the gate (issue 12).
 *
 * <p>Formats: Grype JSON, Trivy JSON, SARIF from Grype, Trivy and Snyk (read as a report and
 * filtered), the CISA KEV catalog, the policy file and the JSON form of the base diffIDs. EPSS is
 * read as CSV only (no JSON form is accepted), and the triage report's JSON is written, never read
 * back.
 */
class DuplicateKeysTest {

  /**
   * {@code json} with {@code , "<key>": <value>} inserted right after the value of the first member
   * {@code key} of the object at {@code objectPointer}: the later, duplicate member is the one a
   * last-key-wins reader would keep.
   */
  static String duplicate(String json, String objectPointer, String key, String value) {
    byte[] bytes = utf8(json);
    String target = Json.pointer(objectPointer, key);
    try (JsonParser p = Json.parser(bytes)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME && Json.pointer(p).equals(target)) {
          p.nextToken();
          p.skipChildren();
          p.getText(); // finishes a string value, so that the location is after it
          int end = (int) p.currentLocation().getByteOffset();
          String before = new String(bytes, 0, end, StandardCharsets.UTF_8);
          String after = new String(bytes, end, bytes.length - end, StandardCharsets.UTF_8);
          return before + ", \"" + key + "\": " + value + after;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("no member " + target + " in the fixture");
  }

  static String fixture(String name) {
    return new String(Fixtures.resource(name), StandardCharsets.UTF_8);
  }

  static InputParseException reportFailure(String json) {
    InputParseException e =
        catchThrowableOfType(InputParseException.class, () -> ScanReports.read(utf8(json)));
    assertThat(e).as("a report with a duplicate key must be refused").isNotNull();
    return e;
  }

  static void assertDuplicate(InputParseException e, String pointer, String key) {
    assertThat(e.kind()).isEqualTo(InputParseException.Kind.SYNTAX);
    assertThat(e.pointer()).isEqualTo(pointer);
    assertThat(e.detail()).isEqualTo("duplicate field '" + key + "' in one object");
    assertThat(e.line()).isPositive();
    assertThat(e.column()).isPositive();
    assertThat(e.getMessage())
        .isEqualTo(
            "not valid JSON at "
                + pointer
                + " (line "
                + e.line()
                + ", column "
                + e.column()
                + "): duplicate field '"
                + key
                + "' in one object");
  }

  @Nested
  class Trivy {
    @Test
    void aSecondEmptyResultsIsRefusedRatherThanHidingTheFindings() {
      String json = fixture("trivy-small.json");
      assertThat(ScanReports.read(utf8(json)).findings()).hasSize(3);
      InputParseException e = reportFailure(duplicate(json, "", "Results", "[]"));
      assertDuplicate(e, "/Results", "Results");
    }

    @Test
    void aFileWithASecondResultsIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("trivy.json");
      Files.writeString(file, duplicate(fixture("trivy-small.json"), "", "Results", "[]"));
      InputParseException e = catchThrowableOfType(InputParseException.class, () -> read(file));
      assertThat(e.source()).contains(file.toString());
      assertThat(e.pointer()).isEqualTo("/Results");
      assertThat(e.getMessage())
          .startsWith(file + ": not valid JSON at /Results (line ")
          .endsWith("): duplicate field 'Results' in one object");
    }

    @Test
    void aDuplicateInsideAFindingIsRefused() {
      String json =
          duplicate(
              fixture("trivy-small.json"), "/Results/0/Vulnerabilities/0", "Severity", "\"LOW\"");
      assertDuplicate(reportFailure(json), "/Results/0/Vulnerabilities/0/Severity", "Severity");
    }

    @Test
    void aDuplicateInsideAMemberTriageSkipsIsStillRefused() {
      // "Packages" and "history" are not built into the tree, but the parser still checks them.
      String json =
          fixture("trivy-small.json")
              .replaceFirst(
                  "\"Results\": \\[",
                  "\"Packages\": [{\"Name\": \"a\", \"Name\": \"b\"}], \"Results\": [");
      assertDuplicate(reportFailure(json), "/Packages/0/Name", "Name");
    }

    private ScanReport read(Path file) throws IOException {
      return ScanReports.read(file);
    }
  }

  @Nested
  class Grype {
    @Test
    void aSecondEmptyMatchesIsRefused() {
      String json = fixture("grype-small.json");
      assertThat(ScanReports.read(utf8(json)).findings()).isNotEmpty();
      assertDuplicate(reportFailure(duplicate(json, "", "matches", "[]")), "/matches", "matches");
    }

    @Test
    void aDuplicateVulnerabilityIdIsRefused() {
      String json =
          duplicate(fixture("grype-small.json"), "/matches/0/vulnerability", "id", "\"CVE-0\"");
      assertDuplicate(reportFailure(json), "/matches/0/vulnerability/id", "id");
    }

    @Test
    void aDuplicateInTheBase64ImageConfigIsRefused() {
      String config =
          Base64.getEncoder()
              .encodeToString(
                  utf8(
                      "{\"rootfs\": {\"type\": \"layers\", \"diff_ids\": [\""
                          + A
                          + "\"], \"diff_ids\": []}}"));
      String json =
          "{\"matches\": [], \"descriptor\": {\"name\": \"grype\"}, \"source\": {\"type\":"
              + " \"image\", \"target\": {\"userInput\": \"x\", \"config\": \""
              + config
              + "\"}}}";
      InputParseException e = reportFailure(json);
      assertThat(e.kind()).isEqualTo(InputParseException.Kind.DATA);
      assertThat(e.pointer()).isEqualTo("/source/target/config");
      assertThat(e.detail())
          .startsWith("expected the base64 of a JSON image config but not valid JSON at")
          .contains("/rootfs/diff_ids")
          .endsWith("duplicate field 'diff_ids' in one object");
    }
  }

  @Nested
  class Sarif {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"sarif-grype-small.json", "sarif-trivy-small.json", "sarif-snyk-small.json"})
    void aSecondEmptyResultsInARunIsRefusedAsAReport(String name) {
      String json = fixture(name);
      assertThat(ScanReports.read(utf8(json)).findings()).isNotEmpty();
      InputParseException e = reportFailure(duplicate(json, "/runs/0", "results", "[]"));
      assertDuplicate(e, "/runs/0/results", "results");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sarif-grype-small.json", "sarif-trivy-small.json", "sarif-snyk-small.json"})
    void aSecondEmptyResultsInARunIsRefusedByTheFilter(String name) {
      String json = duplicate(fixture(name), "/runs/0", "results", "[]");
      assertThatThrownBy(() -> SarifFilter.of(List.of()).filter(utf8(json), "r.sarif"))
          .isInstanceOf(VexException.class)
          .hasMessageStartingWith("could not read SARIF report r.sarif: not valid JSON at")
          .hasMessageContaining("/runs/0/results (line ")
          .hasMessageEndingWith("): duplicate field 'results' in one object");
    }

    @Test
    void aSecondRunsIsRefused() {
      String json = duplicate(fixture("sarif-trivy-small.json"), "", "runs", "[]");
      assertDuplicate(reportFailure(json), "/runs", "runs");
    }

    @Test
    void aDuplicateRuleIdIsRefused() {
      String json =
          duplicate(fixture("sarif-grype-small.json"), "/runs/0/results/0", "ruleId", "\"x\"");
      assertDuplicate(reportFailure(json), "/runs/0/results/0/ruleId", "ruleId");
    }
  }

  @Nested
  class Kev {
    static final String FEED =
        "{\"catalogVersion\": \"2099.01.01\", \"count\": 1, \"vulnerabilities\": [{\"cveID\":"
            + " \"CVE-2099-0001\", \"dateAdded\": \"2099-01-01\"}]}";

    @Test
    void aSecondCveIdInAnEntryIsRefused() {
      assertThat(KevCatalog.read(utf8(FEED)).contains("CVE-2099-0001")).isTrue();
      String json = duplicate(FEED, "/vulnerabilities/0", "cveID", "\"CVE-1999-0001\"");
      InputParseException e =
          catchThrowableOfType(InputParseException.class, () -> KevCatalog.read(utf8(json)));
      assertDuplicate(e, "/vulnerabilities/0/cveID", "cveID");
      assertThat(e.what()).isEqualTo("CISA KEV catalog");
    }

    @Test
    void aSecondVulnerabilitiesListIsRefused() {
      String json = duplicate(FEED, "", "vulnerabilities", "[]");
      InputParseException e =
          catchThrowableOfType(InputParseException.class, () -> KevCatalog.read(utf8(json)));
      assertDuplicate(e, "/vulnerabilities", "vulnerabilities");
    }

    @Test
    void aFileWithADuplicateIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("kev.json");
      Files.writeString(file, duplicate(FEED, "", "count", "0"));
      assertThatThrownBy(() -> KevCatalog.read(file))
          .isInstanceOf(InputParseException.class)
          .hasMessageStartingWith(file + ": not valid JSON at /count (line 1, column ")
          .hasMessageEndingWith("): duplicate field 'count' in one object");
    }
  }

  @Nested
  class Policies {
    static final String POLICY =
        "{\"severities\": {\"critical\": \"remediate\"}, \"kev\": {\"always_in_scope\": true}}";

    @Test
    void aSecondSeveritiesObjectIsRefused() {
      assertThat(Policy.parse(POLICY).rule(Severity.CRITICAL)).isEqualTo(Policy.Rule.REMEDIATE);
      String json = duplicate(POLICY, "", "severities", "{\"critical\": \"accept\"}");
      assertThatThrownBy(() -> Policy.parse(json))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "could not read policy policy: not valid JSON at /severities (line 1, column 55):"
                  + " duplicate field 'severities' in one object");
    }

    @Test
    void aSecondRuleForOneSeverityIsRefused() {
      String json = duplicate(POLICY, "/severities", "critical", "\"accept\"");
      assertThatThrownBy(() -> Policy.parse(json))
          .hasMessageStartingWith(
              "could not read policy policy: not valid JSON at /severities/critical (line 1,")
          .hasMessageEndingWith("): duplicate field 'critical' in one object");
    }

    @Test
    void aFileWithADuplicateIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("policy.json");
      Files.writeString(file, duplicate(POLICY, "/kev", "always_in_scope", "false"));
      assertThatThrownBy(() -> Policy.read(file))
          .isInstanceOf(VexException.class)
          .hasMessageStartingWith(
              "could not read policy " + file + ": not valid JSON at /kev/always_in_scope (line")
          .hasMessageEndingWith("): duplicate field 'always_in_scope' in one object");
    }
  }

  @Nested
  class OtherInputs {
    @Test
    void anObjectWithADuplicateInTheJsonFormOfBaseDiffIdsIsASyntaxError() {
      InputParseException e =
          catchThrowableOfType(
              InputParseException.class,
              () -> Waterline.parse("[\"" + A + "\", {\"a\": 1, \"a\": 2}]"));
      assertDuplicate(e, "/1/a", "a");
      assertThat(e.what()).isEqualTo("base diffIDs file");
    }

    @Test
    void epssTakesNoJsonAtAll() {
      assertThatThrownBy(() -> EpssScores.read(utf8("{\"cve\": 1, \"cve\": 2}")))
          .isInstanceOf(InputParseException.class)
          .hasMessage(
              "not a valid EPSS CSV file at line 1: expected the header 'cve,epss,percentile'"
                  + " but found '{\"cve\": 1, \"cve\": 2}'");
    }
  }
}
