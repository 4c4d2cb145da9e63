package dev.waterline.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The launcher and the README list exactly the samples there are. */
class SamplesIndexTest {
  /** Every top-level class of the package with a {@code public static void main(String[])}. */
  static Set<String> samplesWithMain() throws Exception {
    Path classes = Path.of("target/classes/dev/waterline/samples");
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(classes)) {
      for (Path f : files.toList()) {
        String file = f.getFileName().toString();
        if (!file.endsWith(".class") || file.contains("$") || file.startsWith("package-info")) {
          continue;
        }
        String name = file.substring(0, file.length() - ".class".length());
        Class<?> c = Class.forName("dev.waterline.samples." + name);
        Method main = c.getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).as(name).isTrue();
        names.add(name);
      }
    }
    return names;
  }

  @Test
  void theLauncherListsEverySample() throws Exception {
    Process p = new ProcessBuilder("bash", "run").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor()).as(out).isZero();
    String listed = out.lines().filter(l -> l.startsWith("samples: ")).findFirst().orElseThrow();
    assertThat(new TreeSet<>(List.of(listed.substring("samples: ".length()).split(" "))))
        .isEqualTo(samplesWithMain())
        .hasSize(6);
  }

  @Test
  void theReadmeHasARowAndARunLineForEverySample() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (String name : samplesWithMain()) {
      assertThat(readme)
          .contains("| [`" + name + "`](src/main/java/dev/waterline/samples/" + name + ".java) |");
      assertThat(readme).contains("samples/run " + name);
    }
  }

  @Test
  void everyBundledInputIsNamedInASample() throws IOException {
    Path resources = Path.of("src/main/resources/dev/waterline/samples");
    String sources;
    try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/waterline/samples"))) {
      StringBuilder b = new StringBuilder();
      for (Path f : files.toList()) {
        b.append(Files.readString(f));
      }
      sources = b.toString();
    }
    try (Stream<Path> files = Files.walk(resources)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(sources).as("a sample names %s", f).contains(f.getFileName().toString());
      }
    }
  }
}
