package dev.waterline.cli;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.policy.SarifFilter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code waterline filter}: vexctl's {@code filter}, SARIF in and SARIF out, product-aware. */
@Command(
    name = "filter",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Remove the results that VEX says not_affected or fixed from a SARIF report.",
      "The filtered report is printed on stdout (as vexctl filter does).",
      "Product-aware by default: a statement removes a result only when one of its products is",
      "the scanned image (Trivy run properties, Grype logical locations, Snyk artifact URI),",
      "with the result's package (Grype rule purls) as subcomponent, or the package itself;",
      "the latest statement decides. --vexctl applies vexctl's rules exactly (products ignored).",
      "Exit 0 on success, 2 on a usage or input error."
    },
    footerHeading = "%nExample:%n",
    footer = {"  waterline filter nginx-grype.sarif.json nginx.openvex.json > filtered.sarif.json"})
final class FilterCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0", paramLabel = "REPORT", description = "The SARIF report.")
  Path report = Path.of("");

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "VEX",
      description = "OpenVEX documents (later ones win ties on time).")
  List<Path> vexFiles = new ArrayList<>();

  @Option(
      names = "--vexctl",
      description =
          "Apply vexctl's rules exactly: no product matching, each document's oldest"
              + " statement.")
  boolean vexctl;

  @Mixin DialectOptions.In input = new DialectOptions.In();

  FilterCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    byte[] sarif = DocumentIo.readBytes(ctx, report, InputKind.SCAN_REPORT);
    List<VexDocument> docs = new ArrayList<>();
    for (Path p : vexFiles) {
      docs.add(DocumentIo.read(ctx, p, input.format));
    }
    SarifFilter filter = SarifFilter.of(docs);
    if (vexctl) {
      filter = filter.vexctlCompatible();
    }
    SarifFilter.Result result;
    try {
      result = filter.filter(sarif, report.toString());
    } catch (VexException e) {
      throw new CliException(CliException.USAGE, DocumentIo.oneLine(e.getMessage()), e);
    }
    ctx.exactOut().print(result.jsonText()); // ends with a newline
    ctx.out().flush();
    return 0;
  }
}
