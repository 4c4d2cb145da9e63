package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.formats.VexFormat;
import dev.waterline.vex.formats.VexFormats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -} names standard input wherever a VEX document or report is read, once a command. */
class StandardInputTest {
  final Cli cli = Cli.atFixedTime();

  @TempDir Path dir;

  static byte[] ours() {
    return DialectsCommandTest.OURS.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] oursAs(VexFormat format) {
    return VexFormats.write(VexDocument.parse(DialectsCommandTest.OURS), format).bytes();
  }

  @Test
  void convertReadsTheDocumentFromStandardInput() {
    Cli.Result r = cli.runWithInput(oursAs(VexFormat.CYCLONEDX), "convert", "-", "--to", "openvex");
    assertThat(r.code()).as(r.toString()).isZero();
    VexDocument back = VexDocument.parse(r.out());
    assertThat(back.effective("pkg:deb/debian/zlib", "CVE-2024-0002").orElseThrow().status())
        .hasToString("not_affected");
  }

  @Test
  void statusAnswersFromAVexOnStandardInput() {
    Cli.Result r =
        cli.runWithInput(
            oursAs(VexFormat.CSAF),
            "status",
            "--vex",
            "-",
            "--product",
            "pkg:deb/debian/openssl",
            "--vuln",
            "CVE-2024-0001");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.outLines().get(0)).startsWith("fixed");
  }

  @Test
  void triageTakesItsVexFromStandardInputAndDecidesAsFromAFile() {
    Path report = Cli.write(dir.resolve("trivy.json"), TriageCommandTest.TRIVY);
    Path file = Cli.write(dir.resolve("ours.json"), DialectsCommandTest.OURS);
    Cli.Result fromFile =
        cli.run(
            "triage", "--report", report.toString(), "--vex", file.toString(), "--format", "json");
    Cli.Result fromStdin =
        cli.runWithInput(
            ours(), "triage", "--report", report.toString(), "--vex", "-", "--format", "json");
    assertThat(fromStdin.code()).as(fromStdin.toString()).isEqualTo(fromFile.code());
    assertThat(DialectsCommandTest.decisions(fromStdin))
        .isEqualTo(DialectsCommandTest.decisions(fromFile))
        .hasSize(3);
  }

  @Test
  void validateSaysWhatIsWrongWithADocumentOnStandardInput() {
    Cli.Result r =
        cli.runWithInput("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8), "validate", "-");
    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out() + r.err()).contains("-: ").contains("duplicate");
  }

  @Test
  void standardInputNamedTwiceInOneCommandIsAUsageError() {
    Cli.Result r = cli.runWithInput(ours(), "merge", "-", "-");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "standard input ('-') can be read only once in a command: give '-' for one input");
  }

  @Test
  void addPrintsTheDocumentFromStandardInputButCannotEditItInPlace() {
    String[] statement = {
      "--product", "pkg:deb/debian/curl", "--vuln", "CVE-2024-0009", "--status", "fixed"
    };
    // at real time: the fixed test time predates the document
    Cli now = Cli.atRealTime();
    Cli.Result printed = now.runWithInput(ours(), concat(new String[] {"add", "-"}, statement));
    assertThat(printed.code()).as(printed.toString()).isZero();
    assertThat(VexDocument.parse(printed.out()).statements()).hasSize(4);
    Cli.Result inPlace =
        cli.runWithInput(ours(), concat(new String[] {"add", "-", "-i"}, statement));
    assertThat(inPlace.code()).isEqualTo(2);
    assertThat(inPlace.err())
        .contains("-i/--in-place edits a file: standard input ('-') has none to write");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
