package dev.waterline.vex;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every real OpenVEX example under {@code ${waterline.shared}/openvex/examples} — what go-vex,
 * vexctl, Trivy's and Rancher's VEX hubs and the spec write — reads without refusal, and merging it
 * alone gives a document that validates without errors (the upgrade path for legacy and invalid
 * documents). Skipped, saying so, when the shared folder is absent.
 */
class SharedExamplesMergeTest {
  static final Instant MERGE_TIME = Instant.parse("2026-03-04T05:06:07Z");

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

  @TestFactory
  Stream<DynamicTest> everyExampleMergesIntoAValidDocument() {
    List<Path> files = examples();
    assertThat(files).isNotEmpty();
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      VexDocument doc = VexDocument.read(f);
                      VexDocument merged =
                          Vex.merge(
                              List.of(doc), MergeOptions.builder().timestamp(MERGE_TIME).build());
                      ValidationReport report = merged.validate();
                      assertThat(report.errors()).as(report.toString()).isEmpty();
                      assertThat(merged.timestamp()).contains(MERGE_TIME);
                      assertThat(merged.statements()).hasSameSizeAs(doc.statements());
                    }));
  }

  @TestFactory
  Stream<DynamicTest> anExampleIsReadLenientlyExactlyWhenItIsNotValid() {
    return examples().stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      VexDocument doc = VexDocument.read(f);
                      ValidationReport report = Validator.validate(Files.readAllBytes(f));
                      if (doc.readWarnings().isEmpty()) {
                        // Nothing accepted leniently: whatever validation finds is not about a
                        // leniency of the reader (unknown fields, statement rules, purls).
                        assertThat(report.errors())
                            .noneMatch(e -> e.message().contains("legacy"))
                            .noneMatch(e -> e.message().startsWith("required field"));
                      } else {
                        assertThat(report.isValid()).as(report.toString()).isFalse();
                      }
                    }));
  }
}
