package dev.waterline.vex.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks our validator against the official OpenVEX JSON Schema and the example documents in
 * {@code ../shared/openvex}. Skipped, saying so, when {@code ../shared} is not there.
 */
class OfficialSchemaCrossCheckTest {
  /** Invalid for the official schema only because of fields it does not know: we warn. */
  static final Set<String> UNKNOWN_FIELDS_ONLY =
      Set.of(
          "vexctl_sarif_sample-1statement.openvex.json",
          "vexctl_sarif_sample-history.openvex.json",
          "vexctl_sarif_sample-2vulns.openvex.json");

  static Path shared;
  static Schema official;

  @BeforeAll
  static void loadOfficialSchema() throws IOException {
    String dir = System.getProperty("waterline.shared", "");
    shared = Path.of(dir.isEmpty() ? "../shared" : dir).toAbsolutePath().normalize();
    Path schema = shared.resolve("openvex/openvex_json_schema.json");
    assumeTrue(
        Files.isRegularFile(schema),
        "SKIPPED: cross-check against the official OpenVEX schema needs " + schema);
    try (InputStream in = Files.newInputStream(schema)) {
      official =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
  }

  static List<Error> officialErrors(byte[] json) {
    try {
      return official.validate(ValidatorTest.JSON.readTree(json));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static Stream<Path> examples() throws IOException {
    String dir = System.getProperty("waterline.shared", "");
    Path examples =
        Path.of(dir.isEmpty() ? "../shared" : dir).resolve("openvex/examples").normalize();
    if (!Files.isDirectory(examples)) {
      return Stream.empty();
    }
    try (Stream<Path> files = Files.list(examples)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void agreesWithTheOfficialSchemaOnEveryExample(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String name = file.getFileName().toString();
    List<Error> theirs = officialErrors(bytes);
    ValidationReport ours = Validator.validate(bytes);
    if (theirs.isEmpty()) {
      assertThat(ours.errors()).as("official schema accepts %s; we said %s", name, ours).isEmpty();
    } else if (UNKNOWN_FIELDS_ONLY.contains(name)) {
      assertThat(ours.errors()).as(name).isEmpty();
      assertThat(ours.warnings())
          .as(name)
          .anySatisfy(w -> assertThat(w.message()).startsWith("unknown field"));
    } else {
      assertThat(ours.errors())
          .as("official schema rejects %s (%s); we said %s", name, theirs, ours)
          .isNotEmpty();
    }
  }

  @Test
  void specificExamplesReportTheProblemsTheManifestDescribes() throws IOException {
    Path examples = shared.resolve("openvex/examples");
    assertThat(pointers(examples.resolve("go-vex_testdata_v020-1.vex.json"))).contains("");
    assertThat(messages(examples.resolve("go-vex_testdata_v020-1.vex.json")))
        .contains("required field 'timestamp' is missing", "required field 'version' is missing");
    assertThat(pointers(examples.resolve("aquasecurity-vexhub_knqyf263-vextest_openvex.json")))
        .contains("/statements/0/subcomponents");
    // The legacy context is one finding; the legacy values are each reported where they are.
    assertThat(pointers(examples.resolve("go-vex_testdata_v0.0.1.json")))
        .containsExactly(
            "/@context",
            "/version",
            "/statements/0/vulnerability",
            "/statements/0/products/0",
            "/statements/0/products/1");
    ValidationReport stackvista =
        Validator.validate(
            examples.resolve(
                "stackvista-vexhub_oci_stackstate-k8s-process-agent_scan.openvex.json"));
    assertThat(stackvista.isValid()).as(stackvista.toString()).isTrue();
    assertThat(stackvista.warnings())
        .anySatisfy(w -> assertThat(w.pointer()).endsWith("/action_statement"));
  }

  private static List<String> pointers(Path file) {
    return Validator.validate(file).errors().stream()
        .map(f -> f.pointer())
        .collect(Collectors.toList());
  }

  private static List<String> messages(Path file) {
    return Validator.validate(file).errors().stream()
        .map(f -> f.message())
        .collect(Collectors.toList());
  }

  /**
   * Our own corpus: the cases of {@link ValidatorTest}. Where the official schema can say
   * something, it must agree with us; the rest are the spec's prose rules it cannot express.
   */
  static final Set<String> BEYOND_THE_SCHEMA =
      Set.of(
          "affected without action",
          "empty products",
          "no timestamp anywhere",
          "impossible date",
          "bad timestamp",
          "invalid purl",
          "invalid purl in @id",
          "malformed cpe23",
          "malformed cpe22",
          "hash too short",
          "hash not hex",
          "statement version zero",
          "foreign context");

  @Test
  void agreesWithTheOfficialSchemaOnOurOwnCorpus() throws IOException {
    assertThat(
            officialErrors(ValidatorTest.VALID.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEmpty();
    ValidatorTest.errors()
        .forEach(
            args -> {
              Object[] a = args.get();
              String name = (String) a[0];
              @SuppressWarnings("unchecked")
              Consumer<ObjectNode> change = (Consumer<ObjectNode>) a[1];
              if (BEYOND_THE_SCHEMA.contains(name)) {
                return;
              }
              assertThat(officialErrors(mutated(change)))
                  .as("official schema should also reject: %s", name)
                  .isNotEmpty();
            });
    ValidatorTest.warnings()
        .forEach(
            args -> {
              Object[] a = args.get();
              String name = (String) a[0];
              @SuppressWarnings("unchecked")
              Consumer<ObjectNode> change = (Consumer<ObjectNode>) a[1];
              List<Error> theirs = officialErrors(mutated(change));
              if (name.startsWith("unknown")) {
                assertThat(theirs)
                    .as("official schema forbids unknown fields: %s", name)
                    .isNotEmpty();
              } else {
                assertThat(theirs).as("official schema accepts: %s", name).isEmpty();
              }
            });
  }

  private static byte[] mutated(Consumer<ObjectNode> change) {
    try {
      ObjectNode doc = (ObjectNode) ValidatorTest.JSON.readTree(ValidatorTest.VALID);
      change.accept(doc);
      return ValidatorTest.JSON.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
