package dev.waterline.cli;

import dev.waterline.vex.oci.DetachResult;
import dev.waterline.vex.oci.ImageReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code waterline prune}: remove superseded OpenVEX attestations from an image. */
@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Remove superseded OpenVEX attestations from an image on a registry or in an OCI layout.",
      "Superseded: the same @id attached again with a higher version. With --keep-latest, keep",
      "only the newest of each document identity (the same @id, or the same author and",
      "products; newest by last_updated, else timestamp, then version). Each is removed as",
      "detach does. Other attestations, unreadable ones and BuildKit attestation manifests",
      "stay. Running it again changes nothing.",
      "Exit 0 done (also when nothing was superseded), 2 usage or input error."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  waterline prune registry.local/app:1.0",
      "  waterline prune oci:./layout:1.0 --keep-latest --format json"
    })
final class PruneCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "The image (by tag or digest).")
  String image = "";

  @Option(
      names = "--keep-latest",
      description = "Keep only the newest attestation of each document identity.")
  boolean keepLatest;

  @Mixin RegistryOption registry = new RegistryOption();

  @Mixin FormatOption output = new FormatOption();

  PruneCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ImageReference ref = Images.parse(image, "IMAGE");
    DetachResult r;
    Activity progress = Activity.start(ctx, "pruning " + image);
    try {
      r = new Images(registry.options(ctx)).prune(ref, keepLatest);
    } finally {
      progress.close();
    }
    DetachCommand.print(ctx, output, r);
    return 0;
  }
}
