package dev.waterline.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * A JMH profiler that reports the CPU time the benchmark JVM spent per operation: every thread of
 * the process (the benchmark thread, the garbage collector, the JIT compiler, JMH's own), read from
 * {@code OperatingSystemMXBean.getProcessCpuTime()} around each iteration and divided by the
 * operations measured.
 *
 * <p>On a machine shared with other work, wall-clock scores depend on how often the benchmark
 * thread gets a core; CPU time per operation depends far less on that, so it gives a steadier
 * comparison of two benchmarks run minutes apart. It counts the collector's work, which a benchmark
 * that allocates much must pay for. Use with {@code -prof dev.waterline.bench.CpuTimeProfiler}; it
 * adds {@code cpu.time/op} (in the benchmark's time unit) for average-time benchmarks and {@code
 * cpu.ops/s} (operations per CPU second) for throughput benchmarks.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long start;

  /** JMH creates the profiler by reflection. */
  public CpuTimeProfiler() {}

  @Override
  public String getDescription() {
    return "CPU time of the whole benchmark JVM per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    start = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpuNanos = os.getProcessCpuTime() - start;
    long ops = result.getMetadata().getMeasuredOps();
    if (ops <= 0 || cpuNanos <= 0) {
      return List.of();
    }
    TimeUnit unit = benchmarkParams.getTimeUnit();
    switch (benchmarkParams.getMode()) {
      case Throughput:
        double perSecond = ops / (cpuNanos / 1e9);
        return List.of(
            new ScalarResult("cpu.ops/s", perSecond, "ops/cpu-s", AggregationPolicy.AVG));
      default:
        return List.of(
            new ScalarResult(
                "cpu.time/op",
                nanosIn(unit, (double) cpuNanos / ops),
                TimeValue.tuToString(unit) + "/op",
                AggregationPolicy.AVG));
    }
  }

  private static double nanosIn(TimeUnit unit, double nanos) {
    return nanos / TimeUnit.NANOSECONDS.convert(1, unit);
  }
}
