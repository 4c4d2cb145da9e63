package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code waterline} launcher's {@code jshell SCRIPT} mode with the JDK's own jshell, in a
 * copy of the launcher whose CLI counts as built (so no Maven build starts) and whose startup only
 * imports JDK packages.
 */
class LauncherJshellTest {
  @TempDir Path root;

  record Run(int exitCode, String out, String err) {}

  @Nested
  class AJshellScript {
    @Test
    void exitsZeroWhenEverySnippetRuns() throws Exception {
      Run run = runScript("int x = 41;\nSystem.out.println(\"x=\" + (x + 1));\n");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("x=42");
      assertThat(run.err()).doesNotContain("waterline: error");
    }

    @Test
    void exitsOneWithDiagnosticsWhenASnippetIsRejected() throws Exception {
      Run run = runScript("noSuchMethod();\nSystem.out.println(\"after\");\n");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out()).contains("after");
      assertThat(run.err())
          .contains("cannot find symbol")
          .contains("method noSuchMethod()")
          .endsWith("waterline: error: the JShell script failed (diagnostics above)\n");
    }

    @Test
    void exitsOneWithTheExceptionWhenASnippetThrows() throws Exception {
      Run run = runScript("throw new IllegalStateException(\"boom\");\n");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .contains("Exception java.lang.IllegalStateException: boom")
          .endsWith("waterline: error: the JShell script failed (diagnostics above)\n");
    }
  }

  private Run runScript(String script) throws Exception {
    Path javaHome = Path.of(System.getProperty("java.home"));
    Assumptions.assumeTrue(
        Files.isExecutable(javaHome.resolve("bin/jshell")), "no jshell in " + javaHome);
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "no /bin/bash");
    Path repo = ReadmeJshellTest.repositoryRoot();

    Files.copy(repo.resolve("waterline"), root.resolve("waterline"));
    Path jshellDir = Files.createDirectories(root.resolve("scripts/jshell"));
    Files.copy(repo.resolve("scripts/jshell/exit.jsh"), jshellDir.resolve("exit.jsh"));
    Files.writeString(jshellDir.resolve("startup.jsh"), "import java.nio.file.*;\n");
    Path target = Files.createDirectories(root.resolve("vex-cli/target/lib"));
    byte[] emptyZip = new byte[22];
    emptyZip[0] = 'P';
    emptyZip[1] = 'K';
    emptyZip[2] = 5;
    emptyZip[3] = 6;
    Files.write(target.resolveSibling("vex-cli.jar"), emptyZip);
    Files.write(target.resolve("empty.jar"), emptyZip);
    Path jshellLib = Files.createDirectories(root.resolve("vex-cli/target/jshell-lib"));
    Files.write(jshellLib.resolve("empty.jar"), emptyZip);
    Files.writeString(target.resolveSibling(".waterline-built"), "");
    Path scriptFile = root.resolve("script.jsh");
    Files.writeString(scriptFile, script);

    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                "/bin/bash",
                root.resolve("waterline").toString(),
                "jshell",
                scriptFile.toString()));
    pb.environment().put("JAVA_HOME", javaHome.toString());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Path out = root.resolve("out.txt");
    Path err = root.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("the launcher did not finish");
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
