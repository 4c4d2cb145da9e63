package dev.waterline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code waterline} command; its verbs are added in {@link Main}. */
@Command(
    name = "waterline",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Author, sign, attach, fetch and apply VEX: OpenVEX, CSAF 2.0 and CycloneDX.",
      "Exit codes: 0 success, 1 a negative answer (e.g. an invalid document),",
      "2 a usage or input error. Errors are one line on stderr."
    },
    commandListHeading = "%nVerbs:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  waterline create -p pkg:oci/app@sha256%%3Aabc... -v CVE-2023-44487 -s fixed",
      "  waterline validate app.openvex.json",
      "  waterline status --vex app.openvex.json -p pkg:oci/app -v CVE-2023-44487",
      "  waterline VERB --help"
    })
final class WaterlineCommand implements Callable<Integer> {
  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "On errors, print the details (stack trace) as well.")
  boolean verbose;

  @Override
  public Integer call() {
    throw CliException.usage(
        "missing verb: one of " + String.join(", ", Main.VERBS) + " (see 'waterline --help')");
  }
}
