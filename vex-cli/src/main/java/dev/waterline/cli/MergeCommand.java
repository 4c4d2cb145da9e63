package dev.waterline.cli;

import dev.waterline.vex.MergeException;
import dev.waterline.vex.MergeOptions;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code waterline merge}: several documents into one, as {@code vexctl merge}. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Merge VEX documents (OpenVEX, CSAF 2.0 or CycloneDX) into a new one.",
      "Each input's dialect is detected from its content; the new document is OpenVEX unless",
      "--format-out names another dialect. Statements can be filtered by product and",
      "vulnerability; identical statements are kept once and each keeps the time it had in its",
      "source document. Legacy documents are read and written as v0.2.0, so 'merge OLD.json'",
      "upgrades one. The new document gets a new ID (go-vex's canonical ID unless --id) and the",
      "time of the merge (now, or SOURCE_DATE_EPOCH when set). A vulnerability named only by",
      "@id is named after the CVE, GHSA or other well-known identifier in its @id; without one",
      "the merge is refused.",
      "Documents that are not valid OpenVEX are read leniently, with one warning each."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  waterline merge ours.openvex.json vendor.openvex.json --file all.openvex.json",
      "  waterline merge --vuln CVE-2023-44487 --product pkg:oci/app *.openvex.json",
      "  waterline merge legacy-v0.0.1.json > upgraded.openvex.json"
    })
final class MergeCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Documents to merge.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--product",
      split = ",",
      paramLabel = "PRODUCT",
      description = "Keep only statements about these products (repeatable).")
  List<String> products = new ArrayList<>();

  @Option(
      names = "--vuln",
      split = ",",
      paramLabel = "VULN",
      description = "Keep only statements about these vulnerabilities (repeatable).")
  List<String> vulns = new ArrayList<>();

  @Option(
      names = "--id",
      paramLabel = "IRI",
      description = "@id of the merged document (default: go-vex's canonical ID).")
  @Nullable String id;

  @Option(
      names = "--author",
      paramLabel = "AUTHOR",
      description = "Author of the merged document (default: Unknown Author).")
  @Nullable String author;

  @Option(names = "--author-role", paramLabel = "ROLE", description = "The author's role.")
  @Nullable String authorRole;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "Write the merged document to FILE instead of stdout.")
  @Nullable Path file;

  @Mixin DialectOptions.In input = new DialectOptions.In();

  @Mixin DialectOptions.Out output = new DialectOptions.Out();

  MergeCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (id != null && id.isBlank()) {
      throw CliException.usage("--id must not be blank");
    }
    if (author != null && author.isBlank()) {
      throw CliException.usage("--author must not be blank");
    }
    Instant now = ctx.now();
    List<VexDocument> docs = new ArrayList<>();
    for (Path f : files) {
      docs.add(DocumentIo.read(ctx, f, input.format));
    }
    MergeOptions options =
        MergeOptions.builder()
            .id(id)
            .author(author)
            .role(authorRole)
            .products(products)
            .vulnerabilities(vulns)
            .timestamp(now)
            .build();
    VexDocument merged;
    try {
      merged = Vex.merge(docs, options);
    } catch (MergeException e) {
      throw new CliException(
          CliException.USAGE,
          "cannot merge: "
              + files.get(e.input())
              + " at "
              + e.pointer()
              + ": "
              + DocumentIo.oneLine(e.detail()),
          e);
    } catch (VexException e) {
      throw new CliException(
          CliException.USAGE, "cannot merge: " + DocumentIo.oneLine(e.getMessage()), e);
    }
    long timeless = merged.statements().stream().filter(s -> s.timestamp().isEmpty()).count();
    if (timeless > 0) {
      ctx.err()
          .println(
              "waterline: warning: "
                  + timeless
                  + (timeless == 1 ? " statement has" : " statements have")
                  + " no time in its document or of its own; in the merged document "
                  + (timeless == 1 ? "it takes" : "they take")
                  + " the time of the merge, "
                  + now
                  + ", so "
                  + (timeless == 1 ? "it counts" : "they count")
                  + " as the newest where before "
                  + (timeless == 1 ? "it" : "they")
                  + " counted as the oldest");
      ctx.err().flush();
    }
    DocumentIo.requireValid(merged);
    DocumentIo.write(ctx, merged, output.format, file);
    return 0;
  }
}
