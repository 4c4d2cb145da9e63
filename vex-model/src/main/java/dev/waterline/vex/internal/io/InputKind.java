package dev.waterline.vex.internal.io;

import java.util.Locale;

/**
 * The kinds of input Waterline reads, each with the largest size it accepts. A limit can be changed
 * for a JVM with the system property {@code waterline.limit.<name>} (bytes, or a number with {@code
 * k}, {@code m} or {@code g}: {@code 512m}); the CLI passes {@code WATERLINE_OPTS} to the JVM, so
 * {@code WATERLINE_OPTS=-Dwaterline.limit.report=4g waterline triage …} raises one. {@code
 * docs/security.md} lists them all.
 */
public enum InputKind {
  /** An OpenVEX, CSAF or CycloneDX document, in JSON or YAML. */
  VEX_DOCUMENT("vexDocument", "a VEX document", 1L << 30),
  /** A Grype, Trivy or SARIF scan report. */
  SCAN_REPORT("report", "a scan report", 1L << 30),
  /** A CISA KEV catalog. */
  KEV_CATALOG("kev", "a KEV catalog", 64L << 20),
  /** An EPSS scores file (CSV, optionally gzip-compressed). */
  EPSS_SCORES("epss", "an EPSS file", 256L << 20),
  /** A triage policy. */
  POLICY("policy", "a policy", 1L << 20),
  /** A list of base-image diff IDs. */
  DIFF_IDS("diffIds", "a diff-ID list", 1L << 20),
  /** A PEM or cosign key, or a certificate. */
  KEY("key", "a key", 1L << 20),
  /** A password file. */
  PASSWORD("password", "a password file", 64L << 10),
  /** A Sigstore trusted root or signing config. */
  TRUST_CONFIG("trustConfig", "a Sigstore trust configuration", 16L << 20),
  /** A DSSE envelope, Sigstore bundle or in-toto statement. */
  ATTESTATION("attestation", "an attestation", 64L << 20),
  /** An OCI manifest, index, {@code index.json} or {@code oci-layout} file (the spec's 4 MiB). */
  OCI_MANIFEST("ociManifest", "an OCI manifest or index", 4L << 20),
  /** An OCI blob that is read whole (an attestation layer, an image config). */
  OCI_BLOB("ociBlob", "an OCI blob", 64L << 20),
  /** A file of decisions (CSV or JSON lines) from a ticket system. */
  DECISIONS("decisions", "a decisions file", 256L << 20),
  /** A CycloneDX or SPDX SBOM, bare or as the predicate of an in-toto statement. */
  SBOM("sbom", "an SBOM", 1L << 30),
  /** A list of image references. */
  IMAGE_LIST("imageList", "an image list", 16L << 20),
  /** A JShell script. */
  SCRIPT("script", "a script", 1L << 20);

  private final String property;
  private final String description;
  private final long defaultLimit;

  InputKind(String name, String description, long defaultLimit) {
    this.property = "waterline.limit." + name;
    this.description = description;
    this.defaultLimit = defaultLimit;
  }

  /** The system property that changes this kind's limit. */
  public String property() {
    return property;
  }

  /** What this kind of input is called in messages, with its article: {@code "a KEV catalog"}. */
  public String description() {
    return description;
  }

  /** The limit when no system property sets it, in bytes. */
  public long defaultLimit() {
    return defaultLimit;
  }

  /**
   * The limit in force, in bytes: the system property's value when it is set and valid, else the
   * default. An unparsable value is an error rather than silently ignored.
   *
   * @throws IllegalStateException when the property is set but is not a size
   */
  public long limit() {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      return defaultLimit;
    }
    long parsed = parseSize(value);
    if (parsed <= 0) {
      throw new IllegalStateException(
          "system property "
              + property
              + " must be a size in bytes (e.g. 1048576, 512k, 64m, 2g) but is '"
              + value.strip()
              + "'");
    }
    return parsed;
  }

  /**
   * A size such as {@code 4096}, {@code 512k}, {@code 64m}, {@code 2g} or {@code 64MiB}; -1 if not.
   */
  static long parseSize(String text) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (s.endsWith("ib")) {
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("b")) {
      s = s.substring(0, s.length() - 1);
    }
    int shift = 0;
    if (!s.isEmpty()) {
      char unit = s.charAt(s.length() - 1);
      shift = unit == 'k' ? 10 : unit == 'm' ? 20 : unit == 'g' ? 30 : unit == 't' ? 40 : 0;
      if (shift > 0) {
        s = s.substring(0, s.length() - 1);
      }
    }
    if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    long n = Long.parseLong(s);
    return n > (Long.MAX_VALUE >> shift) ? -1 : n << shift;
  }

  /** A size for people: {@code 4 MiB}, {@code 1 GiB}, {@code 1.5 KiB}, {@code 700 bytes}. */
  public static String describeSize(long bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (u < units.length - 1 && bytes >= (1L << (10 * (u + 1)))) {
      u++;
    }
    long unit = 1L << (10 * u);
    if (bytes % unit == 0) {
      return bytes / unit + " " + units[u];
    }
    return String.format(Locale.ROOT, "%.1f %s", (double) bytes / unit, units[u]);
  }
}
