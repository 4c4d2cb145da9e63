package dev.waterline.bench;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexIndex;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a document and builds the whole {@link VexIndex} over it, printing the time of each step
 * and the heap in use after a full collection: {@code LargeIndexMain FILE [PRODUCT VULNERABILITY]}
 * (the memory figures of {@code docs/performance.md}, "Memory: a 1,000,000-statement document").
 * With a query, asks it of the index and prints the answer. The system property {@code
 * largeIndex.readOnly=true} stops after the read (the model alone); {@code
 * largeIndex.pause=SECONDS} waits at the end, with everything still in use, for {@code jmap
 * -histo:live}.
 */
public final class LargeIndexMain {
  private LargeIndexMain() {}

  /**
   * Runs the measurement.
   *
   * @param args the document, optionally a product and a vulnerability to ask about
   */
  public static void main(String[] args) {
    if (args.length != 1 && args.length != 3) {
      throw new IllegalArgumentException("usage: LargeIndexMain FILE [PRODUCT VULNERABILITY]");
    }
    long t0 = System.nanoTime();
    VexDocument document = VexDocument.read(Path.of(args[0]));
    long t1 = System.nanoTime();
    print("read", document.statements().size() + " statements", t0, t1);
    if (Boolean.getBoolean("largeIndex.readOnly")) {
      pause(document);
      return;
    }
    VexIndex index = VexIndex.of(document);
    long t2 = System.nanoTime();
    print("index", index.toString(), t1, t2);
    if (args.length == 3) {
      long t3 = System.nanoTime();
      String answer =
          index.effective(args[1], args[2]).map(e -> e.status().value()).orElse("no statement");
      print("query", answer, t3, System.nanoTime());
    }
    pause(index);
    // Both kept to the end, so that the last figure is the model and the index together.
    System.out.println(document.statements().size() + " " + index);
  }

  private static void pause(Object keep) {
    long seconds = Long.getLong("largeIndex.pause", 0);
    if (seconds > 0) {
      System.out.println("pausing " + seconds + " s for " + keep.getClass().getSimpleName());
      System.out.flush();
      try {
        Thread.sleep(seconds * 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void print(String step, String what, long from, long to) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    long used = memory.getHeapMemoryUsage().getUsed();
    System.out.printf(
        Locale.ROOT,
        "%-6s %-40s %8.1f s; heap in use after a full collection: %,d MiB%n",
        step,
        what,
        (to - from) / 1e9,
        used >> 20);
  }
}
