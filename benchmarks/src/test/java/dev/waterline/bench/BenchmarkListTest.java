package dev.waterline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The build runs JMH's annotation processor: without it the benchmarks jar compiles, packages and
 * then runs nothing ("Unable to find the resource: /META-INF/BenchmarkList").
 */
class BenchmarkListTest {
  static final List<Class<?>> BENCHMARKS =
      List.of(
          AuditBenchmark.class,
          DecisionsBenchmark.class,
          DocumentBenchmarks.class,
          IndexBenchmark.class,
          MergeBenchmark.class,
          RegistryBenchmark.class,
          ReportParseBenchmark.class,
          SignBenchmark.class,
          TriageBenchmark.class);

  @Test
  void theGeneratedBenchmarkListNamesEveryBenchmarkMethod() throws IOException {
    String list;
    try (InputStream in = BenchmarkListTest.class.getResourceAsStream("/META-INF/BenchmarkList")) {
      assertThat(in)
          .as("META-INF/BenchmarkList (JMH's annotation processor did not run)")
          .isNotNull();
      list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // One line per benchmark method: "JMH S <n> <class> S <n> <generated class> S <n> <method> …".
    List<String> lines = List.of(list.split("\n"));
    List<String> methods = new ArrayList<>();
    for (Class<?> c : BENCHMARKS) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.isAnnotationPresent(Benchmark.class)) {
          String entry = " S " + c.getName().length() + " " + c.getName() + " S ";
          String method = " S " + m.getName().length() + " " + m.getName() + " ";
          methods.add(m.getName());
          assertThat(lines)
              .as(c.getSimpleName() + "." + m.getName() + " in META-INF/BenchmarkList")
              .anySatisfy(l -> assertThat(l).contains(entry).contains(method));
        }
      }
    }
    assertThat(methods).hasSizeGreaterThan(BENCHMARKS.size());
  }
}
