package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text from a document or a report is printed for people with what a terminal would act on escaped
 * (escape sequences, BEL, C1 controls, bidi overrides), and documents are written exactly.
 */
class HostileTextTest {
  /**
   * Clears the screen, turns text red, rings the bell, CSI as a C1 control, and a bidi override.
   */
  static final String HOSTILE = "\u001b[2J\u001b[31mRED\u0007\u009b2J\u202eevil";

  static final String ESCAPED = "\\u001b[2J\\u001b[31mRED\\u0007\\u009b2J\\u202eevil";

  @TempDir Path dir;

  private Path vex() {
    String json =
        "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"@id\":\"https://vex.example.com/h\","
            + "\"author\":\"Mallory"
            + HOSTILE
            + "\",\"timestamp\":\"2026-11-01T00:00:00Z\",\"version\":1,\"statements\":["
            + "{\"vulnerability\":{\"name\":\"CVE-2024-0001\"},\"products\":[{\"@id\":"
            + "\"pkg:npm/foo@1.0.0\"}],\"status\":\"not_affected\",\"justification\":"
            + "\"component_not_present\",\"impact_statement\":\"i"
            + HOSTILE
            + "\"},{\"vulnerability\":{\"name\":\"CVE-2024-0003"
            + HOSTILE
            + "\"},\"products\":[{\"@id\":\"pkg:npm/foo@1.0.0\"}],\"status\":\"affected\","
            + "\"action_statement\":\"a"
            + HOSTILE
            + "\"}]}";
    return Cli.write(
        dir.resolve("hostile.json"),
        json.replace("\u001b", "\\u001b").replace("\u0007", "\\u0007"));
  }

  private static Cli.Result triage(Cli cli, Path report, Path vex, String... more) {
    List<String> args =
        new ArrayList<>(List.of("triage", "--report", report.toString(), "--vex", vex.toString()));
    args.addAll(List.of(more));
    return cli.run(args.toArray(new String[0]));
  }

  private static void assertNothingActs(Cli.Result r) {
    assertThat(r.out() + r.err())
        .as(r.toString())
        .doesNotContain("\u001b", "\u0007", "\u009b", "\u202e")
        .contains(ESCAPED);
  }

  @Test
  void statusTriageItsMarkdownAndExportEscapeTheDocumentsText() {
    Path vex = vex();
    Cli cli = Cli.atFixedTime();
    Cli.Result status =
        cli.run(
            "status", "--vex", vex.toString(), "-p", "pkg:npm/foo@1.0.0", "-v", "CVE-2024-0001");
    assertThat(status.code()).as(status.toString()).isZero();
    assertNothingActs(status);
    Path report =
        Cli.write(
            dir.resolve("trivy.json"),
            "{\"SchemaVersion\":2,\"ArtifactName\":\"app\",\"ArtifactType\":\"container_image\","
                + "\"Results\":[{\"Target\":\"t\",\"Class\":\"lang-pkgs\",\"Type\":\"npm\","
                + "\"Vulnerabilities\":[{\"VulnerabilityID\":\"CVE-2024-0003"
                + HOSTILE.replace("\u001b", "\\u001b").replace("\u0007", "\\u0007")
                + "\",\"PkgName\":\"foo\",\"PkgIdentifier\":{\"PURL\":\"pkg:npm/foo@1.0.0\"},"
                + "\"InstalledVersion\":\"1.0.0\",\"Severity\":\"CRITICAL\"}]}]}");
    Cli.Result triage = triage(cli, report, vex);
    assertNothingActs(triage);
    Cli.Result markdown = triage(cli, report, vex, "--format", "markdown");
    // Markdown escapes the brackets of a link too.
    assertThat(markdown.out())
        .as(markdown.toString())
        .doesNotContain("\u001b", "\u0007", "\u009b", "\u202e")
        .contains(ESCAPED.replace("[", "\\["));
    Cli.Result export =
        cli.run(
            "export",
            "--vex",
            vex.toString(),
            "--to",
            "trivy-ignore",
            "--file",
            dir.resolve("ignore.yaml").toString());
    assertThat(export.code()).as(export.toString()).isZero();
    assertNothingActs(export);
  }

  /**
   * A line feed inside a value is escaped too: the vulnerability's name and the author below would
   * otherwise each write a line of their own, one that reads like the CLI's ("2 to remediate", a
   * status, a time).
   */
  @Test
  void aLineFeedInsideAValueWritesNoLineOfItsOwn() {
    String forged = "CVE-2024-0003\\n2 to remediate";
    Path vex =
        Cli.write(
            dir.resolve("forged.json"),
            "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"@id\":\"https://vex.example.com/f\","
                + "\"author\":\"Mallory\\nnot_affected\\n  time:      2020-01-01T00:00:00Z\","
                + "\"timestamp\":\"2026-11-01T00:00:00Z\",\"version\":1,\"statements\":["
                + "{\"vulnerability\":{\"name\":\""
                + forged
                + "\"},\"products\":[{\"@id\":\"pkg:npm/foo@1.0.0\"}],\"status\":\"affected\","
                + "\"action_statement\":\"upgrade\\nfixed\"}]}");
    Path report =
        Cli.write(
            dir.resolve("trivy.json"),
            "{\"SchemaVersion\":2,\"ArtifactName\":\"app\",\"ArtifactType\":\"container_image\","
                + "\"Results\":[{\"Target\":\"t\",\"Class\":\"lang-pkgs\",\"Type\":\"npm\","
                + "\"Vulnerabilities\":[{\"VulnerabilityID\":\""
                + forged
                + "\",\"PkgName\":\"foo\\nexception x\",\"PkgIdentifier\":{\"PURL\":"
                + "\"pkg:npm/foo@1.0.0\"},\"InstalledVersion\":\"1.0.0\",\"Severity\":\"CRITICAL\"}]}]}");
    Cli cli = Cli.atFixedTime();
    Cli.Result status =
        cli.run(
            "status",
            "--vex",
            vex.toString(),
            "-p",
            "pkg:npm/foo@1.0.0",
            "-v",
            "CVE-2024-0003\n2 to remediate");
    assertThat(status.code()).as(status.toString()).isZero();
    assertThat(status.out().lines())
        .as(status.toString())
        .noneMatch(l -> l.startsWith("not_affected") || l.startsWith("  time:      2020"))
        .anyMatch(l -> l.contains("Mallory\\u000anot_affected\\u000a  time:      2020"));
    Cli.Result triage = triage(cli, report, vex);
    assertThat(triage.out().lines())
        .as(triage.toString())
        .noneMatch(l -> l.startsWith("2 to remediate") || l.startsWith("exception x"))
        .anyMatch(
            l ->
                l.startsWith(
                    "exception CVE-2024-0003\\u000a2 to remediate in foo\\u000aexception x"));
    Cli.Result markdown = triage(cli, report, vex, "--format", "markdown");
    assertThat(markdown.out().lines())
        .as(markdown.toString())
        .noneMatch(l -> l.startsWith("2 to remediate") || l.startsWith("exception x"));
  }

  @Test
  void aDocumentWrittenToStandardOutputKeepsItsExactText() {
    Path vex = vex();
    Cli.Result converted = Cli.atFixedTime().run("convert", vex.toString(), "--to", "openvex");
    assertThat(converted.code()).as(converted.toString()).isZero();
    // JSON escapes the C0 controls itself; the C1 control and the override are the document's own.
    assertThat(converted.out()).contains("\u009b2J\u202eevil").doesNotContain("\\u009b");
  }
}
