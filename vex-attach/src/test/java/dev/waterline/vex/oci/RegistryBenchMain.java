package dev.waterline.vex.oci;

import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Attach and fetch timings against a real distribution 2.8.2 (not a test: run by hand, prints a
 * table for docs). Each attach goes to a fresh repository (cold: 9 requests); fetch reads one
 * attestation. Usage: {@code java -cp … dev.waterline.vex.oci.RegistryBenchMain [runs]}.
 */
public final class RegistryBenchMain {
  private RegistryBenchMain() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    Path dir = Files.createTempDirectory("registry-bench");
    try (DistributionRegistry server = DistributionRegistry.plain(dir)) {
      Registry registry =
          Registry.of(server.host(), RegistryOptions.builder().withoutDockerConfig().build());
      long[] attach = new long[runs];
      long[] fetch = new long[runs];
      long attachRequests = 0;
      long fetchRequests = 0;
      for (int i = -5; i < runs; i++) { // 5 warm-up rounds for the JIT
        String repo = "bench/app" + (i + 5);
        Digest subject =
            ImageWriter.write(
                    registry.store(repo), "1.0", "f", "bench " + i, List.of("linux/amd64"))
                .digest();
        Attestation a = Fixtures.statementAttestation(subject, "bench-" + i);
        long c0 = registry.requestCount();
        long t0 = System.nanoTime();
        registry.attach(repo + "@" + subject, a, AttachmentLayout.STATEMENT_REFERRER);
        long t1 = System.nanoTime();
        long c1 = registry.requestCount();
        registry.fetch(repo + "@" + subject);
        long t2 = System.nanoTime();
        if (i >= 0) {
          attach[i] = t1 - t0;
          fetch[i] = t2 - t1;
          attachRequests = c1 - c0;
          fetchRequests = registry.requestCount() - c1;
        }
      }
      System.out.printf(
          "attach (1 layout, cold repo): median %.1f ms, p90 %.1f ms, %d requests%n",
          median(attach), p90(attach), attachRequests);
      System.out.printf(
          "fetch (1 attestation): median %.1f ms, p90 %.1f ms, %d requests%n",
          median(fetch), p90(fetch), fetchRequests);
    }
  }

  private static double median(long[] ns) {
    long[] s = ns.clone();
    Arrays.sort(s);
    return s[s.length / 2] / 1e6;
  }

  private static double p90(long[] ns) {
    long[] s = ns.clone();
    Arrays.sort(s);
    return s[(int) (s.length * 0.9)] / 1e6;
  }
}
