package dev.waterline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.oci.AttachResult;
import dev.waterline.vex.oci.AttachmentLayout;
import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.ImageReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code waterline attach}: attach attestations to an image on a registry or in an OCI layout. */
@Command(
    name = "attach",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Attach attestations to an image on a registry or in an OCI layout.",
      "Attestations: Sigstore bundles, DSSE envelopes, in-toto statements. Images:",
      "REGISTRY/REPO[:TAG|@DIGEST], or oci:PATH[:TAG|@DIGEST] for an OCI layout on disk.",
      "Default layouts: a bundle goes to a bundle referrer and cosign's .att tag, an envelope",
      "to .att, a bare statement to a statement referrer. The statement must name the image's",
      "digest. Attaching the same attestation again adds nothing. With --replace, the",
      "attestations the new one supersedes (an OpenVEX document with the same @id and a",
      "version not higher, or the same author and products and a time not later) are removed",
      "from every layout (referrer, fallback index entry, .ref tag, .att layer); a registry",
      "that refuses DELETE keeps their manifests, unlisted, and the output says so.",
      "Exit 0 attached, 2 usage or input error (unreadable file, unreachable registry)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  waterline attach registry.local/app:1.0 app.sigstore.json",
      "  waterline attach --replace registry.local/app:1.0 app-v2.sigstore.json",
      "  waterline attach oci:./layout:1.0 app.intoto.json --layout statement-referrer"
          + " --format json"
    })
final class AttachCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "The image (by tag or digest).")
  String image = "";

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "ATTESTATION",
      description = "Attestation files: Sigstore bundle, DSSE envelope or in-toto statement.")
  List<Path> attestations = new ArrayList<>();

  @Option(
      names = "--layout",
      paramLabel = "LAYOUT",
      description =
          "bundle-referrer, att or statement-referrer (repeatable; default: by attestation"
              + " kind).")
  List<String> layouts = new ArrayList<>();

  @Option(
      names = "--no-subject-check",
      description =
          "Attach even when the statement does not name the image's digest as a subject"
              + " (verifiers that check the subject, cosign and ours, will reject it there).")
  boolean noSubjectCheck;

  @Option(
      names = "--replace",
      description =
          "Remove the attestations the new one supersedes (same @id and a version not higher,"
              + " or same author and products and a time not later).")
  boolean replace;

  @Mixin RegistryOption registry = new RegistryOption();

  @Mixin FormatOption output = new FormatOption();

  AttachCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ImageReference ref = Images.parse(image, "IMAGE");
    AttachmentLayout[] chosen =
        layouts.stream().map(Images::layout).toArray(AttachmentLayout[]::new);
    List<Attestation> read = new ArrayList<>();
    for (Path p : attestations) {
      read.add(Attestation.read(p));
    }
    Images images = new Images(registry.options(ctx));
    List<AttachResult> results = new ArrayList<>();
    Activity progress = Activity.start(ctx, "attaching to " + image);
    try {
      for (Attestation a : read) {
        results.add(
            replace
                ? images.attachReplacing(ref, a, !noSubjectCheck, chosen)
                : images.attach(ref, a, !noSubjectCheck, chosen));
      }
    } finally {
      progress.close();
    }
    if (output.json()) {
      ObjectNode json = Json.object();
      json.put("image", image);
      json.put("subject", results.get(0).subject().toString());
      ArrayNode list = json.putArray("attachments");
      for (int i = 0; i < results.size(); i++) {
        for (AttachResult.Entry e : results.get(i).entries()) {
          ObjectNode o = list.addObject();
          o.put("attestation", attestations.get(i).toString());
          o.put("digest", read.get(i).digest().toString());
          o.put("layout", Images.name(e.layout()));
          o.put("manifest", e.manifest().toString());
          e.tag().ifPresentOrElse(t -> o.put("tag", t), () -> o.putNull("tag"));
          o.put("added", e.added());
        }
      }
      ArrayNode removed = json.putArray("removed");
      results.forEach(r -> Images.removedJson(removed, r.removed()));
      json.put("leftDangling", results.stream().anyMatch(AttachResult::leftDangling));
      ArrayNode notes = json.putArray("notes");
      results.forEach(r -> r.notes().forEach(notes::add));
      ArrayNode repaired = json.putArray("repaired");
      results.forEach(r -> r.repaired().forEach(d -> repaired.add(d.toString())));
      Json.print(ctx, json);
    } else {
      for (int i = 0; i < results.size(); i++) {
        AttachResult r = results.get(i);
        Images.print(ctx, attestations.get(i) + " -> " + image + " (" + r.subject() + ")", r);
        Images.printRemoved(ctx, r.removed(), List.of());
      }
      ctx.out().flush();
      ctx.err().flush();
    }
    return 0;
  }
}
