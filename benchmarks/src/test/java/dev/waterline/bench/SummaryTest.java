package dev.waterline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
  static String result(String benchmark, String params, double score) {
    return "{\"benchmark\":\"dev.waterline.bench."
        + benchmark
        + "\",\"mode\":\"avgt\",\"params\":{"
        + params
        + "},\"primaryMetric\":{\"score\":"
        + score
        + ",\"scoreError\":1.0,\"scoreUnit\":\"ms/op\"},\"secondaryMetrics\":{}}";
  }

  static List<String> summary(String... results) throws Exception {
    JsonNode json = new ObjectMapper().readTree("[" + String.join(",", results) + "]");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Summary.print(json, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
  }

  @Test
  void eachRatioComparesBenchmarksOfTheSameClassAndFormat() throws Exception {
    List<String> lines =
        summary(
            result("DocumentBenchmarks.parseAndBind", "\"statements\":\"50000\"", 80),
            result("DocumentBenchmarks.jacksonReadTree", "\"statements\":\"50000\"", 40),
            result("ReportParseBenchmark.jacksonReadTree", "\"format\":\"GRYPE\"", 50),
            result("ReportParseBenchmark.parse", "\"format\":\"GRYPE\"", 25),
            result("ReportParseBenchmark.jacksonReadTree", "\"format\":\"SARIF\"", 20),
            result("ReportParseBenchmark.parse", "\"format\":\"SARIF\"", 50));

    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("| parse+bind ≤ 2× Jackson readTree |")
                    .contains("= 2.00× | yes"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("| report parse (GRYPE) ≤ 2× Jackson readTree |")
                    .contains("= 0.50× | yes"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("| report parse (SARIF) ≤ 2× Jackson readTree |")
                    .contains("= 2.50× | **no**"))
        .noneSatisfy(l -> assertThat(l).startsWith("| report parse (TRIVY)"));
  }
}
