package dev.waterline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.MergeOptions;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.oci.BatchFetch;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.FetchPolicy;
import dev.waterline.vex.oci.UnreadableAttestation;
import dev.waterline.vex.oci.VerificationState;
import dev.waterline.vex.oci.VerifiedAttestation;
import dev.waterline.vex.oci.VerifiedFetch;
import dev.waterline.vex.sign.VerificationFailure;
import dev.waterline.vex.sign.VerificationPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code waterline fetch}: list and verify the attestations of images, or merge their VEX. */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Fetch the attestations of images and verify each one.",
      "Every layout is read, on each IMAGE (REGISTRY/REPO[:TAG|@DIGEST], or",
      "oci:PATH[:TAG|@DIGEST]) and each of its platform manifests. Each attestation is",
      "verified (by --key or a keyless identity), failed (with the reason), or",
      "unsigned (counted only with --accept-unsigned REASON). Each statement must name the",
      "digest it was found on. An attestation that is there but cannot be read (bytes that",
      "do not match their digest, a manifest or envelope that does not parse, a missing layer)",
      "is listed as failed with the reason. Entries of a listing that cannot be used (an",
      "unknown digest algorithm, a manifest that is gone) are skipped and shown as problems.",
      "--merge prints one OpenVEX document of the verified (and accepted unsigned) OpenVEX",
      "attestations only.",
      "Exit 0 when nothing failed, 1 when an attestation failed verification or could not be",
      "read (or --merge found nothing to merge), 2 on a usage error or an image that could",
      "not be fetched."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  waterline fetch registry.local/app:1.0 --key cosign.pub",
      "  waterline fetch registry.local/app:1.0 registry.local/api:2.1 --key cosign.pub --merge",
      "  waterline fetch oci:./layout:1.0 --accept-unsigned 'our own build' --format json"
    })
final class FetchCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0..*", arity = "1..*", paramLabel = "IMAGE", description = "Images.")
  List<String> images = new ArrayList<>();

  @Mixin VerificationOptions verification = new VerificationOptions();

  @Option(
      names = "--accept-unsigned",
      paramLabel = "REASON",
      description = "Count unsigned in-toto statements, recording REASON with each.")
  @Nullable String acceptUnsigned;

  @Option(
      names = "--merge",
      description =
          "Print one OpenVEX document merged from the verified (and accepted unsigned) OpenVEX"
              + " attestations; the listing goes to stderr as one line per image.")
  boolean merge;

  @Option(
      names = "--author",
      paramLabel = "AUTHOR",
      description =
          "With --merge: the merged document's author (default: the author of the merged"
              + " documents when they all have the same one, else Unknown Author).")
  @Nullable String author;

  @Option(
      names = "--author-role",
      paramLabel = "ROLE",
      description = "With --merge: the author's role.")
  @Nullable String authorRole;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "4",
      description = "Images fetched at the same time (default: ${DEFAULT-VALUE}).")
  int parallel = BatchFetch.DEFAULT_PARALLELISM;

  @Mixin RegistryOption registry = new RegistryOption();

  @Mixin FormatOption output = new FormatOption();

  FetchCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (parallel < 1 || parallel > BatchFetch.MAX_PARALLELISM) {
      throw CliException.usage(
          "--parallel must be between 1 and "
              + BatchFetch.MAX_PARALLELISM
              + " but was "
              + parallel);
    }
    if ((author != null || authorRole != null) && !merge) {
      throw CliException.usage("--author and --author-role go with --merge");
    }
    if (author != null && author.isBlank()) {
      throw CliException.usage("--author must not be blank");
    }
    FetchPolicy policy = policy();
    for (String image : images) {
      Images.parse(image, image);
    }
    BatchFetch batch =
        BatchFetch.builder()
            .parallelism(parallel)
            .registryOptions(registry.options(ctx))
            .listener(ctx.terminal() ? new Progress() : new BatchFetch.Listener() {})
            .build();
    List<BatchFetch.Item> items = batch.fetch(images);
    if (ctx.terminal()) {
      ctx.progress(null);
    }
    List<Optional<VerifiedFetch>> verified = new ArrayList<>();
    boolean unreachable = false;
    boolean failed = false;
    List<VexDocument> docs = new ArrayList<>();
    for (BatchFetch.Item item : items) {
      Optional<VerifiedFetch> v = item.verify(policy);
      verified.add(v);
      unreachable |= v.isEmpty();
      if (v.isPresent()) {
        failed |= v.get().hasFailures();
        docs.addAll(v.get().vexDocuments());
      }
    }
    if (merge) {
      printMerged(items, verified, docs);
    } else if (output.json()) {
      Json.print(ctx, toJson(policy, items, verified));
    } else {
      printText(items, verified);
    }
    for (BatchFetch.Item item : items) {
      item.failure()
          .ifPresent(
              f -> ctx.err().println("waterline: error: cannot fetch " + DocumentIo.oneLine(f)));
    }
    ctx.err().flush();
    if (unreachable) {
      return CliException.USAGE;
    }
    if (failed || (merge && docs.isEmpty())) {
      return CliException.NEGATIVE;
    }
    return 0;
  }

  private FetchPolicy policy() {
    if (acceptUnsigned != null && acceptUnsigned.isBlank()) {
      throw CliException.usage("--accept-unsigned needs a reason");
    }
    Optional<VerificationPolicy> trust = verification.policy();
    if (trust.isEmpty()) {
      if (acceptUnsigned == null) {
        throw CliException.usage(
            "fetch needs --key PUB, or --certificate-identity ID with --certificate-oidc-issuer"
                + " ISS, or --accept-unsigned REASON");
      }
      return FetchPolicy.unsignedOnly(acceptUnsigned);
    }
    FetchPolicy p = FetchPolicy.of(trust.get());
    return acceptUnsigned == null ? p : p.acceptUnsigned(acceptUnsigned);
  }

  private void printMerged(
      List<BatchFetch.Item> items, List<Optional<VerifiedFetch>> verified, List<VexDocument> docs) {
    for (int i = 0; i < items.size(); i++) {
      Optional<VerifiedFetch> v = verified.get(i);
      if (v.isPresent()) {
        ctx.err().println("waterline: " + items.get(i).image() + ": " + summary(v.get()));
      }
    }
    if (docs.isEmpty()) {
      ctx.err().println("waterline: nothing to merge: no verified or accepted OpenVEX attestation");
      return;
    }
    VexDocument merged;
    try {
      merged = Vex.merge(docs, mergeOptions(docs));
    } catch (VexException e) {
      throw new CliException(
          CliException.USAGE, "cannot merge: " + DocumentIo.oneLine(e.getMessage()), e);
    }
    Instant fixed = ctx.sourceDateEpoch();
    if (fixed != null) {
      merged = merged.toBuilder().timestamp(fixed).id(null).defaults(true).buildLenient();
    }
    DocumentIo.write(ctx, merged, null);
  }

  /**
   * --author, else the documents' own author when they agree (one vendor's or one team's VEX should
   * not come back as "Unknown Author"), else the merge default.
   */
  private MergeOptions mergeOptions(List<VexDocument> docs) {
    String by = author;
    String role = authorRole;
    if (by == null) {
      Set<String> authors = new LinkedHashSet<>();
      Set<Optional<String>> roles = new LinkedHashSet<>();
      for (VexDocument d : docs) {
        authors.add(d.author());
        roles.add(d.role());
      }
      if (authors.size() == 1) {
        by = authors.iterator().next();
        if (role == null && roles.size() == 1) {
          role = roles.iterator().next().orElse(null);
        }
      }
    }
    return MergeOptions.builder().author(by).role(role).build();
  }

  private static String summary(VerifiedFetch v) {
    long accepted = v.unsigned().stream().filter(VerifiedAttestation::isAccepted).count();
    int unreadable = v.unreadable().size();
    return v.digest()
        + ": "
        + v.verified().size()
        + " verified, "
        + (v.failed().size() + unreadable)
        + " failed"
        + (unreadable == 0 ? "" : " (" + unreadable + " unreadable)")
        + ", "
        + v.unsigned().size()
        + " unsigned ("
        + accepted
        + " accepted)";
  }

  private void printText(List<BatchFetch.Item> items, List<Optional<VerifiedFetch>> verified) {
    for (int i = 0; i < items.size(); i++) {
      Optional<VerifiedFetch> ov = verified.get(i);
      if (ov.isEmpty()) {
        continue;
      }
      VerifiedFetch v = ov.get();
      ctx.out().println(items.get(i).image() + " " + summary(v));
      for (VerifiedAttestation a : v.attestations()) {
        ctx.out()
            .println(
                "  "
                    + a.state()
                    + " "
                    + Images.name(a.layout())
                    + " "
                    + a.manifest()
                    + " on "
                    + a.subject()
                    + " "
                    + a.predicateType()
                    + ": "
                    + detail(a));
      }
      for (UnreadableAttestation u : v.unreadable()) {
        ctx.out()
            .println(
                "  failed "
                    + u.layout().map(Images::name).orElse("listing")
                    + " "
                    + u.manifest().or(u::digest).map(Digest::toString).orElse("-")
                    + " on "
                    + u.subject()
                    + " "
                    + u.predicateType().orElse("(predicate type unknown)")
                    + ": "
                    + u.reason()
                    + ": "
                    + DocumentIo.oneLine(u.message()));
      }
      for (String p : v.warnings()) {
        ctx.out().println("  problem: " + DocumentIo.oneLine(p));
      }
    }
    ctx.out().flush();
  }

  private static String detail(VerifiedAttestation a) {
    switch (a.state()) {
      case VERIFIED:
        return "signed by " + a.signer().orElse("?");
      case FAILED:
        VerificationFailure f = a.failure().orElseThrow();
        return f.reason() + ": " + DocumentIo.oneLine(f.message());
      default:
        return a.acceptedUnsigned()
            .map(r -> "accepted unsigned: " + r)
            .orElse("not accepted (no --accept-unsigned)");
    }
  }

  private ObjectNode toJson(
      FetchPolicy policy, List<BatchFetch.Item> items, List<Optional<VerifiedFetch>> verified) {
    ObjectNode json = Json.object();
    json.put("policy", policy.toString());
    ArrayNode list = json.putArray("images");
    for (int i = 0; i < items.size(); i++) {
      BatchFetch.Item item = items.get(i);
      ObjectNode o = list.addObject();
      o.put("image", item.image());
      Optional<VerifiedFetch> ov = verified.get(i);
      if (ov.isEmpty()) {
        o.put("error", DocumentIo.oneLine(item.error().map(Throwable::getMessage).orElse("")));
        continue;
      }
      VerifiedFetch v = ov.get();
      o.put("digest", v.digest().toString());
      ArrayNode atts = o.putArray("attestations");
      for (VerifiedAttestation a : v.attestations()) {
        ObjectNode j = atts.addObject();
        j.put("state", a.state().toString());
        j.put("layout", Images.name(a.layout()));
        j.put("subject", a.subject().toString());
        j.put("manifest", a.manifest().toString());
        j.put("layer", a.fetched().layer().toString());
        j.put("kind", a.fetched().kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        j.put("predicateType", a.predicateType());
        a.signer().ifPresent(s -> j.put("signer", s));
        a.signerKey().ifPresent(k -> j.put("keyid", k.keyId()));
        a.failure()
            .ifPresent(
                f -> {
                  j.put("reason", f.reason().name());
                  j.put("message", f.message());
                });
        if (a.state() == VerificationState.UNSIGNED) {
          j.put("accepted", a.isAccepted());
          a.acceptedUnsigned().ifPresent(r -> j.put("acceptedReason", r));
        }
      }
      for (UnreadableAttestation u : v.unreadable()) {
        ObjectNode j = atts.addObject();
        j.put("state", VerificationState.FAILED.toString());
        j.put("unreadable", true);
        u.layout().ifPresent(l -> j.put("layout", Images.name(l)));
        j.put("subject", u.subject().toString());
        u.manifest().ifPresent(m -> j.put("manifest", m.toString()));
        u.digest().ifPresent(d -> j.put("digest", d.toString()));
        u.predicateType().ifPresent(t -> j.put("predicateType", t));
        j.put("reason", u.reason().name());
        j.put("message", u.message());
      }
      ArrayNode problems = o.putArray("problems");
      v.warnings().forEach(problems::add);
    }
    return json;
  }

  /** Progress on stderr when a person is watching: one line, rewritten. */
  private final class Progress implements BatchFetch.Listener {
    @Override
    public void finished(BatchFetch.Item item, int done, int total) {
      ctx.progress("fetched " + done + "/" + total + " " + item.image());
    }
  }
}
