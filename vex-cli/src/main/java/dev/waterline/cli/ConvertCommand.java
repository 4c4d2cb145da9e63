package dev.waterline.cli;

import dev.waterline.vex.VexException;
import dev.waterline.vex.formats.VexFormat;
import dev.waterline.vex.formats.VexFormats;
import dev.waterline.vex.formats.WriteOptions;
import dev.waterline.vex.formats.WriteResult;
import dev.waterline.vex.internal.io.InputKind;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code waterline convert}: a VEX document from one dialect to another. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Convert a VEX document between OpenVEX, CSAF 2.0 VEX and CycloneDX VEX.",
      "The input's dialect is detected from its content (OpenVEX as JSON or YAML, CSAF,",
      "a CycloneDX BOM, standalone or an SBOM with vulnerabilities); --input-format forces",
      "it. What the target cannot carry is never dropped silently: each loss is printed on",
      "stderr as 'waterline: warning at POINTER: …', the pointer into the input, and the",
      "conversion still succeeds (past 100 warnings the rest are counted in one line;",
      "--verbose prints every one). The mapping is the table in docs/formats.md. CSAF is",
      "written with the csaf_vex profile, CycloneDX as a VEX BOM (1.6 unless",
      "--cyclonedx-version), both valid against their official schemas."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  waterline convert app.openvex.json --to csaf --file app.csaf.json",
      "  waterline convert rhsa-2024_1234.json --to openvex > rhsa.openvex.json",
      "  waterline convert grype.cdx.json --to openvex --input-format cyclonedx",
      "  waterline convert app.openvex.yaml --to cyclonedx --cyclonedx-version 1.5"
    })
final class ConvertCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0", paramLabel = "IN", description = "The document to convert.")
  @Nullable Path input;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      completionCandidates = FormatCandidates.class,
      description = "The dialect to write: ${COMPLETION-CANDIDATES}.")
  @Nullable VexFormat to;

  @Option(
      names = "--input-format",
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      completionCandidates = FormatCandidates.class,
      description = "Read IN as this dialect instead of detecting it: ${COMPLETION-CANDIDATES}.")
  @Nullable VexFormat inputFormat;

  @Option(
      names = "--cyclonedx-version",
      paramLabel = "VERSION",
      defaultValue = WriteOptions.DEFAULT_CYCLONEDX_VERSION,
      description =
          "The CycloneDX specVersion to write: 1.4, 1.5, 1.6 or 1.7 (default: ${DEFAULT-VALUE}).")
  String cycloneDxVersion = WriteOptions.DEFAULT_CYCLONEDX_VERSION;

  @Option(
      names = "--csaf-publisher-namespace",
      paramLabel = "URL",
      description =
          "The CSAF publisher namespace, a URL the publisher controls (default: from the"
              + " author's e-mail domain or the document's @id).")
  @Nullable String namespace;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "Write the converted document to FILE instead of stdout.")
  @Nullable Path file;

  ConvertCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path in = java.util.Objects.requireNonNull(input, "IN");
    VexFormat target = java.util.Objects.requireNonNull(to, "--to");
    WriteOptions options = WriteOptions.of(target);
    try {
      options = options.withCycloneDxVersion(cycloneDxVersion);
      if (namespace != null) {
        options = options.withCsafPublisherNamespace(namespace);
      }
    } catch (VexException e) {
      throw CliException.usage(String.valueOf(e.getMessage()));
    }
    byte[] bytes = DocumentIo.readBytes(ctx, in, InputKind.VEX_DOCUMENT);
    WriteResult result;
    try {
      result = VexFormats.convert(bytes, inputFormat, options);
    } catch (VexException e) {
      throw new CliException(CliException.USAGE, DocumentIo.naming(in, e.getMessage()), e);
    }
    DocumentIo.printWarnings(ctx, "waterline: ", result.warnings());
    ctx.err().flush();
    DocumentIo.writeBytes(ctx, result.bytes(), file);
    return 0;
  }

  /** picocli converter for the dialect labels. */
  static final class FormatConverter implements ITypeConverter<VexFormat> {
    @Override
    public VexFormat convert(String value) {
      try {
        return VexFormat.parse(value);
      } catch (VexException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a VEX format; expected one of " + VexFormat.labels());
      }
    }
  }

  /** picocli candidates: openvex, csaf, cyclonedx. */
  static final class FormatCandidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.copyOf(VexFormat.labels()).iterator();
    }
  }
}
