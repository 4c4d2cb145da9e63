package dev.waterline.vex.formats;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.VexException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/** The three VEX dialects Waterline reads and writes. */
@API(status = EXPERIMENTAL, since = "0.2.0")
public enum VexFormat {
  /** OpenVEX v0.2.0 (read also as the legacy v0.0.1 shape and as YAML; written as JSON). */
  OPENVEX("openvex", "OpenVEX"),
  /** CSAF 2.0, profile {@code csaf_vex} (read also from {@code csaf_security_advisory}). */
  CSAF("csaf", "CSAF 2.0"),
  /** CycloneDX 1.4 to 1.7: the {@code vulnerabilities} of a BOM, standalone or in an SBOM. */
  CYCLONEDX("cyclonedx", "CycloneDX");

  private final String label;
  private final String displayName;

  VexFormat(String label, String displayName) {
    this.label = label;
    this.displayName = displayName;
  }

  /** The label used on the command line, e.g. {@code csaf}. */
  public String label() {
    return label;
  }

  /** The name for people, e.g. {@code CSAF 2.0}. */
  public String displayName() {
    return displayName;
  }

  /** The labels in declaration order: {@code openvex, csaf, cyclonedx}. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(VexFormat::label).collect(Collectors.toUnmodifiableList());
  }

  /**
   * The format for a label, case-insensitively.
   *
   * @throws VexException naming the allowed labels when {@code label} is not one
   */
  public static VexFormat parse(String label) {
    String l = label.toLowerCase(Locale.ROOT);
    for (VexFormat f : values()) {
      if (f.label.equals(l)) {
        return f;
      }
    }
    throw new VexException("expected one of " + labels() + " but was '" + label + "'");
  }

  @Override
  public String toString() {
    return label;
  }
}
