package dev.waterline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.formats.ReadResult;
import dev.waterline.vex.formats.VexFormat;
import dev.waterline.vex.formats.VexFormats;
import dev.waterline.vex.formats.WriteResult;
import dev.waterline.vex.internal.json.Json;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading and converting CSAF 2.0 and CycloneDX VEX (issue 14): {@code VexFormats.read} of a
 * document written from the 50,000-statement OpenVEX document of {@link DocumentGenerator}, and
 * {@code VexFormats.convert} of it into the other dialect, beside Jackson's tree parse of the same
 * bytes with the one JSON layer's mapper (the yardstick: read within 2.5×, convert within 3×).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class FormatsBenchmark {
  /** The dialect read. */
  @Param({"CSAF", "CYCLONEDX"})
  public VexFormat format = VexFormat.CSAF;

  /** Statements in the OpenVEX document the input is written from. */
  @Param({"50000"})
  public int statements = 50_000;

  private byte[] bytes = new byte[0];
  private VexFormat other = VexFormat.CYCLONEDX;

  /** Writes the input and checks that reading it gives statements back. */
  @Setup(Level.Trial)
  public void setUp() {
    VexDocument doc = DocumentGenerator.forStatements(42, statements).document(statements);
    WriteResult written = VexFormats.write(doc, format);
    bytes = written.bytes();
    other = format == VexFormat.CSAF ? VexFormat.CYCLONEDX : VexFormat.CSAF;
    ReadResult read = VexFormats.read(bytes);
    if (read.format() != format || read.document().statements().isEmpty()) {
      throw new IllegalStateException("reading the " + format + " input gave " + read);
    }
    if (format == VexFormat.CYCLONEDX && read.document().statements().size() != statements) {
      throw new IllegalStateException("CycloneDX keeps every statement, but read " + read);
    }
  }

  /** {@code VexFormats.read(byte[])}: detection, parse, the OpenVEX model. */
  @Benchmark
  public ReadResult read() {
    return VexFormats.read(bytes);
  }

  /** {@code VexFormats.convert(byte[], other)}: read, then write the other dialect. */
  @Benchmark
  public WriteResult convert() {
    return VexFormats.convert(bytes, other);
  }

  /** Jackson's tree parse of the same bytes (the one JSON layer's mapper). */
  @Benchmark
  public JsonNode jacksonReadTree() throws IOException {
    return Json.mapper().readTree(bytes);
  }
}
