package dev.waterline.bench;

import dev.waterline.bench.DocumentGenerator.Query;
import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
 * Effective-status queries on a {@link VexIndex} over the 50,000-statement document, one query per
 * operation on one thread (the target: at least 1,000,000 per second). The queries are generated up
 * front, half hits and half misses, and cycled.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class IndexBenchmark {
  private static final int QUERIES = 1 << 14;

  /** Statements in the indexed document. */
  @Param({"50000"})
  public int statements;

  /**
   * The order of the queries: {@code shuffled} (consecutive queries name unrelated products, the
   * main case) or {@code byProduct} (the same queries sorted by product, as when a scanner's report
   * on one image is triaged: many vulnerabilities for each product in a row).
   */
  @Param({"shuffled", "byProduct"})
  public String order;

  private VexIndex index = VexIndex.of(List.of());
  private String[] products = new String[0];
  private String[] vulnerabilities = new String[0];
  private int next;

  /** Generates the document and the queries, builds the index and checks its answers. */
  @Setup(Level.Trial)
  public void setUp() {
    DocumentGenerator generator = DocumentGenerator.forStatements(42, statements);
    VexDocument document = generator.document(statements);
    List<Query> queries = new ArrayList<>(generator.queries(document, QUERIES));
    if (order.equals("byProduct")) {
      queries.sort(Comparator.comparing(Query::product));
    } else if (!order.equals("shuffled")) {
      throw new IllegalArgumentException("unknown order " + order);
    }
    index = VexIndex.of(List.of(document));
    products = new String[QUERIES];
    vulnerabilities = new String[QUERIES];
    int hits = 0;
    int expectedHits = 0;
    for (int i = 0; i < QUERIES; i++) {
      Query q = queries.get(i);
      products[i] = q.product();
      vulnerabilities[i] = q.vulnerability();
      boolean found = index.effective(q.product(), q.vulnerability()).isPresent();
      if (q.kind() == Query.Kind.HIT) {
        expectedHits++;
        if (!found) {
          throw new IllegalStateException("the index misses a statement for " + q);
        }
      } else if (q.kind() == Query.Kind.MISS && found) {
        throw new IllegalStateException("the index finds a statement for " + q);
      }
      hits += found ? 1 : 0;
    }
    if (hits < expectedHits) {
      throw new IllegalStateException(hits + " hits, expected at least " + expectedHits);
    }
  }

  /** One query, the next in the cycle. */
  @Benchmark
  public Optional<EffectiveStatement> indexQuery() {
    int i = next;
    next = (i + 1) & (QUERIES - 1);
    return index.effective(products[i], vulnerabilities[i]);
  }
}
