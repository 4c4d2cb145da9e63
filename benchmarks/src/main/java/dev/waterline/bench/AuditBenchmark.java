package dev.waterline.bench;

import dev.waterline.bench.registry.BenchImages;
import dev.waterline.bench.registry.RecordingProxy;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Status;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.oci.AttachmentLayout;
import dev.waterline.vex.oci.BatchFetch;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.FetchPolicy;
import dev.waterline.vex.oci.Registry;
import dev.waterline.vex.oci.RegistryOptions;
import dev.waterline.vex.oci.VexAudit;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.policy.ImageAudit;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.sign.VerificationPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * {@code waterline audit} across a fleet (issue 15): {@link VexAudit} of one CVE over 1,000 images
 * on a real registry, Debian's {@code docker-registry} (CNCF distribution 2.8.2, plain HTTP on
 * 127.0.0.1, filesystem storage, started by the benchmark), against the same HTTP requests sent
 * with the JDK's {@link HttpClient} alone.
 *
 * <p>The fleet: 1,000 repositories {@code audit/app-0000…0999}, one image each ({@link
 * BenchImages#pushImage}), each with one Sigstore bundle attached as a bundle referrer, signed for
 * real with one ECDSA P-256 key ({@link Keys#generate()}, {@link Attestations#signBundle}) around
 * an in-toto statement whose subject is the image's digest and whose OpenVEX document holds four
 * statements about the image: one about {@link #CVE}, with a status that cycles over the images
 * (not_affected, affected, fixed, under_investigation), and three about other CVEs. Building it
 * takes about a minute (45 s under load), so it is built once and kept (the registry's storage, the
 * image list and the public key) in {@code ~/.cache/waterline/audit-bench-<version>} for the next
 * trials and runs; delete that directory to rebuild it.
 *
 * <ul>
 *   <li>{@code audit}: one operation is {@code VexAudit.of(CVE,
 *       FetchPolicy.of(VerificationPolicy.keys(pub)))
 *       .withBatch(BatchFetch.builder().parallelism(p)…).run(images)} over the 1,000 images: every
 *       image's attestations fetched, each bundle's signature verified, the deciding statement
 *       found.
 *   <li>{@code rawHttpBaseline}: the requests that audit sent, recorded in the trial's setup
 *       through {@link RecordingProxy} and replayed image by image with one JDK {@link HttpClient}
 *       (HTTP/1.1, bodies read into byte arrays, statuses checked), {@code p} images at a time: the
 *       registry's floor for the same work, without our parsing, digest checks and verification.
 * </ul>
 *
 * <p>Checks: the setup runs the audit once through the proxy and fails the trial unless every
 * answer verified and names the image's expected status; every measured operation's answers are
 * checked the same way after its iteration; every replayed request must get its recorded status.
 * Requests per image are counted on that recorded audit (the proxy is left out of the timed
 * operations, whose CPU and wall time it would otherwise add to) and the trial fails above {@link
 * #REQUESTS_PER_IMAGE_BOUND} for an image or {@link #REQUESTS_BOUND} in all. Each operation also
 * reads this JVM's CPU time and the registry process's, printed per image at the trial's end.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Threads(1)
@Fork(
    value = 1,
    jvmArgs = {"-Xms1g", "-Xmx1g"})
public class AuditBenchmark {
  /** Images in the fleet: one operation audits them all. */
  static final int IMAGES = 1_000;

  /** The CVE audited. */
  static final String CVE = "CVE-2026-41515";

  /**
   * The most requests one image may take: a fetch sends 4 + 2n (resolve the digest, the fallback
   * index, the tag list, {@code .att}; then manifest and blob per attestation, here n = 1), and the
   * one referrers probe of the batch's {@code Registry} handle lands on whichever image comes
   * first.
   */
  static final long REQUESTS_PER_IMAGE_BOUND = 4 + 2 + 1;

  /** The most requests for the whole audit: 6 per image and the one probe. */
  static final long REQUESTS_BOUND = 6L * IMAGES + 1;

  /** Bump when the fleet's content changes, so a kept fleet of the old shape is not reused. */
  static final String FLEET_VERSION = "1";

  private static final Status[] STATUSES = {
    Status.NOT_AFFECTED, Status.AFFECTED, Status.FIXED, Status.UNDER_INVESTIGATION
  };

  private static final Instant TIME = Instant.parse("2026-12-01T00:00:00Z");

  /** The status the fleet's document about image {@code i} gives {@link #CVE}. */
  static Status expected(int i) {
    return STATUSES[i % STATUSES.length];
  }

  /** The registry with the fleet, the recorded requests and the measurements, for one trial. */
  @State(Scope.Benchmark)
  public static class Fleet {
    @Param({"1", "4", "16"})
    public int parallelism;

    DistributionRegistry process;
    PublicKey key;
    List<String> images;
    RegistryOptions options;
    VexAudit audit;

    /** The recorded requests of each image, in the fleet's order (the probe in the first's). */
    List<List<RecordingProxy.Exchange>> requests;

    final Cost auditCost = new Cost("audit");
    final Cost baselineCost = new Cost("raw HTTP baseline");
    boolean measuring;
    volatile @Nullable List<ImageAudit> lastAnswers;
    final AtomicInteger statusMismatches = new AtomicInteger();

    /**
     * Where the fleet is kept between runs: {@code ~/.cache/waterline/audit-bench-<version>}, made
     * owner-only. Not the shared temporary directory: another local user could plant a fleet there
     * ("complete", a key and an image list of their choosing) that a later run would trust.
     */
    static Path fleetDirectory() throws IOException {
      Path parent = Path.of(System.getProperty("user.home"), ".cache", "waterline");
      Files.createDirectories(parent);
      Path dir = parent.resolve("audit-bench-" + FLEET_VERSION);
      if (parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        java.nio.file.attribute.UserPrincipal me =
            parent
                .getFileSystem()
                .getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        for (Path p : List.of(parent, dir)) {
          if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.getOwner(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).equals(me)) {
              throw new IllegalStateException(p + " is not owned by " + me + ": not using it");
            }
            Files.setPosixFilePermissions(
                p, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
          }
        }
      }
      return dir;
    }

    @Setup(Level.Trial)
    public void start() throws IOException {
      System.out.printf("%nLoad average at the trial's start: %s%n", loadAverage());
      Path dir = fleetDirectory();
      boolean kept = Files.exists(dir.resolve("complete"));
      if (!kept) {
        delete(dir);
      }
      process = DistributionRegistry.quiet(dir);
      options = RegistryOptions.builder().withoutDockerConfig().build();
      if (!kept) {
        long t0 = System.nanoTime();
        build(dir);
        System.out.printf(
            "Built the fleet of %d signed images in %.1f s (kept in %s)%n",
            IMAGES, (System.nanoTime() - t0) / 1e9, dir);
      }
      key = PublicKey.read(dir.resolve("key.pub"));
      // the image list as `audit --images` reads one: through the bounded reader
      List<String> refs =
          Inputs.readString(dir.resolve("fleet.txt"), InputKind.IMAGE_LIST).lines().toList();
      if (refs.size() != IMAGES) {
        throw new IllegalStateException(dir + "/fleet.txt lists " + refs.size() + " images");
      }
      images = new ArrayList<>();
      for (String ref : refs) {
        images.add(process.host() + "/" + ref);
      }
      audit =
          VexAudit.of(CVE, FetchPolicy.of(VerificationPolicy.keys(key)))
              .withBatch(
                  BatchFetch.builder()
                      .parallelism(parallelism)
                      .registryOptions(options)
                      .onlyVex(true)
                      .build());
      record(refs);
    }

    /** Pushes the fleet's images, signs and attaches their VEX, 8 at a time. */
    private void build(Path dir) throws IOException {
      SigningKey signingKey = Keys.generate();
      BenchImages pusher = new BenchImages(process.host());
      Registry writer = Registry.of(process.host(), options);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<String>> refs = new ArrayList<>();
      try {
        for (int i = 0; i < IMAGES; i++) {
          int n = i;
          refs.add(
              pool.submit(
                  () -> {
                    String repo = String.format(Locale.ROOT, "audit/app-%04d", n);
                    Digest digest = pusher.pushImage(repo, repo);
                    String image = repo + "@" + digest;
                    writer.attach(
                        image,
                        Attestations.of(document(n, repo, digest))
                            .subject(image)
                            .signBundle(signingKey),
                        AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
                    return image;
                  }));
        }
        List<String> lines = new ArrayList<>();
        for (Future<String> f : refs) {
          lines.add(f.get());
        }
        Keys.writePublicPem(signingKey.publicKey(), dir.resolve("key.pub"));
        Files.write(dir.resolve("fleet.txt"), lines, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("complete"), "fleet version " + FLEET_VERSION + "\n");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("building the fleet failed", e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }

    /**
     * Runs the audit once through a recording proxy: checks its answers, counts its requests per
     * image and keeps them for the baseline.
     */
    private void record(List<String> refs) throws IOException {
      try (RecordingProxy proxy = new RecordingProxy(process.host())) {
        List<String> viaProxy = new ArrayList<>();
        for (String ref : refs) {
          viaProxy.add(proxy.host() + "/" + ref);
        }
        proxy.phase("audit");
        check(audit.run(viaProxy));
        Map<String, List<RecordingProxy.Exchange>> byRepository = new LinkedHashMap<>();
        for (String ref : refs) {
          byRepository.put(ref.substring(0, ref.indexOf('@')), new ArrayList<>());
        }
        List<RecordingProxy.Exchange> exchanges = proxy.exchanges();
        for (RecordingProxy.Exchange e : exchanges) {
          List<RecordingProxy.Exchange> of = byRepository.get(repository(e.target()));
          if (of == null) {
            throw new IllegalStateException(
                "a request of the audit names no image's repository: "
                    + e.method()
                    + " "
                    + e.target());
          }
          if (!e.method().equals("GET") && !e.method().equals("HEAD")) {
            throw new IllegalStateException("the audit sent a " + e.method() + ": " + e.target());
          }
          of.add(e);
        }
        requests = List.copyOf(byRepository.values());
        LongSummaryStatistics perImage = new LongSummaryStatistics();
        requests.forEach(r -> perImage.accept(r.size()));
        System.out.printf(
            "Requests per image (the audit at parallelism %d, through RecordingProxy): min %d,"
                + " max %d, mean %.3f over %d images (bound %d); in all %d (bound %d)%n",
            parallelism,
            perImage.getMin(),
            perImage.getMax(),
            perImage.getAverage(),
            perImage.getCount(),
            REQUESTS_PER_IMAGE_BOUND,
            exchanges.size(),
            REQUESTS_BOUND);
        if (perImage.getMax() > REQUESTS_PER_IMAGE_BOUND || exchanges.size() > REQUESTS_BOUND) {
          throw new IllegalStateException(
              "the audit sent more requests than the fetch path allows: "
                  + perImage.getMax()
                  + " for one image, "
                  + exchanges.size()
                  + " in all");
        }
      }
    }

    /** Fails unless there is one answer per image, verified and with the image's status. */
    void check(List<ImageAudit> answers) {
      if (answers.size() != IMAGES) {
        throw new IllegalStateException(answers.size() + " answers for " + IMAGES + " images");
      }
      for (int i = 0; i < IMAGES; i++) {
        ImageAudit a = answers.get(i);
        if (a.failure().isPresent()
            || !a.verified()
            || !a.problems().isEmpty()
            || a.status().orElse(null) != expected(i)) {
          throw new IllegalStateException(
              "image "
                  + i
                  + " should be "
                  + expected(i).value()
                  + ", verified, without problems, but the audit says "
                  + a
                  + " "
                  + a.failure().orElse("")
                  + " "
                  + a.problems());
        }
      }
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
      measuring = params.getType() == IterationType.MEASUREMENT;
      lastAnswers = null;
    }

    @TearDown(Level.Iteration)
    public void checkIteration() {
      List<ImageAudit> answers = lastAnswers;
      if (answers != null) {
        check(answers);
      }
      if (statusMismatches.get() > 0) {
        throw new IllegalStateException(
            statusMismatches.get() + " replayed requests got another status than recorded");
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      auditCost.report();
      baselineCost.report();
      System.out.printf("Load average at the trial's end: %s%n", loadAverage());
      process.close();
    }

    /** The registry process's CPU time so far, in nanoseconds (to the kernel's clock tick). */
    long registryCpuNanos() {
      return ProcessHandle.of(process.pid())
          .flatMap(h -> h.info().totalCpuDuration())
          .map(Duration::toNanos)
          .orElse(0L);
    }
  }

  /** Wall and CPU time per operation of one benchmark, measured iterations only. */
  static final class Cost {
    private final String name;
    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long ops;
    private long wall;
    private long jvmCpu;
    private long registryCpu;
    private long wall0;
    private long jvmCpu0;
    private long registryCpu0;

    Cost(String name) {
      this.name = name;
    }

    void start(Fleet fleet) {
      registryCpu0 = fleet.registryCpuNanos();
      jvmCpu0 = os.getProcessCpuTime();
      wall0 = System.nanoTime();
    }

    void stop(Fleet fleet) {
      long w = System.nanoTime() - wall0;
      long c = os.getProcessCpuTime() - jvmCpu0;
      long r = fleet.registryCpuNanos() - registryCpu0;
      if (fleet.measuring) {
        ops++;
        wall += w;
        jvmCpu += c;
        registryCpu += r;
      }
    }

    void report() {
      if (ops == 0) {
        return;
      }
      double per = (double) ops * IMAGES * 1e6;
      System.out.printf(
          "%s, per image over %d measured operations: wall %.3f ms, this JVM's CPU %.3f ms,"
              + " the registry's CPU %.3f ms%n",
          name, ops, wall / per, jvmCpu / per, registryCpu / per);
    }
  }

  @Benchmark
  public List<ImageAudit> audit(Fleet fleet) {
    fleet.auditCost.start(fleet);
    List<ImageAudit> answers = fleet.audit.run(fleet.images);
    fleet.auditCost.stop(fleet);
    fleet.lastAnswers = answers;
    return answers;
  }

  @Benchmark
  public long rawHttpBaseline(Fleet fleet) throws InterruptedException, ExecutionException {
    fleet.baselineCost.start(fleet);
    String base = "http://" + fleet.process.host();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ExecutorService pool = Executors.newFixedThreadPool(fleet.parallelism);
    long bytes = 0;
    try {
      List<Future<Long>> futures = new ArrayList<>();
      for (List<RecordingProxy.Exchange> image : fleet.requests) {
        futures.add(pool.submit(() -> replay(client, base, image, fleet.statusMismatches)));
      }
      for (Future<Long> f : futures) {
        bytes += f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    fleet.baselineCost.stop(fleet);
    return bytes;
  }

  /** One image's requests, one after the other as the fetch sends them; the bytes received. */
  private static long replay(
      HttpClient client,
      String base,
      List<RecordingProxy.Exchange> requests,
      AtomicInteger mismatches)
      throws IOException, InterruptedException {
    long bytes = 0;
    for (RecordingProxy.Exchange e : requests) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base + e.target()))
              .method(e.method(), HttpRequest.BodyPublishers.noBody());
      for (String h : e.headers()) {
        int colon = h.indexOf(':');
        if (colon > 0 && !h.regionMatches(true, 0, "Host", 0, 4)) {
          b.header(h.substring(0, colon), h.substring(colon + 1).strip());
        }
      }
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != e.status()) {
        mismatches.incrementAndGet();
      }
      bytes += r.body().length;
    }
    return bytes;
  }

  /** The repository a {@code /v2/<repository>/…} request is about, or {@code ""}. */
  static String repository(String target) {
    if (!target.startsWith("/v2/")) {
      return "";
    }
    for (String part : List.of("/manifests/", "/blobs/", "/tags/", "/referrers/")) {
      int at = target.lastIndexOf(part);
      if (at > 4) {
        return target.substring(4, at);
      }
    }
    return "";
  }

  /** Image {@code i}'s VEX: four statements about it, one about {@link #CVE}. */
  static VexDocument document(int i, String repo, Digest digest) {
    String name = repo.substring(repo.lastIndexOf('/') + 1);
    String product = "pkg:oci/" + name + "@" + digest.algorithm() + "%3A" + digest.hex();
    VexDocument.Builder doc =
        Vex.document("Waterline audit benchmark <bench@waterline.dev>").timestamp(TIME);
    doc.statement(statement(CVE, product, expected(i)));
    for (int k = 1; k <= 3; k++) {
      doc.statement(statement("CVE-2026-" + (41515 + k), product, expected(i + k)));
    }
    return doc.build();
  }

  private static dev.waterline.vex.Statement.Builder statement(
      String cve, String product, Status status) {
    switch (status) {
      case NOT_AFFECTED:
        return Vex.notAffected(cve, product)
            .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH)
            .impactStatement("The vulnerable function is never called by the app.");
      case AFFECTED:
        return Vex.affected(cve, product, "Upgrade to the next release.");
      default:
        return Vex.statement(cve, product, status);
    }
  }

  static String loadAverage() {
    try {
      String s = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII);
      String[] f = s.split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
