package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ListCommandTest {
  private final Cli cli = Cli.atFixedTime();

  @Nested
  class Text {
    @Test
    void printsTheStatusesOnePerLine() {
      Cli.Result r = cli.run("list", "status");
      assertThat(r.code()).isZero();
      assertThat(r.out()).isEqualTo("not_affected\naffected\nfixed\nunder_investigation\n");
      assertThat(r.err()).isEmpty();
    }

    @Test
    void printsTheJustificationsOnePerLine() {
      Cli.Result r = cli.run("list", "justification");
      assertThat(r.code()).isZero();
      assertThat(r.outLines())
          .containsExactly(
              "component_not_present",
              "vulnerable_code_not_present",
              "vulnerable_code_not_in_execute_path",
              "vulnerable_code_cannot_be_controlled_by_adversary",
              "inline_mitigations_already_exist");
    }

    @Test
    void printsBothWhenAskedForBoth() {
      Cli.Result r = cli.run("list", "status", "justification");
      assertThat(r.code()).isZero();
      assertThat(r.outLines())
          .hasSize(9)
          .startsWith("not_affected")
          .endsWith("inline_mitigations_already_exist");
    }
  }

  @Nested
  class JsonOutput {
    @Test
    void givesTheLabelsAsArrays() {
      Cli.Result r = cli.run("list", "--format", "json", "status", "justification");
      assertThat(r.code()).isZero();
      JsonNode json = r.json();
      assertThat(json.path("status")).hasSize(4);
      assertThat(json.path("status").get(0).asText()).isEqualTo("not_affected");
      assertThat(json.path("justification")).hasSize(5);
    }
  }

  @Nested
  class Errors {
    @Test
    void rejectsAnythingElse() {
      Cli.Result r = cli.run("list", "products");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: cannot list 'products'; expected status or justification");
    }

    @Test
    void needsSomethingToList() {
      Cli.Result r = cli.run("list");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err()).startsWith("waterline: error: Missing required parameter");
    }
  }
}
