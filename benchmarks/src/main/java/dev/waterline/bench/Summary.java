package dev.waterline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a JMH JSON result file and prints the results as a Markdown table, with the ratios to
 * Jackson and whether each target is met. {@code scripts/bench.sh} runs it after the benchmarks.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.waterline.bench.Summary RESULTS.json}
 */
public final class Summary {
  /** Parse and write: ours at most this many times Jackson's tree. */
  static final double JACKSON_RATIO_TARGET = 2.0;

  /** Index queries per second on one thread, at least. */
  static final double QUERIES_PER_SECOND_TARGET = 1_000_000;

  /**
   * Merge is called linear when the time per input statement at the largest document count is at
   * most this many times the time per statement at the smallest.
   */
  static final double LINEARITY_TOLERANCE = 1.25;

  private Summary() {}

  /**
   * Prints the summary of the JMH JSON results named by the first argument.
   *
   * @param args the JMH JSON result file
   * @throws IOException when the file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: Summary RESULTS.json");
    }
    JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    print(results, out);
  }

  static void print(JsonNode results, PrintStream out) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    out.println(
        "| Benchmark | Params | Mode | Score | Error (99.9%) | Unit | CPU per op (all threads) |"
            + " Allocated per op |");
    out.println("|---|---|---|---:|---:|---|---:|---:|");
    for (JsonNode r : results) {
      String full = r.path("benchmark").asText();
      String name = full.substring(full.lastIndexOf('.') + 1);
      // Keyed by Class.method: two classes have a jacksonReadTree (documents, scanner reports).
      String owner = full.substring(0, Math.max(0, full.lastIndexOf('.')));
      String key = owner.substring(owner.lastIndexOf('.') + 1) + "." + name;
      StringBuilder params = new StringBuilder();
      r.path("params")
          .properties()
          .forEach(
              e ->
                  params
                      .append(params.length() == 0 ? "" : ", ")
                      .append(e.getKey())
                      .append('=')
                      .append(e.getValue().asText()));
      JsonNode m = r.path("primaryMetric");
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
          name,
          params,
          r.path("mode").asText(),
          number(m.path("score").asDouble()),
          number(m.path("scoreError").asDouble()),
          m.path("scoreUnit").asText(),
          cpu(r.path("secondaryMetrics")),
          allocated(r.path("secondaryMetrics").path("gc.alloc.rate.norm")));
      String order = r.path("params").path("order").asText("");
      String format = r.path("params").path("format").asText("");
      byName.put(
          key
              + (name.equals("merge") ? r.path("params").path("documents").asText() : "")
              + (order.isEmpty() || order.equals("shuffled") ? "" : "-" + order)
              + (format.isEmpty() ? "" : "-" + format),
          r);
    }
    out.println();
    out.println("| Target | Wall clock | Met | CPU time (all threads) | Met |");
    out.println("|---|---|---|---|---|");
    ratio(
        out,
        byName,
        "DocumentBenchmarks.parseAndBind",
        "DocumentBenchmarks.jacksonReadTree",
        "parse+bind ≤ 2× Jackson readTree",
        true);
    ratio(
        out,
        byName,
        "DocumentBenchmarks.write",
        "DocumentBenchmarks.jacksonWriteTree",
        "write ≤ 2× Jackson tree write",
        true);
    ratio(
        out,
        byName,
        "DocumentBenchmarks.write",
        "DocumentBenchmarks.jacksonWriteTreeIndented",
        "(for scale) write vs Jackson's indented tree write",
        false);
    for (String format : List.of("GRYPE", "TRIVY", "SARIF")) {
      ratio(
          out,
          byName,
          "ReportParseBenchmark.parse-" + format,
          "ReportParseBenchmark.jacksonReadTree-" + format,
          "report parse (" + format + ") ≤ 2× Jackson readTree",
          true);
    }
    index(
        out,
        byName.get("IndexBenchmark.indexQuery"),
        "index ≥ 1,000,000 queries/s on one thread",
        true);
    index(
        out,
        byName.get("IndexBenchmark.indexQuery-byProduct"),
        "(for scale) the same queries grouped by product",
        false);
    JsonNode small = byName.get("MergeBenchmark.merge25");
    JsonNode large = byName.get("MergeBenchmark.merge100");
    if (small != null && large != null) {
      double wall = (wall(large) / 100) / (wall(small) / 25);
      double cpu = (cpu(large, "cpu.time/op") / 100) / (cpu(small, "cpu.time/op") / 25);
      out.printf(
          Locale.ROOT,
          "| merge grows linearly: time per document at 100 documents ≤ %.2f× that at 25"
              + " | %.2f× | %s | %.2f× | %s |%n",
          LINEARITY_TOLERANCE,
          wall,
          met(wall <= LINEARITY_TOLERANCE),
          cpu,
          Double.isNaN(cpu) ? "" : met(cpu <= LINEARITY_TOLERANCE));
    }
  }

  private static void index(
      PrintStream out, @Nullable JsonNode result, String label, boolean target) {
    if (result == null) {
      return;
    }
    double wall = wall(result);
    double cpu = cpu(result, "cpu.ops/s");
    out.printf(
        Locale.ROOT,
        "| %s | %s ops/s | %s | %s ops/cpu-s | %s |%n",
        label,
        number(wall),
        target ? met(wall >= QUERIES_PER_SECOND_TARGET) : "—",
        number(cpu),
        !target || Double.isNaN(cpu) ? "—" : met(cpu >= QUERIES_PER_SECOND_TARGET));
  }

  private static void ratio(
      PrintStream out,
      Map<String, JsonNode> byName,
      String ours,
      String theirs,
      String label,
      boolean target) {
    JsonNode a = byName.get(ours);
    JsonNode b = byName.get(theirs);
    if (a == null || b == null) {
      return;
    }
    double wall = wall(a) / wall(b);
    double cpu = cpu(a, "cpu.time/op") / cpu(b, "cpu.time/op");
    out.printf(
        Locale.ROOT,
        "| %s | %s / %s ms = %.2f× | %s | %s / %s ms = %.2f× | %s |%n",
        label,
        number(wall(a)),
        number(wall(b)),
        wall,
        target ? met(wall <= JACKSON_RATIO_TARGET) : "—",
        number(cpu(a, "cpu.time/op")),
        number(cpu(b, "cpu.time/op")),
        cpu,
        !target || Double.isNaN(cpu) ? "—" : met(cpu <= JACKSON_RATIO_TARGET));
  }

  private static double wall(JsonNode result) {
    return result.path("primaryMetric").path("score").asDouble();
  }

  private static double cpu(JsonNode result, String metric) {
    JsonNode m = result.path("secondaryMetrics").path(metric);
    return m.isMissingNode() ? Double.NaN : m.path("score").asDouble();
  }

  private static String met(boolean met) {
    return met ? "yes" : "**no**";
  }

  /** {@link CpuTimeProfiler}'s result with its unit; empty without the profiler. */
  private static String cpu(JsonNode secondary) {
    JsonNode perOp = secondary.path("cpu.time/op");
    if (!perOp.isMissingNode()) {
      return number(perOp.path("score").asDouble()) + " " + perOp.path("scoreUnit").asText();
    }
    JsonNode rate = secondary.path("cpu.ops/s");
    if (!rate.isMissingNode()) {
      return number(rate.path("score").asDouble()) + " " + rate.path("scoreUnit").asText();
    }
    return "";
  }

  /** JMH's {@code -prof gc} bytes per operation, in a readable unit; empty without the profiler. */
  private static String allocated(JsonNode norm) {
    if (norm.isMissingNode()) {
      return "";
    }
    double bytes = norm.path("score").asDouble();
    if (bytes >= 1 << 20) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (1 << 20));
    }
    if (bytes >= 1 << 10) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / (1 << 10));
    }
    return String.format(Locale.ROOT, "%.0f B", bytes);
  }

  private static String number(double d) {
    if (d >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", d);
    }
    if (d >= 10) {
      return String.format(Locale.ROOT, "%.1f", d);
    }
    return String.format(Locale.ROOT, "%.3f", d);
  }
}
