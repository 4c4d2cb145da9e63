package dev.waterline.cli;

import picocli.CommandLine.Option;

/** The {@code --format text|json} option every reporting verb shares (a picocli mixin). */
final class FormatOption {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = Format.Converter.class,
      completionCandidates = Format.Candidates.class,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.TEXT;

  /** Whether JSON was asked for. */
  boolean json() {
    return format == Format.JSON;
  }
}
