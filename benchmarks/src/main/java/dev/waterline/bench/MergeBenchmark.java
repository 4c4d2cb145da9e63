package dev.waterline.bench;

import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Vex.merge} with the default options (every statement, identical ones once, a new canonical
 * ID) of 25, 50 and 100 documents of 1,000 statements each. Linear growth means the time per
 * statement stays about the same as the document count grows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class MergeBenchmark {
  /** Statements in each document. */
  public static final int STATEMENTS_EACH = 1_000;

  /** How many documents to merge. */
  @Param({"25", "50", "100"})
  public int documents;

  private List<VexDocument> inputs = List.of();

  /** Generates the documents; the smaller sets are prefixes of the largest. */
  @Setup(Level.Trial)
  public void setUp() {
    inputs =
        DocumentGenerator.forStatements(7, 100 * STATEMENTS_EACH)
            .documents(documents, STATEMENTS_EACH);
  }

  /** Merges the documents. */
  @Benchmark
  public VexDocument merge() {
    return Vex.merge(inputs);
  }
}
