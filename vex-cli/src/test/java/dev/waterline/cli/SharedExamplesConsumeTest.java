package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.Validator;
import dev.waterline.vex.VexDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every real OpenVEX example under {@code ${waterline.shared}/openvex/examples} (go-vex's and
 * vexctl's fixtures, the spec's, Trivy's, Rancher's and StackVista's VEX hubs) reads through {@code
 * status} and {@code merge} without refusal: at most one warning line per document, and a merged
 * document that validates. Skipped, saying so, when the shared folder is absent.
 */
class SharedExamplesConsumeTest {
  static List<Path> examples() {
    String shared = System.getProperty("waterline.shared");
    Assumptions.assumeTrue(
        shared != null, "system property waterline.shared is not set: shared examples skipped");
    Path dir = Path.of(shared, "openvex", "examples");
    Assumptions.assumeTrue(
        Files.isDirectory(dir), dir + " does not exist: shared OpenVEX examples skipped");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  final Cli cli = Cli.atFixedTime();

  /** One warning line exactly when the reader accepted something leniently, else none. */
  static void warnsOnceIfLenient(Path f, Cli.Result r) {
    boolean lenient = !VexDocument.read(f).readWarnings().isEmpty();
    List<String> warnings =
        r.errLines().stream().filter(l -> l.contains("was read leniently")).toList();
    assertThat(warnings).hasSize(lenient ? 1 : 0);
    warnings.forEach(w -> assertThat(w).startsWith("waterline: warning: " + f + " is not valid"));
  }

  @TestFactory
  Stream<DynamicTest> statusReadsEveryExample() {
    return examples().stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      Cli.Result r =
                          cli.run(
                              "status", "--vex", f.toString(), "-p", "pkg:generic/x", "-v", "X-1");
                      assertThat(r.code()).as(r.toString()).isZero();
                      assertThat(r.err()).doesNotContain("waterline: error");
                      warnsOnceIfLenient(f, r);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> mergeUpgradesEveryExampleIntoAValidDocument() {
    return examples().stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      Cli.Result r = cli.run("merge", f.toString());
                      assertThat(r.code()).as(r.toString()).isZero();
                      warnsOnceIfLenient(f, r);
                      ValidationReport report =
                          Validator.validate(r.out().getBytes(StandardCharsets.UTF_8));
                      assertThat(report.errors()).as(report.toString()).isEmpty();
                      assertThat(r.json().path("timestamp").asText()).isEqualTo(Cli.EPOCH_RFC3339);
                    }));
  }
}
