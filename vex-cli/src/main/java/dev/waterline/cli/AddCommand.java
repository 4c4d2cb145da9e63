package dev.waterline.cli;

import dev.waterline.vex.Statement;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code waterline add}: one more statement in a document, as {@code vexctl add}. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Add a statement to an OpenVEX document.",
      "Keeps the document's @id, bumps its version, sets last_updated, and writes the",
      "document's time into statements that relied on it. Legacy documents are written",
      "as v0.2.0. The result goes to stdout, --file, or back to DOC with --in-place."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  waterline add --in-place app.openvex.json --product pkg:oci/app@sha256%%3Aabc... \\",
      "      --vuln CVE-2024-0001 --status affected --action-statement 'Update to 1.2.3'"
    })
final class AddCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0", paramLabel = "DOC", description = "The document to add to.")
  @Nullable Path document;

  @Parameters(index = "1", arity = "0..1", paramLabel = "PRODUCT", description = "As --product.")
  @Nullable String productArg;

  @Parameters(index = "2", arity = "0..1", paramLabel = "VULN", description = "As --vuln.")
  @Nullable String vulnArg;

  @Parameters(index = "3", arity = "0..1", paramLabel = "STATUS", description = "As --status.")
  @Nullable String statusArg;

  @Mixin StatementOptions statement = new StatementOptions();

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "Write the document to FILE instead of stdout.")
  @Nullable Path file;

  @Option(
      names = {"-i", "--in-place"},
      description = "Write the document back to DOC.")
  boolean inPlace;

  AddCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path doc = java.util.Objects.requireNonNull(document, "DOC");
    if (inPlace && file != null) {
      throw CliException.usage("give either -i/--in-place or --file, not both");
    }
    if (inPlace && DocumentIo.isStandardInput(doc)) {
      throw CliException.usage(
          "-i/--in-place edits a file: standard input ('-') has none to write");
    }
    Instant now = ctx.now();
    Statement st = statement.build(productArg, vulnArg, statusArg, now);
    VexDocument original = DocumentIo.readOpenVex(ctx, doc);
    VexDocument updated;
    try {
      updated = original.withStatement(st, now);
    } catch (VexException e) {
      throw new CliException(
          CliException.USAGE,
          "cannot add to " + doc + ": " + DocumentIo.oneLine(e.getMessage()),
          e);
    }
    DocumentIo.requireValid(updated);
    DocumentIo.write(ctx, updated, inPlace ? doc : file);
    return 0;
  }
}
