package dev.waterline.bench;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.formats.VexFormat;
import dev.waterline.vex.formats.VexFormats;
import dev.waterline.vex.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The work of {@link FormatsBenchmark} timed by the CPU time of the one thread that does it ({@code
 * ThreadMXBean}), for a machine shared with other work, where wall time says more about the
 * neighbours than about the code: {@code FormatsCpuMain [WARMUP [ROUNDS]]}, by default 4 warm-up
 * rounds and 8 measured ones of each operation on the CSAF and the CycloneDX input written from the
 * 50,000-statement document (seed 42). Prints, per input and operation, the median and the least
 * CPU time, the median wall time and the ratio of the median to the tree parse of the same input.
 * Besides the benchmark's operations, {@code writeTree} is Jackson writing the converted output
 * (read back as a tree) with its pretty printer: what writing that many bytes costs by itself. The
 * collector's threads are not counted (the JMH benchmark with {@link CpuTimeProfiler} counts them).
 */
public final class FormatsCpuMain {
  private static volatile Object sink = new Object();

  private FormatsCpuMain() {}

  /**
   * Runs the measurement.
   *
   * @param args optionally the warm-up rounds and the measured rounds
   */
  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    VexDocument doc = DocumentGenerator.forStatements(42, 50_000).document(50_000);
    for (VexFormat format : List.of(VexFormat.CSAF, VexFormat.CYCLONEDX)) {
      byte[] bytes = VexFormats.write(doc, format).bytes();
      VexFormat other = format == VexFormat.CSAF ? VexFormat.CYCLONEDX : VexFormat.CSAF;
      byte[] converted = VexFormats.convert(bytes, other).bytes();
      Object outputTree = tree(converted);
      Map<String, Runnable> ops = new LinkedHashMap<>();
      ops.put("readTree", () -> sink = tree(bytes));
      ops.put("read", () -> sink = VexFormats.read(bytes));
      ops.put("convert", () -> sink = VexFormats.convert(bytes, other));
      ops.put("writeTree", () -> sink = pretty(outputTree));
      double yardstick = 0;
      for (Map.Entry<String, Runnable> op : ops.entrySet()) {
        for (int i = 0; i < warmup; i++) {
          op.getValue().run();
        }
        long[] cpu = new long[rounds];
        long[] wall = new long[rounds];
        for (int i = 0; i < rounds; i++) {
          long c = threads.getCurrentThreadCpuTime();
          long w = System.nanoTime();
          op.getValue().run();
          cpu[i] = threads.getCurrentThreadCpuTime() - c;
          wall[i] = System.nanoTime() - w;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        double median = cpu[rounds / 2] / 1e6;
        if (yardstick == 0) {
          yardstick = median;
        }
        System.out.printf(
            Locale.ROOT,
            "%-9s %-9s cpu median %8.1f ms, least %8.1f ms; wall median %8.1f ms; %.2fx readTree%n",
            format,
            op.getKey(),
            median,
            cpu[0] / 1e6,
            wall[rounds / 2] / 1e6,
            median / yardstick);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "load average %.2f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    if (sink == null) {
      throw new IllegalStateException();
    }
  }

  private static Object tree(byte[] bytes) {
    try {
      return Json.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] pretty(Object tree) {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
