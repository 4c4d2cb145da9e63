package dev.waterline.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the large benchmark document of {@code docs/performance.md} ("Memory: a
 * 1,000,000-statement document"): {@code LargeDocumentMain FILE [STATEMENTS [SEED]]}, by default
 * 1,000,000 statements from seed 42, drawn as {@link DocumentGenerator} draws the 50,000-statement
 * document of the JMH benchmarks. Prints one line with the size written and a query that hits a
 * statement of the document (for {@code waterline status}).
 */
public final class LargeDocumentMain {
  private LargeDocumentMain() {}

  /**
   * Runs the generator.
   *
   * @param args the output file, optionally the number of statements and the seed
   * @throws IOException when the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 3) {
      throw new IllegalArgumentException("usage: LargeDocumentMain FILE [STATEMENTS [SEED]]");
    }
    Path file = Path.of(args[0]);
    int statements = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
    DocumentGenerator generator = DocumentGenerator.forStatements(seed, statements);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      generator.writeDocument(statements, 10_000, out);
    }
    // The document's first statements are those of a shorter main document: ask about one.
    DocumentGenerator.Query hit =
        generator.queries(generator.document(Math.min(statements, 1_000)), 64).stream()
            .filter(q -> q.kind() == DocumentGenerator.Query.Kind.HIT)
            .findFirst()
            .orElseThrow();
    System.out.printf(
        Locale.ROOT,
        "%s: %d statements, %d bytes; a query: -p '%s' -v %s (%s)%n",
        file,
        statements,
        Files.size(file),
        hit.product(),
        hit.vulnerability(),
        hit.kind());
  }
}
