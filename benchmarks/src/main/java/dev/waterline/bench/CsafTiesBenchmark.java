package dev.waterline.bench;

import dev.waterline.vex.Component;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.Vulnerability;
import dev.waterline.vex.formats.VexFormat;
import dev.waterline.vex.formats.VexFormats;
import dev.waterline.vex.formats.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A vendor's document as CSAF: one vulnerability, thousands of products, every statement at the
 * document's time, statuses alternating. The CSAF writer looks for statements with the same time
 * and different statuses for overlapping products; comparing every pair made this quadratic (32 s
 * for 20,000 products through the CLI, 7 December 2026), comparing only pairs that share an overlap
 * key does not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CsafTiesBenchmark {
  /** Products of the one vulnerability, each in a statement of its own. */
  @Param({"20000"})
  public int products = 20_000;

  private VexDocument doc = VexDocument.builder("x").buildLenient();

  /** The document. */
  @Setup(Level.Trial)
  public void setUp() {
    List<Statement> statements = new ArrayList<>(products);
    for (int i = 0; i < products; i++) {
      Statement.Builder b =
          Statement.builder()
              .vulnerability(Vulnerability.builder("CVE-2021-44228").build())
              .product(
                  Product.of(
                      Component.of("pkg:maven/com.example/app-" + i + "@1.0." + i), List.of()));
      if (i % 2 == 0) {
        b.status(Status.NOT_AFFECTED).justification(Justification.VULNERABLE_CODE_NOT_PRESENT);
      } else {
        b.status(Status.FIXED);
      }
      statements.add(b.build());
    }
    doc =
        VexDocument.builder("Vendor <psirt@vendor.example>")
            .id("https://vendor.example/vex/log4j")
            .timestamp(Instant.parse("2026-11-01T00:00:00Z"))
            .statements(statements)
            .build();
  }

  /** {@code VexFormats.write(doc, CSAF)}. */
  @Benchmark
  public WriteResult writeCsaf() {
    return VexFormats.write(doc, VexFormat.CSAF);
  }
}
