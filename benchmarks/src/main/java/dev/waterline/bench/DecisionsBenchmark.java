package dev.waterline.bench;

import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.workflow.ApplyOptions;
import dev.waterline.vex.workflow.ApplyResult;
import dev.waterline.vex.workflow.Decision;
import dev.waterline.vex.workflow.Decisions;
import dev.waterline.vex.workflow.ImageUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ticket loop's upsert (issue 15): 100,000 decisions about 1,000 images (100 each: 40
 * vulnerabilities, some decided once, some changed over time, some repeated unchanged, a few
 * arriving out of order) applied in memory with {@link Decisions#apply}. {@code applyNew} builds
 * the 1,000 documents from nothing (every decision is new or a repeat); {@code applyAgain} applies
 * the same decisions to those documents (every decision is already there: the idempotent re-run).
 * The decisions are parsed and normalised in setup; reading files is not measured.
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
public class DecisionsBenchmark {
  /** Images. */
  public static final int IMAGES = 1_000;

  /** Decisions in all. */
  public static final int DECISIONS = 100_000;

  static final ApplyOptions OPTIONS = ApplyOptions.defaults().withAuthor("Bench <bench@example>");

  private List<Decision> decisions = List.of();
  private Map<String, VexDocument> applied = Map.of();

  /** Generates the decisions (seeded) and the documents they make. */
  @Setup(Level.Trial)
  public void setUp() {
    decisions = decisions(11);
    Map<String, VexDocument> docs = new HashMap<>();
    for (ImageUpdate u : Decisions.apply(decisions, Map.of(), OPTIONS).images()) {
      docs.put(u.product(), u.document());
    }
    applied = docs;
  }

  /** 100 decisions per image, in a shuffled order. */
  static List<Decision> decisions(long seed) {
    Random random = new Random(seed);
    Status[] statuses = Status.values();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    List<Decision> out = new ArrayList<>(DECISIONS);
    for (int i = 0; i < IMAGES; i++) {
      String hex = String.format(Locale.ROOT, "%064x", 0x5eedL * 1_000_003L + i);
      String product =
          "pkg:oci/app" + i + "@sha256%3A" + hex + "?repository_url=registry.example/team/app" + i;
      for (int d = 0; d < DECISIONS / IMAGES; d++) {
        int vuln = d % 40;
        Status s = statuses[random.nextInt(statuses.length)];
        Decision.Builder b =
            Decision.builder()
                .ticket("SEC-" + (i * 100 + d))
                .vulnerability("CVE-2025-" + (10_000 + vuln))
                .product(product)
                .subcomponent(vuln % 4 == 0 ? "pkg:npm/lib" + vuln + "@1.0." + vuln : null)
                .status(s)
                .author("dev" + (d % 7) + "@example")
                .time(t0.plusSeconds(3_600L * d + random.nextInt(600)));
        if (s == Status.NOT_AFFECTED) {
          b.justification("Vulnerable code not in execute path");
        } else if (s == Status.AFFECTED) {
          b.actionStatement("Upgrade lib" + vuln);
        }
        out.add(b.build());
      }
    }
    java.util.Collections.shuffle(out, random);
    return out;
  }

  /** Builds the 1,000 documents from the 100,000 decisions. */
  @Benchmark
  public ApplyResult applyNew() {
    return Decisions.apply(decisions, Map.of(), OPTIONS);
  }

  /** Applies the same decisions to their documents: nothing changes. */
  @Benchmark
  public ApplyResult applyAgain() {
    return Decisions.apply(decisions, applied, OPTIONS);
  }
}
