package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A legacy document without a document timestamp (§8): {@code merge} upgrades it, giving the new
 * document the time of the merge ({@code SOURCE_DATE_EPOCH}, else the clock), and warns once about
 * what it read leniently; {@code status} reads it.
 */
class LegacyWithoutTimestampTest {
  /** The pre-v0.2.0 shape of go-vex's v001 test documents, written for this test. */
  static final String LEGACY =
      """
      {
        "@context": "https://openvex.dev/ns",
        "@id": "legacy-doc-7",
        "format": "text/vex+json",
        "author": "Jane Roe",
        "role": "issuer",
        "statements": [
          {
            "timestamp": "2023-02-03T04:05:06-05:00",
            "products": ["pkg:apk/wolfi/curl@8.0.0"],
            "vulnerability": "CVE-2023-27533",
            "status": "fixed",
            "status_notes": ""
          }
        ]
      }
      """;

  /** A v0.2.0 document with no time anywhere. */
  static final String TIMELESS =
      """
      {"@context":"https://openvex.dev/ns/v0.2.0","@id":"https://example.test/vex/timeless",
       "author":"t","version":1,"statements":[{"vulnerability":{"name":"CVE-2025-1111"},
       "products":[{"@id":"pkg:golang/example.test/m@1.0"}],"status":"not_affected",
       "justification":"vulnerable_code_not_present"}]}
      """;

  static String warning(Path file) {
    return "waterline: warning: "
        + file
        + " is not valid OpenVEX v0.2.0 and was read leniently: at /@context: legacy @context (an"
        + " unversioned context means OpenVEX v0.0.1): read as v0.2.0; at"
        + " /statements/0/products/0: legacy v0.0.1 shape (a string where v0.2.0 has an object or"
        + " a number, or statement-level subcomponents): upgraded to v0.2.0 on read (2 values;"
        + " also at /statements/0/vulnerability); at /: required field 'version' is missing; at"
        + " /: no document timestamp (required): statements without a timestamp of their own have"
        + " no time and count as the oldest (waterline validate lists every finding)";
  }

  @TempDir Path dir;

  @Test
  void mergeUpgradesItWithTheTimeOfTheMerge() {
    Path legacy = Cli.write(dir.resolve("legacy.json"), LEGACY);
    Cli.Result r = Cli.atFixedTime().run("merge", legacy.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.errLines()).containsExactly(warning(legacy));
    JsonNode doc = r.json();
    assertThat(doc.path("@context").asText()).isEqualTo("https://openvex.dev/ns/v0.2.0");
    assertThat(doc.path("timestamp").asText()).isEqualTo(Cli.EPOCH_RFC3339);
    assertThat(doc.path("version").asInt()).isEqualTo(1);
    assertThat(doc.at("/statements/0/timestamp").asText()).isEqualTo("2023-02-03T09:05:06Z");
    Path upgraded = Cli.write(dir.resolve("upgraded.json"), r.out());
    Cli.Result valid = Cli.atFixedTime().run("validate", "--strict", upgraded.toString());
    assertThat(valid.code()).as(valid.toString()).isZero();
  }

  @Test
  void withoutSourceDateEpochTheClockGivesTheTime() {
    Path legacy = Cli.write(dir.resolve("legacy.json"), LEGACY);
    Cli.Result r =
        Cli.atRealTime()
            .clock(Instant.parse("2026-04-05T06:07:08.900Z"))
            .run("merge", legacy.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.json().path("timestamp").asText()).isEqualTo("2026-04-05T06:07:08Z");
  }

  @Test
  void aStatementWithNoTimeAnywhereTakesTheTimeOfTheMergeAndIsWarnedAbout() {
    Path timeless = Cli.write(dir.resolve("timeless.json"), TIMELESS);
    Cli.Result r = Cli.atFixedTime().run("merge", timeless.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.json().at("/statements/0/timestamp").isMissingNode()).isTrue();
    assertThat(r.errLines())
        .containsExactly(
            "waterline: warning: "
                + timeless
                + " is not valid OpenVEX v0.2.0 and was read leniently: at /: no document"
                + " timestamp (required): statements without a timestamp of their own have no"
                + " time and count as the oldest (waterline validate lists every finding)",
            "waterline: warning: 1 statement has no time in its document or of its own; in the"
                + " merged document it takes the time of the merge, 2026-01-02T03:04:05Z, so it"
                + " counts as the newest where before it counted as the oldest");
  }

  @Test
  void statusReadsItAndWarnsOnce() {
    Path legacy = Cli.write(dir.resolve("legacy.json"), LEGACY);
    Cli.Result r =
        Cli.atFixedTime()
            .run(
                "status",
                "--vex",
                legacy.toString(),
                "-p",
                "pkg:apk/wolfi/curl@8.0.0",
                "-v",
                "CVE-2023-27533");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.outLines().get(0)).isEqualTo("fixed");
    assertThat(r.errLines()).containsExactly(warning(legacy));
  }
}
