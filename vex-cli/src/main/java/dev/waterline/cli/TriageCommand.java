package dev.waterline.cli;

import dev.waterline.vex.ContentDigest;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.policy.Decision;
import dev.waterline.vex.policy.FindingDecision;
import dev.waterline.vex.policy.Policy;
import dev.waterline.vex.policy.SarifFilter;
import dev.waterline.vex.policy.Triage;
import dev.waterline.vex.policy.TriageReport;
import dev.waterline.vex.policy.UnreadableVex;
import dev.waterline.vex.policy.VexSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code waterline triage}: apply VEX, KEV, EPSS, the waterline and a policy to a scan report. */
@Command(
    name = "triage",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Decide every finding of a scanner report (Grype JSON, Trivy JSON or SARIF).",
      "Each is remediate, exception, accepted, not_affected, fixed or vendor, with its reasons.",
      "--vex files are the team's own unless their author or signer is a vendor in the policy;",
      "vendor VEX counts only below the waterline, and only when signed (a DSSE envelope or",
      "Sigstore bundle verified with --key, or keyless with --certificate-identity and",
      "--certificate-oidc-issuer) or accepted unsigned (--accept-unsigned REASON).",
      "An attestation of a --vex-from image that is there but cannot be read (tampered or",
      "damaged) stops triage unless --ignore-unreadable is given.",
      "Exit 0 when nothing is to remediate, 1 when something is, 2 on a usage or input error."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  waterline triage --report grype.json --vex ours.openvex.json --vex dhi.vex.json \\",
      "      --accept-unsigned 'DHI VEX fetched from the vendor over TLS' \\",
      "      --kev known_exploited_vulnerabilities.json --base-diffids base.txt --format markdown",
      "  waterline triage --report grype.json --base dhi.io/node:22 --format json"
    })
final class TriageCommand implements Callable<Integer> {
  /** Output formats of triage. */
  enum TriageFormat {
    TEXT,
    JSON,
    MARKDOWN,
    SARIF;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** picocli converter for {@link TriageFormat}. */
  static final class FormatConverter implements ITypeConverter<TriageFormat> {
    @Override
    public TriageFormat convert(String value) {
      for (TriageFormat f : TriageFormat.values()) {
        if (f.toString().equals(value.toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not a format; expected text, json, markdown or sarif");
    }
  }

  private final Context ctx;

  @Option(
      names = "--report",
      required = true,
      paramLabel = "FILE",
      description = "The scanner report: Grype JSON, Trivy JSON or SARIF.")
  Path report = Path.of("");

  @Option(names = "--vex", paramLabel = "FILE", description = "OpenVEX documents (repeatable).")
  List<Path> vexFiles = new ArrayList<>();

  @Option(
      names = "--vex-from",
      paramLabel = "IMAGE",
      description =
          "Also use the OpenVEX attestations attached to this image (REGISTRY/REPO[:TAG|@DIGEST]"
              + " or oci:PATH[:TAG|@DIGEST]); signed ones must verify with --key or the"
              + " --certificate-* flags, and every one must name the image's digest. Repeatable.")
  List<String> vexFrom = new ArrayList<>();

  @Option(
      names = "--ignore-unreadable",
      description =
          "With --vex-from: go on when an attestation is there but cannot be read (its bytes do"
              + " not match their digest, its manifest or envelope does not parse, a layer is"
              + " missing), leaving it out with a warning and recording it in the report. Without"
              + " it, such an attestation stops triage (exit 2).")
  boolean ignoreUnreadable;

  @Option(names = "--kev", paramLabel = "FILE", description = "The CISA KEV catalog (JSON feed).")
  @Nullable Path kev;

  @Option(names = "--epss", paramLabel = "FILE", description = "EPSS scores (FIRST's CSV feed).")
  @Nullable Path epss;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "The policy file (JSON; see docs/policy.md). Default: the built-in policy.")
  @Nullable Path policy;

  @Option(
      names = "--base",
      paramLabel = "IMAGE",
      description =
          "The base image (registry reference, or oci:PATH[:TAG|@DIGEST]): its config's"
              + " rootfs.diff_ids are the waterline. For an index, the platform of the scanned"
              + " image (else --base-platform, else linux/amd64).")
  @Nullable String baseImage;

  @Option(
      names = "--base-platform",
      paramLabel = "OS/ARCH[/VARIANT]",
      description = "The platform to take from the --base image's index.")
  @Nullable String basePlatform;

  @Option(
      names = "--base-diffids",
      paramLabel = "FILE",
      description =
          "The base image's rootfs.diff_ids: one sha256:<hex> per line (# comments) or a JSON"
              + " array. Without it every finding counts as above the waterline.")
  @Nullable Path baseDiffIds;

  @Mixin VerificationOptions verification = new VerificationOptions();

  @Mixin RegistryOption registry = new RegistryOption();

  @Mixin DialectOptions.In input = new DialectOptions.In();

  @Option(
      names = "--image",
      paramLabel = "REF",
      description =
          "The scanned image (repo@sha256:<hex> or sha256:<hex>): identifiers VEX about the"
              + " image may use, for reports that do not name it with a digest (Grype run on a"
              + " tag, locally built images); it replaces the report's image in the output."
              + " Repeatable.")
  List<String> images = new ArrayList<>();

  @Option(
      names = "--accept-unsigned",
      paramLabel = "REASON",
      description = "Trust unsigned vendor VEX, recording REASON in the audit trail.")
  @Nullable String acceptUnsigned;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = FormatConverter.class,
      description = "Output: text, json, markdown or sarif (default: ${DEFAULT-VALUE}).")
  TriageFormat format = TriageFormat.TEXT;

  TriageCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (acceptUnsigned != null && acceptUnsigned.isBlank()) {
      throw CliException.usage("--accept-unsigned needs a reason");
    }
    if (baseImage != null && baseDiffIds != null) {
      throw CliException.usage("--base and --base-diffids exclude each other");
    }
    if (basePlatform != null && baseImage == null) {
      throw CliException.usage("--base-platform needs --base IMAGE");
    }
    Path policyFile = policy;
    Policy p =
        policyFile == null ? Policy.defaults() : input(() -> Policy.read(policyFile), policyFile);
    List<VexSource> sources = new ArrayList<>();
    List<VexDocument> own = new ArrayList<>();
    VexInputs vexInputs = new VexInputs(ctx, verification, registry.options(ctx), input.format);
    List<VexSource> read = new ArrayList<>();
    for (Path f : vexFiles) {
      read.add(vexInputs.read(f));
    }
    if (ignoreUnreadable && vexFrom.isEmpty()) {
      throw CliException.usage("--ignore-unreadable goes with --vex-from IMAGE");
    }
    List<String> fetchedDigests = new ArrayList<>();
    List<UnreadableVex> unreadable = new ArrayList<>();
    for (String image : vexFrom) {
      VexInputs.Fetched fetched =
          vexInputs.fetch(VexInputs.ImageFlag.VEX_FROM, image, ctx.err(), ignoreUnreadable);
      read.addAll(fetched.sources);
      fetchedDigests.add(fetched.digest);
      unreadable.addAll(fetched.unreadable);
    }
    for (VexSource r : read) {
      VexSource s = r;
      VexDocument d = s.document();
      boolean vendor = p.vendorOf(d.author(), s.signer().orElse(null)).isPresent();
      // Only vendor VEX needs trust to count; our own unsigned VEX is ours, not "accepted".
      if (acceptUnsigned != null && vendor && s.signer().isEmpty()) {
        s = s.acceptedUnsigned(acceptUnsigned);
      }
      sources.add(s);
      if (!vendor) {
        own.add(d);
      }
    }
    TriageInputs in = new TriageInputs(report, kev, epss, baseDiffIds);
    if (format == TriageFormat.SARIF && !in.isSarif()) {
      throw CliException.usage(
          "--format sarif needs a SARIF report, but " + report + " is not SARIF");
    }
    Triage triage =
        in.triage()
            .vex(sources)
            .unreadableVex(unreadable)
            .policy(p)
            .scanTime(ctx.now())
            .clock(ctx.clock());
    if (kev != null) {
      triage = triage.kev(in.kev());
    }
    if (epss != null) {
      triage = triage.epss(in.epss());
    }
    if (baseDiffIds != null) {
      triage = triage.waterline(in.waterline());
    } else if (baseImage != null) {
      triage =
          triage.waterline(
              BaseImage.waterline(
                  baseImage, BaseImage.platform(basePlatform, in.report()), registry.options(ctx)));
    }
    for (String digest : fetchedDigests) {
      triage = triage.image(digest);
    }
    for (String image : images) {
      try {
        triage = triage.image(image);
      } catch (VexException e) {
        throw CliException.usage("--image: " + e.getMessage());
      }
    }
    TriageReport result = triage.input("report", report.toString()).run();
    warn(result, vexInputs.signedSubjects(), fetchedDigests);
    switch (format) {
      case JSON:
        ctx.exactOut().print(result.toJson());
        break;
      case MARKDOWN:
        ctx.exactOut().print(result.toMarkdown());
        break;
      case SARIF:
        // SARIF carries no layer: every result is above the waterline, where only our VEX counts.
        SarifFilter.Result filtered =
            SarifFilter.of(own)
                .filter(
                    DocumentIo.readBytes(ctx, report, InputKind.SCAN_REPORT), report.toString());
        ctx.exactOut().print(filtered.jsonText()); // ends with a newline
        break;
      default:
        text(result);
    }
    ctx.out().flush();
    return result.needsRemediation() ? CliException.NEGATIVE : 0;
  }

  /**
   * Prints the run's warnings on stderr, and says when a signed {@code --vex} file was signed for
   * another image than the one scanned: it is used, but it would otherwise pass silently.
   */
  private void warn(
      TriageReport result, Map<Path, List<String>> signedSubjects, List<String> fetchedDigests) {
    DocumentIo.printWarnings(
        ctx, "waterline: ", result.warnings().stream().map(w -> "warning: " + w).toList());
    Set<String> scanned = new LinkedHashSet<>(fetchedDigests);
    result.imageDigest().ifPresent(scanned::add);
    for (String image : images) {
      // --image is REPO@sha256:<hex> or sha256:<hex> (Triage.image checked it)
      ContentDigest.tryParse(image.substring(image.lastIndexOf('@') + 1))
          .filter(d -> d.algorithm().equals(ContentDigest.SHA256))
          .ifPresent(d -> scanned.add(d.toString()));
    }
    if (!scanned.isEmpty()) {
      signedSubjects.forEach(
          (file, subjects) -> {
            if (subjects.stream().noneMatch(scanned::contains)) {
              ctx.err()
                  .println(
                      "waterline: warning: "
                          + file
                          + " is signed for "
                          + subjects
                          + ", not for the scanned image "
                          + String.join(", ", scanned)
                          + ": its statements are used, but check that it is the right VEX (an"
                          + " index and its platform manifests have different digests)");
            }
          });
    }
    ctx.err().flush();
  }

  private void text(TriageReport r) {
    ctx.out()
        .println(
            r.needsRemediation()
                ? r.counts().get(Decision.REMEDIATE) + " to remediate"
                : "nothing to remediate");
    StringBuilder counts = new StringBuilder();
    for (Decision d : Decision.values()) {
      counts
          .append(counts.length() == 0 ? "" : ", ")
          .append(d)
          .append(' ')
          .append(r.counts().get(d));
    }
    ctx.out().println(r.decisions().size() + " findings: " + counts);
    for (FindingDecision d : r.decisions(Decision.REMEDIATE)) {
      ctx.out().println("remediate " + d + ": " + d.reasons().get(0).message());
    }
    for (FindingDecision d : r.decisions(Decision.EXCEPTION)) {
      ctx.out()
          .println("exception " + d + " until " + d.expires().map(Object::toString).orElse("?"));
    }
  }

  interface Reader<T> {
    T read() throws IOException;
  }

  static <T> T input(Reader<T> reader, Path file) {
    try {
      return reader.read();
    } catch (VexException | IllegalArgumentException e) {
      throw new CliException(CliException.USAGE, DocumentIo.naming(file, e.getMessage()), e);
    } catch (UncheckedIOException e) {
      throw new CliException(
          CliException.USAGE, "cannot read " + file + ": " + DocumentIo.describe(e), e);
    } catch (IOException e) {
      throw new CliException(
          CliException.USAGE, "cannot read " + file + ": " + DocumentIo.describe(e), e);
    }
  }
}
