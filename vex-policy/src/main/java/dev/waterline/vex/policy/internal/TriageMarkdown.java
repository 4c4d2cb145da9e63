package dev.waterline.vex.policy.internal;

import dev.waterline.vex.internal.io.MarkdownText;
import dev.waterline.vex.internal.io.TerminalText;
import dev.waterline.vex.policy.Decision;
import dev.waterline.vex.policy.FindingDecision;
import dev.waterline.vex.policy.Reason;
import dev.waterline.vex.policy.TriageReport;
import dev.waterline.vex.policy.UnreadableVex;
import java.util.List;

/**
 * Writes a triage report as Markdown for a pull request, with what a terminal would act on escaped
 * ({@link TerminalText}).
 */
public final class TriageMarkdown {
  private TriageMarkdown() {}

  /** The summary: counts, then a table per decision (the long ones folded). */
  public static String write(TriageReport report) {
    StringBuilder sb = new StringBuilder();
    sb.append("## Waterline triage");
    if (report.needsRemediation()) {
      sb.append(": ").append(report.counts().get(Decision.REMEDIATE)).append(" to remediate\n\n");
    } else {
      sb.append(": nothing to remediate\n\n");
    }
    String image = report.image().orElse("unknown");
    sb.append("Image: ")
        .append(code(image, false))
        .append(
            report
                .imageDigest()
                .filter(d -> !image.endsWith("@" + d))
                .map(d -> " (" + code(d, false) + ")")
                .orElse(""))
        .append(" · scanned ")
        .append(report.scanTime())
        .append(" · ")
        .append(report.decisions().size())
        .append(report.decisions().size() == 1 ? " finding" : " findings")
        .append("\n\n");
    for (String w : report.warnings()) {
      sb.append("> **Warning:** ").append(cell(w)).append("\n\n");
    }
    unreadable(sb, report.unreadableVex());
    sb.append("| decision | findings |\n| --- | ---: |\n");
    for (Decision d : Decision.values()) {
      sb.append("| ").append(d).append(" | ").append(report.counts().get(d)).append(" |\n");
    }
    section(sb, report, Decision.REMEDIATE, "To remediate", false);
    section(sb, report, Decision.EXCEPTION, "Exceptions", false);
    section(sb, report, Decision.NOT_AFFECTED, "Not affected (VEX)", true);
    section(sb, report, Decision.FIXED, "Fixed (VEX)", true);
    section(sb, report, Decision.VENDOR, "The base image vendor's (below the waterline)", true);
    section(sb, report, Decision.ACCEPTED, "Accepted, to review", true);
    // Read by people, in a pull request or a CI log: nothing in it from a report or a document (a
    // finding's id, a package, a VEX author) may act on a terminal.
    return TerminalText.inert(sb.toString());
  }

  /** The VEX left out because it could not be read: always shown, never folded. */
  private static void unreadable(StringBuilder sb, List<UnreadableVex> unreadable) {
    if (unreadable.isEmpty()) {
      return;
    }
    sb.append("> **Warning:** ")
        .append(unreadable.size())
        .append(unreadable.size() == 1 ? " VEX attestation" : " VEX attestations")
        .append(" could not be read and ")
        .append(unreadable.size() == 1 ? "was" : "were")
        .append(" left out; the decisions below were made without ")
        .append(unreadable.size() == 1 ? "it" : "them")
        .append(".\n\n### Unreadable VEX, left out (")
        .append(unreadable.size())
        .append(")\n\n| origin | digest | reason | what was found |\n| --- | --- | --- | --- |\n");
    for (UnreadableVex u : unreadable) {
      sb.append("| ")
          .append(cell(u.origin()))
          .append(" | ")
          .append(u.digest().isEmpty() ? "" : code(u.digest(), true))
          .append(" | ")
          .append(cell(u.reason()))
          .append(" | ")
          .append(cell(u.message()))
          .append(" |\n");
    }
    sb.append('\n');
  }

  private static void section(
      StringBuilder sb, TriageReport report, Decision decision, String title, boolean fold) {
    List<FindingDecision> list = report.decisions(decision);
    if (list.isEmpty()) {
      return;
    }
    sb.append('\n');
    if (fold) {
      sb.append("<details><summary>")
          .append(title)
          .append(" (")
          .append(list.size())
          .append(")</summary>\n\n");
    } else {
      sb.append("### ").append(title).append(" (").append(list.size()).append(")\n\n");
    }
    String extra =
        decision == Decision.ACCEPTED
            ? "review by"
            : decision == Decision.EXCEPTION ? "expires" : "";
    sb.append("| vulnerability | package | severity | waterline | kev |");
    if (!extra.isEmpty()) {
      sb.append(' ').append(extra).append(" |");
    }
    sb.append(" why |\n| --- | --- | --- | --- | --- |");
    if (!extra.isEmpty()) {
      sb.append(" --- |");
    }
    sb.append(" --- |\n");
    for (FindingDecision d : list) {
      sb.append("| ")
          .append(cell(d.vulnerability()))
          .append(" | ")
          .append(
              cell(d.packageName().orElse("") + d.packageVersion().map(v -> " " + v).orElse("")))
          .append(" | ")
          .append(PolicyJson.key(d.severity()))
          .append(" | ")
          .append(d.position())
          .append(" | ")
          .append(d.kev() ? "yes" : "")
          .append(" |");
      if (decision == Decision.ACCEPTED) {
        sb.append(' ')
            .append(d.reviewBy().map(i -> i.toString().substring(0, 10)).orElse(""))
            .append(" |");
      } else if (decision == Decision.EXCEPTION) {
        sb.append(' ')
            .append(d.expires().map(i -> i.toString().substring(0, 10)).orElse(""))
            .append(" |");
      }
      sb.append(' ').append(cell(why(d))).append(" |\n");
    }
    if (fold) {
      sb.append("\n</details>\n");
    }
  }

  private static String why(FindingDecision d) {
    StringBuilder sb = new StringBuilder();
    for (Reason r : d.reasons()) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(r.message());
      r.evidence()
          .ifPresent(
              e -> sb.append(" (").append(e.author()).append(", ").append(e.origin()).append(')'));
    }
    for (Reason r : d.notes()) {
      sb.append(sb.length() > 0 ? "; " : "").append("note: ").append(r.message());
    }
    return sb.toString();
  }

  /** Text from a report or a document, for a table cell ({@link MarkdownText#cell}). */
  static String cell(String text) {
    return MarkdownText.cell(text);
  }

  /**
   * Text from a report as a code span (an image reference, a digest): on one line, fenced by one
   * backtick more than the longest run in it, so that none of its own ends the span, and in a table
   * with its pipes escaped as tables need.
   */
  static String code(String text, boolean inTable) {
    String line = text.replace('\n', ' ').replace('\r', ' ');
    if (inTable) {
      line = line.replace("|", "\\|");
    }
    int longest = 0;
    int run = 0;
    for (int i = 0; i < line.length(); i++) {
      run = line.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    String pad = line.startsWith("`") || line.endsWith("`") ? " " : "";
    return fence + pad + line + pad + fence;
  }
}
