package dev.waterline.vex.workflow;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.VexException;
import java.util.Locale;
import org.apiguardian.api.API;

/** How a decisions file is written. */
@API(status = EXPERIMENTAL, since = "0.2.0")
public enum DecisionFormat {
  /** CSV (RFC 4180) with a header row naming the fields. */
  CSV("csv"),
  /** JSON lines: one JSON object per line, with the fields as keys. */
  JSON_LINES("jsonl"),
  /**
   * A Jira export: an {@code issues} array of {@code key} and {@code fields} ({@link JiraFields}).
   */
  JIRA("jira");

  private final String label;

  DecisionFormat(String label) {
    this.label = label;
  }

  /** The name the CLI uses: {@code csv}, {@code jsonl}, {@code jira}. */
  public String label() {
    return label;
  }

  /**
   * The format a CLI name names.
   *
   * @throws VexException naming the formats when it names none
   */
  public static DecisionFormat parse(String label) {
    for (DecisionFormat f : values()) {
      if (f.label.equals(label.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new VexException(
        "expected a decisions format, one of [csv, jsonl, jira] but was '" + label + "'");
  }

  /**
   * The format a file name suggests: {@code .csv} is CSV, {@code .jsonl} and {@code .ndjson} JSON
   * lines, {@code .json} a Jira export.
   *
   * @throws VexException when the name says nothing
   */
  public static DecisionFormat ofFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".csv")) {
      return CSV;
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
      return JSON_LINES;
    }
    if (n.endsWith(".json")) {
      return JIRA;
    }
    throw new VexException(
        "cannot tell the decisions format from the name '"
            + name
            + "' (.csv, .jsonl, .ndjson or .json): give it (csv, jsonl or jira)");
  }

  @Override
  public String toString() {
    return label;
  }
}
