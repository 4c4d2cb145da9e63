package dev.waterline.vex.internal.validate;

import dev.waterline.vex.ValidationReport;

/** Schema and spec-rule validation of OpenVEX JSON. */
public final class DocumentValidator {
  private DocumentValidator() {}

  /** Validates UTF-8 JSON bytes. */
  public static ValidationReport validate(byte[] json) {
    throw new UnsupportedOperationException("not implemented yet: " + json.length);
  }
}
