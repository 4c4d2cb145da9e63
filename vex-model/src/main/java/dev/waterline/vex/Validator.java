package dev.waterline.vex;

import dev.waterline.vex.internal.validate.DocumentValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
   * Validates a file.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public static ValidationReport validate(Path path) {
    try {
      return validate(Files.readAllBytes(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** Validates a document as Waterline would write it. */
  public static ValidationReport validate(VexDocument document) {
    return validate(document.toJsonBytes());
  }
}
