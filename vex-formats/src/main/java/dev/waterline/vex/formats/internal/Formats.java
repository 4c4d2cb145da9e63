package dev.waterline.vex.formats.internal;

import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.ValidationSeverity;
import dev.waterline.vex.Validator;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.formats.ConversionWarning;
import dev.waterline.vex.formats.VexFormat;
import dev.waterline.vex.formats.WriteOptions;
import dev.waterline.vex.internal.io.Chunks;
import dev.waterline.vex.internal.json.VexJsonReader;
import dev.waterline.vex.internal.spi.Detected;
import dev.waterline.vex.internal.spi.Dialect;
import dev.waterline.vex.internal.spi.Dialects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Detection, reading, writing, conversion and validation for every dialect. */
public final class Formats {
  /** The message when the input is JSON but none of the dialects. */
  static final String NOT_VEX =
      "expected a VEX document: OpenVEX (an @context under https://openvex.dev/ns), CSAF 2.0 (a"
          + " document with a csaf_version) or CycloneDX (bomFormat CycloneDX)";

  private Formats() {}

  /** The dialect of the input, or null. */
  public static @Nullable VexFormat detect(byte[] input) {
    Detected d = Dialects.detect(input);
    return d == null ? null : format(d.dialect());
  }

  static VexFormat format(Dialect d) {
    switch (d) {
      case CSAF:
        return VexFormat.CSAF;
      case CYCLONEDX:
        return VexFormat.CYCLONEDX;
      default:
        return VexFormat.OPENVEX;
    }
  }

  /** Reads the input in the given dialect, or the detected one when {@code forced} is null. */
  public static Reading read(byte[] input, @Nullable VexFormat forced) {
    Detected d = Dialects.detect(input);
    VexFormat format = forced;
    boolean yaml = d != null && d.dialect() == Dialect.OPENVEX_YAML;
    if (format == null) {
      if (d == null) {
        throw notVex(input);
      }
      format = format(d.dialect());
    }
    switch (format) {
      case CSAF:
        return Gaps.fill(CsafReader.read(input), "/document");
      case CYCLONEDX:
        return Gaps.fill(CycloneDxReader.read(input), "/metadata");
      default:
        if (!yaml && forced != null && !looksLikeJson(input)) {
          yaml = true;
        }
        VexDocument doc = yaml ? YamlReader.read(input) : VexJsonReader.openVex(input);
        List<String> pointers = new ArrayList<>();
        for (int i = 0; i < doc.statements().size(); i++) {
          pointers.add("/statements/" + i);
        }
        return new Reading(VexFormat.OPENVEX, yaml, doc, List.of(), pointers, Map.of());
    }
  }

  private static boolean looksLikeJson(byte[] input) {
    for (byte b : input) {
      if (b == '{' || b == '[') {
        return true;
      }
      if (b != ' '
          && b != '\t'
          && b != '\n'
          && b != '\r'
          && (b & 0xFF) != 0xEF
          && (b & 0xFF) != 0xBB
          && (b & 0xFF) != 0xBF) {
        return false;
      }
    }
    return true;
  }

  /** The error for input that is no dialect: its JSON syntax error, else "not a VEX document". */
  private static VexParseException notVex(byte[] input) {
    try {
      VexDocument unused = VexJsonReader.openVex(input);
    } catch (VexParseException e) {
      if (e.kind() == VexParseException.Kind.SYNTAX) {
        return e;
      }
    }
    return new VexParseException(VexParseException.Kind.DATA, "a VEX document", "", 0, 0, NOT_VEX);
  }

  /**
   * Writes a document; warnings about statement {@code i} point at {@code pointers.get(i)}. The
   * caller takes over the bytes written.
   */
  public static Writing write(
      VexDocument doc, List<String> pointers, Map<String, String> fields, WriteOptions options) {
    Writing w;
    switch (options.format()) {
      case CSAF:
        w = CsafWriter.write(doc, pointers, options);
        break;
      case CYCLONEDX:
        w = CycloneDxWriter.write(doc, pointers, options);
        break;
      default:
        byte[] json = doc.toJsonBytes();
        Chunks content = new Chunks();
        content.write(json, 0, json.length);
        if (json.length == 0 || json[json.length - 1] != '\n') {
          content.write('\n');
        }
        w = new Writing(content, List.of());
    }
    List<ConversionWarning> warnings = new ArrayList<>();
    for (ConversionWarning c : w.warnings) {
      String mapped = fields.get(c.pointer());
      warnings.add(mapped == null ? c : new ConversionWarning(mapped, c.message()));
    }
    return new Writing(w.content, warnings);
  }

  /** The default statement pointers of a document: {@code /statements/i}. */
  public static List<String> pointers(VexDocument doc) {
    List<String> pointers = new ArrayList<>(doc.statements().size());
    for (int i = 0; i < doc.statements().size(); i++) {
      pointers.add("/statements/" + i);
    }
    return pointers;
  }

  /** Reads, then writes: the warnings of both, pointing into the input. */
  public static Writing convert(byte[] input, @Nullable VexFormat from, WriteOptions to) {
    Reading r = read(input, from);
    Writing w = write(r.document, r.statementPointers, r.fieldPointers, to);
    List<ConversionWarning> all = new ArrayList<>(r.warnings);
    all.addAll(w.warnings);
    return new Writing(w.content, all);
  }

  /** Validates the input in the given dialect, or the detected one. */
  public static ValidationReport validate(byte[] input, @Nullable VexFormat forced) {
    Detected d = Dialects.detect(input);
    VexFormat format = forced;
    if (format == null) {
      if (d == null) {
        VexParseException e = notVex(input);
        return ValidationReport.of(
            List.of(
                new ValidationFinding(
                    ValidationSeverity.ERROR,
                    e.pointer(),
                    e.kind() == VexParseException.Kind.SYNTAX
                        ? String.valueOf(e.getMessage())
                        : NOT_VEX)));
      }
      format = format(d.dialect());
    }
    switch (format) {
      case CSAF:
        return CsafValidator.validate(input);
      case CYCLONEDX:
        return CycloneDxValidator.validate(input);
      default:
        boolean yaml =
            (d != null && d.dialect() == Dialect.OPENVEX_YAML)
                || (forced != null && !looksLikeJson(input));
        if (!yaml) {
          return Validator.validate(input);
        }
        try {
          return Validator.validate(YamlReader.toJson(input));
        } catch (VexParseException e) {
          return ValidationReport.of(
              List.of(
                  new ValidationFinding(
                      ValidationSeverity.ERROR, e.pointer(), String.valueOf(e.getMessage()))));
        }
    }
  }
}
