package dev.waterline.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/using.md's Maven snippet is the consumer integration test's own dependency section (issue
 * 13): the snippet a user copies is the one the build proves converges and runs.
 */
class UsingDocsTest {
  private static final Pattern REGION =
      Pattern.compile(
          "<!-- using.md: begin maven -->\\n(.*?)\\n\\s*<!-- using.md: end maven -->",
          Pattern.DOTALL);
  private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)\\n```", Pattern.DOTALL);
  private static final Pattern PROJECT_VERSION =
      Pattern.compile("<artifactId>waterline-parent</artifactId>\\s*<version>([^<]+)</version>");

  @Test
  void theMavenSnippetIsTheClassPathConsumersDependencySectionWithTheVersionFilledIn()
      throws IOException {
    String pom = read("consumer-it/src/it/classpath-consumer/pom.xml");
    Matcher region = REGION.matcher(pom);
    assertThat(region.find()).as("a using.md region in the consumer pom").isTrue();
    Matcher version = PROJECT_VERSION.matcher(read("consumer-it/pom.xml"));
    assertThat(version.find()).as("the parent version in consumer-it/pom.xml").isTrue();
    String expected = dedent(region.group(1)).replace("@waterline.version@", version.group(1));

    Matcher snippet = XML_BLOCK.matcher(read("docs/using.md"));
    assertThat(snippet.find()).as("an xml block in docs/using.md").isTrue();

    assertThat(snippet.group(1)).isEqualTo(expected);
  }

  private static String read(String path) throws IOException {
    return Files.readString(Sources.root().resolve(path), StandardCharsets.UTF_8);
  }

  /** Removes the indentation common to every non-blank line. */
  private static String dedent(String text) {
    String[] lines = text.split("\n", -1);
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        out.append('\n');
      }
      out.append(lines[i].isBlank() ? "" : lines[i].substring(indent));
    }
    return out.toString();
  }
}
