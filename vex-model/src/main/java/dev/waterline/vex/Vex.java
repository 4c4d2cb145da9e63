package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import com.google.errorprone.annotations.InlineMe;
import dev.waterline.vex.internal.update.DocumentMerge;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The front door for JShell and quick scripts: static factories that read like a sentence.
 *
 * <pre>{@code
 * import static dev.waterline.vex.Vex.*;
 * var doc = document("Acme Security <psirt@acme.example>")
 *     .statement(notAffected("CVE-2023-44487", "pkg:oci/app@sha256%3A…")
 *         .subcomponent("pkg:golang/golang.org/x/net@v0.7.0")
 *         .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH))
 *     .build();
 * doc.toJson();
 * }</pre>
 */
@API(status = STABLE, since = "0.1.0")
public final class Vex {
  private Vex() {}

  /** A new document by {@code author}; {@code build()} stamps the time and the canonical ID. */
  public static VexDocument.Builder document(String author) {
    return VexDocument.builder(author);
  }

  /** A {@code not_affected} statement; add a justification or an impact statement. */
  public static Statement.Builder notAffected(String vulnerability, String product) {
    return statement(vulnerability, product, Status.NOT_AFFECTED);
  }

  /** An {@code affected} statement with the action to take. */
  public static Statement.Builder affected(
      String vulnerability, String product, String actionStatement) {
    return statement(vulnerability, product, Status.AFFECTED).actionStatement(actionStatement);
  }

  /** A {@code fixed} statement. */
  public static Statement.Builder fixed(String vulnerability, String product) {
    return statement(vulnerability, product, Status.FIXED);
  }

  /** An {@code under_investigation} statement. */
  public static Statement.Builder underInvestigation(String vulnerability, String product) {
    return statement(vulnerability, product, Status.UNDER_INVESTIGATION);
  }

  /** A statement with any status. */
  public static Statement.Builder statement(String vulnerability, String product, Status status) {
    return Statement.builder().vulnerability(vulnerability).product(product).status(status);
  }

  /**
   * Reads a document from a file, as {@link VexDocument#read(Path)} does (every dialect, detected
   * from the content).
   *
   * @deprecated one reader for one job: use {@link VexDocument#read(Path)}, which now detects the
   *     dialect as this method did
   */
  @Deprecated(since = "0.2.0", forRemoval = true)
  @InlineMe(replacement = "VexDocument.read(path)", imports = "dev.waterline.vex.VexDocument")
  public static VexDocument read(Path path) {
    return VexDocument.read(path);
  }

  /**
   * Reads a document from UTF-8 bytes, as {@link VexDocument#parse(byte[])} does.
   *
   * @deprecated use {@link VexDocument#parse(byte[])}, which now detects the dialect as this method
   *     did
   */
  @Deprecated(since = "0.2.0", forRemoval = true)
  @InlineMe(replacement = "VexDocument.parse(bytes)", imports = "dev.waterline.vex.VexDocument")
  public static VexDocument read(byte[] bytes) {
    return VexDocument.parse(bytes);
  }

  /**
   * Reads a document from text, as {@link VexDocument#parse(String)} does.
   *
   * @deprecated use {@link VexDocument#parse(String)}, which now detects the dialect as this method
   *     did
   */
  @Deprecated(since = "0.2.0", forRemoval = true)
  @InlineMe(replacement = "VexDocument.parse(json)", imports = "dev.waterline.vex.VexDocument")
  public static VexDocument parse(String json) {
    return VexDocument.parse(json);
  }

  /**
   * Merges documents into a new one: statements filtered by the options, identical statements once,
   * each statement carrying the timestamp it had in its source document. The result is valid: a
   * vulnerability named only by {@code @id} gets the well-known identifier in it as its name.
   *
   * @throws VexException when {@code documents} is empty
   * @throws MergeException when a kept vulnerability is named only by an {@code @id} that holds no
   *     well-known identifier ({@link Vulnerability#wellKnownIdIn(String)})
   */
  public static VexDocument merge(List<VexDocument> documents, MergeOptions options) {
    return DocumentMerge.merge(documents, options);
  }

  /** Merges documents with the default options. */
  public static VexDocument merge(List<VexDocument> documents) {
    return merge(documents, MergeOptions.defaults());
  }

  /** Indexes documents for effective-status queries. */
  public static VexIndex index(List<VexDocument> documents) {
    return VexIndex.of(documents);
  }
}
