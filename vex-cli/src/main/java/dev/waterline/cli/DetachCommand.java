package dev.waterline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.oci.DetachResult;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.ImageReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code waterline detach}: remove one attestation from an image. */
@Command(
    name = "detach",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Remove one attestation from an image on a registry or in an OCI layout.",
      "It goes from every layout it is in: the referrer manifest (deleted where the registry",
      "allows DELETE; its .ref tag goes with it), its entry in the sha256-<hex> fallback index,",
      "and its layer in cosign's .att manifest (rewritten). On a registry a removal marker tag",
      "(sha256-<hex>.<16 hex>.rm) is written first, so fetch never shows it again; a registry",
      "that refuses DELETE keeps the manifest, unlisted (\"left-dangling\"). On a layout the",
      "index.json entries go and the blobs stay. --digest is a referrer manifest digest or an",
      "attestation's layer digest, as fetch lists them.",
      "Exit 0 removed, 1 nothing attached has that digest, 2 usage or input error."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  waterline detach registry.local/app:1.0 --digest sha256:4f1c…",
      "  waterline detach oci:./layout:1.0 --digest sha256:4f1c… --format json"
    })
final class DetachCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "The image (by tag or digest).")
  String image = "";

  @Option(
      names = "--digest",
      required = true,
      paramLabel = "DIGEST",
      description = "The referrer manifest or attestation layer to remove (sha256:…).")
  String digest = "";

  @Mixin RegistryOption registry = new RegistryOption();

  @Mixin FormatOption output = new FormatOption();

  DetachCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ImageReference ref = Images.parse(image, "IMAGE");
    if (!Digest.isDigest(digest)) {
      throw CliException.usage("--digest must be sha256:<64 hex> but was '" + digest + "'");
    }
    DetachResult r;
    Activity progress = Activity.start(ctx, "detaching from " + image);
    try {
      r = new Images(registry.options(ctx)).detach(ref, Digest.parse(digest));
    } finally {
      progress.close();
    }
    print(ctx, output, r);
    return r.removed().isEmpty() ? CliException.NEGATIVE : 0;
  }

  /** Prints a detach or prune result as text or JSON. */
  static void print(Context ctx, FormatOption output, DetachResult r) {
    if (output.json()) {
      ObjectNode json = Json.object();
      json.put("image", r.image());
      json.put("subject", r.subject().toString());
      Images.removedJson(json.putArray("removed"), r.removed());
      json.put("leftDangling", r.leftDangling());
      ArrayNode notes = json.putArray("notes");
      r.notes().forEach(notes::add);
      Json.print(ctx, json);
      return;
    }
    ctx.out()
        .println(
            r.image()
                + " ("
                + r.subject()
                + "): "
                + (r.removed().isEmpty() ? "nothing removed" : r.removed().size() + " removed"));
    Images.printRemoved(ctx, r.removed(), r.notes());
    ctx.out().flush();
    ctx.err().flush();
  }
}
