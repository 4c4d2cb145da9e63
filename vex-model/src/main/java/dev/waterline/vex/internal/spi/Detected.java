package dev.waterline.vex.internal.spi;

import java.util.Objects;

/**
 * What {@link Dialects#detect(byte[])} found: the dialect and how to name the input in messages.
 *
 * @param dialect the dialect
 * @param description the input with its article and version, e.g. {@code a CSAF 2.0 document}
 * @param version the dialect's version as the input declares it ({@code csaf_version}, {@code
 *     specVersion}, the OpenVEX context), or {@code ""}
 */
public record Detected(Dialect dialect, String description, String version) {
  /** Checks the parts. */
  public Detected {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(version, "version");
  }
}
