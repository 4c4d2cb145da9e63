package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Runs the JShell session that README.md shows (the {@code java} block after the marker {@code <!--
 * jshell-session -->}) the way JShell reads a paste: line by line, each snippet ending at the first
 * line where it is complete. Fails on any rejected snippet or exception and checks what the session
 * prints.
 */
class ReadmeJshellTest {
  static final String MARKER = "<!-- jshell-session -->";

  /** The imports of JShell's DEFAULT startup, which {@code ./waterline jshell} also loads. */
  static final List<String> DEFAULT_IMPORTS =
      List.of(
          "java.io.*",
          "java.math.*",
          "java.net.*",
          "java.nio.file.*",
          "java.util.*",
          "java.util.concurrent.*",
          "java.util.function.*",
          "java.util.prefs.*",
          "java.util.regex.*",
          "java.util.stream.*");

  /** A snippet as it was evaluated and the value JShell printed for it. */
  record Ran(String source, String value) {}

  @Nested
  class TheReadmeSession {
    @Test
    void runsAsPastedAndPrintsWhatTheReadmeSays() throws IOException {
      List<Ran> ran = runPasted(session());
      assertThat(ran).hasSizeGreaterThanOrEqualTo(10);
      assertThat(value(ran, "var image")).matches("sha256:[0-9a-f]{64}");
      assertThat(value(ran, "doc.toJson()"))
          .contains("\\\"@context\\\": \\\"https://openvex.dev/ns/v0.2.0\\\"")
          .contains("\\\"status\\\": \\\"not_affected\\\"");
      assertThat(value(ran, "Validator.validate(doc)")).isEqualTo("valid");
      assertThat(value(ran, "Vex.index(")).startsWith("Optional[not_affected: CVE-2023-44487");
      assertThat(value(ran, "var key")).endsWith("***]");
      assertThat(value(ran, "vex.attach("))
          .contains("SIGSTORE_BUNDLE_REFERRER")
          .contains("COSIGN_ATT_TAG");
      assertThat(value(ran, "Verifier.verify(")).startsWith("VerificationResult[verified: key");
    }
  }

  @Nested
  class TheHarness {
    @Test
    void splitsAChainAtTheFirstCompleteLineAsJshellDoes() {
      // A leading-dot chain is two snippets in JShell: the second line alone does not compile.
      assertThat(
              catchFailure(
                  List.of("var n = \"waterline\"", "    .length();"), "a leading-dot chain"))
          .contains("rejected")
          .contains(".length();");
    }

    @Test
    void failsOnAnException() {
      assertThat(catchFailure(List.of("Vex.parse(\"not json\");"), "bad JSON")).contains("threw");
    }
  }

  static String catchFailure(List<String> lines, String what) {
    try {
      runPasted(lines);
    } catch (AssertionError e) {
      return e.getMessage();
    }
    return fail("expected " + what + " to fail");
  }

  /** The lines of the README's marked session. */
  static List<String> session() throws IOException {
    Path readme = repositoryRoot().resolve("README.md");
    List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
    int marker = lines.indexOf(MARKER);
    assertThat(marker).as("README.md has the marker " + MARKER).isNotNegative();
    int open = marker + 1;
    assertThat(lines.get(open)).as("a ```java block follows the marker").isEqualTo("```java");
    int close = lines.subList(open + 1, lines.size()).indexOf("```");
    assertThat(close).as("the block is closed").isPositive();
    return lines.subList(open + 1, open + 1 + close);
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("README.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a directory above the tests with README.md").isNotNull();
    return dir;
  }

  /**
   * Feeds {@code lines} to a JShell with the test class path and the imports of {@code ./waterline
   * jshell}, as a paste: after each line the input so far is evaluated if it is a complete snippet.
   */
  static List<Ran> runPasted(List<String> lines) {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(console, true, StandardCharsets.UTF_8);
    try (JShell js = JShell.builder().executionEngine("local").out(ps).err(ps).build()) {
      for (String entry : classPath()) {
        js.addToClasspath(entry);
      }
      List<Ran> ran = new ArrayList<>();
      for (String i : DEFAULT_IMPORTS) {
        eval(js, "import " + i + ";", ran);
      }
      try {
        for (String line :
            Files.readAllLines(repositoryRoot().resolve("scripts/jshell/startup.jsh"))) {
          if (line.startsWith("import ")) {
            eval(js, line, ran);
          }
        }
      } catch (IOException e) {
        throw new AssertionError("cannot read scripts/jshell/startup.jsh", e);
      }
      ran.clear();
      SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
      String pending = "";
      for (String line : lines) {
        pending = pending + line + "\n";
        while (true) {
          SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(pending);
          if (!info.completeness().isComplete()) {
            break;
          }
          eval(js, info.source(), ran);
          pending = info.remaining();
        }
      }
      assertThat(pending.strip()).as("input left incomplete at the end").isEmpty();
      return ran;
    }
  }

  private static void eval(JShell js, String source, List<Ran> ran) {
    for (SnippetEvent e : js.eval(source)) {
      if (e.causeSnippet() != null) {
        continue;
      }
      Snippet s = e.snippet();
      if (e.status() == Snippet.Status.REJECTED) {
        String diags = js.diagnostics(s).map(Diag::toString).collect(Collectors.joining("; "));
        throw new AssertionError("JShell rejected the snippet\n" + source + "\n" + diags);
      }
      if (e.exception() != null) {
        throw new AssertionError(
            "the snippet threw " + e.exception() + "\n" + source, e.exception());
      }
      ran.add(new Ran(source.strip(), e.value() == null ? "" : e.value()));
    }
  }

  private static String value(List<Ran> ran, String prefix) {
    return ran.stream()
        .filter(r -> r.source().startsWith(prefix))
        .findFirst()
        .map(Ran::value)
        .orElseThrow(() -> new AssertionError("no snippet starting with " + prefix + " in " + ran));
  }

  /** The test class path: surefire's, else the JVM's. */
  private static List<String> classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path", "");
    }
    List<String> out = new ArrayList<>();
    for (String e : cp.split(java.io.File.pathSeparator)) {
      if (!e.isBlank()) {
        out.add(e);
      }
    }
    return out;
  }
}
