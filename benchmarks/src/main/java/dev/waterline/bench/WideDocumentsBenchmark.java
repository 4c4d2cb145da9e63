package dev.waterline.bench;

import dev.waterline.vex.Component;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.Vulnerability;
import dev.waterline.vex.formats.ReadResult;
import dev.waterline.vex.formats.VexFormat;
import dev.waterline.vex.formats.VexFormats;
import dev.waterline.vex.formats.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Documents that are wide rather than long, as vendors write them: one vulnerability with thousands
 * of products at the document's time (statuses alternating), and one statement about an image with
 * thousands of packages as subcomponents. Each of these was quadratic somewhere in the dialects
 * until 7 December 2026 (docs/performance.md, "Wide documents").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WideDocumentsBenchmark {
  /** Products of the one vulnerability, or subcomponents of the one image. */
  @Param({"20000"})
  public int width = 20_000;

  private static final Instant TIME = Instant.parse("2026-11-01T00:00:00Z");

  private VexDocument manyProducts = VexDocument.builder("x").buildLenient();
  private VexDocument manySubcomponents = VexDocument.builder("x").buildLenient();
  private byte[] flagOfManyProducts = new byte[0];
  private byte[] affectsOfManySubcomponents = new byte[0];

  private static VexDocument document(List<Statement> statements) {
    return VexDocument.builder("Vendor <psirt@vendor.example>")
        .id("https://vendor.example/vex/wide")
        .timestamp(TIME)
        .statements(statements)
        .build();
  }

  private static Component pkg(int i) {
    return Component.of("pkg:maven/com.example/app-" + i + "@1.0." + i);
  }

  /** The documents, and the CSAF and CycloneDX they are written as. */
  @Setup(Level.Trial)
  public void setUp() {
    List<Statement> statements = new ArrayList<>(width);
    List<Component> subs = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      Statement.Builder b =
          Statement.builder()
              .vulnerability(Vulnerability.builder("CVE-2021-44228").build())
              .product(Product.of(pkg(i), List.of()));
      if (i % 2 == 0) {
        b.status(Status.NOT_AFFECTED).justification(Justification.VULNERABLE_CODE_NOT_PRESENT);
      } else {
        b.status(Status.FIXED);
      }
      statements.add(b.build());
      subs.add(pkg(i));
    }
    manyProducts = document(statements);
    manySubcomponents =
        document(
            List.of(
                Statement.builder()
                    .vulnerability(Vulnerability.builder("CVE-2021-44228").build())
                    .product(Product.of(Component.of("pkg:oci/app@sha256:" + "a".repeat(64)), subs))
                    .status(Status.NOT_AFFECTED)
                    .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH)
                    .build()));
    flagOfManyProducts =
        VexFormats.write(
                document(
                    List.of(
                        Statement.builder()
                            .vulnerability(Vulnerability.builder("CVE-2021-44228").build())
                            .products(subs.stream().map(c -> Product.of(c, List.of())).toList())
                            .status(Status.NOT_AFFECTED)
                            .justification(Justification.VULNERABLE_CODE_NOT_PRESENT)
                            .build())),
                VexFormat.CSAF)
            .bytes();
    affectsOfManySubcomponents = VexFormats.write(manySubcomponents, VexFormat.CYCLONEDX).bytes();
    int products =
        VexFormats.read(flagOfManyProducts).document().statements().get(0).products().size();
    int subcomponents =
        VexFormats.read(affectsOfManySubcomponents)
            .document()
            .statements()
            .get(0)
            .products()
            .get(0)
            .subcomponents()
            .size();
    if (products != width || subcomponents != width) {
      throw new IllegalStateException(
          "reading gave " + products + " products and " + subcomponents + " subcomponents");
    }
  }

  /** CSAF of one vulnerability and {@code width} products at one time (the ties checked). */
  @Benchmark
  public WriteResult writeCsafOfManyProductsAtOneTime() {
    return VexFormats.write(manyProducts, VexFormat.CSAF);
  }

  /** CycloneDX of one statement about an image with {@code width} subcomponents. */
  @Benchmark
  public WriteResult writeCycloneDxOfManySubcomponents() {
    return VexFormats.write(manySubcomponents, VexFormat.CYCLONEDX);
  }

  /** Reading CSAF whose one flag names {@code width} products. */
  @Benchmark
  public ReadResult readCsafFlagOfManyProducts() {
    return VexFormats.read(flagOfManyProducts);
  }

  /** Reading CycloneDX whose one vulnerability affects {@code width} nested components. */
  @Benchmark
  public ReadResult readCycloneDxOfManySubcomponents() {
    return VexFormats.read(affectsOfManySubcomponents);
  }
}
