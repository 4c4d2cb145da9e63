package dev.waterline.vex.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.VexDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What vex-formats writes, checked by validators we did not write: the BSI's CSAF validator
 * ({@code @secvisogram/csaf-validator-lib}: the strict CSAF 2.0 schema and every mandatory test)
 * and ajv with the official CycloneDX schemas of each version, both driven by the scripts in {@code
 * scripts/interop-formats/}. Needs {@code scripts/interop-formats/install.sh} (which the test
 * command runs) and Node; skipped with that message otherwise.
 */
class InteropTest {
  private static Path scripts;
  private static Path schemas;

  @TempDir Path tmp;

  @BeforeAll
  static void tools() throws Exception {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    Path found = null;
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("scripts/interop-formats/install.sh"))) {
        found = p;
        break;
      }
    }
    assumeTrue(found != null, "skipped: scripts/interop-formats not found above " + dir);
    scripts = found.resolve("scripts/interop-formats");
    schemas =
        found.resolve(
            "vex-formats/src/main/resources/dev/waterline/vex/formats/internal/schema/cyclonedx");
    assumeTrue(
        Files.isDirectory(scripts.resolve("node_modules/@secvisogram/csaf-validator-lib")),
        "skipped: run scripts/interop-formats/install.sh (no node_modules)");
    assumeTrue(run(List.of("node", "--version")).code == 0, "skipped: no node on the PATH");
  }

  record Outcome(int code, String output) {}

  private static Outcome run(List<String> command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Outcome(127, String.valueOf(e.getMessage()));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Outcome(p.waitFor(), out);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = tmp.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private Outcome csaf(List<Path> files) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of("node", scripts.resolve("validate-csaf.mjs").toString()));
    files.forEach(f -> cmd.add(f.toString()));
    return run(cmd);
  }

  private Outcome cycloneDx(List<Path> files) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "node", scripts.resolve("validate-cyclonedx.mjs").toString(), schemas.toString()));
    files.forEach(f -> cmd.add(f.toString()));
    return run(cmd);
  }

  @Nested
  class TheBsiCsafValidator {
    /** One run of the validator (it takes long to start): ours must pass, the bad case fail. */
    @Test
    void acceptsEveryCsafWeWriteAndRejectsADocumentThatBreaksAMandatoryTest() throws Exception {
      List<Path> ours = new ArrayList<>();
      ours.add(
          write(
              "generated.csaf.json",
              VexFormats.write(Generated.document(11, 200), VexFormat.CSAF).bytes()));
      ours.add(
          write(
              "pipe.csaf.json",
              VexFormats.write(CsafProductTreeTest.pipeInAProductId(), VexFormat.CSAF).bytes()));
      ours.add(
          write(
              "odd.csaf.json",
              VexFormats.write(CsafProductTreeTest.oddIdentifiers(), VexFormat.CSAF).bytes()));
      ours.add(
          write(
              "awkward.csaf.json",
              VexFormats.write(Generated.oddDocument(13, 300), VexFormat.CSAF).bytes()));
      ours.add(
          write(
              "spaced-id.csaf.json",
              VexFormats.write(
                      CsafTrackingIdTest.withId(" https://vex.example.com/docs/1 "), VexFormat.CSAF)
                  .bytes()));
      List<String> inputs = new ArrayList<>();
      OfficialExamplesTest.cycloneDxExamples().forEach(inputs::add);
      OfficialExamplesTest.csafExamples().forEach(inputs::add);
      for (String name : inputs) {
        byte[] in = OfficialExamplesTest.resource(name);
        ours.add(write(name.replace('/', '_'), VexFormats.convert(in, VexFormat.CSAF).bytes()));
      }
      Path bad =
          write(
              "bad.json",
              OfficialExamplesTest.resource(
                  "csaf/validator/oasis_csaf_tc-csaf_2_0-2021-6-1-27-09-01.json"));
      List<Path> all = new ArrayList<>(ours);
      all.add(bad);
      Outcome o = csaf(all);
      List<String> lines = o.output.lines().collect(java.util.stream.Collectors.toList());
      for (Path f : ours) {
        assertThat(lines).as(o.output).contains("OK " + f);
      }
      assertThat(lines)
          .anySatisfy(l -> assertThat(l).startsWith("FAIL " + bad + ": mandatoryTest_6_1_27_9"));
      assertThat(o.code).isEqualTo(1);
    }
  }

  @Nested
  class TheOfficialCycloneDxSchemas {
    @Test
    void acceptEveryVersionWeWrite() throws Exception {
      VexDocument doc = Generated.document(12, 400);
      List<Path> files = new ArrayList<>();
      files.add(
          write(
              "awkward.cdx.json",
              VexFormats.write(Generated.oddDocument(13, 300), VexFormat.CYCLONEDX).bytes()));
      for (String v : WriteOptions.CYCLONEDX_VERSIONS) {
        files.add(
            write(
                "generated-" + v + ".cdx.json",
                VexFormats.write(doc, WriteOptions.of(VexFormat.CYCLONEDX).withCycloneDxVersion(v))
                    .bytes()));
      }
      for (String name :
          OfficialExamplesTest.csafExamples().collect(java.util.stream.Collectors.toList())) {
        files.add(
            write(
                name.replace('/', '_'),
                VexFormats.convert(OfficialExamplesTest.resource(name), VexFormat.CYCLONEDX)
                    .bytes()));
      }
      Outcome o = cycloneDx(files);
      assertThat(o.code).as(o.output).isZero();
    }

    @Test
    void rejectAnAnalysisStateOutsideTheSchema() throws Exception {
      Path f =
          write(
              "bad.cdx.json",
              ("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,"
                      + "\"vulnerabilities\":[{\"id\":\"CVE-2024-1\",\"analysis\":{\"state\":\"fine\"}}]}")
                  .getBytes(StandardCharsets.UTF_8));
      Outcome o = cycloneDx(List.of(f));
      assertThat(o.code).isEqualTo(1);
      assertThat(o.output).contains("/vulnerabilities/0/analysis/state");
    }
  }
}
