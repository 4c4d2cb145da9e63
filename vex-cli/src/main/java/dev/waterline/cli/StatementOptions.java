package dev.waterline.cli;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.Vulnerability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The statement flags shared by {@code create} and {@code add}, named as vexctl names them, and the
 * checks vexctl makes before it builds a statement.
 */
final class StatementOptions {
  /** What vexctl writes when an {@code affected} statement comes without an action statement. */
  static final String DEFAULT_ACTION_STATEMENT = "No action statement provided";

  @Option(
      names = {"-p", "--product"},
      paramLabel = "PRODUCT",
      description = "Product the statement applies to (purl, image reference, IRI); repeatable.")
  List<String> products = new ArrayList<>();

  @Option(
      names = {"-v", "--vuln"},
      paramLabel = "VULN",
      description = "Vulnerability name, e.g. CVE-2023-44487.")
  @Nullable String vuln;

  @Option(
      names = {"-s", "--status"},
      paramLabel = "STATUS",
      converter = Labels.StatusConverter.class,
      completionCandidates = Labels.StatusCandidates.class,
      description = "Status: ${COMPLETION-CANDIDATES}.")
  @Nullable Status status;

  @Option(
      names = {"-j", "--justification"},
      paramLabel = "JUSTIFICATION",
      converter = Labels.JustificationConverter.class,
      completionCandidates = Labels.JustificationCandidates.class,
      description = "Why not_affected: ${COMPLETION-CANDIDATES}.")
  @Nullable Justification justification;

  @Option(
      names = "--impact-statement",
      paramLabel = "TEXT",
      description = "Why not_affected, in words (instead of or beside a justification).")
  @Nullable String impactStatement;

  @Option(
      names = {"-a", "--action-statement"},
      paramLabel = "TEXT",
      description = "What to do (affected only; default \"" + DEFAULT_ACTION_STATEMENT + "\").")
  @Nullable String actionStatement;

  @Option(
      names = "--aliases",
      split = ",",
      paramLabel = "ALIAS",
      description = "Other names of the vulnerability (comma-separated or repeated).")
  List<String> aliases = new ArrayList<>();

  @Option(
      names = "--subcomponents",
      split = ",",
      paramLabel = "ID",
      description =
          "Subcomponents of the product where the vulnerability lives (one product only).")
  List<String> subcomponents = new ArrayList<>();

  @Option(
      names = "--status-note",
      paramLabel = "TEXT",
      description = "How the status was determined.")
  @Nullable String statusNote;

  /**
   * Builds the statement from the flags and vexctl's positional {@code [product [vuln [status]]]},
   * stamped with {@code now}.
   *
   * @throws CliException (usage) naming the flag when the combination is not a valid statement
   */
  Statement build(
      @Nullable String productArg,
      @Nullable String vulnArg,
      @Nullable String statusArg,
      Instant now) {
    List<String> allProducts = new ArrayList<>();
    if (productArg != null) {
      allProducts.add(productArg);
    }
    allProducts.addAll(products);
    if (allProducts.isEmpty()) {
      throw CliException.usage(
          "a statement needs a product: give -p/--product PRODUCT (or the product as argument)");
    }
    if (allProducts.stream().anyMatch(String::isBlank)) {
      throw CliException.usage("a product identifier must not be blank");
    }
    String vulnName = pick("-v/--vuln", vuln, vulnArg);
    if (vulnName == null || vulnName.isBlank()) {
      throw CliException.usage(
          "a statement needs a vulnerability: give -v/--vuln VULN (e.g. CVE-2023-44487)");
    }
    Status st = status;
    if (statusArg != null) {
      Status fromArg;
      try {
        fromArg = Labels.status(statusArg);
      } catch (RuntimeException e) {
        throw CliException.usage("invalid status: " + e.getMessage());
      }
      if (st != null && st != fromArg) {
        throw CliException.usage(
            "conflicting statuses: -s/--status " + st + " and argument " + fromArg);
      }
      st = fromArg;
    }
    if (st == null) {
      throw CliException.usage(
          "a statement needs a status: give -s/--status, one of "
              + String.join(", ", Status.labels()));
    }
    checkCombination(st, allProducts);
    if (aliases.contains(vulnName)) {
      throw CliException.usage("alias '" + vulnName + "' is the vulnerability's own name");
    }

    Vulnerability v = Vulnerability.of(vulnName, aliases.toArray(new String[0]));
    Statement.Builder b = Statement.builder().vulnerability(v).status(st).timestamp(now);
    for (String p : allProducts) {
      b.product(p);
    }
    for (String s : subcomponents) {
      b.subcomponent(s);
    }
    b.justification(justification);
    b.impactStatement(impactStatement);
    String action = actionStatement;
    if (st == Status.AFFECTED && action == null) {
      action = DEFAULT_ACTION_STATEMENT;
    }
    if (action != null) {
      b.actionStatement(action).actionStatementTimestamp(now);
    }
    b.statusNotes(statusNote);
    return b.buildLenient();
  }

  /** The checks vexctl makes on its flags, with messages that name the flags and the choices. */
  private void checkCombination(Status st, List<String> allProducts) {
    if (st == Status.NOT_AFFECTED && justification == null && isBlank(impactStatement)) {
      throw CliException.usage(
          "status not_affected needs -j/--justification (one of "
              + String.join(", ", Justification.labels())
              + ") or --impact-statement TEXT");
    }
    if (st != Status.NOT_AFFECTED && justification != null) {
      throw CliException.usage(
          "-j/--justification is only valid with status not_affected, not " + st);
    }
    if (st != Status.NOT_AFFECTED && impactStatement != null) {
      throw CliException.usage(
          "--impact-statement is only valid with status not_affected, not " + st);
    }
    if (st != Status.AFFECTED && actionStatement != null) {
      throw CliException.usage(
          "-a/--action-statement is only valid with status affected, not " + st);
    }
    if (!subcomponents.isEmpty() && allProducts.size() != 1) {
      throw CliException.usage(
          "--subcomponents needs exactly one product, but " + allProducts.size() + " were given");
    }
    if (subcomponents.stream().anyMatch(String::isBlank)) {
      throw CliException.usage("a subcomponent identifier must not be blank");
    }
    Set<String> seen = new HashSet<>();
    for (String a : aliases) {
      if (a.isBlank()) {
        throw CliException.usage("an alias must not be blank");
      }
      if (!seen.add(a)) {
        throw CliException.usage("alias '" + a + "' is given twice");
      }
    }
  }

  private static @Nullable String pick(
      String flag, @Nullable String fromFlag, @Nullable String fromArg) {
    if (fromFlag != null && fromArg != null && !fromFlag.equals(fromArg)) {
      throw CliException.usage(
          "conflicting values: " + flag + " " + fromFlag + " and argument " + fromArg);
    }
    return fromFlag != null ? fromFlag : fromArg;
  }

  private static boolean isBlank(@Nullable String s) {
    return s == null || s.isBlank();
  }
}
