package dev.waterline.bench;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.policy.Decision;
import dev.waterline.vex.policy.Policy;
import dev.waterline.vex.policy.Severity;
import dev.waterline.vex.policy.VexSource;
import dev.waterline.vex.policy.internal.ImageProducts;
import dev.waterline.vex.policy.internal.TriageEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Triage on parsed findings: building the engine (the VEX index over every statement) and deciding
 * every finding, single-threaded. The base size is 100,000 findings against 50,000 statements
 * (target ≤ 2 s); {@code scale=2} doubles both (target ≤ 2.2× the time).
 *
 * <p>Statements: half about the image with a package as subcomponent (the image named as a {@code
 * pkg:oci} purl, as Trivy and vexctl write it), half about a package purl (versionless for a third
 * of them); statuses mixed; across 10 documents, a fifth of them the vendor's. Findings: each with
 * a CVE id and a GHSA alias, a purl with version and qualifiers out of 20,000 packages, a severity,
 * a side of the waterline; about a third of them are covered by some statement. Every 500th id is
 * in KEV.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(
    value = 1,
    jvmArgs = {"-XX:ActiveProcessorCount=1", "-Xmx4g"})
public class TriageBenchmark {
  static final String HEX = "ab".repeat(32);
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** 1 = 100,000 findings and 50,000 statements; 2 = twice as many. */
  @Param({"1", "2"})
  public int scale = 1;

  private List<VexSource> sources;
  private List<String> products;
  private Finding[] findings;
  private Set<String> kev;

  static final class Finding {
    final List<String> ids;
    final String purl;
    final Severity severity;
    final TriageEngine.Side side;

    Finding(List<String> ids, String purl, Severity severity, TriageEngine.Side side) {
      this.ids = ids;
      this.purl = purl;
      this.severity = severity;
      this.side = side;
    }
  }

  static String pkg(int p) {
    return "pkg:deb/debian/lib" + p;
  }

  static String cve(int v) {
    return "CVE-2020-" + (10000 + v);
  }

  /** Builds the inputs; not measured. */
  @Setup
  public void setUp() {
    Random random = new Random(42);
    int statements = 50_000 * scale;
    int count = 100_000 * scale;
    int packages = 20_000 * scale;
    int vulns = 150_000 * scale;
    String imagePurl = "pkg:oci/app@sha256%3A" + HEX + "?repository_url=ghcr.io/acme/app";
    products = ImageProducts.of(List.of("ghcr.io/acme/app@sha256:" + HEX), List.of());
    List<List<Statement>> docs = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      docs.add(new ArrayList<>());
    }
    Status[] statuses = {
      Status.NOT_AFFECTED, Status.FIXED, Status.AFFECTED, Status.UNDER_INVESTIGATION
    };
    int[][] pairs = new int[statements][];
    for (int i = 0; i < statements; i++) {
      int v = random.nextInt(vulns);
      int p = random.nextInt(packages);
      pairs[i] = new int[] {v, p};
      Status status = statuses[random.nextInt(statuses.length)];
      Statement.Builder s;
      if (i % 2 == 0) {
        s = Vex.statement(cve(v), imagePurl, status).subcomponent(pkg(p) + "@1." + (p % 7));
      } else {
        String purl = i % 3 == 0 ? pkg(p) : pkg(p) + "@1." + (p % 7);
        s = Vex.statement(cve(v), purl, status);
      }
      if (status == Status.NOT_AFFECTED) {
        s.justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH);
      } else if (status == Status.AFFECTED) {
        s.actionStatement("upgrade");
      }
      s.timestamp(T0.plusSeconds(random.nextInt(1_000_000)));
      docs.get(i % 10).add(s.buildLenient());
    }
    sources = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      VexDocument doc =
          Vex.document(d < 2 ? Policy.DOCKER_HARDENED_IMAGES : "Acme")
              .timestamp(T0)
              .statements(docs.get(d))
              .buildLenient();
      VexSource s = VexSource.of(doc, "doc-" + d + ".json");
      sources.add(d < 2 ? s.acceptedUnsigned("benchmark") : s);
    }
    Severity[] severities = Severity.values();
    TriageEngine.Side[] sides = TriageEngine.Side.values();
    findings = new Finding[count];
    kev = new HashSet<>();
    for (int i = 0; i < count; i++) {
      int v = random.nextInt(vulns);
      int p = random.nextInt(packages);
      if (i % 3 == 0) {
        int[] pair = pairs[random.nextInt(statements)];
        v = pair[0];
        p = pair[1];
      }
      findings[i] =
          new Finding(
              List.of(cve(v), "GHSA-" + Integer.toString(v, 36)),
              pkg(p) + "@1." + (p % 7) + "?arch=amd64&distro=debian-12",
              severities[random.nextInt(severities.length)],
              sides[random.nextInt(sides.length)]);
      if (v % 500 == 0) {
        kev.add(cve(v));
      }
    }
  }

  /** Builds the engine and decides every finding; returns the counts. */
  @Benchmark
  public Map<Decision, Integer> triage() {
    TriageEngine engine =
        new TriageEngine(
            Policy.defaults(),
            sources,
            T0.plusSeconds(2_000_000),
            kev::contains,
            id -> null,
            products);
    EnumMap<Decision, Integer> counts = new EnumMap<>(Decision.class);
    for (Finding f : findings) {
      counts.merge(engine.decide(f.ids, f.purl, f.severity, f.side).decision, 1, Integer::sum);
    }
    return counts;
  }

  /** A quick run outside JMH: prints the counts and the time of one triage. */
  public static void main(String[] args) {
    for (int scale : new int[] {1, 2}) {
      TriageBenchmark b = new TriageBenchmark();
      b.scale = scale;
      b.setUp();
      for (int i = 0; i < 6; i++) {
        long t = System.nanoTime();
        Map<Decision, Integer> c = b.triage();
        long ms = (System.nanoTime() - t) / 1_000_000;
        System.out.println("scale " + scale + ": " + ms + " ms " + c);
      }
    }
  }
}
