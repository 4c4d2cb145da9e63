package dev.waterline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.Statement;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.MarkdownText;
import dev.waterline.vex.oci.Attachments;
import dev.waterline.vex.oci.BatchFetch;
import dev.waterline.vex.oci.FetchPolicy;
import dev.waterline.vex.oci.ImageReference;
import dev.waterline.vex.oci.Registry;
import dev.waterline.vex.oci.VexAudit;
import dev.waterline.vex.policy.ImageAudit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code waterline audit}: what the VEX attached to each image says about one vulnerability. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Answer an auditor: what the VEX attached to each image says about one vulnerability.",
      "For each image (given as IMAGE arguments, one per line in --images FILE, or every tag",
      "of --registry-repo REGISTRY/REPO or oci:PATH), prints its digest, the effective status",
      "among the trusted attestations (verified by --key or a keyless identity, or unsigned",
      "and accepted with --accept-unsigned REASON), the deciding statement's author, time and",
      "signer, and whether it verified. Untrusted attestations decide nothing and are counted.",
      "Images are fetched --parallel N at a time (a constant plus two requests per",
      "attestation each); a progress line is shown on a terminal.",
      "Exit 0 when every image was answered, 1 when an image holds an attestation that cannot",
      "be read (its answer would be incomplete), 2 on a usage error or an image that could not",
      "be fetched."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  waterline audit --vuln CVE-2024-3094 --images deployed.txt --key cosign.pub",
      "  waterline audit --vuln CVE-2024-3094 --registry-repo registry.local/app --key cosign.pub"
          + " --format markdown"
    })
final class AuditCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(
      names = "--vuln",
      required = true,
      paramLabel = "ID",
      description = "The vulnerability asked about (CVE, GHSA, or an alias statements name).")
  String vulnerability = "";

  @Parameters(index = "0..*", arity = "0..*", paramLabel = "IMAGE", description = "Images.")
  List<String> images = new ArrayList<>();

  @Option(
      names = "--images",
      paramLabel = "FILE",
      description =
          "A file of images, one per line (blank lines and # comments ignored); - for standard"
              + " input.")
  @Nullable Path imagesFile;

  @Option(
      names = "--registry-repo",
      paramLabel = "REPO",
      description =
          "Audit every image tag of REGISTRY/REPO, or of the OCI layout oci:PATH (attestation"
              + " tags are skipped).")
  @Nullable String repository;

  @Mixin VerificationOptions verification = new VerificationOptions();

  @Option(
      names = "--accept-unsigned",
      paramLabel = "REASON",
      description = "Trust unsigned in-toto statements, recording REASON with each.")
  @Nullable String acceptUnsigned;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "4",
      description = "Images fetched at the same time (default: ${DEFAULT-VALUE}).")
  int parallel = BatchFetch.DEFAULT_PARALLELISM;

  @Mixin RegistryOption registry = new RegistryOption();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: text, json or markdown (default: ${DEFAULT-VALUE}).")
  String format = "text";

  AuditCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!List.of("text", "json", "markdown").contains(fmt)) {
      throw CliException.usage("--format must be text, json or markdown, not '" + format + "'");
    }
    if (parallel < 1 || parallel > BatchFetch.MAX_PARALLELISM) {
      throw CliException.usage(
          "--parallel must be between 1 and "
              + BatchFetch.MAX_PARALLELISM
              + " but was "
              + parallel);
    }
    if (acceptUnsigned != null && acceptUnsigned.isBlank()) {
      throw CliException.usage("--accept-unsigned needs a reason");
    }
    if (vulnerability.isBlank()) {
      throw CliException.usage("--vuln must not be blank");
    }
    FetchPolicy policy =
        FetchPolicy.anyOf(verification.any() ? verification.policies() : List.of());
    if (acceptUnsigned != null) {
      policy = policy.acceptUnsigned(acceptUnsigned);
    }
    if (policy.verifications().isEmpty() && !policy.acceptsUnsigned()) {
      throw CliException.usage(
          "audit needs --key PUB, or --certificate-identity ID with --certificate-oidc-issuer"
              + " ISS, or --accept-unsigned REASON: with nothing trusted every answer would be"
              + " no_statement");
    }
    List<String> all = allImages();
    if (all.isEmpty()) {
      throw CliException.usage("no image to audit: give IMAGE, --images FILE or --registry-repo");
    }
    BatchFetch batch =
        BatchFetch.builder()
            .parallelism(parallel)
            .registryOptions(registry.options(ctx))
            .onlyVex(true)
            .listener(ctx.terminal() ? new Progress() : new BatchFetch.Listener() {})
            .build();
    List<ImageAudit> answers;
    try {
      answers = VexAudit.of(vulnerability, policy).withBatch(batch).run(all);
    } catch (VexException e) {
      throw CliException.usage(DocumentIo.oneLine(e.getMessage()));
    }
    if (ctx.terminal()) {
      ctx.progress(null);
    }
    if (fmt.equals("json")) {
      Json.print(ctx, toJson(policy, answers));
    } else if (fmt.equals("markdown")) {
      printMarkdown(answers);
    } else {
      printText(answers);
    }
    boolean unreachable = false;
    boolean incomplete = false;
    for (ImageAudit a : answers) {
      if (a.failure().isPresent()) {
        if (a.digest().isEmpty()) {
          unreachable = true;
          ctx.err()
              .println(
                  "waterline: error: cannot fetch "
                      + a.image()
                      + ": "
                      + DocumentIo.oneLine(a.failure().get()));
        } else {
          incomplete = true;
        }
      }
    }
    ctx.err().flush();
    return unreachable ? CliException.USAGE : incomplete ? CliException.NEGATIVE : 0;
  }

  private List<String> allImages() {
    List<String> all = new ArrayList<>(images);
    if (imagesFile != null) {
      String text =
          new String(
              DocumentIo.readBytes(ctx, imagesFile, InputKind.IMAGE_LIST), StandardCharsets.UTF_8);
      int n = 0;
      for (String line : text.split("\n", -1)) {
        n++;
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        try {
          ImageReference unused = ImageReference.parse(l);
        } catch (VexException e) {
          throw CliException.usage(
              (DocumentIo.isStandardInput(imagesFile) ? "standard input" : imagesFile.toString())
                  + ":"
                  + n
                  + ": not an image reference: "
                  + DocumentIo.oneLine(e.getMessage()));
        }
        all.add(l);
      }
    }
    if (repository != null) {
      all.addAll(tagsOf(repository));
    }
    for (String image : all) {
      Images.parse(image, image);
    }
    return all;
  }

  /** Every image tag of a repository or layout, as full references. */
  private List<String> tagsOf(String repo) {
    List<String> out = new ArrayList<>();
    try {
      if (repo.startsWith("oci:")) {
        ImageReference ref = ImageReference.parse(repo);
        for (String tag : Attachments.on(ref).imageTags()) {
          out.add(repo + ":" + tag);
        }
        return out;
      }
      int slash = repo.indexOf('/');
      if (slash <= 0 || repo.contains("@") || repo.lastIndexOf(':') > repo.lastIndexOf('/')) {
        throw CliException.usage(
            "--registry-repo takes REGISTRY/REPO (no tag or digest) or oci:PATH, not '"
                + repo
                + "'");
      }
      String host = repo.substring(0, slash);
      String name = repo.substring(slash + 1);
      for (String tag : Registry.of(host, registry.options(ctx)).attachments(name).imageTags()) {
        out.add(repo + ":" + tag);
      }
    } catch (VexException e) {
      throw CliException.usage(
          "--registry-repo " + repo + ": " + DocumentIo.oneLine(e.getMessage()));
    }
    return out;
  }

  private void printText(List<ImageAudit> answers) {
    for (ImageAudit a : answers) {
      StringBuilder line = new StringBuilder();
      line.append(a.image());
      a.digest().ifPresent(d -> line.append(" ").append(d));
      line.append(": ").append(a.statusText());
      if (a.failure().isPresent()) {
        line.append(" (").append(DocumentIo.oneLine(a.failure().get())).append(")");
      }
      a.deciding()
          .ifPresent(
              e ->
                  line.append(" by ")
                      .append(e.document().author())
                      .append(a.time().map(t -> " at " + t).orElse(""))
                      .append(", ")
                      .append(a.source().map(s -> s.trust()).orElse("?"))
                      .append(detail(e)));
      if (a.untrustedSources() > 0) {
        line.append(" [").append(a.untrustedSources()).append(" untrusted source(s) ignored]");
      }
      ctx.out().println(DocumentIo.oneLine(line.toString()));
      for (String p : a.problems()) {
        ctx.out().println("  problem: " + DocumentIo.oneLine(p));
      }
    }
    ctx.out().flush();
  }

  private static String detail(EffectiveStatement e) {
    Statement s = e.statement();
    StringBuilder b = new StringBuilder();
    s.justification().ifPresent(j -> b.append("; justification ").append(j.value()));
    s.impactStatement().ifPresent(i -> b.append("; impact: ").append(i));
    s.actionStatement().ifPresent(i -> b.append("; action: ").append(i));
    return b.toString();
  }

  private void printMarkdown(List<ImageAudit> answers) {
    ctx.out().println("# " + md(vulnerability) + ": VEX audit");
    ctx.out().println();
    ctx.out().println("| image | digest | status | author | time | trust | detail |");
    ctx.out().println("|---|---|---|---|---|---|---|");
    for (ImageAudit a : answers) {
      ctx.out()
          .println(
              "| "
                  + md(a.image())
                  + " | "
                  + md(a.digest().orElse(""))
                  + " | "
                  + md(a.statusText())
                  + " | "
                  + md(a.author().orElse(""))
                  + " | "
                  + md(a.time().map(Object::toString).orElse(""))
                  + " | "
                  + md(a.source().map(s -> s.trust()).orElse(a.failure().orElse("")))
                  + " | "
                  + md(a.deciding().map(AuditCommand::detail).orElse("").replaceFirst("^; ", ""))
                  + " |");
    }
    ctx.out().flush();
  }

  /** Markdown table text: one line, markup escaped ({@link MarkdownText#cell}). */
  private static String md(String s) {
    return MarkdownText.cell(DocumentIo.oneLine(s));
  }

  private ObjectNode toJson(FetchPolicy policy, List<ImageAudit> answers) {
    ObjectNode json = Json.object();
    json.put("vulnerability", vulnerability);
    json.put("policy", policy.toString());
    ArrayNode list = json.putArray("images");
    for (ImageAudit a : answers) {
      ObjectNode o = list.addObject();
      o.put("image", a.image());
      a.digest().ifPresent(d -> o.put("digest", d));
      o.put("status", a.statusText());
      a.failure().ifPresent(f -> o.put("error", f));
      a.deciding()
          .ifPresent(
              e -> {
                ObjectNode d = o.putObject("statement");
                d.put("author", e.document().author());
                e.document().id().ifPresent(id -> d.put("document", id));
                e.statement().id().ifPresent(id -> d.put("id", id));
                a.time().ifPresent(t -> d.put("time", t.toString()));
                e.statement().justification().ifPresent(j -> d.put("justification", j.value()));
                e.statement().impactStatement().ifPresent(i -> d.put("impact_statement", i));
                e.statement().actionStatement().ifPresent(i -> d.put("action_statement", i));
              });
      a.source()
          .ifPresent(
              s -> {
                o.put("origin", s.origin());
                o.put("verified", a.verified());
                s.signer().ifPresent(x -> o.put("signer", x));
                s.unsignedReason().ifPresent(r -> o.put("accepted_unsigned", r));
              });
      o.put("statements", a.statements());
      o.put("untrusted_sources", a.untrustedSources());
      ArrayNode problems = o.putArray("problems");
      a.problems().forEach(problems::add);
    }
    return json;
  }

  /** Progress on stderr when a person is watching: one line, rewritten. */
  private final class Progress implements BatchFetch.Listener {
    @Override
    public void finished(BatchFetch.Item item, int done, int total) {
      ctx.progress("audited " + done + "/" + total + " " + item.image());
    }
  }
}
