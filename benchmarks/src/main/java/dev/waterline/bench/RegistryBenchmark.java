package dev.waterline.bench;

import dev.waterline.bench.registry.BenchImages;
import dev.waterline.vex.oci.AttachResult;
import dev.waterline.vex.oci.AttachmentLayout;
import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.FetchResult;
import dev.waterline.vex.oci.Registry;
import dev.waterline.vex.oci.RegistryOptions;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LongSummaryStatistics;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Attach and fetch against a real registry: Debian's {@code docker-registry} (CNCF distribution
 * 2.8.2, no referrers API, so referrers go to the tag-schema index) started by the benchmark on
 * 127.0.0.1, plain HTTP, filesystem storage. One {@link Registry} handle per trial, as an
 * application keeps one: its referrers probe is answered in setup, so operations carry no probe.
 *
 * <ul>
 *   <li>{@code attachBundleReferrer}: one Sigstore bundle attached as a bundle referrer (manifest,
 *       its {@code .ref} tag, the {@code sha256-<hex>} fallback index and its read-back).
 *   <li>{@code attachDefaultLayouts}: the same attestation in the default layouts (bundle referrer
 *       plus cosign's {@code .att} tag).
 *   <li>{@code fetch}: every attestation of an image carrying {@code n} bundle referrers.
 * </ul>
 *
 * <p>Every attach does the full work of a first attach: before each operation (untimed, {@code
 * Level.Invocation}) a new repository gets a new subject image and a new attestation is made for
 * it, so no operation is a re-attach that the client can skip, and each one starts from the same
 * state (no index yet, no blob in the repository). Fetch is read-only, so it reads the same image
 * every time. The HTTP requests of each operation ({@link Registry#requestCount()}) are printed at
 * the end of the trial, and the trial fails if one operation sent more than DESIGN.md allows.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(
    value = 1,
    jvmArgs = {"-Xms512m", "-Xmx512m"})
public class RegistryBenchmark {
  /** Requests per operation of one benchmark, checked against a bound. */
  static final class Requests {
    private final String name;
    private final long bound;
    private final LongSummaryStatistics stats = new LongSummaryStatistics();

    Requests(String name, long bound) {
      this.name = name;
      this.bound = bound;
    }

    void add(long requests) {
      stats.accept(requests);
    }

    void report() {
      if (stats.getCount() == 0) {
        return;
      }
      System.out.printf(
          "%nRequests per operation (%s): min %d, max %d, mean %.2f over %d operations"
              + " (bound %d)%n",
          name, stats.getMin(), stats.getMax(), stats.getAverage(), stats.getCount(), bound);
      if (stats.getMax() > bound) {
        throw new IllegalStateException(
            name + " sent " + stats.getMax() + " requests in one operation; the bound is " + bound);
      }
    }
  }

  /** The registry process and the measured client, for the whole trial. */
  @State(Scope.Benchmark)
  public static class Server {
    Path dir;
    DistributionRegistry process;
    Registry registry;
    BenchImages images;
    int repositories;

    @Setup(Level.Trial)
    public void start() throws IOException {
      dir = Files.createTempDirectory("waterline-registry-bench");
      process = DistributionRegistry.quiet(dir);
      registry =
          Registry.of(process.host(), RegistryOptions.builder().withoutDockerConfig().build());
      images = new BenchImages(process.host());
      // the one referrers probe of this process, before anything is measured
      String repo = newRepository("probe");
      Digest subject = images.pushImage(repo, "probe");
      registry.fetch(repo + "@" + subject);
    }

    String newRepository(String kind) {
      return "bench/" + kind + "-" + repositories++;
    }

    @TearDown(Level.Trial)
    public void stop() {
      process.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A new repository, subject image and attestation before each attach. */
  @State(Scope.Thread)
  public static class FreshSubject {
    String image;
    Attestation attestation;
    final Requests oneLayout = new Requests("attach, bundle referrer", 9);
    final Requests defaultLayouts = new Requests("attach, default layouts", 17);

    @Setup(Level.Invocation)
    public void next(Server server) {
      String repo = server.newRepository("attach");
      Digest subject = server.images.pushImage(repo, repo);
      image = repo + "@" + subject;
      attestation = BenchImages.bundle(subject, repo);
    }

    @TearDown(Level.Trial)
    public void report() {
      oneLayout.report();
      defaultLayouts.report();
    }
  }

  /** An image with {@code n} bundle referrers, attached once before the trial. */
  @State(Scope.Benchmark)
  public static class Attached {
    @Param({"1", "4", "16"})
    public int n;

    String image;
    Requests requests;

    @Setup(Level.Trial)
    public void attach(Server server) {
      String repo = server.newRepository("fetch");
      Digest subject = server.images.pushImage(repo, repo);
      image = repo + "@" + subject;
      Registry writer =
          Registry.of(
              server.registry.host(), RegistryOptions.builder().withoutDockerConfig().build());
      for (int i = 0; i < n; i++) {
        writer.attach(
            image,
            BenchImages.bundle(subject, repo + "-" + i),
            AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
      }
      FetchResult check = server.registry.fetch(image);
      if (check.attestations().size() != n || !check.problems().isEmpty()) {
        throw new IllegalStateException(
            "fetch found " + check.attestations().size() + " of " + n + ": " + check.problems());
      }
      requests = new Requests("fetch, n=" + n, 4 + 2L * n);
    }

    @TearDown(Level.Trial)
    public void report() {
      requests.report();
    }
  }

  @Benchmark
  public AttachResult attachBundleReferrer(Server server, FreshSubject fresh) {
    long before = server.registry.requestCount();
    AttachResult r =
        server.registry.attach(
            fresh.image, fresh.attestation, AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
    fresh.oneLayout.add(server.registry.requestCount() - before);
    return r;
  }

  @Benchmark
  public AttachResult attachDefaultLayouts(Server server, FreshSubject fresh) {
    long before = server.registry.requestCount();
    AttachResult r = server.registry.attach(fresh.image, fresh.attestation);
    fresh.defaultLayouts.add(server.registry.requestCount() - before);
    return r;
  }

  @Benchmark
  public FetchResult fetch(Server server, Attached attached) {
    long before = server.registry.requestCount();
    FetchResult r = server.registry.fetch(attached.image);
    attached.requests.add(server.registry.requestCount() - before);
    return r;
  }
}
