package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  private final Cli cli = Cli.atFixedTime();

  @TempDir Path dir;

  @Nested
  class ExitCodes {
    @Test
    void validDocumentExitsZero() {
      Path f = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Cli.Result r = cli.run("validate", f.toString());
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.outLines()).containsExactly(f + ": valid");
      assertThat(r.err()).isEmpty();
    }

    @Test
    void invalidDocumentExitsOneWithThePointer() {
      Path f = Cli.write(dir.resolve("bad.json"), Fixtures.BAD_STATUS);
      Cli.Result r = cli.run("validate", f.toString());
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.outLines())
          .anySatisfy(l -> assertThat(l).startsWith(f + ": error at /statements/1/status: "));
      assertThat(r.outLines().get(r.outLines().size() - 1)).startsWith(f + ": invalid (");
      assertThat(r.err()).isEmpty();
    }

    @Test
    void warningsPassUnlessStrict() {
      Path f = Cli.write(dir.resolve("extra.json"), Fixtures.UNKNOWN_FIELD);
      Cli.Result lenient = cli.run("validate", f.toString());
      assertThat(lenient.code()).as(lenient.toString()).isZero();
      assertThat(lenient.outLines())
          .anySatisfy(l -> assertThat(l).startsWith(f + ": warning at /x_ticket: "));
      assertThat(lenient.outLines()).endsWith(f + ": valid (0 errors, 1 warning)");

      Cli.Result strict = cli.run("validate", "--strict", f.toString());
      assertThat(strict.code()).isEqualTo(1);
      assertThat(strict.outLines())
          .endsWith(f + ": invalid (0 errors, 1 warning; --strict fails on warnings)");
    }

    @Test
    void unreadableFileExitsTwoButTheOthersAreStillChecked() {
      Path good = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Path missing = dir.resolve("missing.json");
      Cli.Result r = cli.run("validate", missing.toString(), good.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly("waterline: error: cannot read " + missing + ": no such file");
      assertThat(r.outLines()).containsExactly(good + ": valid");
    }

    @Test
    void aDirectoryIsUnreadable() {
      Cli.Result r = cli.run("validate", dir.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: cannot read " + dir + ": it is a directory, not a regular file");
    }

    @Test
    void notJsonIsInvalidNotAnError() {
      Path f = Cli.write(dir.resolve("junk.json"), "this is not json");
      Cli.Result r = cli.run("validate", f.toString());
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.outLines()).anySatisfy(l -> assertThat(l).startsWith(f + ": error at "));
    }

    @Test
    void mixedFilesExitOne() {
      Path good = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Path bad = Cli.write(dir.resolve("bad.json"), Fixtures.BAD_STATUS);
      Cli.Result r = cli.run("validate", good.toString(), bad.toString());
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.outLines()).contains(good + ": valid");
    }
  }

  @Nested
  class JsonOutput {
    @Test
    void reportsEveryFindingWithItsPointer() {
      Path good = Cli.write(dir.resolve("ours.json"), Fixtures.OURS);
      Path bad = Cli.write(dir.resolve("bad.json"), Fixtures.BAD_STATUS);
      Cli.Result r = cli.run("validate", "--format", "json", good.toString(), bad.toString());
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).isEmpty();
      JsonNode json = r.json();
      assertThat(json.path("valid").asBoolean()).isFalse();
      assertThat(json.path("strict").asBoolean()).isFalse();
      assertThat(json.path("files")).hasSize(2);
      JsonNode first = json.path("files").get(0);
      assertThat(first.path("path").asText()).isEqualTo(good.toString());
      assertThat(first.path("valid").asBoolean()).isTrue();
      assertThat(first.path("findings")).isEmpty();
      JsonNode second = json.path("files").get(1);
      assertThat(second.path("valid").asBoolean()).isFalse();
      assertThat(second.path("errors").asInt()).isPositive();
      assertThat(second.path("findings"))
          .anySatisfy(
              f -> {
                assertThat(f.path("severity").asText()).isEqualTo("error");
                assertThat(f.path("pointer").asText()).isEqualTo("/statements/1/status");
                assertThat(f.path("message").asText()).isNotBlank();
              });
    }

    @Test
    void namesUnreadableFilesInTheReportToo() {
      Path missing = dir.resolve("missing.json");
      Cli.Result r = cli.run("validate", "--format", "json", missing.toString());
      assertThat(r.code()).isEqualTo(2);
      JsonNode file = r.json().path("files").get(0);
      assertThat(file.path("path").asText()).isEqualTo(missing.toString());
      assertThat(file.path("error").asText())
          .isEqualTo("cannot read " + missing + ": no such file");
    }
  }
}
