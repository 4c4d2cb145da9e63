package dev.waterline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.Validator;
import dev.waterline.vex.VexDocument;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Reading, writing and validating one generated document of 50,000 statements, beside Jackson's own
 * tree parse and tree write of the same bytes (the yardstick: ours within 2×).
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
public class DocumentBenchmarks {
  /** Statements in the document. */
  @Param({"50000"})
  public int statements;

  private final ObjectMapper mapper = new ObjectMapper();
  private VexDocument document = VexDocument.builder("unset").buildLenient();
  private byte[] json = new byte[0];
  private JsonNode tree = mapper.nullNode();

  /**
   * Generates the document, its bytes and Jackson's tree of them, and checks that what the
   * benchmark about to run measures is doing its job: parse gives back the document, validation
   * finds it valid.
   */
  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) throws IOException {
    document = DocumentGenerator.forStatements(42, statements).document(statements);
    json = document.toJsonBytes();
    tree = mapper.readTree(json);
    String benchmark = params.getBenchmark();
    if (benchmark.endsWith(".parseAndBind") && !VexDocument.parse(json).equals(document)) {
      throw new IllegalStateException("the generated document does not survive a round trip");
    }
    if (benchmark.endsWith(".validate")) {
      ValidationReport report = Validator.validate(json);
      if (!report.isValid()) {
        throw new IllegalStateException(
            "the generated document is not valid: "
                + report.errors().size()
                + " errors, first "
                + report.errors().subList(0, Math.min(5, report.errors().size())));
      }
    }
  }

  /** {@code VexDocument.parse} of the bytes: JSON parse and bind to the model. */
  @Benchmark
  public VexDocument parseAndBind() {
    return VexDocument.parse(json);
  }

  /** Jackson's {@code ObjectMapper.readTree} of the same bytes. */
  @Benchmark
  public JsonNode jacksonReadTree() throws IOException {
    return mapper.readTree(json);
  }

  /** {@code VexDocument.toJsonBytes}. */
  @Benchmark
  public byte[] write() {
    return document.toJsonBytes();
  }

  /** Jackson's {@code writeValueAsBytes} of the tree of the same document. */
  @Benchmark
  public byte[] jacksonWriteTree() throws IOException {
    return mapper.writeValueAsBytes(tree);
  }

  /**
   * Jackson's tree write with its default pretty printer, for scale: {@code write} indents too,
   * while {@code jacksonWriteTree} is compact.
   */
  @Benchmark
  public byte[] jacksonWriteTreeIndented() throws IOException {
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
  }

  /** {@code Validator.validate} of the bytes: schema and the spec's rules. */
  @Benchmark
  public ValidationReport validate() {
    return Validator.validate(json);
  }
}
