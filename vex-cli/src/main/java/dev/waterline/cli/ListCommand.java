package dev.waterline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code waterline list}: the allowed status or justification labels, one per line. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "List the allowed status or justification labels.",
      "'status' lists the statuses, 'justification' the justifications of not_affected;",
      "one label per line, as vexctl prints them."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  waterline list status", "  waterline list justification --format json"})
final class ListCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(
      arity = "1..*",
      paramLabel = "WHAT",
      description = "status or justification (or both).")
  List<String> what = new ArrayList<>();

  @Mixin FormatOption output = new FormatOption();

  ListCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode root = Json.object();
    List<String> lines = new ArrayList<>();
    for (String w : what) {
      List<String> labels;
      String key;
      switch (w) {
        case "status":
        case "statuses":
          key = "status";
          labels = Status.labels();
          break;
        case "justification":
        case "justifications":
          key = "justification";
          labels = Justification.labels();
          break;
        default:
          throw CliException.usage("cannot list '" + w + "'; expected status or justification");
      }
      ArrayNode array = root.putArray(key);
      labels.forEach(array::add);
      lines.addAll(labels);
    }
    if (output.json()) {
      Json.print(ctx, root);
    } else {
      lines.forEach(ctx.out()::println);
      ctx.out().flush();
    }
    return 0;
  }
}
