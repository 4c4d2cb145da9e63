package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} on a v0.2.0-shaped document with the unversioned context (§9): the legacy
 * context is one finding among all the others, in text and JSON.
 */
class UnversionedContextValidationTest {
  static final String DOC =
      """
      {
        "@context": "https://openvex.dev/ns",
        "author": "Example Security",
        "timestamp": "2026-01-01T00:00:00Z",
        "version": 1,
        "statements": [
          {
            "vulnerability": { "name": "CVE-2025-0001" },
            "products": [ { "@id": "pkg:npm/left-pad@1.3.0" } ],
            "status": "affected"
          }
        ]
      }
      """;

  @TempDir Path dir;
  final Cli cli = Cli.atFixedTime();

  @Test
  void textListsTheContextAndEveryOtherFinding() {
    Path f = Cli.write(dir.resolve("unversioned.json"), DOC);
    Cli.Result r = cli.run("validate", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.outLines())
        .containsExactly(
            f + ": error at /: required field '@id' is missing",
            f
                + ": error at /@context: legacy OpenVEX context 'https://openvex.dev/ns'"
                + " (unversioned: v0.0.1): OpenVEX v0.2.0 needs 'https://openvex.dev/ns/v0.2.0';"
                + " Waterline reads and upgrades the legacy form (`waterline merge FILE` writes"
                + " it as v0.2.0)",
            f
                + ": error at /statements/0/status: an affected statement needs an"
                + " action_statement describing how to remediate or mitigate",
            f + ": invalid (3 errors, 0 warnings)");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void jsonListsThemToo() {
    Path f = Cli.write(dir.resolve("unversioned.json"), DOC);
    Cli.Result r = cli.run("validate", "--format", "json", f.toString());
    assertThat(r.code()).isEqualTo(1);
    JsonNode file = r.json().path("files").get(0);
    assertThat(file.path("errors").asInt()).isEqualTo(3);
    assertThat(file.path("findings").findValuesAsText("pointer"))
        .containsExactly("", "/@context", "/statements/0/status");
  }

  @Test
  void theConsumingVerbsReadItWithOneWarning() {
    Path f = Cli.write(dir.resolve("unversioned.json"), DOC);
    Cli.Result r =
        cli.run(
            "status", "--vex", f.toString(), "-p", "pkg:npm/left-pad@1.3.0", "-v", "CVE-2025-0001");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.outLines().get(0)).isEqualTo("affected");
    assertThat(r.errLines())
        .containsExactly(
            "waterline: warning: "
                + f
                + " is not valid OpenVEX v0.2.0 and was read leniently: at /@context: legacy"
                + " @context (an unversioned context means OpenVEX v0.0.1): read as v0.2.0; at /:"
                + " required field '@id' is missing (waterline validate lists every finding)");
  }
}
