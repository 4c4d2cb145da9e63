package dev.waterline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.ContentDigest;
import dev.waterline.vex.ImageName;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.oci.AttachResult;
import dev.waterline.vex.oci.AttachmentLayout;
import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.FetchPolicy;
import dev.waterline.vex.oci.FetchResult;
import dev.waterline.vex.oci.ImageConfig;
import dev.waterline.vex.oci.ImageReference;
import dev.waterline.vex.oci.RegistryOptions;
import dev.waterline.vex.oci.UnreadableAttestation;
import dev.waterline.vex.oci.VerifiedAttestation;
import dev.waterline.vex.oci.VerifiedFetch;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
      "layers); SBOMs come from files (--sbom-from/--sbom-to) and, with --sbom-attached, from",
      "the SBOM attestations attached to the images (each one used is named in the report).",
      "The rest need a new decision: the component's version changed, it is gone from",
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
      "      --sign cosign.key --attach --format json",
      "  waterline carry --from registry.local/app:1.0 --to registry.local/app:1.1 \\",
      "      --vex app-1.0.openvex.json --sbom-attached --key cosign.pub \\",
      "      --accept-unsigned-sbom 'BuildKit SBOMs of our CI' --file app-1.1.openvex.json"
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
      names = "--accept-unsigned",
      paramLabel = "REASON",
      description =
          "With --attached: also carry OLD's unsigned attestations, recording REASON (without it"
              + " they are left out with a warning: a carried statement is signed with --sign).")
  @Nullable String acceptUnsigned;

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
      names = "--sbom-attached",
      description =
          "Also use the SBOM attestations (CycloneDX or SPDX predicates) attached to OLD and NEW,"
              + " where fetch finds them, on the image's digest or its --platform manifest: signed"
              + " ones must verify with --key or the --certificate-* flags (one that fails is an"
              + " error); unsigned ones count only with --accept-unsigned-sbom.")
  boolean sbomAttached;

  @Option(
      names = "--accept-unsigned-sbom",
      paramLabel = "REASON",
      description =
          "With --sbom-attached: also use unsigned SBOM statements in BuildKit attestation"
              + " manifests of the image index (docker buildx build --sbom), for REASON, which"
              + " the output records. Unsigned statement referrers stay unused.")
  @Nullable String acceptUnsignedSbom;

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
    if (acceptUnsigned != null && !attached) {
      throw CliException.usage("--accept-unsigned goes with --attached");
    }
    if (acceptUnsigned != null && acceptUnsigned.isBlank()) {
      throw CliException.usage("--accept-unsigned needs a reason (it is recorded)");
    }
    if (acceptUnsignedSbom != null && !sbomAttached) {
      throw CliException.usage("--accept-unsigned-sbom goes with --sbom-attached");
    }
    if (acceptUnsignedSbom != null && acceptUnsignedSbom.isBlank()) {
      throw CliException.usage("--accept-unsigned-sbom needs a reason (it is recorded)");
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
    // OLD is fetched once when both its VEX and its SBOMs are wanted.
    FetchResult oldAll = sbomAttached ? fetchAll(images, oldRef, "--from") : null;
    FetchResult oldSboms = oldAll == null ? null : oldAll.onlySboms();
    FetchResult newSboms = sbomAttached ? fetchAll(images, newRef, "--to").onlySboms() : null;
    String oldDigest;
    if (attached) {
      VexInputs.ImageFlag fromFlag = VexInputs.ImageFlag.of("--from");
      VexInputs.Fetched fetched =
          oldAll == null
              ? inputs.fetch(fromFlag, from, ctx.err(), false)
              : inputs.fetched(fromFlag, from, oldAll, ctx.err(), false);
      documents.addAll(VexInputs.signedOrAccepted(fetched, acceptUnsigned, ctx.err()));
      oldDigest = fetched.digest;
    } else if (oldSboms != null) {
      oldDigest = oldSboms.digest().toString();
    } else {
      oldDigest = digest(images, oldRef, "--from");
    }
    String newDigest =
        newSboms != null ? newSboms.digest().toString() : digest(images, newRef, "--to");
    CarryImage oldImage =
        image(oldRef, oldDigest, oldConfig, oldReport, "--report-from " + reportFrom);
    CarryImage newImage = image(newRef, newDigest, newConfig, newReport, "--report-to " + reportTo);
    oldImage = withSbom(oldImage, oldSbom, "--sbom-from " + sbomFrom);
    newImage = withSbom(newImage, newSbom, "--sbom-to " + sbomTo);
    List<UsedSbom> used = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (oldSboms != null && newSboms != null) {
      FetchPolicy policy =
          FetchPolicy.anyOf(verification.any() ? verification.policies() : List.of());
      if (acceptUnsignedSbom != null) {
        policy = policy.acceptUnsignedInImageIndex(acceptUnsignedSbom);
      }
      List<UsedSbom> fromOld = attachedSboms("OLD", from, oldSboms, oldConfig, policy, notes);
      List<UsedSbom> fromNew = attachedSboms("NEW", to, newSboms, newConfig, policy, notes);
      for (UsedSbom u : fromOld) {
        oldImage = withSbom(oldImage, u.sbom, "--sbom-attached " + from);
      }
      for (UsedSbom u : fromNew) {
        newImage = withSbom(newImage, u.sbom, "--sbom-attached " + to);
      }
      used.addAll(fromOld);
      used.addAll(fromNew);
      if (!hasPackages(oldImage) && !hasPackages(newImage)) {
        throw CliException.usage(
            "--sbom-attached: no SBOM attestation of OLD or NEW was used, and no --report-from,"
                + " --report-to, --sbom-from or --sbom-to gives their packages, so only their"
                + " layers could be compared; nothing was carried");
      }
    }
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
      printJson(result, written, attachedResult, used, notes);
    } else {
      printText(result, written, attachedResult, used);
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

  private static boolean hasPackages(CarryImage image) {
    return image.report().isPresent() || !image.sboms().isEmpty();
  }

  /** The attestations of an image, unverified; the fetch also gives its digest. */
  private static FetchResult fetchAll(Images images, ImageReference ref, String flag) {
    try {
      return images.fetch(ref);
    } catch (VexException e) {
      throw CliException.usage(flag + " " + ref + ": " + DocumentIo.oneLine(e.getMessage()));
    }
  }

  /** One SBOM attestation used: which image, the SBOM, and where it was found (first copy). */
  static final class UsedSbom {
    final String which;
    final Sbom sbom;
    final VerifiedAttestation attestation;
    final List<VerifiedAttestation> copies = new ArrayList<>();

    UsedSbom(String which, Sbom sbom, VerifiedAttestation attestation) {
      this.which = which;
      this.sbom = sbom;
      this.attestation = attestation;
    }

    /** {@code signed by …} or {@code unsigned: REASON}. */
    String trust() {
      return attestation
          .signer()
          .map(s -> "signed by " + s)
          .orElseGet(() -> "unsigned: " + attestation.acceptedUnsigned().orElse("?"));
    }

    /** {@code sha256:… in the bundle-referrer sha256:… on sha256:…}. */
    String where() {
      StringBuilder b =
          new StringBuilder(
              attestation.fetched().layer()
                  + " in the "
                  + Images.name(attestation.layout())
                  + " "
                  + attestation.manifest()
                  + " on "
                  + attestation.subject());
      for (VerifiedAttestation c : copies) {
        b.append(", also in the ").append(Images.name(c.layout())).append(' ').append(c.manifest());
      }
      return b.toString();
    }
  }

  /**
   * The SBOM attestations of one image that count as its evidence: those on its digest or the
   * compared platform manifest, verified under {@code policy}. One that fails verification or
   * cannot be read is an input error: left out, it could let a statement carry that its evidence
   * would stop (a version changed above an unchanged layer). Unsigned ones the policy does not
   * accept, those of other platforms and finding none are notes, printed as they come.
   */
  private List<UsedSbom> attachedSboms(
      String which,
      String text,
      FetchResult fetched,
      ImageConfig config,
      FetchPolicy policy,
      List<String> notes) {
    Digest platform = config.manifest();
    FetchResult mine = fetched.onSubjects(List.of(fetched.digest(), platform));
    int others = fetched.attestations().size() - mine.attestations().size();
    if (others > 0) {
      note(
          notes,
          which
              + " "
              + text
              + ": "
              + others
              + " SBOM attestation(s) of other platforms left out (comparing "
              + config.platform()
              + ", "
              + platform
              + ")");
    }
    for (String w : mine.warnings()) {
      note(notes, which + " " + text + ": " + DocumentIo.oneLine(w));
    }
    List<UnreadableAttestation> unreadable = mine.unreadable();
    if (!unreadable.isEmpty()) {
      UnreadableAttestation u = unreadable.get(0);
      throw CliException.usage(
          "--sbom-attached: "
              + text
              + (u.predicateType().isPresent()
                  ? ": the SBOM attestation "
                  : ": the attestation (its annotations do not say it is no SBOM) ")
              + u.digest().or(u::manifest).map(Digest::toString).orElse("(digest unknown)")
              + u.layout().map(l -> " (" + Images.name(l) + ")").orElse("")
              + " on "
              + u.subject()
              + " cannot be read: "
              + u.reason()
              + ": "
              + DocumentIo.oneLine(u.message())
              + more(unreadable.size())
              + "; evidence left out could change what carries, so nothing was carried");
    }
    VerifiedFetch verified = mine.verify(policy);
    List<VerifiedAttestation> failed = verified.failed();
    if (!failed.isEmpty()) {
      VerifiedAttestation f = failed.get(0);
      String what =
          "the SBOM attestation "
              + f.fetched().layer()
              + " ("
              + Images.name(f.layout())
              + " "
              + f.manifest()
              + ") on "
              + f.subject();
      if (policy.verifications().isEmpty() && f.fetched().kind().isSigned()) {
        throw CliException.usage(
            "--sbom-attached: "
                + text
                + ": "
                + what
                + " is signed: give --key PUB, or --certificate-identity ID with"
                + " --certificate-oidc-issuer ISS, to verify it");
      }
      throw CliException.usage(
          "--sbom-attached: "
              + text
              + ": "
              + what
              + " failed verification: "
              + f.failure()
                  .map(x -> x.reason() + ": " + DocumentIo.oneLine(x.message()))
                  .orElse("?")
              + more(failed.size())
              + "; evidence left out could change what carries, so nothing was carried");
    }
    List<UsedSbom> used = new ArrayList<>();
    Map<Digest, UsedSbom> byStatement = new HashMap<>();
    for (VerifiedAttestation a : verified.attestations()) {
      if (!a.isAccepted()) {
        note(
            notes,
            which
                + " "
                + text
                + ": the unsigned SBOM statement "
                + a.fetched().layer()
                + " ("
                + Images.name(a.layout())
                + " "
                + a.manifest()
                + ") is left out"
                + (a.layout() == AttachmentLayout.BUILDKIT_ATTESTATION_MANIFEST
                    ? " (--accept-unsigned-sbom REASON uses it)"
                    : " (only those in BuildKit attestation manifests of the image index can be"
                        + " accepted unsigned)"));
        continue;
      }
      Digest statement = Digest.of(a.fetched().statement());
      UsedSbom same = byStatement.get(statement);
      if (same != null) {
        same.copies.add(a);
        continue;
      }
      String origin = text + " (" + Images.name(a.layout()) + " " + a.fetched().layer() + ")";
      Sbom sbom;
      try {
        sbom = Sbom.parse(a.fetched().statement(), origin);
      } catch (VexException e) {
        throw new CliException(
            CliException.USAGE, "--sbom-attached: " + DocumentIo.oneLine(e.getMessage()), e);
      }
      UsedSbom u = new UsedSbom(which, sbom, a);
      byStatement.put(statement, u);
      used.add(u);
    }
    if (used.isEmpty()) {
      note(
          notes,
          "no SBOM attestation of "
              + which
              + " "
              + text
              + " ("
              + fetched.digest()
              + ") used: "
              + (mine.attestations().isEmpty() ? "none found" : "none accepted"));
    }
    return used;
  }

  private static String more(int count) {
    return count > 1 ? " (and " + (count - 1) + " more)" : "";
  }

  /** A note: printed on stderr now, and kept for the JSON report. */
  private void note(List<String> notes, String note) {
    notes.add(note);
    ctx.err().println("waterline: note: " + note);
    ctx.err().flush();
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
      CarryResult r,
      List<String> written,
      @Nullable AttachResult attachedResult,
      List<UsedSbom> used) {
    // Without --file the document is on stdout, and the report goes to stderr.
    var out = file == null ? ctx.err() : ctx.out();
    for (UsedSbom u : used) {
      out.println(
          "SBOM of "
              + u.which
              + ": "
              + u.where()
              + ": "
              + u.sbom.format()
              + ", "
              + u.sbom.packages().size()
              + " packages; "
              + u.trust());
    }
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
      CarryResult r,
      List<String> written,
      @Nullable AttachResult attachedResult,
      List<UsedSbom> used,
      List<String> notes) {
    ObjectNode root = Json.object();
    root.set("from", image(r.from(), used, "OLD"));
    root.set("to", image(r.to(), used, "NEW"));
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
    ArrayNode noteList = root.putArray("notes");
    notes.forEach(noteList::add);
    Json.print(ctx, root);
  }

  private static ObjectNode image(CarryImage i, List<UsedSbom> used, String which) {
    ObjectNode o = Json.object();
    o.put("image", i.name());
    o.put("digest", i.digest().toString());
    o.put("product", i.product());
    o.put("layers", i.diffIds().size());
    o.put("report", i.report().isPresent());
    ArrayNode sboms = o.putArray("sboms");
    for (Sbom sbom : i.sboms()) {
      ObjectNode s = sboms.addObject();
      s.put("origin", sbom.origin());
      s.put("format", sbom.format());
      s.put("packages", sbom.packages().size());
      UsedSbom u = null;
      for (UsedSbom c : used) {
        if (c.which.equals(which) && c.sbom == sbom) {
          u = c;
        }
      }
      if (u == null) {
        s.putNull("attestation");
        continue;
      }
      VerifiedAttestation a = u.attestation;
      ObjectNode at = s.putObject("attestation");
      at.put("digest", a.fetched().layer().toString());
      at.put("layout", Images.name(a.layout()));
      at.put("manifest", a.manifest().toString());
      at.put("subject", a.subject().toString());
      a.signer().ifPresentOrElse(v -> at.put("signer", v), () -> at.putNull("signer"));
      a.acceptedUnsigned()
          .ifPresentOrElse(
              v -> at.put("acceptedUnsigned", v), () -> at.putNull("acceptedUnsigned"));
    }
    return o;
  }
}
