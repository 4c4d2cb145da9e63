package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.formats.VexFormat;
import dev.waterline.vex.formats.VexFormats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
  private final Cli cli = Cli.atFixedTime();

  @TempDir Path dir;

  static final String WITH_SUPPLIER =
      Fixtures.OURS.replace(
          "\"status\": \"under_investigation\"",
          "\"status\": \"under_investigation\", \"supplier\": \"Acme\"");

  @Nested
  class ToCsaf {
    @Test
    void writesValidCsafAndPrintsEachLossWithItsPointer() {
      Path f = Cli.write(dir.resolve("ours.json"), WITH_SUPPLIER);
      Cli.Result r = cli.run("convert", f.toString(), "--to", "csaf");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.errLines())
          .containsExactly("waterline: warning at /statements/1: not carried by CSAF: supplier");
      byte[] csaf = r.out().getBytes(StandardCharsets.UTF_8);
      assertThat(VexFormats.detect(csaf)).contains(VexFormat.CSAF);
      assertThat(VexFormats.validate(csaf).findings()).isEmpty();
    }

    @Test
    void writesTheFileGivenAndNothingOnStdout() throws IOException {
      Path f = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Path out = dir.resolve("ours.csaf.json");
      Cli.Result r = cli.run("convert", f.toString(), "--to", "csaf", "--file", out.toString());
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).isEmpty();
      VexDocument back = VexFormats.read(Files.readAllBytes(out)).document();
      assertThat(back.effective(Fixtures.APP, "CVE-2023-44487").orElseThrow().status())
          .isEqualTo(Status.NOT_AFFECTED);
    }
  }

  @Nested
  class BackToOpenVex {
    @Test
    void readsCycloneDxItWroteAndGivesTheSameStatements() throws IOException {
      Path f = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Path cdx = dir.resolve("ours.cdx.json");
      assertThat(
              cli.run(
                      "convert",
                      f.toString(),
                      "--to",
                      "cyclonedx",
                      "--cyclonedx-version",
                      "1.4",
                      "--file",
                      cdx.toString())
                  .code())
          .isZero();
      assertThat(Files.readString(cdx)).contains("\"specVersion\": \"1.4\"");
      Cli.Result r =
          cli.run("convert", cdx.toString(), "--to", "openvex", "--input-format", "cyclonedx");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(VexDocument.parse(r.out()).statements())
          .isEqualTo(VexDocument.parse(Fixtures.OURS).statements());
    }
  }

  @Nested
  class BadInput {
    @Test
    void aDocumentOfNoDialectExitsTwoWithOneLine() {
      Path f = Cli.write(dir.resolve("x.json"), "{\"hello\": \"world\"}");
      Cli.Result r = cli.run("convert", f.toString(), "--to", "csaf");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: "
                  + f
                  + ": not a VEX document at /: expected a VEX document: OpenVEX (an @context"
                  + " under https://openvex.dev/ns), CSAF 2.0 (a document with a csaf_version) or"
                  + " CycloneDX (bomFormat CycloneDX)");
    }

    @Test
    void anUnknownTargetIsAUsageError() {
      Path f = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Cli.Result r = cli.run("convert", f.toString(), "--to", "spdx");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: Invalid value for option '--to': 'spdx' is not a VEX format;"
                  + " expected one of [openvex, csaf, cyclonedx] (see 'waterline convert --help')");
    }

    @Test
    void aFileInADirectoryThatIsNotThereNamesTheDirectory() {
      Path f = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Path out = dir.resolve("missing").resolve("ours.csaf.json");
      Cli.Result r = cli.run("convert", f.toString(), "--to", "csaf", "--file", out.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: cannot write "
                  + out
                  + ": no such directory: "
                  + dir.resolve("missing"));
      Path file = Cli.write(dir.resolve("plain.txt"), "x");
      Path under = file.resolve("ours.csaf.json");
      Cli.Result r2 = cli.run("convert", f.toString(), "--to", "csaf", "--file", under.toString());
      assertThat(r2.code()).isEqualTo(2);
      assertThat(r2.errLines())
          .containsExactly(
              "waterline: error: cannot write " + under + ": not a directory: " + file);
      assertThat(Cli.read(file)).isEqualTo("x");
    }

    @Test
    void anUnknownCycloneDxVersionIsAUsageError() {
      Path f = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Cli.Result r =
          cli.run("convert", f.toString(), "--to", "cyclonedx", "--cyclonedx-version", "1.3");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: CycloneDX version: expected one of [1.4, 1.5, 1.6, 1.7] but was"
                  + " '1.3'");
    }
  }
}
