package dev.waterline.vex.policy;

import static dev.waterline.vex.policy.Fixtures.A;
import static dev.waterline.vex.policy.Fixtures.B;
import static dev.waterline.vex.policy.Fixtures.C;
import static dev.waterline.vex.policy.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.VexException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputsTest {

  @Nested
  class SeverityWords {
    @ParameterizedTest
    @CsvSource({
      "Critical, CRITICAL",
      "CRITICAL, CRITICAL",
      "High, HIGH",
      "important, HIGH",
      "Medium, MEDIUM",
      "MODERATE, MEDIUM",
      "low, LOW",
      "Negligible, NEGLIGIBLE",
      "none, NEGLIGIBLE",
      "Unknown, UNKNOWN",
      "' high ', HIGH"
    })
    void parsesScannerWordsCaseInsensitively(String word, Severity expected) {
      assertThat(Severity.parse(word)).contains(expected);
    }

    @Test
    void leavesUnknownWordsEmpty() {
      assertThat(Severity.parse("severe")).isEmpty();
      assertThat(Severity.parseOrUnknown("severe")).isEqualTo(Severity.UNKNOWN);
    }

    @ParameterizedTest
    @CsvSource({
      "10.0, CRITICAL",
      "9.0, CRITICAL",
      "8.9, HIGH",
      "7.0, HIGH",
      "6.9, MEDIUM",
      "4.0, MEDIUM",
      "3.9, LOW",
      "0.1, LOW",
      "0.0, UNKNOWN",
      "-1, UNKNOWN",
      "10.1, UNKNOWN",
      "NaN, UNKNOWN"
    })
    void mapsScoresWithTheCvssRanges(double score, Severity expected) {
      assertThat(Severity.fromScore(score)).isEqualTo(expected);
    }

    @Test
    void mapsSarifLevelsAndTrivyNumbers() {
      assertThat(Severity.fromSarifLevel("error")).isEqualTo(Severity.HIGH);
      assertThat(Severity.fromSarifLevel("warning")).isEqualTo(Severity.MEDIUM);
      assertThat(Severity.fromSarifLevel("note")).isEqualTo(Severity.LOW);
      assertThat(Severity.fromSarifLevel("none")).isEqualTo(Severity.UNKNOWN);
      assertThat(Severity.fromTrivyLevel(0)).isEqualTo(Severity.UNKNOWN);
      assertThat(Severity.fromTrivyLevel(1)).isEqualTo(Severity.LOW);
      assertThat(Severity.fromTrivyLevel(2)).isEqualTo(Severity.MEDIUM);
      assertThat(Severity.fromTrivyLevel(3)).isEqualTo(Severity.HIGH);
      assertThat(Severity.fromTrivyLevel(4)).isEqualTo(Severity.CRITICAL);
      assertThat(Severity.fromTrivyLevel(5)).isEqualTo(Severity.UNKNOWN);
      assertThat(Severity.HIGH.toString()).isEqualTo("high");
      assertThat(Severity.CRITICAL.isHighOrCritical()).isTrue();
      assertThat(Severity.MEDIUM.isHighOrCritical()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
      "fixed, FIXED",
      "not-fixed, NOT_FIXED",
      "affected, NOT_FIXED",
      "wont-fix, WONT_FIX",
      "will_not_fix, WONT_FIX",
      "fix_deferred, WONT_FIX",
      "end_of_life, UNKNOWN",
      "unknown, UNKNOWN"
    })
    void mapsFixStates(String word, FixState expected) {
      assertThat(FixState.parse(word)).isEqualTo(expected);
    }
  }

  @Nested
  class Kev {
    static final String FEED =
        "{\"title\": \"t\", \"catalogVersion\": \"2099.01.01\", \"count\": 2, \"vulnerabilities\": ["
            + "{\"cveID\": \"CVE-2099-0001\", \"vendorProject\": \"Acme\", \"product\": \"Widget\","
            + " \"dateAdded\": \"2099-01-01\", \"dueDate\": \"2099-01-22\","
            + " \"knownRansomwareCampaignUse\": \"Known\"},"
            + "{\"cveID\": \"CVE-2099-0002\", \"vendorProject\": \"Acme\", \"product\": \"Gadget\","
            + " \"dateAdded\": \"2099-01-02\", \"dueDate\": \"2099-01-23\","
            + " \"knownRansomwareCampaignUse\": \"Unknown\"}]}";

    @Test
    void readsEntriesAndAnswersContains() {
      KevCatalog kev = KevCatalog.read(utf8(FEED));
      assertThat(kev.size()).isEqualTo(2);
      assertThat(kev.contains("CVE-2099-0001")).isTrue();
      assertThat(kev.contains("CVE-2099-0003")).isFalse();
      assertThat(kev.entry("CVE-2099-0001"))
          .contains(
              KevEntry.of(
                  "CVE-2099-0001",
                  "Acme",
                  "Widget",
                  LocalDate.of(2099, 1, 1),
                  LocalDate.of(2099, 1, 22),
                  true));
      assertThat(kev.entry("CVE-2099-0002").orElseThrow().knownRansomwareCampaignUse()).isFalse();
    }

    @Test
    void findsAFindingThroughItsAliases() {
      KevCatalog kev = KevCatalog.read(utf8(FEED));
      Finding ghsa =
          Finding.builder("GHSA-aaaa-bbbb-cccc").aliases(List.of("CVE-2099-0002")).build();
      assertThat(kev.entryFor(ghsa).map(KevEntry::cveId)).contains("CVE-2099-0002");
      assertThat(kev.entryFor(Finding.builder("CVE-1999-0001").build())).isEmpty();
    }

    @Test
    void rejectsBadEntriesWithPointers() {
      assertThatThrownBy(() -> KevCatalog.read(utf8("{\"vulnerabilities\": {}}")))
          .hasMessage(
              "not a valid CISA KEV catalog at /vulnerabilities: expected an array but found an"
                  + " object");
      assertThatThrownBy(
              () ->
                  KevCatalog.read(
                      utf8(
                          "{\"vulnerabilities\": [{\"cveID\": \"CVE-1\", \"dateAdded\": \"soon\"}]}")))
          .hasMessage(
              "not a valid CISA KEV catalog at /vulnerabilities/0/dateAdded: expected a date"
                  + " YYYY-MM-DD but found 'soon'");
      assertThatThrownBy(
              () -> KevCatalog.read(utf8("{\"vulnerabilities\": [{\"cveID\": \"GHSA-1\"}]}")))
          .hasMessage(
              "not a valid CISA KEV catalog at /vulnerabilities/0/cveID: expected a CVE id but"
                  + " found 'GHSA-1'");
      assertThatThrownBy(() -> KevCatalog.read(utf8("{}")))
          .hasMessage(
              "not a valid CISA KEV catalog at /: missing required array 'vulnerabilities'");
    }

    @Test
    void rejectsACountThatDisagreesWithTheEntries() {
      assertThatThrownBy(() -> KevCatalog.read(utf8(FEED.replace("\"count\": 2", "\"count\": 3"))))
          .hasMessage(
              "not a valid CISA KEV catalog at /count: the catalog says it has 3 entries but lists"
                  + " 2 (truncated or edited?)");
      assertThatThrownBy(
              () -> KevCatalog.read(utf8(FEED.replace("\"count\": 2", "\"count\": \"2\""))))
          .hasMessage(
              "not a valid CISA KEV catalog at /count: expected an integer but found a string");
    }

    @Test
    void namesTheFile(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("kev.json");
      Files.writeString(file, "nope");
      assertThatThrownBy(() -> KevCatalog.read(file))
          .isInstanceOf(InputParseException.class)
          .hasMessageStartingWith(file + ": not valid JSON at line 1, column 1: ");
    }
  }

  @Nested
  class Epss {
    static final String CSV =
        "#model_version:v2025.03.14,score_date:2026-05-18T00:00:00Z\n"
            + "cve,epss,percentile\n"
            + "CVE-1999-0001,0.0046,0.7385\r\n"
            + "\n"
            + "CVE-2021-44228,0.94358,0.99985\n";

    @Test
    void readsScoresAndTheCommentLine() {
      EpssScores epss = EpssScores.read(utf8(CSV));
      assertThat(epss.size()).isEqualTo(2);
      assertThat(epss.score("CVE-2021-44228")).hasValue(0.94358);
      assertThat(epss.percentile("cve-2021-44228")).hasValue(0.99985);
      assertThat(epss.score("CVE-2000-0000")).isEmpty();
      assertThat(epss.modelVersion()).contains("v2025.03.14");
      assertThat(epss.scoreDate()).contains("2026-05-18T00:00:00Z");
      assertThat(epss.toString()).isEqualTo("EpssScores[v2025.03.14 2026-05-18T00:00:00Z, 2 CVEs]");
    }

    @Test
    void readsGzip() throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(utf8(CSV));
      }
      assertThat(EpssScores.read(out.toByteArray()).score("CVE-1999-0001")).hasValue(0.0046);
    }

    @Test
    void acceptsAFeedWithoutTheCommentLine() {
      assertThat(EpssScores.read(utf8("cve,epss,percentile\nCVE-1-1,0.5,0.5\n")).size())
          .isEqualTo(1);
      assertThat(EpssScores.of(Map.of("cve-1-1", new double[] {0.1, 0.2})).score("CVE-1-1"))
          .hasValue(0.1);
    }

    @Test
    void rejectsBadRowsWithTheLine() {
      assertThatThrownBy(() -> EpssScores.read(utf8("cve,epss,percentile\nCVE-1-1,high,0.5\n")))
          .isInstanceOf(InputParseException.class)
          .hasMessage(
              "not a valid EPSS CSV file at line 2: expected a number for epss but found 'high'");
      assertThatThrownBy(() -> EpssScores.read(utf8("cve,epss,percentile\nCVE-1-1,1.5,0.5\n")))
          .hasMessage(
              "not a valid EPSS CSV file at line 2: expected epss between 0 and 1 but found 1.5");
      assertThatThrownBy(() -> EpssScores.read(utf8("cve,epss,percentile\nCVE-1-1,0.5\n")))
          .hasMessage(
              "not a valid EPSS CSV file at line 2: expected three columns cve,epss,percentile"
                  + " but found 'CVE-1-1,0.5'");
      assertThatThrownBy(
              () ->
                  EpssScores.read(
                      utf8("cve,epss,percentile\nCVE-1-1," + "1".repeat(500) + ",0.5\n")))
          .hasMessageContaining("expected a number for epss");
      assertThatThrownBy(() -> EpssScores.read(utf8("a,b,c\n")))
          .hasMessage(
              "not a valid EPSS CSV file at line 1: expected the header 'cve,epss,percentile'"
                  + " but found 'a,b,c'");
      assertThatThrownBy(() -> EpssScores.read(utf8("")))
          .hasMessage("not a valid EPSS CSV file at /: no 'cve,epss,percentile' header found");
      assertThatThrownBy(() -> EpssScores.read(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}))
          .hasMessageStartingWith("not a readable EPSS CSV file at /: gzip data is corrupt: ");
    }
  }

  @Nested
  class Waterlines {
    final ScanReport report =
        ScanReport.builder(ReportFormat.TRIVY_JSON, "trivy")
            .imageReference("registry.example/app:1.0")
            .diffIds(List.of(A, B, C))
            .build();

    Finding in(String layer) {
      return Finding.builder("CVE-1").layerDiffId(layer).build();
    }

    @Test
    void classifiesByLayerPosition() {
      Waterline w = Waterline.of(A, B);
      assertThat(w.classify(report, in(A))).isEqualTo(Waterline.Position.BELOW);
      assertThat(w.classify(report, in(B))).isEqualTo(Waterline.Position.BELOW);
      assertThat(w.classify(report, in(C))).isEqualTo(Waterline.Position.ABOVE);
    }

    @Test
    void treatsUnknownOriginAsUnknownNeverBelow() {
      Waterline w = Waterline.of(A);
      assertThat(w.classify(report, Finding.builder("CVE-1").build()))
          .isEqualTo(Waterline.Position.UNKNOWN);
      assertThat(w.classify(report, in("sha256:" + "d".repeat(64))))
          .isEqualTo(Waterline.Position.UNKNOWN);
      ScanReport sarif = ScanReport.builder(ReportFormat.SARIF, "x").build();
      assertThat(w.classify(sarif, in(A))).isEqualTo(Waterline.Position.UNKNOWN);
      assertThat(Waterline.Position.UNKNOWN.isBelow()).isFalse();
      assertThat(w.checkBaseOf(sarif)).isFalse();
    }

    @Test
    void refusesABaseThatIsNotAPrefix() {
      assertThatThrownBy(() -> Waterline.of(B).classify(report, in(A)))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "base image is not a base of registry.example/app:1.0: layer 0 is "
                  + B
                  + " in the base but "
                  + A
                  + " in the image");
      assertThatThrownBy(() -> Waterline.of(A, B, C, A).named("base image x:1").checkBaseOf(report))
          .hasMessage(
              "base image x:1 is not a base of registry.example/app:1.0: the base has 4 layers but"
                  + " the image only 3");
    }

    @Test
    void parsesLinesWithCommentsAndBlankLines() {
      Waterline w = Waterline.parse("# base: debian\n\n" + A + "\r\n  " + B + "  \n# end\n");
      assertThat(w.baseDiffIds()).containsExactly(A, B);
      assertThat(w.toString())
          .isEqualTo("Waterline[base image, 2 layers, top sha256:bbbbbbbbbbbb]");
    }

    @Test
    void parsesAJsonArray() {
      assertThat(Waterline.parse(" [\"" + A + "\", \"" + C + "\"]\n").baseDiffIds())
          .containsExactly(A, C);
    }

    @Test
    void rejectsBadDiffIdsWithLineOrPointer() {
      assertThatThrownBy(() -> Waterline.parse("# x\n" + A + "\nsha256:xyz\n"))
          .isInstanceOf(InputParseException.class)
          .hasMessage(
              "not a valid base diffIDs file at line 3: expected sha256:<64 lower-case hex digits>"
                  + " but found 'sha256:xyz'");
      assertThatThrownBy(() -> Waterline.parse("[\"" + A + "\", 5]"))
          .hasMessage("not a valid base diffIDs file at /1: expected a string but found a number");
      assertThatThrownBy(() -> Waterline.parse("# nothing\n"))
          .hasMessage("not a valid base diffIDs file at /: no diffIDs found");
      assertThatThrownBy(() -> Waterline.of(List.of()))
          .isExactlyInstanceOf(dev.waterline.vex.VexException.class);
      assertThatThrownBy(() -> Waterline.of("sha256:ABC"))
          .hasMessage(
              "diffID 0: expected sha256:<64 lower-case hex digits> but found 'sha256:ABC'");
    }

    @Test
    void readsAFileAndNamesIt(@TempDir Path dir) throws IOException {
      Path file = dir.resolve("base.txt");
      Files.writeString(file, A + "\n");
      assertThat(Waterline.read(file).name()).isEqualTo("base image from " + file);
      Files.writeString(file, "oops\n");
      assertThatThrownBy(() -> Waterline.read(file))
          .hasMessage(
              file
                  + ": not a valid base diffIDs file at line 1: expected sha256:<64 lower-case hex"
                  + " digits> but found 'oops'");
    }

    @Test
    void takesTheBaseFromItsOwnScan() {
      ScanReport baseScan =
          ScanReport.builder(ReportFormat.GRYPE_JSON, "grype")
              .imageReference("debian:12")
              .diffIds(List.of(A))
              .build();
      Waterline w = Waterline.of(baseScan);
      assertThat(w.name()).isEqualTo("base image debian:12");
      assertThat(w.classify(report, in(A))).isEqualTo(Waterline.Position.BELOW);
      assertThatThrownBy(() -> Waterline.of(ScanReport.builder(ReportFormat.SARIF, "x").build()))
          .hasMessage(
              "Tried to take the base image's layers from the scanned image but its SARIF report"
                  + " does not list them");
    }
  }
}
