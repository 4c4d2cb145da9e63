package dev.waterline.bench.registry;

import dev.waterline.vex.oci.AttachmentLayout;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.Registry;
import dev.waterline.vex.oci.RegistryOptions;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes down the HTTP requests our client sends for the operations of {@code RegistryBenchmark},
 * for {@code scripts/bench-registry-curl.sh} to replay with curl. It starts its own registry, puts
 * a {@link RecordingProxy} in front, and runs through the proxy, with one {@link Registry} handle
 * whose referrers probe is answered first (as in the benchmark):
 *
 * <ul>
 *   <li>{@code repetitions} attaches of a fresh bundle to a fresh subject in a fresh repository as
 *       a bundle referrer (phases {@code attach-bundle-referrer#k}), and as many in the default
 *       layouts ({@code attach-default#k});
 *   <li>one fetch of an image with n = 1, 4, 16 bundle referrers ({@code fetch-n}).
 * </ul>
 *
 * <p>Everything else (pushing the subjects, attaching what the fetches read, the probe) is written
 * down under the phase {@code setup}: the replay sends it untimed, so the registry it replays
 * against reaches the same state. Output in {@code DIR}: {@code requests.tsv} (sequence number,
 * phase, method, target, status), and per request {@code NNNN.h} (its headers, one a line) and,
 * when it had a body, {@code NNNN.b}. The PUT that completes a blob upload is written with the
 * target {@code {upload}/v2/<name>/blobs/uploads/?digest=<digest>}: its real URL is the {@code
 * Location} of the POST before it, which differs on every registry.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.waterline.bench.registry.RecordRequests DIR [repetitions]}
 */
public final class RecordRequests {
  private static final Pattern UPLOAD =
      Pattern.compile("^(/v2/.+/blobs/uploads/)[^?]*\\?.*\\bdigest=(sha256:[0-9a-f]{64}).*$");

  private RecordRequests() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: RecordRequests DIR [repetitions]");
    }
    Path out = Path.of(args[0]);
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Files.createDirectories(out);
    Path registryDir = Files.createTempDirectory("waterline-record");
    try (DistributionRegistry process = DistributionRegistry.quiet(registryDir);
        RecordingProxy proxy = new RecordingProxy(process.host())) {
      Registry registry =
          Registry.of(proxy.host(), RegistryOptions.builder().withoutDockerConfig().build());
      BenchImages images = new BenchImages(proxy.host());
      int[] repositories = {0};

      Digest probe = images.pushImage("bench/probe", "probe");
      registry.fetch("bench/probe@" + probe);

      for (String layouts : List.of("attach-bundle-referrer", "attach-default")) {
        for (int k = 0; k < repetitions; k++) {
          proxy.phase("setup");
          String repo = "bench/attach-" + repositories[0]++;
          Digest subject = images.pushImage(repo, repo);
          var attestation = BenchImages.bundle(subject, repo);
          proxy.phase(layouts + "#" + k);
          if (layouts.equals("attach-default")) {
            registry.attach(repo + "@" + subject, attestation);
          } else {
            registry.attach(
                repo + "@" + subject, attestation, AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
          }
        }
      }
      for (int n : new int[] {1, 4, 16}) {
        proxy.phase("setup");
        String repo = "bench/fetch-" + repositories[0]++;
        Digest subject = images.pushImage(repo, repo);
        Registry writer =
            Registry.of(proxy.host(), RegistryOptions.builder().withoutDockerConfig().build());
        for (int i = 0; i < n; i++) {
          writer.attach(
              repo + "@" + subject,
              BenchImages.bundle(subject, repo + "-" + i),
              AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
        }
        proxy.phase("fetch-" + n);
        int found = registry.fetch(repo + "@" + subject).attestations().size();
        if (found != n) {
          throw new IllegalStateException("fetch-" + n + " found " + found + " attestations");
        }
      }
      proxy.phase("setup");
      write(out, proxy.exchanges());
    } finally {
      try (var files = Files.walk(registryDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void write(Path out, List<RecordingProxy.Exchange> exchanges) throws IOException {
    StringBuilder tsv = new StringBuilder();
    Map<String, Integer> perPhase = new LinkedHashMap<>();
    int seq = 0;
    for (RecordingProxy.Exchange e : exchanges) {
      seq++;
      String name = String.format("%04d", seq);
      String target = e.target();
      Matcher m = UPLOAD.matcher(target);
      if (e.method().equals("PUT") && m.matches()) {
        target = "{upload}" + m.group(1) + "?digest=" + m.group(2);
      }
      tsv.append(seq)
          .append('\t')
          .append(e.phase())
          .append('\t')
          .append(e.method())
          .append('\t')
          .append(target)
          .append('\t')
          .append(e.status())
          .append('\n');
      Files.writeString(
          out.resolve(name + ".h"),
          e.headers().isEmpty() ? "" : String.join("\n", e.headers()) + "\n",
          StandardCharsets.UTF_8);
      if (e.body() != null) {
        Files.write(out.resolve(name + ".b"), e.body());
      }
      String phase = e.phase().replaceAll("#.*", "");
      if (!e.phase().equals("setup")) {
        perPhase.merge(e.phase().contains("#") ? phase + " (all)" : phase, 1, Integer::sum);
      }
    }
    Files.writeString(out.resolve("requests.tsv"), tsv.toString(), StandardCharsets.UTF_8);
    System.out.println("Recorded " + exchanges.size() + " requests in " + out + ": " + perPhase);
  }
}
