package dev.waterline.vex.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.ValidationSeverity;
import dev.waterline.vex.Validator;
import dev.waterline.vex.internal.validate.SchemaCheck;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven over our own fixture files in {@code src/test/resources/validation}: each file's
 * exact findings are listed in {@code expectations.tsv} (fixture, severity, pointer, message).
 */
class FixtureCorpusTest {

  static Path dir() {
    URL url = FixtureCorpusTest.class.getResource("/validation/expectations.tsv");
    assertThat(url).as("fixture table on the class path").isNotNull();
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  /** Expected findings per fixture, in the table's order. */
  static Map<String, List<ValidationFinding>> expectations() throws IOException {
    Map<String, List<ValidationFinding>> out = new LinkedHashMap<>();
    for (String line :
        Files.readAllLines(dir().resolve("expectations.tsv"), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      List<ValidationFinding> list = out.computeIfAbsent(cols[0], k -> new ArrayList<>());
      if (cols.length == 4) {
        list.add(
            new ValidationFinding(
                ValidationSeverity.valueOf(cols[1].toUpperCase(java.util.Locale.ROOT)),
                cols[2],
                cols[3]));
      } else {
        assertThat(cols).as("malformed table line: %s", line).hasSize(1);
      }
    }
    return out;
  }

  static Stream<String> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(dir())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void reportsExactlyTheTabledFindings(String fixture) throws IOException {
    Map<String, List<ValidationFinding>> table = expectations();
    assertThat(table).as("every fixture has a line in expectations.tsv").containsKey(fixture);
    ValidationReport report = Validator.validate(dir().resolve(fixture));
    assertThat(report.findings()).containsExactlyElementsOf(table.get(fixture));
  }

  @Test
  void everyTabledFixtureExists() throws IOException {
    assertThat(expectations().keySet()).allSatisfy(f -> assertThat(dir().resolve(f)).exists());
  }

  @Nested
  class StrictMode {
    @Test
    void warningsOnlyPassNormallyButFailStrict() {
      ValidationReport report = Validator.validate(dir().resolve("extension-fields.json"));
      assertThat(report.isValid()).isTrue();
      assertThat(report.isValid(false)).isTrue();
      assertThat(report.isValid(true)).isFalse();
    }

    @Test
    void aCleanDocumentPassesStrict() {
      assertThat(Validator.validate(dir().resolve("minimal-valid.json")).isValid(true)).isTrue();
    }
  }

  @Nested
  class AgreementWithTheOfficialSchema {
    /** The official schema forbids unknown fields; we warn about them (schema and validator). */
    static final Set<String> UNKNOWN_FIELDS = Set.of("extension-fields.json");

    /**
     * Prose rules the official schema cannot express: the validator errs, both schemas pass. None
     * in this corpus since a statement without products is a warning (it is complete inside an
     * attestation); {@code ValidatorTest} has such cases.
     */
    static final Set<String> BEYOND_THE_SCHEMA = Set.of();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.waterline.vex.validation.FixtureCorpusTest#fixtures")
    void sameVerdictExceptWhereWeDeliberatelyDiffer(String fixture) throws IOException {
      Schema official = OurSchemaTest.official();
      JsonNode doc;
      try (InputStream in = Files.newInputStream(dir().resolve(fixture))) {
        doc = ValidatorTest.JSON.readTree(in);
      }
      boolean theirs = official.validate(doc).isEmpty();
      boolean ourSchema = SchemaCheck.check(doc).isEmpty();
      boolean ourValidator = Validator.validate(dir().resolve(fixture)).isValid();
      if (UNKNOWN_FIELDS.contains(fixture)) {
        assertThat(theirs).isFalse();
        assertThat(ourSchema).isTrue();
        assertThat(ourValidator).isTrue();
      } else if (BEYOND_THE_SCHEMA.contains(fixture)) {
        assertThat(theirs).isTrue();
        assertThat(ourSchema).isTrue();
        assertThat(ourValidator).isFalse();
      } else {
        assertThat(ourSchema).as("our schema vs official on %s", fixture).isEqualTo(theirs);
        assertThat(ourValidator).as("our validator vs official on %s", fixture).isEqualTo(theirs);
      }
    }
  }
}
