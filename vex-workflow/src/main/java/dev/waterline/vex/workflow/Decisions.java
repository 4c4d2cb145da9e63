package dev.waterline.vex.workflow;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.Failures;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.internal.io.Outputs;
import dev.waterline.vex.workflow.internal.CsvDecisions;
import dev.waterline.vex.workflow.internal.JsonDecisions;
import dev.waterline.vex.workflow.internal.Products;
import dev.waterline.vex.workflow.internal.Upsert;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Decisions in, VEX out: the front door of the ticket loop.
 *
 * <pre>{@code
 * List<Decision> decisions = Decisions.read(Path.of("decisions.csv"), DecisionFormat.CSV);
 * ApplyResult r = Decisions.applyTo(Path.of("vex"), decisions,
 *     ApplyOptions.defaults().withAuthor("Acme Platform Security <psirt@acme.example>"));
 * r.changed().forEach(System.out::println);   // payments-api-….openvex.json: version 3 -> 4 …
 * }</pre>
 *
 * <p>Each image (product) has one OpenVEX document, in a file named by {@link #fileName(String)}. A
 * statement is added only when it changes the effective status or its reasons (justification,
 * impact and action statements); a decision older than the current one for the same vulnerability,
 * product and subcomponent is recorded as history (a statement with its older time, which leaves
 * the effective status as it was); a decision already in the document changes nothing. The ticket
 * id goes into the statement's {@code status_notes} ({@code ticket SEC-101, decided by Alice
 * <alice@acme.example>}). Times come only from the decisions: the same input gives the same bytes,
 * and running again on it changes no byte. A changed document gets one new version per run.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class Decisions {
  private Decisions() {}

  /**
   * Reads decisions from a file, through the bounded reader (a regular file or {@code -} for stdin
   * is not accepted here; at most the {@code decisions} limit, 256 MiB by default). A Jira export
   * is read with {@link JiraFields#defaults()}.
   *
   * @throws dev.waterline.vex.UnreadableInputException when the file cannot be read
   * @throws DecisionException naming the file, line, column and field of the first bad decision
   */
  public static List<Decision> read(Path file, DecisionFormat format) {
    return parse(Inputs.read(file, InputKind.DECISIONS), file.toString(), format);
  }

  /**
   * Reads a Jira export with the given field mapping.
   *
   * @throws dev.waterline.vex.UnreadableInputException when the file cannot be read
   * @throws DecisionException naming the file, line, issue and field of the first bad decision
   */
  public static List<Decision> read(Path file, JiraFields mapping) {
    return parse(Inputs.read(file, InputKind.DECISIONS), file.toString(), mapping);
  }

  /**
   * Reads decisions from bytes; {@code source} names them in errors.
   *
   * @throws DecisionException naming the source, line, column and field of the first bad decision
   */
  public static List<Decision> parse(byte[] bytes, String source, DecisionFormat format) {
    switch (format) {
      case CSV:
        return CsvDecisions.read(bytes, source);
      case JSON_LINES:
        return JsonDecisions.readLines(bytes, source);
      case JIRA:
        return JsonDecisions.readJira(bytes, source, JiraFields.defaults());
    }
    throw new VexException("unknown format " + format);
  }

  /**
   * Reads a Jira export from bytes with the given field mapping. Issues without a status (no VEX
   * decision yet) are skipped.
   *
   * @throws DecisionException naming the source, line, issue and field of the first bad decision
   */
  public static List<Decision> parse(byte[] bytes, String source, JiraFields mapping) {
    return JsonDecisions.readJira(bytes, source, mapping);
  }

  /**
   * Applies decisions to documents held in memory (no files).
   *
   * @param current the documents there are now, by product ({@link Decision#product()} form)
   * @throws dev.waterline.vex.VexException when a new document has no author
   */
  public static ApplyResult apply(
      List<Decision> decisions, Map<String, VexDocument> current, ApplyOptions options) {
    return new ApplyResult(Upsert.apply(decisions, current, options));
  }

  /**
   * Applies decisions to the documents in {@code dir} (created when missing): reads the document of
   * each image the decisions name, when there is one, and writes those that changed (each to a
   * temporary file first, then moved into place). Documents that did not change are not written.
   *
   * @throws dev.waterline.vex.VexParseException when an existing document cannot be read
   * @throws dev.waterline.vex.VexException when a new document has no author
   * @throws VexException when the directory cannot be written
   */
  public static ApplyResult applyTo(Path dir, List<Decision> decisions, ApplyOptions options) {
    Objects.requireNonNull(dir, "dir");
    Set<String> products = new LinkedHashSet<>();
    for (Decision d : decisions) {
      products.add(d.product());
    }
    Map<String, VexDocument> current = new HashMap<>();
    for (String p : products) {
      Path file = dir.resolve(fileName(p));
      if (Files.exists(file)) {
        current.put(p, VexDocument.read(file));
      }
    }
    ApplyResult result = apply(decisions, current, options);
    try {
      Files.createDirectories(dir);
      for (ImageUpdate u : result.changed()) {
        write(dir.resolve(u.fileName()), u.document().toJsonBytes());
      }
    } catch (IOException e) {
      throw Failures.writing("the documents to " + dir, e);
    }
    return result;
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Outputs.replace(file, bytes);
  }

  /**
   * The stable file name of the document about {@code product} (a {@link Decision#product()}): the
   * image's or package's name, a hyphen, the first 16 hex digits of the SHA-256 of the product
   * identifier, {@code .openvex.json}.
   */
  public static String fileName(String product) {
    return Products.fileName(product);
  }

  /**
   * The product identifier a decision with this product text gets: an image ({@code pkg:oci} purl
   * or reference with a digest) becomes its {@code pkg:oci} purl without tag.
   *
   * @throws VexException when the text names no product
   */
  public static String product(String text) {
    return Products.product(text);
  }
}
