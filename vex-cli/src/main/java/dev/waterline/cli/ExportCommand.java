package dev.waterline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.oci.ImageReference;
import dev.waterline.vex.policy.ExportResult;
import dev.waterline.vex.policy.Policy;
import dev.waterline.vex.policy.ScannerExport;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code waterline export}: the effective VEX of an image as the scanners' own suppressions. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Feed VEX back into the scanners, as their own suppressions.",
      "The deciding not_affected and fixed statements about IMAGE (its attestations, verified",
      "as triage --vex-from verifies them) and in the --vex files are written as Trivy's",
      ".trivyignore.yaml (trivy-ignore), Grype's .grype.yaml ignore",
      "rules (grype-ignore), or a VEX repository in Trivy's VEX Repository format (vex-repo,",
      "spec v0.1) that 'trivy --vex repo' downloads from --base-url. affected and",
      "under_investigation statements are not exported (scanners suppress only not_affected",
      "and fixed); --exceptions adds exceptions to Trivy's file, expiring after the policy's",
      "exception_max_age_days. Grype's rules have no purl field: they name the package by",
      "name, version and type (docs/cli.md). The ignore file goes to --file or stdout, the",
      "repository to --dir; what was exported and what was left out, and why, is printed",
      "(on stderr when the file goes to stdout)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  waterline export registry.local/app:1.0 --key cosign.pub --to trivy-ignore \\",
      "      --file .trivyignore.yaml",
      "  waterline export --vex app.openvex.json --to grype-ignore --file .grype.yaml",
      "  waterline export registry.local/app@sha256:4f… --key cosign.pub --to vex-repo \\",
      "      --dir site/ --base-url https://vex.example.com/"
    })
final class ExportCommand implements Callable<Integer> {
  /** The targets of {@code --to}. */
  enum Target {
    TRIVY_IGNORE,
    GRYPE_IGNORE,
    VEX_REPO;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** picocli converter for {@code --to}. */
  static final class TargetConverter implements ITypeConverter<Target> {
    @Override
    public Target convert(String value) {
      for (Target t : Target.values()) {
        if (t.toString().equals(value)) {
          return t;
        }
      }
      throw new TypeConversionException(
          "'"
              + value
              + "' is not an export target; expected trivy-ignore, grype-ignore or vex-repo");
    }
  }

  /** picocli candidates for {@code --to}. */
  static final class TargetCandidates implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("trivy-ignore", "grype-ignore", "vex-repo").iterator();
    }
  }

  private final Context ctx;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "IMAGE",
      description =
          "The image (REGISTRY/REPO[:TAG|@DIGEST] or oci:PATH[:TAG|@DIGEST]): its OpenVEX"
              + " attestations are read, and only statements about it are exported.")
  @Nullable String image;

  @Option(names = "--vex", paramLabel = "FILE", description = "VEX documents (repeatable).")
  List<Path> vexFiles = new ArrayList<>();

  @Option(
      names = "--to",
      required = true,
      paramLabel = "TARGET",
      converter = TargetConverter.class,
      completionCandidates = TargetCandidates.class,
      description = "What to write: ${COMPLETION-CANDIDATES}.")
  @Nullable Target to;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "trivy-ignore, grype-ignore: write the file here instead of stdout.")
  @Nullable Path file;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "vex-repo: the directory to write the repository to (new, empty, or an earlier"
              + " export, which is replaced).")
  @Nullable Path dir;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description =
          "vex-repo: the https:// URL DIR will be served at (Trivy reads"
              + " URL/.well-known/vex-repository.json).")
  @Nullable String baseUrl;

  @Option(
      names = "--repository-url",
      paramLabel = "REPO",
      description =
          "vex-repo: the image's repository (registry.example/team/app) for statements that name"
              + " the image without one; default: IMAGE's repository on a registry.")
  @Nullable String repositoryUrl;

  @Option(
      names = "--exceptions",
      description =
          "trivy-ignore: also export exceptions (affected with an action statement), each with"
              + " expired_at from the policy's exception_max_age_days.")
  boolean exceptions;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "The policy file for --exceptions (default: the built-in policy).")
  @Nullable Path policy;

  @Option(
      names = "--accept-unsigned",
      paramLabel = "REASON",
      description = "Also use IMAGE's unsigned attestations, recording REASON.")
  @Nullable String acceptUnsigned;

  @Mixin VerificationOptions verification = new VerificationOptions();

  @Mixin RegistryOption registry = new RegistryOption();

  @Mixin DialectOptions.In input = new DialectOptions.In();

  @Mixin FormatOption output = new FormatOption();

  ExportCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Target target = java.util.Objects.requireNonNull(to, "--to");
    checkFlags(target);
    List<VexDocument> documents = new ArrayList<>();
    VexInputs inputs = new VexInputs(ctx, verification, registry.options(ctx), input.format);
    for (Path f : vexFiles) {
      documents.add(inputs.read(f).document());
    }
    ScannerExport export;
    String subject = null;
    if (image != null) {
      VexInputs.Fetched fetched =
          inputs.fetch(VexInputs.ImageFlag.POSITIONAL, image, ctx.err(), false);
      documents.addAll(VexInputs.signedOrAccepted(fetched, acceptUnsigned, ctx.err()));
      subject = fetched.digest;
      export = ScannerExport.of(documents).forImage(fetched.digest);
      ImageReference ref = Images.parse(image, "IMAGE");
      String repo = repositoryUrl != null ? repositoryUrl : ref.isLayout() ? null : ref.name();
      if (repo != null) {
        export = export.withRepositoryUrl(repo);
      }
    } else {
      export = ScannerExport.of(documents);
      if (repositoryUrl != null) {
        export = export.withRepositoryUrl(repositoryUrl);
      }
    }
    Instant fixed = ctx.sourceDateEpoch();
    if (fixed != null) {
      export = export.withTime(fixed);
    }
    if (exceptions) {
      Path p = policy;
      export =
          export.withExceptions(
              p == null ? Policy.defaults() : TriageCommand.input(() -> Policy.read(p), p));
    }
    ExportResult result;
    switch (target) {
      case TRIVY_IGNORE:
        result = export.toTrivyIgnore();
        break;
      case GRYPE_IGNORE:
        result = export.toGrypeIgnore();
        break;
      default:
        try {
          result = export.toVexRepository(new URI(java.util.Objects.requireNonNull(baseUrl)));
        } catch (URISyntaxException | VexException e) {
          throw CliException.usage("--base-url: " + DocumentIo.oneLine(e.getMessage()));
        }
    }
    boolean toStdout = target != Target.VEX_REPO && file == null;
    if (target == Target.VEX_REPO) {
      writeRepository(java.util.Objects.requireNonNull(dir), result);
    } else {
      DocumentIo.writeBytes(ctx, result.files().values().iterator().next(), file);
    }
    report(result, target, subject, toStdout);
    return 0;
  }

  private void checkFlags(Target target) {
    if (image == null && vexFiles.isEmpty()) {
      throw CliException.usage("give IMAGE, --vex FILE, or both");
    }
    if (acceptUnsigned != null && acceptUnsigned.isBlank()) {
      throw CliException.usage("--accept-unsigned needs a reason");
    }
    if (acceptUnsigned != null && image == null) {
      throw CliException.usage("--accept-unsigned goes with IMAGE");
    }
    if (policy != null && !exceptions) {
      throw CliException.usage("--policy goes with --exceptions");
    }
    if (exceptions && target != Target.TRIVY_IGNORE) {
      throw CliException.usage(
          "--exceptions goes with --to trivy-ignore: only Trivy's ignore file can expire");
    }
    if (target == Target.VEX_REPO) {
      if (dir == null || baseUrl == null) {
        throw CliException.usage("--to vex-repo needs --dir DIR and --base-url URL");
      }
      if (file != null) {
        throw CliException.usage("--to vex-repo writes a directory: use --dir, not --file");
      }
    } else {
      if (dir != null || baseUrl != null || repositoryUrl != null) {
        throw CliException.usage(
            "--dir, --base-url and --repository-url go with --to vex-repo; --to "
                + target
                + " writes one file (--file)");
      }
      if (file == null && output.json()) {
        throw CliException.usage(
            "--format json prints the summary on stdout: give --file for the " + target + " file");
      }
    }
  }

  /**
   * Writes the repository into {@code dir}: a new or empty directory, or one holding an earlier
   * export (its manifest, archive and unpacked tree are replaced; nothing else is touched).
   */
  private static void writeRepository(Path dir, ExportResult result) {
    try {
      if (Files.exists(dir)) {
        if (!Files.isDirectory(dir)) {
          throw CliException.usage("--dir " + dir + " is not a directory");
        }
        boolean empty;
        try (Stream<Path> s = Files.list(dir)) {
          empty = s.findAny().isEmpty();
        }
        if (!empty && !Files.isRegularFile(dir.resolve(".well-known/vex-repository.json"))) {
          throw CliException.usage(
              "--dir "
                  + dir
                  + " is not empty and holds no earlier export (no"
                  + " .well-known/vex-repository.json): choose an empty directory");
        }
        Path unpacked = dir.resolve("vex-repository");
        if (Files.isDirectory(unpacked)) {
          try (Stream<Path> s = Files.walk(unpacked)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
              Files.delete(p);
            }
          }
        }
      }
      for (Map.Entry<String, byte[]> f : result.files().entrySet()) {
        Path target = dir.resolve(f.getKey());
        Files.createDirectories(java.util.Objects.requireNonNull(target.getParent()));
        Files.write(target, f.getValue());
      }
    } catch (IOException e) {
      throw CliException.usage("cannot write " + dir + ": " + DocumentIo.describe(e));
    }
  }

  private void report(ExportResult r, Target target, @Nullable String subject, boolean toStdout) {
    if (output.json()) {
      ObjectNode json = Json.object();
      json.put("to", target.toString());
      if (image != null) {
        json.put("image", image);
        json.put("digest", subject);
      }
      ArrayNode files = json.putArray("files");
      Path base = target == Target.VEX_REPO ? dir : file;
      for (String p : r.paths()) {
        files.add(
            target == Target.VEX_REPO
                ? java.util.Objects.requireNonNull(base).resolve(p).toString()
                : String.valueOf(base));
      }
      ArrayNode exported = json.putArray("exported");
      r.exported().forEach(exported::add);
      ArrayNode leftOut = json.putArray("leftOut");
      r.leftOut().forEach(leftOut::add);
      Json.print(ctx, json);
      return;
    }
    java.io.PrintWriter w = toStdout ? ctx.err() : ctx.out();
    String where = target == Target.VEX_REPO ? String.valueOf(dir) : String.valueOf(file);
    w.println(
        (toStdout ? "waterline: " : "")
            + r.exported().size()
            + (r.exported().size() == 1 ? " statement" : " statements")
            + " exported"
            + (toStdout ? "" : " to " + where)
            + ", "
            + r.leftOut().size()
            + " left out");
    for (String line : r.exported()) {
      w.println((toStdout ? "waterline: " : "") + "  exported  " + line);
    }
    for (String line : r.leftOut()) {
      w.println((toStdout ? "waterline: " : "") + "  left out  " + line);
    }
    w.flush();
    ctx.out().flush();
  }
}
