package dev.waterline.bench;

import dev.waterline.vex.Component;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.VexDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a Grype JSON report to triage against the large document of {@link LargeDocumentMain}
 * ({@code docs/performance.md}, "Memory: a 1,000,000-statement document"): {@code
 * LargeTriageReportMain FILE [STATEMENTS [SEED [MISSES]]]} with the document's statement count and
 * seed (1,000,000 and 42 by default). The findings are those a scan of the document's most named
 * image could report: the image's subcomponents under the vulnerabilities of the statements about
 * it, the packages named by the document's first 3,000 statements under theirs (hits, some decided
 * by a later statement), and {@code MISSES} (2,000 by default) vulnerabilities the document never
 * names. Prints the image reference to give to {@code waterline triage --image}.
 */
public final class LargeTriageReportMain {
  private static final int FIRST = 3_000;

  private LargeTriageReportMain() {}

  /**
   * Runs the generator.
   *
   * @param args the output file, optionally the statement count and seed of the document and the
   *     number of findings that miss
   * @throws IOException when the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 4) {
      throw new IllegalArgumentException(
          "usage: LargeTriageReportMain FILE [STATEMENTS [SEED [MISSES]]]");
    }
    Path file = Path.of(args[0]);
    int statements = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
    int misses = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
    DocumentGenerator generator = DocumentGenerator.forStatements(seed, statements);
    // The large document's first statements are those of a shorter main document.
    VexDocument first = generator.document(Math.min(statements, FIRST));
    Map<String, Integer> imageCounts = new HashMap<>();
    for (Statement s : first.statements()) {
      for (Product p : s.products()) {
        String id = p.component().id().orElse("");
        if (id.startsWith("pkg:oci/")) {
          imageCounts.merge(id, 1, Integer::sum);
        }
      }
    }
    String image =
        imageCounts.entrySet().stream()
            .max(
                Map.Entry.<String, Integer>comparingByValue()
                    .thenComparing(Map.Entry.<String, Integer>comparingByKey()))
            .orElseThrow()
            .getKey();
    String reference = reference(image);
    StringBuilder json = new StringBuilder("{\n  \"matches\": [");
    int findings = 0;
    for (Statement s : first.statements()) {
      List<String> ids = s.vulnerability().identifiers();
      for (Product p : s.products()) {
        String id = p.component().id().orElse("");
        if (id.equals(image)) {
          for (Component sub : p.subcomponents()) {
            findings = match(json, findings, ids, sub.id().orElse(""));
          }
        } else if (!id.startsWith("pkg:oci/")) {
          findings = match(json, findings, ids, id);
        }
      }
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < misses; i++) {
      Statement s = first.statements().get(r.nextInt(first.statements().size()));
      for (Product p : s.products()) {
        String id = p.component().id().orElse("");
        if (!id.startsWith("pkg:oci/")) {
          findings =
              match(json, findings, List.of(String.format(Locale.ROOT, "CVE-2099-%05d", i)), id);
          break;
        }
      }
    }
    json.append("\n  ],\n  \"source\": {\n    \"type\": \"image\",\n    \"target\": {\n")
        .append("      \"userInput\": \"")
        .append(reference)
        .append("\",\n      \"manifestDigest\": \"")
        .append(reference.substring(reference.indexOf('@') + 1))
        .append("\",\n      \"repoDigests\": [\"")
        .append(reference)
        .append("\"]\n    }\n  },\n")
        .append("  \"descriptor\": {\"name\": \"grype\", \"version\": \"0.110.0\"}\n}\n");
    Files.write(file, json.toString().getBytes(StandardCharsets.UTF_8));
    System.out.printf(
        Locale.ROOT, "%s: %d findings; the image: --image '%s'%n", file, findings, reference);
  }

  /** {@code registry/team/name@sha256:<hex>} of one of the generator's OCI purls. */
  private static String reference(String purl) {
    int at = purl.indexOf("@sha256%3A");
    String hex = purl.substring(at + "@sha256%3A".length(), at + "@sha256%3A".length() + 64);
    int repo = purl.indexOf("repository_url=") + "repository_url=".length();
    int end = purl.indexOf('&', repo);
    return purl.substring(repo, end < 0 ? purl.length() : end) + "@sha256:" + hex;
  }

  private static int match(StringBuilder json, int n, List<String> ids, String purl) {
    String versioned = purl.indexOf('@', "pkg:".length()) < 0 ? purl + "@1.0.0" : purl;
    String name = versioned.substring(versioned.lastIndexOf('/') + 1, versioned.indexOf('@', 4));
    String type = versioned.substring("pkg:".length(), versioned.indexOf('/'));
    json.append(n == 0 ? "\n" : ",\n")
        .append("    {\"vulnerability\": {\"id\": \"")
        .append(ids.get(0))
        .append("\", \"severity\": \"High\"}, \"relatedVulnerabilities\": [");
    for (int i = 1; i < ids.size(); i++) {
      json.append(i == 1 ? "" : ", ").append("{\"id\": \"").append(ids.get(i)).append("\"}");
    }
    json.append("], \"artifact\": {\"name\": \"")
        .append(name)
        .append("\", \"version\": \"")
        .append(versioned.substring(versioned.indexOf('@', 4) + 1))
        .append("\", \"type\": \"")
        .append(type)
        .append("\", \"purl\": \"")
        .append(versioned)
        .append("\"}}");
    return n + 1;
  }
}
