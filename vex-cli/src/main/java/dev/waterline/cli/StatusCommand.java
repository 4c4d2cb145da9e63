package dev.waterline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Validator;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexIndex;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code waterline status}: the effective status of a vulnerability in a product. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Print the effective status of a vulnerability in a product.",
      "The first line is the status (not_affected, affected, fixed, under_investigation,",
      "or unknown when no statement matches); the next lines say which statement of which",
      "document decided, and its time. Across documents, the latest statement wins.",
      "A document that is not valid OpenVEX is read leniently, with one warning on stderr;",
      "so is a deciding statement dated in the future.",
      "Exit 0 whenever the query ran, whatever the answer."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  waterline status --vex ours.openvex.json --vex vendor.openvex.json \\",
      "      --product pkg:oci/app@sha256%%3Aabc... --vuln CVE-2023-44487 --format json"
    })
final class StatusCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(
      names = "--vex",
      required = true,
      arity = "1..*",
      paramLabel = "FILE",
      description = "OpenVEX documents to consult (repeatable).")
  List<Path> vexFiles = new ArrayList<>();

  @Option(
      names = {"-p", "--product"},
      required = true,
      paramLabel = "PRODUCT",
      description = "The product (purl, image reference, IRI).")
  String product = "";

  @Option(
      names = {"-v", "--vuln"},
      required = true,
      paramLabel = "VULN",
      description = "The vulnerability (name, @id or alias).")
  String vuln = "";

  @Option(
      names = "--subcomponent",
      paramLabel = "ID",
      description = "The subcomponent of the product that carries the vulnerability.")
  @Nullable String subcomponent;

  @Mixin FormatOption output = new FormatOption();

  @Mixin DialectOptions.In input = new DialectOptions.In();

  StatusCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (product.isBlank()) {
      throw CliException.usage("--product must not be blank");
    }
    if (vuln.isBlank()) {
      throw CliException.usage("--vuln must not be blank");
    }
    List<VexDocument> docs = new ArrayList<>();
    IdentityHashMap<VexDocument, Path> paths = new IdentityHashMap<>();
    for (Path f : vexFiles) {
      VexDocument d = DocumentIo.read(ctx, f, input.format);
      docs.add(d);
      paths.put(d, f);
    }
    // One query: only the statements about its vulnerability are indexed, so that a document of
    // a million statements is answered in a small heap (docs/performance.md).
    VexIndex index = VexIndex.forVulnerability(docs, vuln);
    Optional<EffectiveStatement> found = index.effective(product, vuln, subcomponent);
    found.ifPresent(e -> warnIfFutureDated(e, docs, paths));
    if (output.json()) {
      printJson(found, docs, paths);
    } else {
      printText(found, docs, paths);
    }
    return 0;
  }

  private void printText(
      Optional<EffectiveStatement> found, List<VexDocument> docs, Map<VexDocument, Path> paths) {
    if (found.isEmpty()) {
      ctx.out().println("unknown");
      ctx.out()
          .println(
              "  no statement in "
                  + docs.size()
                  + (docs.size() == 1 ? " document" : " documents")
                  + " matches product "
                  + product
                  + (subcomponent == null ? "" : " subcomponent " + subcomponent)
                  + " and vulnerability "
                  + vuln);
      ctx.out().flush();
      return;
    }
    EffectiveStatement e = found.get();
    Statement s = e.statement();
    VexDocument d = e.document();
    ctx.out().println(e.status().value());
    ctx.out()
        .println(
            "  statement: "
                + pointer(statementIndex(d, s))
                + " of "
                + pathOf(d, docs, paths).map(Path::toString).orElse("(unknown file)"));
    ctx.out().println("  document:  " + d.id().orElse("(no @id)") + " by " + d.author());
    ctx.out().println("  time:      " + e.time().map(Object::toString).orElse("(none)"));
    ctx.out().println("  says:      " + DocumentIo.oneLine(s.toString()));
    ctx.out().flush();
  }

  private void printJson(
      Optional<EffectiveStatement> found, List<VexDocument> docs, Map<VexDocument, Path> paths) {
    ObjectNode root = Json.object();
    root.put("status", found.map(e -> e.status().value()).orElse("unknown"));
    root.put("product", product);
    root.put("vulnerability", vuln);
    if (subcomponent != null) {
      root.put("subcomponent", subcomponent);
    }
    if (found.isEmpty()) {
      root.putNull("time");
      root.putNull("statement");
      root.putNull("document");
    } else {
      EffectiveStatement e = found.get();
      VexDocument d = e.document();
      int i = statementIndex(d, e.statement());
      if (e.time().isPresent()) {
        root.put("time", e.time().get().toString());
      } else {
        root.putNull("time");
      }
      root.set("statement", statementJson(d, e.statement(), i));
      ObjectNode doc = root.putObject("document");
      if (d.id().isPresent()) {
        doc.put("@id", d.id().get());
      } else {
        doc.putNull("@id");
      }
      Optional<Path> p = pathOf(d, docs, paths);
      if (p.isPresent()) {
        doc.put("path", p.get().toString());
      } else {
        doc.putNull("path");
      }
      if (i >= 0) {
        doc.put("pointer", "/statements/" + i);
      }
    }
    Json.print(ctx, root);
  }

  /**
   * Says on stderr when the deciding statement is dated in the future (more than {@link
   * Validator#CLOCK_SKEW} after the clock): it then wins over every statement issued until that
   * time, which is how a forged or mistyped date pins an answer.
   */
  private void warnIfFutureDated(
      EffectiveStatement e, List<VexDocument> docs, Map<VexDocument, Path> paths) {
    Instant now = ctx.clock().instant();
    Optional<Instant> time = e.time().filter(t -> t.isAfter(now.plus(Validator.CLOCK_SKEW)));
    if (time.isEmpty()) {
      return;
    }
    ctx.err()
        .println(
            "waterline: warning: the deciding statement "
                + pointer(statementIndex(e.document(), e.statement()))
                + " of "
                + pathOf(e.document(), docs, paths).map(Path::toString).orElse("(unknown file)")
                + " is dated "
                + time.get()
                + ", in the future (now "
                + now.truncatedTo(ChronoUnit.SECONDS)
                + ", allowing "
                + Validator.CLOCK_SKEW.toMinutes()
                + " minutes of clock skew): a statement dated in the future wins over every"
                + " statement issued until then; check where it came from");
    ctx.err().flush();
  }

  private static String pointer(int index) {
    return index >= 0 ? "/statements/" + index : "(a statement)";
  }

  /** The statement as the document writes it. */
  private static JsonNode statementJson(VexDocument d, Statement s, int index) {
    if (index >= 0) {
      return Json.parse(d.toJson()).path("statements").path(index);
    }
    // Not found in its document as such: write it alone, in the document's frame.
    return Json.parse(d.toBuilder().statements(List.of(s)).buildLenient().toJson())
        .path("statements")
        .path(0);
  }

  /** The position of {@code s} in {@code d}: the same instance first, else an equal one. */
  @SuppressWarnings("ReferenceEquality") // the position of this very statement
  private static int statementIndex(VexDocument d, Statement s) {
    List<Statement> all = d.statements();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i) == s) {
        return i;
      }
    }
    return all.indexOf(s);
  }

  /** The file a document came from: the same instance first, else the last equal one. */
  private static Optional<Path> pathOf(
      VexDocument d, List<VexDocument> docs, Map<VexDocument, Path> paths) {
    Path p = paths.get(d);
    if (p != null) {
      return Optional.of(p);
    }
    for (int i = docs.size() - 1; i >= 0; i--) {
      if (docs.get(i).equals(d)) {
        return Optional.ofNullable(paths.get(docs.get(i)));
      }
    }
    return Optional.empty();
  }
}
