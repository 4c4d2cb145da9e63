package dev.waterline.cli;

import dev.waterline.vex.formats.VexFormat;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The VEX dialect options (picocli mixins): {@code --input-format} for the verbs that read VEX
 * files, {@code --format-out} for those that write one. Without {@code --input-format} the dialect
 * of each file is detected from its content (OpenVEX as JSON or YAML, CSAF 2.0, CycloneDX).
 */
final class DialectOptions {
  private DialectOptions() {}

  /** {@code --input-format openvex|csaf|cyclonedx}. */
  static final class In {
    @Option(
        names = "--input-format",
        paramLabel = "FORMAT",
        converter = ConvertCommand.FormatConverter.class,
        completionCandidates = ConvertCommand.FormatCandidates.class,
        description =
            "Read the VEX files as this dialect instead of detecting it from their content:"
                + " ${COMPLETION-CANDIDATES}.")
    @Nullable VexFormat format;
  }

  /** {@code --format-out openvex|csaf|cyclonedx}. */
  static final class Out {
    @Option(
        names = "--format-out",
        paramLabel = "FORMAT",
        defaultValue = "openvex",
        converter = ConvertCommand.FormatConverter.class,
        completionCandidates = ConvertCommand.FormatCandidates.class,
        description =
            "The dialect to write: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). What the"
                + " dialect cannot carry is printed as a warning (docs/formats.md).")
    VexFormat format = VexFormat.OPENVEX;
  }
}
