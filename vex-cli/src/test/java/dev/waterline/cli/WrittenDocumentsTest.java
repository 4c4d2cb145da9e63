package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything {@code create}, {@code add} and {@code merge} write validates against our own
 * validator and against the official OpenVEX schema (read from {@code waterline.shared}, never
 * copied into the project).
 */
class WrittenDocumentsTest {
  @TempDir static Path dir;

  /** The documents the CLI writes, one per way of writing. */
  static Stream<Arguments> written() {
    Cli cli = Cli.atFixedTime();
    Path ours = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
    Path later = Cli.write(dir.resolve("later.json"), Fixtures.LATER);
    Path legacy = Cli.write(dir.resolve("legacy.json"), Fixtures.LEGACY);
    Path extra = Cli.write(dir.resolve("extra.json"), Fixtures.UNKNOWN_FIELD);
    return Stream.of(
        Arguments.of(
            "create not_affected",
            cli.run(
                "create",
                "-p",
                Fixtures.APP,
                "-v",
                "CVE-2023-44487",
                "-s",
                "not_affected",
                "-j",
                "component_not_present",
                "--author",
                "Acme",
                "--author-role",
                "PSIRT")),
        Arguments.of(
            "create with every flag",
            cli.run(
                "create",
                "-p",
                Fixtures.APP,
                "-v",
                "CVE-2023-44487",
                "-s",
                "not_affected",
                "--impact-statement",
                "disabled",
                "--aliases",
                "GHSA-qppj-fm5r-hxr3",
                "--subcomponents",
                "pkg:golang/golang.org/x/net@v0.7.0",
                "--status-note",
                "n",
                "--id",
                "https://example.com/vex/x")),
        Arguments.of(
            "create affected", cli.run("create", Fixtures.APP, "CVE-2024-0001", "affected")),
        Arguments.of(
            "create under_investigation",
            cli.run("create", Fixtures.APP, "CVE-2024-0001", "under_investigation")),
        Arguments.of(
            "add",
            cli.run("add", ours.toString(), "-p", Fixtures.APP, "-v", "CVE-2", "-s", "fixed")),
        Arguments.of(
            "add to legacy",
            cli.run(
                "add",
                legacy.toString(),
                "-p",
                "pkg:apk/wolfi/git",
                "-v",
                "CVE-2",
                "-s",
                "affected",
                "-a",
                "update")),
        Arguments.of("merge", cli.run("merge", ours.toString(), later.toString())),
        Arguments.of("merge legacy", cli.run("merge", legacy.toString())),
        Arguments.of(
            "merge filtered",
            cli.run("merge", "--vuln", "CVE-2024-0001", ours.toString(), later.toString())),
        Arguments.of("merge unknown fields", cli.run("merge", extra.toString(), ours.toString())));
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class OfficialSchema {
    private Schema schema;

    @BeforeAll
    void loadSchema() throws IOException {
      String shared = System.getProperty("waterline.shared");
      Path file = shared == null ? null : Path.of(shared, "openvex", "openvex_json_schema.json");
      Assumptions.assumeTrue(
          file != null && Files.isRegularFile(file),
          "skipped: the official OpenVEX schema is not at ${waterline.shared}/openvex/"
              + "openvex_json_schema.json (waterline.shared="
              + shared
              + ")");
      try (InputStream in = Files.newInputStream(file)) {
        schema =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(in, InputFormat.JSON);
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.waterline.cli.WrittenDocumentsTest#written")
    void acceptsWhatTheCliWrites(String what, Cli.Result result) {
      assertThat(result.code()).as(result.toString()).isZero();
      List<Error> errors = schema.validate(result.out(), InputFormat.JSON);
      assertThat(errors).as(what + ":\n" + result.out()).isEmpty();
    }
  }

  @Nested
  class OwnValidator {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.waterline.cli.WrittenDocumentsTest#written")
    void acceptsWhatTheCliWrites(String what, Cli.Result result) {
      assertThat(result.code()).as(result.toString()).isZero();
      ValidationReport report = Validator.validate(result.out());
      assertThat(report.errors()).as(what + ":\n" + result.out()).isEmpty();
    }
  }
}
