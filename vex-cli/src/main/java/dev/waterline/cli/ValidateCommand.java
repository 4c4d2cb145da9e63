package dev.waterline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.Validator;
import dev.waterline.vex.formats.VexFormat;
import dev.waterline.vex.formats.VexFormats;
import dev.waterline.vex.internal.io.InputKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code waterline validate}: schema and spec rules, each finding with its JSON pointer. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Validate VEX documents in any dialect, detected from the content.",
      "OpenVEX: the v0.2.0 schema and the spec's rules (JSON or YAML). CSAF 2.0: the schema and",
      "the mandatory tests that concern VEX. CycloneDX: the schema of its specVersion.",
      "Prints each finding as FILE: SEVERITY at JSON-POINTER: MESSAGE, then a summary",
      "line per file. Exit 0 when every document is valid (warnings allowed), 1 when one",
      "is invalid (or has warnings, with --strict), 2 when a file cannot be read.",
      "Every deviation from the spec is reported, legacy documents included; a time more",
      "than 5 minutes in the future is a warning."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  waterline validate app.openvex.json",
      "  waterline validate --strict --format json *.openvex.json",
      "  waterline validate rhsa-2024_1234.json        # CSAF 2.0, detected"
    })
final class ValidateCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Documents to validate.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--strict", description = "Treat warnings as failures.")
  boolean strict;

  @Mixin FormatOption output = new FormatOption();

  @Mixin DialectOptions.In input = new DialectOptions.In();

  ValidateCommand(Context ctx) {
    this.ctx = ctx;
  }

  /**
   * The findings for one file in its dialect: CSAF and CycloneDX (detected, or forced with {@code
   * --input-format}) by vex-formats' validators, OpenVEX JSON by vex-model's validator with the
   * command's clock (future dates), OpenVEX written as YAML through vex-formats.
   */
  private ValidationReport validate(byte[] bytes) {
    VexFormat format = input.format != null ? input.format : VexFormats.detect(bytes).orElse(null);
    if (format == VexFormat.CSAF || format == VexFormat.CYCLONEDX) {
      return VexFormats.validate(bytes, format);
    }
    if (format == VexFormat.OPENVEX && !looksLikeJson(bytes)) {
      return VexFormats.validate(bytes, VexFormat.OPENVEX); // OpenVEX as YAML
    }
    return Validator.validate(bytes, ctx.clock());
  }

  /** Whether the first character that is not white space (after a byte order mark) opens JSON. */
  private static boolean looksLikeJson(byte[] bytes) {
    int i = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF ? 3 : 0;
    while (i < bytes.length && Character.isWhitespace(bytes[i])) {
      i++;
    }
    return i < bytes.length && (bytes[i] == '{' || bytes[i] == '[');
  }

  @Override
  public Integer call() {
    boolean unreadable = false;
    boolean invalid = false;
    ArrayNode results = Json.object().arrayNode();
    for (Path file : files) {
      byte[] bytes;
      try {
        bytes = DocumentIo.readBytes(ctx, file, InputKind.VEX_DOCUMENT);
      } catch (CliException e) {
        unreadable = true;
        ctx.err().println("waterline: error: " + e.getMessage());
        ctx.err().flush();
        results.addObject().put("path", file.toString()).put("error", e.getMessage());
        continue;
      }
      ValidationReport report = validate(bytes);
      boolean ok = report.isValid(strict);
      invalid |= !ok;
      if (output.json()) {
        results.add(toJson(file, report, ok));
      } else {
        printText(file, report, ok);
      }
    }
    if (output.json()) {
      ObjectNode root = Json.object();
      root.put("valid", !unreadable && !invalid);
      root.put("strict", strict);
      root.set("files", results);
      Json.print(ctx, root);
    }
    ctx.out().flush();
    return unreadable ? CliException.USAGE : invalid ? CliException.NEGATIVE : 0;
  }

  private void printText(Path file, ValidationReport report, boolean ok) {
    for (ValidationFinding f : report.findings()) {
      ctx.out().println(file + ": " + DocumentIo.describe(f));
    }
    int e = report.errors().size();
    int w = report.warnings().size();
    StringBuilder summary = new StringBuilder();
    summary.append(file).append(": ").append(ok ? "valid" : "invalid");
    if (e + w > 0) {
      summary.append(" (").append(count(e, "error"));
      summary.append(", ").append(count(w, "warning"));
      if (!ok && e == 0) {
        summary.append("; --strict fails on warnings");
      }
      summary.append(')');
    }
    ctx.out().println(summary);
  }

  private ObjectNode toJson(Path file, ValidationReport report, boolean ok) {
    ObjectNode node = Json.object();
    node.put("path", file.toString());
    node.put("valid", ok);
    node.put("errors", report.errors().size());
    node.put("warnings", report.warnings().size());
    ArrayNode findings = node.putArray("findings");
    for (ValidationFinding f : report.findings()) {
      findings
          .addObject()
          .put("severity", f.severity().toString())
          .put("pointer", f.pointer())
          .put("message", f.message());
    }
    return node;
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
