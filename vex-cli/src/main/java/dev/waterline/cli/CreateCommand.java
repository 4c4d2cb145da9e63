package dev.waterline.cli;

import dev.waterline.vex.Statement;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code waterline create}: a new document with one statement, as {@code vexctl create}. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Create a new VEX document with one statement: OpenVEX, or the dialect --format-out names.",
      "The document gets go-vex's canonical ID (unless --id) and the time now, or",
      "SOURCE_DATE_EPOCH (unix seconds or RFC 3339) for reproducible output.",
      "The statement is validated first; an invalid one is refused (exit 2)."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  waterline create --product pkg:oci/app@sha256%%3Aabc... --vuln CVE-2023-44487 \\",
      "      --status not_affected --justification vulnerable_code_not_in_execute_path \\",
      "      --author 'Acme Security <psirt@acme.example>' --file app.openvex.json"
    })
final class CreateCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PRODUCT", description = "As --product.")
  @Nullable String productArg;

  @Parameters(index = "1", arity = "0..1", paramLabel = "VULN", description = "As --vuln.")
  @Nullable String vulnArg;

  @Parameters(index = "2", arity = "0..1", paramLabel = "STATUS", description = "As --status.")
  @Nullable String statusArg;

  @Mixin StatementOptions statement = new StatementOptions();

  @Mixin DialectOptions.Out output = new DialectOptions.Out();

  @Option(
      names = "--author",
      paramLabel = "AUTHOR",
      defaultValue = "Unknown Author",
      description = "Author of the document (default: ${DEFAULT-VALUE}).")
  String author = "Unknown Author";

  @Option(names = "--author-role", paramLabel = "ROLE", description = "The author's role.")
  @Nullable String authorRole;

  @Option(
      names = "--id",
      paramLabel = "IRI",
      description = "Document @id (default: go-vex's canonical ID).")
  @Nullable String id;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "Write the document to FILE instead of stdout.")
  @Nullable Path file;

  CreateCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (author.isBlank()) {
      throw CliException.usage("--author must not be blank");
    }
    if (id != null && id.isBlank()) {
      throw CliException.usage("--id must not be blank");
    }
    Instant now = ctx.now();
    Statement st = statement.build(productArg, vulnArg, statusArg, now);
    VexDocument doc =
        Vex.document(author).role(authorRole).timestamp(now).id(id).statement(st).buildLenient();
    DocumentIo.requireValid(doc);
    DocumentIo.write(ctx, doc, output.format, file);
    return 0;
  }
}
