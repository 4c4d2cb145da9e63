package dev.waterline.vex;

import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.internal.validate.DocumentValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Validates OpenVEX documents against Waterline's JSON Schema for v0.2.0 and the spec's rules,
 * reporting each problem with a JSON pointer. Input that is not JSON, or a legacy document, is
 * reported as findings rather than thrown.
 */
public final class Validator {
  private Validator() {}

  /** Validates UTF-8 JSON bytes. */
  public static ValidationReport validate(byte[] json) {
    return DocumentValidator.validate(json);
  }

  /** Validates JSON text. */
  public static ValidationReport validate(String json) {
    return validate(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Validates a file, read through the bounded reader (a regular file of at most the VEX document
   * limit, {@code docs/security.md}).
   *
   * @throws UnreadableInputException when the file is missing, not a regular file, too large or
   *     cannot be read
   */
  public static ValidationReport validate(Path path) {
    return validate(Inputs.read(path, InputKind.VEX_DOCUMENT));
  }

  /** Validates a document as Waterline would write it. */
  public static ValidationReport validate(VexDocument document) {
    return validate(document.toJsonBytes());
  }
}
