package dev.waterline.vex.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationSeverity;
import dev.waterline.vex.internal.validate.SchemaCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Waterline's own JSON Schema for OpenVEX v0.2.0 (the resource {@link SchemaCheck#RESOURCE}): what
 * it reports, where, and that it agrees with the official schema except where we deliberately
 * differ (fields it does not know are allowed; the validator warns about them).
 */
class OurSchemaTest {

  static List<ValidationFinding> schemaFindings(Consumer<ObjectNode> change) {
    try {
      ObjectNode doc = (ObjectNode) ValidatorTest.JSON.readTree(ValidatorTest.VALID);
      change.accept(doc);
      return SchemaCheck.check(doc);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static ObjectNode statement(ObjectNode d, int i) {
    return (ObjectNode) d.withArray("statements").get(i);
  }

  static ObjectNode product(ObjectNode d, int s, int p) {
    return (ObjectNode) statement(d, s).withArray("products").get(p);
  }

  @Nested
  class Reports {
    @Test
    void nothingForTheValidDocument() {
      assertThat(schemaFindings(d -> {})).isEmpty();
    }

    @Test
    void allowsFieldsItDoesNotKnow() {
      assertThat(
              schemaFindings(
                  d -> {
                    d.put("supplier", "Acme");
                    statement(d, 0).put("statement", "x");
                    product(d, 0, 0).put("supplier", "Acme");
                  }))
          .isEmpty();
    }

    static Stream<Arguments> cases() {
      return Stream.of(
          Arguments.of(
              "unknown status",
              (Consumer<ObjectNode>) d -> statement(d, 2).put("status", "fixd"),
              "/statements/2/status",
              "expected one of [not_affected, affected, fixed, under_investigation] but was"
                  + " 'fixd'"),
          Arguments.of(
              "missing timestamp",
              (Consumer<ObjectNode>) d -> d.remove("timestamp"),
              "",
              "required field 'timestamp' is missing"),
          Arguments.of(
              "version zero",
              (Consumer<ObjectNode>) d -> d.put("version", 0),
              "/version",
              "expected an integer >= 1 but was 0"),
          Arguments.of(
              "version as a string",
              (Consumer<ObjectNode>) d -> d.put("version", "1"),
              "/version",
              "expected an integer but found a string"),
          Arguments.of(
              "no statements",
              (Consumer<ObjectNode>) d -> d.putArray("statements"),
              "/statements",
              "expected at least 1 item(s) but found 0"),
          Arguments.of(
              "duplicate statements",
              (Consumer<ObjectNode>) d -> d.withArray("statements").add(statement(d, 3).deepCopy()),
              "/statements",
              "expected unique items but found duplicates"),
          Arguments.of(
              "not_affected without justification or impact",
              (Consumer<ObjectNode>) d -> statement(d, 0).remove("justification"),
              "/statements/0",
              "status 'not_affected' needs a justification or an impact_statement"),
          Arguments.of(
              "affected without action",
              (Consumer<ObjectNode>) d -> statement(d, 1).remove("action_statement"),
              "/statements/1",
              "status 'affected' needs an action_statement"),
          Arguments.of(
              "component with hashes only",
              (Consumer<ObjectNode>)
                  d -> {
                    product(d, 0, 0).remove("@id");
                    product(d, 0, 0).remove("identifiers");
                  },
              "/statements/0/products/0",
              "a component needs an '@id' or 'identifiers'"),
          Arguments.of(
              "vulnerability without name",
              (Consumer<ObjectNode>)
                  d -> statement(d, 2).putObject("vulnerability").put("description", "x"),
              "/statements/2/vulnerability",
              "required field 'name' is missing"),
          Arguments.of(
              "pointer escapes ~ and /",
              (Consumer<ObjectNode>) d -> product(d, 0, 0).putObject("hashes").put("a/b~c", "00"),
              "/statements/0/products/0/hashes/a~1b~0c",
              "key 'a/b~c' is not allowed here: expected one of [md5, sha1, sha-256, sha-384,"
                  + " sha-512, sha3-224, sha3-256, sha3-384, sha3-512, blake2s-256, blake2b-256,"
                  + " blake2b-512]"),
          Arguments.of(
              "unknown identifier key",
              (Consumer<ObjectNode>)
                  d -> product(d, 0, 0).putObject("identifiers").put("swid", "x"),
              "/statements/0/products/0/identifiers/swid",
              "key 'swid' is not allowed here: expected one of [purl, cpe22, cpe23]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theErrorWithItsPointerAndMessage(
        String name, Consumer<ObjectNode> change, String pointer, String message) {
      List<ValidationFinding> found = schemaFindings(change);
      assertThat(found).as(name).isNotEmpty();
      assertThat(found)
          .allSatisfy(f -> assertThat(f.severity()).isEqualTo(ValidationSeverity.ERROR));
      assertThat(found)
          .containsExactly(new ValidationFinding(ValidationSeverity.ERROR, pointer, message));
    }
  }

  @Nested
  class AgreesWithTheOfficialSchema {
    /**
     * Cases of ValidatorTest the official schema rejects only for a field it does not know, which
     * our schema allows: the validator warns about unknown fields, and reports statement-level
     * subcomponents (the legacy shape) as an error by its own rule.
     */
    static final Set<String> DELIBERATE =
        Set.of(
            "unknown document field",
            "unknown statement field (vexctl SARIF fixtures)",
            "unknown field with a slash is escaped",
            "statement-level subcomponents");

    @Test
    void onOurOwnCorpusExceptForUnknownFields() throws IOException {
      Schema official = official();
      List<String> checked = new ArrayList<>();
      Stream.concat(ValidatorTest.errors(), ValidatorTest.warnings())
          .forEach(
              args -> {
                Object[] a = args.get();
                String name = (String) a[0];
                @SuppressWarnings("unchecked")
                Consumer<ObjectNode> change = (Consumer<ObjectNode>) a[1];
                JsonNode doc = mutated(change);
                boolean theirs = official.validate(doc).isEmpty();
                boolean ours = SchemaCheck.check(doc).isEmpty();
                if (DELIBERATE.contains(name)) {
                  assertThat(theirs).as("official schema rejects: %s", name).isFalse();
                  assertThat(ours).as("our schema allows: %s", name).isTrue();
                  checked.add(name + " (deliberate)");
                  return;
                }
                assertThat(ours)
                    .as("%s: official schema says valid=%s, ours %s", name, theirs, ours)
                    .isEqualTo(theirs);
                checked.add(name);
              });
      assertThat(checked).hasSizeGreaterThan(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.waterline.vex.validation.OurSchemaTest#sharedExamples")
    void onTheSharedExamples(Path file) throws IOException {
      Schema official = official();
      JsonNode doc = ValidatorTest.JSON.readTree(Files.readAllBytes(file));
      String name = file.getFileName().toString();
      boolean theirs = official.validate(doc).isEmpty();
      boolean ours = SchemaCheck.check(doc).isEmpty();
      if (OfficialSchemaCrossCheckTest.UNKNOWN_FIELDS_ONLY.contains(name)
          || name.equals("aquasecurity-vexhub_knqyf263-vextest_openvex.json")) {
        // Deliberate: unknown (or legacy statement-level) fields pass our schema; the validator
        // warns about the former and reports the latter as an error by its own rule.
        assertThat(theirs).as(name).isFalse();
        assertThat(ours).as(name).isTrue();
      } else {
        assertThat(ours).as("%s: official valid=%s", name, theirs).isEqualTo(theirs);
      }
    }
  }

  /**
   * The shared examples; without them one placeholder, so that the test is reported as skipped (by
   * the assumption in {@link #official()}) rather than failing for want of arguments.
   */
  static Stream<Path> sharedExamples() throws IOException {
    List<Path> found = OfficialSchemaCrossCheckTest.examples().toList();
    return found.isEmpty() ? Stream.of(Path.of("shared-examples-absent")) : found.stream();
  }

  static Schema official() throws IOException {
    String dir = System.getProperty("waterline.shared", "");
    Path schema =
        Path.of(dir.isEmpty() ? "../shared" : dir)
            .resolve("openvex/openvex_json_schema.json")
            .toAbsolutePath()
            .normalize();
    assumeTrue(
        Files.isRegularFile(schema),
        "SKIPPED: agreement with the official OpenVEX schema needs " + schema);
    try (InputStream in = Files.newInputStream(schema)) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
  }

  static JsonNode mutated(Consumer<ObjectNode> change) {
    try {
      ObjectNode doc = (ObjectNode) ValidatorTest.JSON.readTree(ValidatorTest.VALID);
      change.accept(doc);
      return doc;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
