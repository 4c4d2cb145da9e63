package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/compatibility.md names, for each cell, tests that exist. */
class CompatibilityMatrixTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern CITATION =
      Pattern.compile("`([A-Z][A-Za-z0-9]*Test)(?:([.$])([A-Za-z][A-Za-z0-9]*))?`");

  @Test
  void everyCitedTestExists() throws IOException {
    String doc = Files.readString(ROOT.resolve("docs/compatibility.md"), StandardCharsets.UTF_8);
    Map<String, String> sources = testSources();
    List<String> missing = new ArrayList<>();
    Matcher m = CITATION.matcher(doc);
    int citations = 0;
    while (m.find()) {
      citations++;
      String source = sources.get(m.group(1));
      if (source == null) {
        missing.add(m.group() + " (no such test class)");
      } else if (m.group(3) != null) {
        String member = m.group(2).equals("$") ? "class " + m.group(3) + " " : m.group(3) + "(";
        if (!source.contains(member)) {
          missing.add(
              m.group() + " (no such " + (m.group(2).equals("$") ? "class" : "method") + ")");
        }
      }
    }
    assertThat(citations).isGreaterThan(40);
    assertThat(missing).as("tests cited in docs/compatibility.md").isEmpty();
  }

  @Test
  void everyRowCitesATestWhereItSaysYes() throws IOException {
    List<String> uncited = new ArrayList<>();
    for (String line :
        Files.readAllLines(ROOT.resolve("docs/compatibility.md"), StandardCharsets.UTF_8)) {
      if (!line.startsWith("| **")) {
        continue;
      }
      String[] cells = line.split("(?<!\\\\)\\|");
      for (int i = 2; i < cells.length; i++) {
        String cell = cells[i].trim();
        if (cell.startsWith("yes") && !CITATION.matcher(cell).find()) {
          uncited.add(cells[1].trim() + ": " + cell);
        }
      }
    }
    assertThat(uncited).isEmpty();
  }

  private static Map<String, String> testSources() throws IOException {
    Map<String, String> out = new HashMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(ROOT, 12)) {
      files =
          s.filter(p -> p.toString().replace('\\', '/').contains("/src/test/java/"))
              .filter(p -> p.getFileName().toString().endsWith("Test.java"))
              .collect(Collectors.toList());
    }
    for (Path p : files) {
      String name = p.getFileName().toString();
      try {
        out.merge(
            name.substring(0, name.length() - ".java".length()),
            Files.readString(p, StandardCharsets.UTF_8),
            String::concat);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
