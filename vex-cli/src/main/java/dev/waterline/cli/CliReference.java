package dev.waterline.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The CLI reference ({@code docs/cli-reference.md}), generated from the picocli command definitions
 * so that it cannot drift from them. The build regenerates it and a test fails when the committed
 * file differs.
 */
final class CliReference {
  private CliReference() {}

  /** The reference in Markdown: the top-level help, then one section per verb. */
  static String markdown() {
    StringWriter sink = new StringWriter();
    PrintWriter none = new PrintWriter(sink);
    Context ctx = new Context(none, none, Map.of(), () -> Instant.EPOCH);
    CommandLine root = Main.commandLine(ctx);
    StringBuilder md = new StringBuilder();
    md.append("# `waterline` command reference\n\n")
        .append("<!-- Generated from the command definitions by CliReference; do not edit.\n")
        .append("     Regenerate: ./mvnw -B -q -pl vex-cli -am test")
        .append(" -Dtest=CliReferenceTest -Dsurefire.failIfNoSpecifiedTests=false")
        .append(" -Dwaterline.updateDocs=true -->\n\n")
        .append("Exit codes for every verb: 0 success, 1 a negative answer, 2 a usage or input")
        .append(" error. `docs/cli.md` explains the verbs with worked examples; this page lists")
        .append(" every option.\n\n");
    md.append("| verb | what it does |\n|---|---|\n");
    for (CommandLine sub : verbs(root)) {
      CommandSpec spec = sub.getCommandSpec();
      md.append("| [`")
          .append(spec.name())
          .append("`](#waterline-")
          .append(spec.name())
          .append(") | ")
          .append(cell(firstLine(spec)))
          .append(" |\n");
    }
    md.append("\n## waterline\n\n```text\n").append(usage(root)).append("```\n");
    for (CommandLine sub : verbs(root)) {
      CommandSpec spec = sub.getCommandSpec();
      md.append("\n## waterline ").append(spec.name()).append("\n\n");
      md.append("```text\n").append(usage(sub)).append("```\n");
    }
    return md.toString();
  }

  private static List<CommandLine> verbs(CommandLine root) {
    List<CommandLine> out = new ArrayList<>();
    for (CommandLine sub : root.getSubcommands().values()) {
      if (!out.contains(sub) && !sub.getCommandSpec().usageMessage().hidden()) {
        out.add(sub);
      }
    }
    return out;
  }

  private static String usage(CommandLine cmd) {
    String text = cmd.getUsageMessage(Help.Ansi.OFF);
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      out.append(line.stripTrailing()).append('\n');
    }
    String s = out.toString();
    while (s.endsWith("\n\n")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static String firstLine(CommandSpec spec) {
    String[] d = spec.usageMessage().description();
    return d.length == 0 ? "" : d[0];
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("%%", "%");
  }

  /** Prints the reference (for scripts). */
  public static void main(String[] args) {
    System.out.print(markdown());
  }
}
