package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.waterline.vex.VexException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a scanner report: a vulnerability found in a package. Immutable; build with {@link
 * #builder(String)}.
 *
 * <p>Where the values come from:
 *
 * <ul>
 *   <li>Grype JSON: {@code matches[i]}; id {@code vulnerability.id}; aliases the ids of {@code
 *       relatedVulnerabilities}; advisories {@code vulnerability.advisories[].id}; package {@code
 *       artifact.name/version/type/purl}; fix {@code vulnerability.fix}; layer the lowest of {@code
 *       artifact.locations[].layerID} in the image's layer order; locations their {@code path}s.
 *   <li>Trivy JSON: {@code Results[r].Vulnerabilities[i]}; id {@code VulnerabilityID}; advisories
 *       {@code VendorIDs} (distribution advisories, not aliases); package {@code PkgName}, {@code
 *       InstalledVersion}, {@code Results[r].Type}, {@code PkgIdentifier.PURL}; fix {@code Status}
 *       and the comma-separated {@code FixedVersion}; layer {@code Layer.DiffID}; locations {@code
 *       PkgPath} or the result's {@code Target}.
 *   <li>SARIF: {@code runs[r].results[i]}; see {@link ScanReports} for each flavour.
 * </ul>
 *
 * <p>{@link #pointer()} is the JSON pointer of the entry in its report, so that a SARIF result can
 * be filtered out of the original file later; {@link #index()} is the entry's position among all
 * findings of the report.
 */
@API(status = STABLE, since = "0.1.0")
public final class Finding {
  private final String vulnerabilityId;
  private final List<String> aliases;
  private final List<String> advisories;
  private final @Nullable String packageName;
  private final @Nullable String packageVersion;
  private final @Nullable String packageType;
  private final @Nullable String purl;
  private final Severity severity;
  private final FixState fixState;
  private final List<String> fixVersions;
  private final @Nullable String layerDiffId;
  private final List<String> locations;
  private final String scanner;
  private final int index;
  private final String pointer;

  private Finding(Builder b) {
    this.vulnerabilityId = requireText(b.vulnerabilityId, "vulnerability id");
    this.aliases = List.copyOf(b.aliases);
    this.advisories = List.copyOf(b.advisories);
    this.packageName = b.packageName;
    this.packageVersion = b.packageVersion;
    this.packageType = b.packageType;
    this.purl = b.purl;
    this.severity = b.severity;
    this.fixState = b.fixState;
    this.fixVersions = List.copyOf(b.fixVersions);
    this.layerDiffId = b.layerDiffId;
    this.locations = List.copyOf(b.locations);
    this.scanner = b.scanner;
    if (b.index < 0) {
      throw new VexException("index must not be negative but was " + b.index);
    }
    this.index = b.index;
    this.pointer = b.pointer;
  }

  private static String requireText(@Nullable String value, String what) {
    if (value == null || value.isEmpty()) {
      throw new VexException(what + " must not be empty");
    }
    return value;
  }

  /** A builder for a finding of the given vulnerability id. */
  public static Builder builder(String vulnerabilityId) {
    return new Builder().vulnerabilityId(vulnerabilityId);
  }

  /** A builder holding this finding's values. */
  public Builder toBuilder() {
    return new Builder()
        .vulnerabilityId(vulnerabilityId)
        .aliases(aliases)
        .advisories(advisories)
        .packageName(packageName)
        .packageVersion(packageVersion)
        .packageType(packageType)
        .purl(purl)
        .severity(severity)
        .fixState(fixState)
        .fixVersions(fixVersions)
        .layerDiffId(layerDiffId)
        .locations(locations)
        .scanner(scanner)
        .index(index)
        .pointer(pointer);
  }

  /**
   * The vulnerability id as the scanner reported it: {@code CVE-…}, {@code GHSA-…}, {@code SNYK-…}.
   */
  public String vulnerabilityId() {
    return vulnerabilityId;
  }

  /** Other ids of the same vulnerability (never containing {@link #vulnerabilityId()}). */
  public List<String> aliases() {
    return aliases;
  }

  /** The id and then the aliases. */
  public List<String> ids() {
    List<String> ids = new ArrayList<>(1 + aliases.size());
    ids.add(vulnerabilityId);
    ids.addAll(aliases);
    return List.copyOf(ids);
  }

  /**
   * Advisory ids that cover this vulnerability but are not names of it (Trivy's {@code VendorIDs}
   * such as {@code DSA-…}, Grype's {@code advisories}).
   */
  public List<String> advisories() {
    return advisories;
  }

  /** The package name, if the report names it. */
  public Optional<String> packageName() {
    return Optional.ofNullable(packageName);
  }

  /** The installed package version, if the report gives it. */
  public Optional<String> packageVersion() {
    return Optional.ofNullable(packageVersion);
  }

  /**
   * The package type in the scanner's words ({@code deb}, {@code apk}, {@code java-archive}, {@code
   * gemspec}, …), if given.
   */
  public Optional<String> packageType() {
    return Optional.ofNullable(packageType);
  }

  /** The package URL, if the report gives one. */
  public Optional<String> purl() {
    return Optional.ofNullable(purl);
  }

  /** The normalised severity. */
  public Severity severity() {
    return severity;
  }

  /** Whether a fix exists. */
  public FixState fixState() {
    return fixState;
  }

  /** The versions that fix it, in report order. */
  public List<String> fixVersions() {
    return fixVersions;
  }

  /**
   * The diffID ({@code sha256:…}) of the image layer that introduced the package, if the report
   * says (Trivy {@code Layer.DiffID}; Grype the lowest layer among the package's locations).
   */
  public Optional<String> layerDiffId() {
    return Optional.ofNullable(layerDiffId);
  }

  /** File paths where the package was found, in report order. */
  public List<String> locations() {
    return locations;
  }

  /** The name of the scanner that reported it, e.g. {@code grype}. */
  public String scanner() {
    return scanner;
  }

  /** Position among all findings of the report, from 0. */
  public int index() {
    return index;
  }

  /** JSON pointer (RFC 6901) of the entry in its report, e.g. {@code /runs/0/results/7}. */
  public String pointer() {
    return pointer;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Finding)) {
      return false;
    }
    Finding f = (Finding) o;
    return index == f.index
        && vulnerabilityId.equals(f.vulnerabilityId)
        && aliases.equals(f.aliases)
        && advisories.equals(f.advisories)
        && Objects.equals(packageName, f.packageName)
        && Objects.equals(packageVersion, f.packageVersion)
        && Objects.equals(packageType, f.packageType)
        && Objects.equals(purl, f.purl)
        && severity == f.severity
        && fixState == f.fixState
        && fixVersions.equals(f.fixVersions)
        && Objects.equals(layerDiffId, f.layerDiffId)
        && locations.equals(f.locations)
        && scanner.equals(f.scanner)
        && pointer.equals(f.pointer);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        vulnerabilityId,
        aliases,
        packageName,
        packageVersion,
        purl,
        severity,
        layerDiffId,
        index,
        pointer);
  }

  /**
   * For example {@code Finding[CVE-2023-1234 (GHSA-…) high in pkg:deb/debian/bash@5.0 fixed in 5.1
   * layer sha256:0123456789ab grype /matches/3]}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Finding[").append(vulnerabilityId);
    if (!aliases.isEmpty()) {
      sb.append(" (").append(String.join(", ", aliases)).append(')');
    }
    sb.append(' ').append(severity).append(" in ");
    if (purl != null) {
      sb.append(purl);
    } else if (packageName != null) {
      sb.append(packageName);
      if (packageVersion != null) {
        sb.append('@').append(packageVersion);
      }
    } else {
      sb.append("an unnamed package");
    }
    switch (fixState) {
      case FIXED:
        sb.append(" fixed");
        if (!fixVersions.isEmpty()) {
          sb.append(" in ").append(String.join(", ", fixVersions));
        }
        break;
      case NOT_FIXED:
        sb.append(" not fixed");
        break;
      case WONT_FIX:
        sb.append(" won't fix");
        break;
      default:
        break;
    }
    if (layerDiffId != null) {
      sb.append(" layer ").append(abbreviate(layerDiffId));
    }
    return sb.append(' ').append(scanner).append(' ').append(pointer).append(']').toString();
  }

  static String abbreviate(String digest) {
    int colon = digest.indexOf(':');
    return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
  }

  /** Builds a {@link Finding}; only the vulnerability id is required. */
  public static final class Builder {
    private @Nullable String vulnerabilityId;
    private List<String> aliases = List.of();
    private List<String> advisories = List.of();
    private @Nullable String packageName;
    private @Nullable String packageVersion;
    private @Nullable String packageType;
    private @Nullable String purl;
    private Severity severity = Severity.UNKNOWN;
    private FixState fixState = FixState.UNKNOWN;
    private List<String> fixVersions = List.of();
    private @Nullable String layerDiffId;
    private List<String> locations = List.of();
    private String scanner = "unknown";
    private int index;
    private String pointer = "";

    private Builder() {}

    /** The vulnerability id. */
    @CanIgnoreReturnValue
    public Builder vulnerabilityId(String vulnerabilityId) {
      this.vulnerabilityId = Objects.requireNonNull(vulnerabilityId, "vulnerabilityId");
      return this;
    }

    /** Other ids of the vulnerability; the id itself and duplicates are dropped. */
    @CanIgnoreReturnValue
    public Builder aliases(Collection<String> aliases) {
      List<String> list = new ArrayList<>(aliases.size());
      for (String a : aliases) {
        Objects.requireNonNull(a, "alias");
        if (!a.isEmpty() && !a.equals(vulnerabilityId) && !list.contains(a)) {
          list.add(a);
        }
      }
      this.aliases = list;
      return this;
    }

    /** Advisory ids covering the vulnerability. */
    @CanIgnoreReturnValue
    public Builder advisories(Collection<String> advisories) {
      this.advisories = List.copyOf(advisories);
      return this;
    }

    /** The package name, or null. */
    @CanIgnoreReturnValue
    public Builder packageName(@Nullable String packageName) {
      this.packageName = emptyToNull(packageName);
      return this;
    }

    /** The installed version, or null. */
    @CanIgnoreReturnValue
    public Builder packageVersion(@Nullable String packageVersion) {
      this.packageVersion = emptyToNull(packageVersion);
      return this;
    }

    /** The scanner's package type, or null. */
    @CanIgnoreReturnValue
    public Builder packageType(@Nullable String packageType) {
      this.packageType = emptyToNull(packageType);
      return this;
    }

    /** The package URL, or null. */
    @CanIgnoreReturnValue
    public Builder purl(@Nullable String purl) {
      this.purl = emptyToNull(purl);
      return this;
    }

    /** The severity (default {@link Severity#UNKNOWN}). */
    @CanIgnoreReturnValue
    public Builder severity(Severity severity) {
      this.severity = Objects.requireNonNull(severity, "severity");
      return this;
    }

    /** The fix state (default {@link FixState#UNKNOWN}). */
    @CanIgnoreReturnValue
    public Builder fixState(FixState fixState) {
      this.fixState = Objects.requireNonNull(fixState, "fixState");
      return this;
    }

    /** The fixed versions. */
    @CanIgnoreReturnValue
    public Builder fixVersions(Collection<String> fixVersions) {
      this.fixVersions = List.copyOf(fixVersions);
      return this;
    }

    /** The diffID of the layer that introduced the package, or null. */
    @CanIgnoreReturnValue
    public Builder layerDiffId(@Nullable String layerDiffId) {
      this.layerDiffId = emptyToNull(layerDiffId);
      return this;
    }

    /** File paths of the package. */
    @CanIgnoreReturnValue
    public Builder locations(Collection<String> locations) {
      this.locations = List.copyOf(locations);
      return this;
    }

    /** The scanner name (default {@code unknown}). */
    @CanIgnoreReturnValue
    public Builder scanner(String scanner) {
      this.scanner = Objects.requireNonNull(scanner, "scanner");
      return this;
    }

    /** Position among the report's findings (default 0). */
    @CanIgnoreReturnValue
    public Builder index(int index) {
      this.index = index;
      return this;
    }

    /** JSON pointer of the entry in its report (default {@code ""}). */
    @CanIgnoreReturnValue
    public Builder pointer(String pointer) {
      this.pointer = Objects.requireNonNull(pointer, "pointer");
      return this;
    }

    /** The finding. */
    public Finding build() {
      return new Finding(this);
    }

    private static @Nullable String emptyToNull(@Nullable String s) {
      return s == null || s.isEmpty() ? null : s;
    }
  }
}
