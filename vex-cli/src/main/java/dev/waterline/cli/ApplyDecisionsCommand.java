package dev.waterline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.ImageName;
import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.DsseEnvelope;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.sign.SigstoreBundle;
import dev.waterline.vex.workflow.ApplyOptions;
import dev.waterline.vex.workflow.ApplyResult;
import dev.waterline.vex.workflow.Decision;
import dev.waterline.vex.workflow.DecisionFormat;
import dev.waterline.vex.workflow.Decisions;
import dev.waterline.vex.workflow.ImageUpdate;
import dev.waterline.vex.workflow.JiraFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code waterline apply-decisions}: ticket decisions in, one OpenVEX document per image out. */
@Command(
    name = "apply-decisions",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Apply decisions from a ticket system to one OpenVEX document per image.",
      "Decisions come as CSV, JSON lines or a Jira export; the documents are in DIR. A statement",
      "is added only when it changes the effective status or its reasons; a decision older than",
      "the current one is recorded as history; the ticket goes into status_notes. Times come",
      "from the decisions, never the clock: run it again on the same input and no byte changes.",
      "A changed document gets one new version. A bad decision is an error naming the file,",
      "line, column and field, and nothing is written. With --sign, each new or changed document",
      "about an image (named with its registry) is signed (a Sigstore bundle beside it,",
      "FILE.sigstore.json) with --key.",
      "Guide: docs/guides/ticket-loop.md."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  waterline apply-decisions --decisions decisions.csv --out vex/ --author 'Acme PSIRT'",
      "  waterline apply-decisions --decisions export.json --input-format jira \\",
      "      --jira-field vulnerability=customfield_10100 --out vex/ --format json",
      "  waterline apply-decisions --decisions d.jsonl --out vex/ --sign --key cosign.key"
    })
final class ApplyDecisionsCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(
      names = "--decisions",
      required = true,
      paramLabel = "FILE",
      description = "The decisions: CSV with a header row, JSON lines, or a Jira export.")
  Path decisions = Path.of("");

  @Option(
      names = "--input-format",
      paramLabel = "FORMAT",
      description = "csv, jsonl or jira (default: from the file name: .csv, .jsonl, .json).")
  @Nullable String inputFormat;

  @Option(
      names = "--jira-field",
      paramLabel = "FIELD=JIRA_FIELD",
      description =
          "Read a decision field from this Jira field (repeatable), e.g."
              + " status=customfield_10101. Defaults: docs/guides/ticket-loop.md.")
  List<String> jiraFields = new ArrayList<>();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The directory of documents, one per image (created when missing).")
  Path out = Path.of("");

  @Option(
      names = "--author",
      paramLabel = "AUTHOR",
      description =
          "Author of new documents (default: the earliest decision's author); existing"
              + " documents keep theirs.")
  @Nullable String author;

  @Option(
      names = "--sign",
      description = "Sign each new or changed document about an image with --key.")
  boolean sign;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description =
          "Private key for --sign: cosign.key (password from COSIGN_PASSWORD or"
              + " WATERLINE_PASSWORD) or PEM.")
  @Nullable Path key;

  @Option(
      names = "--deterministic",
      description =
          "With --sign: ECDSA nonces from RFC 6979, so re-signing the same document gives the"
              + " same bytes (Ed25519 and RSA always do).")
  boolean deterministic;

  @Mixin FormatOption format = new FormatOption();

  ApplyDecisionsCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (sign != (key != null)) {
      throw CliException.usage("--sign and --key go together");
    }
    if (author != null && author.isBlank()) {
      throw CliException.usage("--author must not be blank");
    }
    DecisionFormat fmt;
    try {
      fmt =
          inputFormat != null
              ? DecisionFormat.parse(inputFormat)
              : DecisionFormat.ofFileName(decisions.toString());
    } catch (VexException e) {
      throw CliException.usage(String.valueOf(e.getMessage()));
    }
    if (!jiraFields.isEmpty() && fmt != DecisionFormat.JIRA) {
      throw CliException.usage("--jira-field applies to --input-format jira only");
    }
    List<Decision> read;
    if (fmt == DecisionFormat.JIRA) {
      JiraFields mapping;
      try {
        mapping = JiraFields.parse(jiraFields);
      } catch (VexException e) {
        throw CliException.usage("--jira-field: " + e.getMessage());
      }
      read = Decisions.read(decisions, mapping);
    } else {
      read = Decisions.read(decisions, fmt);
    }
    if (deterministic && !sign) {
      throw CliException.usage("--deterministic applies with --sign only");
    }
    SigningKey signingKey =
        key == null ? null : Keys.readPrivate(key, () -> Passwords.forReading(ctx));
    if (signingKey != null && deterministic) {
      signingKey = signingKey.deterministic();
    }
    ApplyOptions options =
        author == null ? ApplyOptions.defaults() : ApplyOptions.defaults().withAuthor(author);
    ApplyResult result = Decisions.applyTo(out, read, options);
    List<String> signed = new ArrayList<>();
    if (signingKey != null) {
      for (ImageUpdate u : result.images()) {
        Path bundle = out.resolve(u.fileName() + ".sigstore.json");
        if (!u.product().startsWith("pkg:oci/")
            || !u.product().contains("repository_url=")
            || (!u.changed() && Files.exists(bundle))) {
          continue;
        }
        String subject = ImageName.fromPurl(u.product()).toString();
        DsseEnvelope envelope = Attestations.of(u.document()).subject(subject).sign(signingKey);
        String json = SigstoreBundle.ofKeySigned(envelope, signingKey.publicKey()).toJson();
        try {
          Files.writeString(bundle, json + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw CliException.usage(
              "cannot write " + bundle + ": " + DocumentIo.describeWrite(bundle, e));
        }
        signed.add(u.fileName());
      }
    }
    if (format.json()) {
      printJson(result, signed);
    } else {
      printText(result, signed);
    }
    return 0;
  }

  private static String state(ImageUpdate u) {
    return u.created() ? "created" : u.changed() ? "updated" : "unchanged";
  }

  private void printText(ApplyResult r, List<String> signed) {
    for (ImageUpdate u : r.images()) {
      ctx.out()
          .println(
              String.format(
                  "%-9s %s  version %d  added %d, history %d, unchanged %d%s",
                  state(u),
                  out.resolve(u.fileName()),
                  u.document().version(),
                  u.added(),
                  u.history(),
                  u.unchanged(),
                  signed.contains(u.fileName()) ? ", signed" : ""));
    }
    long created = r.images().stream().filter(ImageUpdate::created).count();
    ctx.out()
        .println(
            String.format(
                "%d documents: %d new, %d updated, %d unchanged; %d statements added, %d as history;"
                    + " %d decisions changed nothing",
                r.images().size(),
                created,
                r.changed().size() - created,
                r.images().size() - r.changed().size(),
                r.added(),
                r.history(),
                r.unchanged()));
    ctx.out().flush();
  }

  private void printJson(ApplyResult r, List<String> signed) {
    ObjectNode root = Json.object();
    root.put("out", out.toString());
    ArrayNode images = root.putArray("documents");
    for (ImageUpdate u : r.images()) {
      ObjectNode o = images.addObject();
      o.put("file", u.fileName());
      o.put("product", u.product());
      o.put("state", state(u));
      o.put("version", u.document().version());
      o.put("previousVersion", u.previousVersion());
      o.put("added", u.added());
      o.put("history", u.history());
      o.put("unchanged", u.unchanged());
      o.put("signed", signed.contains(u.fileName()));
    }
    root.put("added", r.added());
    root.put("history", r.history());
    root.put("unchanged", r.unchanged());
    Json.print(ctx, root);
  }
}
