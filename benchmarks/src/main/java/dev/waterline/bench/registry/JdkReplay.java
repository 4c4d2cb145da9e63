package dev.waterline.bench.registry;

import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A third yardstick for the registry benchmark, for finding where time goes: replays a recording of
 * {@link RecordRequests} with the JDK's {@link HttpClient} alone (HTTP/1.1, one connection kept
 * open, bodies as byte arrays), as our client's transport sends them but without our code around it
 * (no JSON, digests, retries, auth). Prints the median per operation and per kind of request.
 * Uploads go to the {@code Location} of the POST before them, as in the recording.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.waterline.bench.registry.JdkReplay
 * RECORDING_DIR [rounds]} (each round on a fresh registry; the first round's per-request figures
 * are left out as warm-up).
 */
public final class JdkReplay {
  private JdkReplay() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path rec = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Map<String, List<Double>> perKind = new TreeMap<>();
    Map<String, List<Double>> perOperation = new TreeMap<>();
    List<String> lines = Files.readAllLines(rec.resolve("requests.tsv"), StandardCharsets.UTF_8);
    for (int round = 0; round < rounds; round++) {
      Path dir = Files.createTempDirectory("waterline-jdk-replay");
      try (DistributionRegistry registry = DistributionRegistry.quiet(dir)) {
        String base = "http://" + registry.host();
        String location = "";
        String phase = "";
        double phaseMs = 0;
        for (String line : lines) {
          String[] f = line.split("\t");
          String seq = String.format("%04d", Integer.parseInt(f[0]));
          String method = f[2];
          String target = f[3];
          if (!f[1].equals(phase)) {
            record(perOperation, phase, phaseMs, round);
            phase = f[1];
            phaseMs = 0;
          }
          String url = base + target;
          if (target.startsWith("{upload}")) {
            String digest = target.substring(target.indexOf("digest=") + 7);
            url =
                (location.startsWith("/") ? base + location : location)
                    + (location.contains("?") ? "&" : "?")
                    + "digest="
                    + digest;
          }
          Path body = rec.resolve(seq + ".b");
          HttpRequest.Builder b =
              HttpRequest.newBuilder(URI.create(url))
                  .method(
                      method,
                      Files.exists(body)
                          ? HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(body))
                          : HttpRequest.BodyPublishers.noBody());
          for (String h : Files.readAllLines(rec.resolve(seq + ".h"), StandardCharsets.UTF_8)) {
            int colon = h.indexOf(':');
            if (colon > 0) {
              b.header(h.substring(0, colon), h.substring(colon + 2));
            }
          }
          long t0 = System.nanoTime();
          HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
          double ms = (System.nanoTime() - t0) / 1e6;
          if (method.equals("POST") && r.statusCode() == 202) {
            location = r.headers().firstValue("Location").orElse("");
          }
          if (!phase.equals("setup")) {
            phaseMs += ms;
            if (round > 0) {
              perKind
                  .computeIfAbsent(
                      method + " " + kind(target) + " " + r.statusCode(), k -> new ArrayList<>())
                  .add(ms);
            }
          }
        }
        record(perOperation, phase, phaseMs, round);
      } finally {
        try (var files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    System.out.println("JDK HttpClient replay, median per operation (ms):");
    perOperation.forEach((k, v) -> System.out.printf("  %s: %.1f (%d)%n", k, median(v), v.size()));
    System.out.println("median per request (ms):");
    perKind.forEach((k, v) -> System.out.printf("  %s: %.2f (%d)%n", k, median(v), v.size()));
  }

  private static void record(Map<String, List<Double>> into, String phase, double ms, int round) {
    if (phase.isEmpty() || phase.equals("setup")) {
      return;
    }
    into.computeIfAbsent(phase.replaceAll("#.*", ""), k -> new ArrayList<>()).add(ms);
  }

  static String kind(String target) {
    if (target.startsWith("{upload}")) {
      return "blob upload (PUT to the session)";
    }
    if (target.contains("/blobs/uploads/")) {
      return "blob upload (POST, mount)";
    }
    if (target.contains("/blobs/")) {
      return "blob";
    }
    if (target.endsWith("/tags/list")) {
      return "tag list";
    }
    if (target.contains("/manifests/sha256:")) {
      return "manifest by digest";
    }
    if (target.endsWith(".ref")) {
      return "manifest, .ref tag";
    }
    if (target.endsWith(".att")) {
      return ".att tag";
    }
    return "fallback index tag";
  }

  private static double median(List<Double> values) {
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
