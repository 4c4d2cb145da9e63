package dev.waterline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.ContentDigest;
import dev.waterline.vex.ImageName;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.oci.AttachResult;
import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.ImageConfig;
import dev.waterline.vex.oci.ImageReference;
import dev.waterline.vex.oci.RegistryOptions;
import dev.waterline.vex.policy.ScanReport;
import dev.waterline.vex.policy.ScanReports;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.DsseEnvelope;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.sign.SigstoreBundle;
import dev.waterline.vex.workflow.Carry;
import dev.waterline.vex.workflow.CarryImage;
import dev.waterline.vex.workflow.CarryItem;
import dev.waterline.vex.workflow.CarryReason;
import dev.waterline.vex.workflow.CarryResult;
import dev.waterline.vex.workflow.Sbom;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code waterline carry}: the VEX about an image that still holds for its rebuild. */
@Command(
    name = "carry",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Carry the VEX about an image to its rebuild (NEW, a new digest).",
      "A statement about OLD carries to NEW when the component it is about is unchanged:",
      "the layer (diffID) holding it in OLD is in NEW, or both images'",
      "scan reports or SBOMs list it with the same version (or the images have the same",
      "layers). The rest need a new decision: the component's version changed, it is gone from",
      "NEW's report or SBOM,",
      "or nothing shows where it is. A statement about the whole image (no subcomponent) carries",
      "when the layers are the same, or when every package OLD's report lists its",
      "vulnerability in carries. The carried statements form a new OpenVEX document about NEW",
      "(its digest's pkg:oci purl), each citing the original in status_notes; its time comes",
      "from the statements (or SOURCE_DATE_EPOCH), never the clock. The document goes to",
      "--file OUT (the report then to stdout) or to stdout (the report to stderr). Exit 0 when",
      "everything carries, 1 when something needs a new decision (the document of what carries",
      "is still written), 2 on a usage or input error. Guide: docs/guides/rebuilds.md."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  waterline carry --from registry.local/app@sha256:4f... --to registry.local/app:1.1 \\",
      "      --vex app-1.0.openvex.json --report-from grype-1.0.json --report-to grype-1.1.json \\",
      "      --file app-1.1.openvex.json",
      "  waterline carry --from oci:build/app:1.0 --to oci:build/app:1.1 --attached --key"
          + " cosign.pub \\",
      "      --report-from trivy-1.0.json --report-to trivy-1.1.json --file out.json \\",
      "      --sign cosign.key --attach --format json"
    })
final class CarryCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "OLD",
      description =
          "The old image (REGISTRY/REPO[:TAG|@DIGEST] or oci:PATH[:TAG|@DIGEST]): the VEX is"
              + " about it.")
  String from = "";

  @Option(
      names = "--to",
      required = true,
      paramLabel = "NEW",
      description = "The rebuilt image (as --from): the new document is about it.")
  String to = "";

  @Option(
      names = "--vex",
      paramLabel = "FILE",
      description =
          "OpenVEX about OLD (repeatable); a signed attestation must verify with --key or the"
              + " --certificate-* flags.")
  List<Path> vexFiles = new ArrayList<>();

  @Option(
      names = "--attached",
      description =
          "Also use the OpenVEX attestations attached to OLD (as fetch finds them): signed ones"
              + " must verify with --key or the --certificate-* flags, and each must name OLD's"
              + " digest.")
  boolean attached;

  @Option(
      names = "--report-from",
      paramLabel = "FILE",
      description = "OLD's scan report (Grype JSON or Trivy JSON): package versions and layers.")
  @Nullable Path reportFrom;

  @Option(
      names = "--report-to",
      paramLabel = "FILE",
      description = "NEW's scan report (Grype JSON or Trivy JSON).")
  @Nullable Path reportTo;

  @Option(
      names = "--sbom-from",
      paramLabel = "FILE",
      description =
          "OLD's SBOM (CycloneDX or SPDX JSON, bare or the in-toto statement of a verified SBOM"
              + " attestation): package versions, and layers where it says.")
  @Nullable Path sbomFrom;

  @Option(names = "--sbom-to", paramLabel = "FILE", description = "NEW's SBOM (as --sbom-from).")
  @Nullable Path sbomTo;

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH[/VARIANT]",
      description =
          "The platform whose layers to compare when an image is an index (default: the"
              + " architecture OLD's report names, else linux/amd64).")
  @Nullable String platform;

  @Option(
      names = "--author",
      paramLabel = "AUTHOR",
      description =
          "Author of the new document (default: the author of the first document with a"
              + " statement that carries).")
  @Nullable String author;

  @Option(
      names = "--file",
      paramLabel = "OUT",
      description = "Write the new document to OUT (and the report to stdout).")
  @Nullable Path file;

  @Option(
      names = "--sign",
      paramLabel = "KEY",
      description =
          "Sign the new document as an attestation about NEW with this private key (cosign.key,"
              + " password from COSIGN_PASSWORD or WATERLINE_PASSWORD, or PEM): a Sigstore"
              + " bundle written to OUT.sigstore.json with --file, attached with --attach.")
  @Nullable Path signKey;

  @Option(
      names = "--deterministic",
      description = "With --sign: ECDSA nonces from RFC 6979 (same document, same bytes).")
  boolean deterministic;

  @Option(
      names = "--attach",
      description =
          "With --sign: attach the signed document to NEW, replacing the version it supersedes"
              + " (as attach --replace).")
  boolean attach;

  @Mixin VerificationOptions verification = new VerificationOptions();

  @Mixin RegistryOption registry = new RegistryOption();

  @Mixin FormatOption format = new FormatOption();

  CarryCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (vexFiles.isEmpty() && !attached) {
      throw CliException.usage(
          "carry needs the VEX about OLD: --vex FILE, or --attached for what is attached to it");
    }
    if (author != null && author.isBlank()) {
      throw CliException.usage("--author must not be blank");
    }
    if (signKey == null && (attach || deterministic)) {
      throw CliException.usage("--attach and --deterministic go with --sign KEY");
    }
    if (signKey != null && !attach && file == null) {
      throw CliException.usage(
          "--sign needs --file OUT (the bundle goes to OUT.sigstore.json) or --attach");
    }
    if (file == null && format.json()) {
      throw CliException.usage(
          "--format json prints the report on stdout: give --file OUT for the document");
    }
    ImageReference oldRef = Images.parse(from, "--from");
    ImageReference newRef = Images.parse(to, "--to");
    SigningKey signingKey = null;
    if (signKey != null) {
      // read first: a wrong key or password fails before anything is written
      signingKey = Keys.readPrivate(signKey, () -> Passwords.forReading(ctx));
      if (deterministic) {
        signingKey = signingKey.deterministic();
      }
    }
    RegistryOptions options = registry.options(ctx);
    ScanReport oldReport = reportFrom == null ? null : report(reportFrom);
    ScanReport newReport = reportTo == null ? null : report(reportTo);
    Sbom oldSbom = sbomFrom == null ? null : sbom(sbomFrom);
    Sbom newSbom = sbomTo == null ? null : sbom(sbomTo);
    String plat =
        platform != null
            ? platform
            : oldReport != null ? BaseImage.platform(null, oldReport) : BaseImage.DEFAULT_PLATFORM;
    // The images first: an image that is not there is said so before anything else is read.
    ImageConfig oldConfig = config(oldRef, from, plat, options, "--from");
    ImageConfig newConfig = config(newRef, to, plat, options, "--to");
    VexInputs inputs = new VexInputs(ctx, verification, options, null);
    List<VexDocument> documents = new ArrayList<>();
    for (Path f : vexFiles) {
      documents.add(inputs.read(f).document());
    }
    Images images = new Images(options);
    String oldDigest;
    if (attached) {
      VexInputs.Fetched fetched = inputs.fetch(from, ctx.err(), false);
      fetched.sources.forEach(s -> documents.add(s.document()));
      oldDigest = fetched.digest;
    } else {
      oldDigest = digest(images, oldRef, "--from");
    }
    String newDigest = digest(images, newRef, "--to");
    CarryImage oldImage =
        image(oldRef, oldDigest, oldConfig, oldReport, "--report-from " + reportFrom);
    CarryImage newImage = image(newRef, newDigest, newConfig, newReport, "--report-to " + reportTo);
    oldImage = withSbom(oldImage, oldSbom, "--sbom-from " + sbomFrom);
    newImage = withSbom(newImage, newSbom, "--sbom-to " + sbomTo);
    Carry carry = Carry.from(oldImage, newImage);
    if (author != null) {
      carry = carry.author(author);
    }
    Instant fixed = ctx.sourceDateEpoch();
    if (fixed != null) {
      carry = carry.timestamp(fixed);
    }
    CarryResult result = carry.apply(documents);
    VexDocument doc = result.document().orElse(null);
    List<String> written = new ArrayList<>();
    AttachResult attachedResult = null;
    if (doc != null) {
      DocumentIo.write(ctx, doc, file);
      if (file != null) {
        written.add(file.toString());
      }
      if (signKey != null) {
        SigningKey key = Objects.requireNonNull(signingKey);
        Attestations att = Attestations.of(doc);
        att =
            newRef.isLayout()
                ? att.subject(Images.subject(layoutAt(newRef, newDigest), "--to"))
                : att.subject(newRef.name() + "@" + newDigest);
        DsseEnvelope envelope = att.sign(key);
        String bundle = SigstoreBundle.ofKeySigned(envelope, key.publicKey()).toJson() + "\n";
        if (file != null) {
          Path bundleFile = Path.of(file + ".sigstore.json");
          DocumentIo.writeBytes(ctx, bundle.getBytes(StandardCharsets.UTF_8), bundleFile);
          written.add(bundleFile.toString());
        }
        if (attach) {
          ImageReference target = newRef.withDigest(Digest.parse(newDigest));
          Activity progress = Activity.start(ctx, "attaching to " + target);
          try {
            attachedResult =
                images.attachReplacing(
                    target, Attestation.of(bundle.getBytes(StandardCharsets.UTF_8)), true);
          } catch (VexException e) {
            throw CliException.usage("--attach " + to + ": " + DocumentIo.oneLine(e.getMessage()));
          } finally {
            progress.close();
          }
        }
      }
    }
    if (format.json()) {
      printJson(result, written, attachedResult);
    } else {
      printText(result, written, attachedResult);
    }
    return result.needsDecision().isEmpty() ? 0 : CliException.NEGATIVE;
  }

  private static String layoutAt(ImageReference ref, String digest) {
    Path dir = ref.layoutPath().orElseThrow();
    return "oci:" + dir + "@" + digest;
  }

  /** The image's digest: the one written in the reference, else what it resolves to. */
  private static String digest(Images images, ImageReference ref, String flag) {
    if (ref.digest().isPresent()) {
      return ref.digest().get().toString();
    }
    try {
      return images.fetch(ref).digest().toString();
    } catch (VexException e) {
      throw CliException.usage(flag + " " + ref + ": " + DocumentIo.oneLine(e.getMessage()));
    }
  }

  private static ScanReport report(Path path) {
    return TriageCommand.input(() -> ScanReports.read(path), path);
  }

  private static Sbom sbom(Path path) {
    return TriageCommand.input(() -> Sbom.read(path), path);
  }

  private static CarryImage withSbom(CarryImage image, @Nullable Sbom sbom, String flag) {
    if (sbom == null) {
      return image;
    }
    try {
      return image.withSbom(sbom);
    } catch (VexException e) {
      throw CliException.usage(flag + ": " + DocumentIo.oneLine(e.getMessage()));
    }
  }

  private static ImageConfig config(
      ImageReference ref, String text, String platform, RegistryOptions options, String flag) {
    try {
      return ImageConfig.read(ref, platform, options);
    } catch (VexException e) {
      throw CliException.usage(flag + " " + text + ": " + DocumentIo.oneLine(e.getMessage()));
    }
  }

  private static CarryImage image(
      ImageReference ref,
      String digest,
      ImageConfig config,
      @Nullable ScanReport report,
      String reportFlag) {
    ContentDigest d = ContentDigest.parse(digest);
    CarryImage image;
    if (ref.isLayout()) {
      Path dir = ref.layoutPath().orElseThrow().toAbsolutePath().normalize().getFileName();
      image = CarryImage.inLayout(dir == null ? "oci-layout" : dir.toString(), d);
    } else {
      image = CarryImage.of(ImageName.parse(ref.name()).withDigest(d));
    }
    ContentDigest manifest = ContentDigest.parse(config.manifest().toString());
    if (!manifest.equals(d)) {
      image = image.withPlatformManifest(manifest);
    }
    image = image.withDiffIds(config.diffIds());
    if (report != null) {
      try {
        image = image.withReport(report);
      } catch (VexException e) {
        throw CliException.usage(reportFlag + ": " + DocumentIo.oneLine(e.getMessage()));
      }
    }
    return image;
  }

  /** The CLI word for a reason: {@code same-layer}, {@code version-changed}, … */
  static String word(CarryReason reason) {
    return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private void printText(
      CarryResult r, List<String> written, @Nullable AttachResult attachedResult) {
    // Without --file the document is on stdout, and the report goes to stderr.
    var out = file == null ? ctx.err() : ctx.out();
    out.println(
        r.carried().size()
            + " carried, "
            + r.needsDecision().size()
            + " need a new decision"
            + (r.ignored() == 0
                ? ""
                : " (" + r.ignored() + " statements about other products left out)"));
    for (CarryItem i : r.items()) {
      out.println(
          (i.carries() ? "carried  " : "decide   ")
              + i.vulnerability()
              + " "
              + i.component().orElse("(whole image)")
              + "  "
              + word(i.reason())
              + ": "
              + i.detail());
    }
    if (r.document().isEmpty()) {
      out.println("nothing carries: no document written");
    }
    for (String w : written) {
      out.println("wrote " + w);
    }
    if (attachedResult != null) {
      Images.print(
          ctx, out, "attached to " + to + " (" + attachedResult.subject() + ")", attachedResult);
      Images.printRemoved(ctx, out, attachedResult.removed(), List.of());
    }
    out.flush();
    ctx.out().flush();
  }

  private void printJson(
      CarryResult r, List<String> written, @Nullable AttachResult attachedResult) {
    ObjectNode root = Json.object();
    root.set("from", image(r.from()));
    root.set("to", image(r.to()));
    root.put("carried", r.carried().size());
    root.put("needsDecision", r.needsDecision().size());
    root.put("ignored", r.ignored());
    ArrayNode items = root.putArray("statements");
    for (CarryItem i : r.items()) {
      ObjectNode o = items.addObject();
      o.put("vulnerability", i.vulnerability());
      i.component().ifPresentOrElse(c -> o.put("component", c), () -> o.putNull("component"));
      o.put("statement", i.statementRef());
      i.documentId().ifPresentOrElse(d -> o.put("document", d), () -> o.putNull("document"));
      o.put("carries", i.carries());
      o.put("reason", word(i.reason()));
      o.put("detail", i.detail());
    }
    r.document()
        .ifPresentOrElse(
            d -> {
              ObjectNode o = root.putObject("document");
              o.put("id", d.id().orElse(""));
              o.put("statements", d.statements().size());
            },
            () -> root.putNull("document"));
    ArrayNode files = root.putArray("written");
    written.forEach(files::add);
    if (attachedResult != null) {
      ObjectNode a = root.putObject("attached");
      a.put("subject", attachedResult.subject().toString());
      ArrayNode entries = a.putArray("layouts");
      for (AttachResult.Entry e : attachedResult.entries()) {
        ObjectNode o = entries.addObject();
        o.put("layout", Images.name(e.layout()));
        o.put("manifest", e.manifest().toString());
        o.put("added", e.added());
      }
      Images.removedJson(a.putArray("removed"), attachedResult.removed());
    } else {
      root.putNull("attached");
    }
    Json.print(ctx, root);
  }

  private static ObjectNode image(CarryImage i) {
    ObjectNode o = Json.object();
    o.put("image", i.name());
    o.put("digest", i.digest().toString());
    o.put("product", i.product());
    o.put("layers", i.diffIds().size());
    o.put("report", i.report().isPresent());
    return o;
  }
}
