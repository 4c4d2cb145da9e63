package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliReferenceTest {
  private static final Path DOC = Path.of("..", "docs", "cli-reference.md");

  @Test
  void committedReferenceMatchesTheCommandDefinitions() throws IOException {
    String generated = CliReference.markdown();
    Path target = Path.of("target", "cli-reference.md");
    Files.createDirectories(target.getParent());
    Files.writeString(target, generated, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("waterline.updateDocs")) {
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as(
            "docs/cli-reference.md differs from the command definitions (generated copy in"
                + " vex-cli/target/cli-reference.md); regenerate it with -Dwaterline.updateDocs=true,"
                + " see the comment at its top")
        .isEqualTo(generated);
  }

  @Test
  void everyVerbIsDocumentedWithExamples() {
    String generated = CliReference.markdown();
    for (String verb : Main.VERBS) {
      assertThat(generated).contains("\n## waterline " + verb + "\n");
      String section = section(generated, verb);
      assertThat(section)
          .as("examples in 'waterline %s --help'", verb)
          .containsPattern("\nExamples?:\n");
      assertThat(section).as("exit codes in 'waterline %s --help'", verb).contains("Exit codes:");
    }
  }

  @Test
  void everyRegisteredVerbIsListedInVerbs() {
    java.io.PrintWriter none = new java.io.PrintWriter(new java.io.StringWriter());
    CommandLine root =
        Main.commandLine(new Context(none, none, java.util.Map.of(), java.time.Instant::now));
    assertThat(root.getSubcommands().keySet()).containsAll(Main.VERBS);
    assertThat(Main.VERBS).containsAll(root.getSubcommands().keySet());
  }

  private static String section(String md, String verb) {
    Matcher m =
        Pattern.compile(
                "\n## waterline " + Pattern.quote(verb) + "\n(.*?)(?=\n## |\\z)", Pattern.DOTALL)
            .matcher(md);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
