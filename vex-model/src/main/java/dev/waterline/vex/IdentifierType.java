package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Optional;
import org.apiguardian.api.API;

/** The software identifier types of OpenVEX v0.2.0 (Appendix B). */
@API(status = STABLE, since = "0.1.0")
public enum IdentifierType {
  /** A package URL, {@code pkg:type/namespace/name@version?qualifiers#subpath}. */
  PURL("purl"),
  /** A CPE 2.2 URI, {@code cpe:/a:vendor:product:version}. */
  CPE22("cpe22"),
  /** A CPE 2.3 formatted string, {@code cpe:2.3:a:vendor:product:version:…}. */
  CPE23("cpe23");

  private final String value;

  IdentifierType(String value) {
    this.value = value;
  }

  /** The key as written in an {@code identifiers} map. */
  public String value() {
    return value;
  }

  /** The type with this key, if it is one of the three. */
  public static Optional<IdentifierType> fromValue(String value) {
    for (IdentifierType t : values()) {
      if (t.value.equals(value)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
