package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A scanner report: who scanned what, the image's layers where the report lists them, and the
 * findings in report order. Immutable; read one with {@link ScanReports#read(java.nio.file.Path)}
 * or build one with {@link #builder(ReportFormat, String)}.
 */
@API(status = STABLE, since = "0.1.0")
public final class ScanReport {
  private final ReportFormat format;
  private final String scannerName;
  private final @Nullable String scannerVersion;
  private final @Nullable String imageReference;
  private final @Nullable String imageId;
  private final @Nullable String manifestDigest;
  private final List<String> repoDigests;
  private final List<String> repoTags;
  private final List<String> diffIds;
  private final @Nullable String architecture;
  private final @Nullable Instant scannedAt;
  private final List<Finding> findings;
  private final Map<String, Integer> layerIndex;

  private ScanReport(Builder b) {
    this.format = b.format;
    this.scannerName = b.scannerName;
    this.scannerVersion = b.scannerVersion;
    this.imageReference = b.imageReference;
    this.imageId = b.imageId;
    this.manifestDigest = b.manifestDigest;
    this.repoDigests = List.copyOf(b.repoDigests);
    this.repoTags = List.copyOf(b.repoTags);
    this.diffIds = List.copyOf(b.diffIds);
    this.architecture = b.architecture;
    this.scannedAt = b.scannedAt;
    this.findings = List.copyOf(b.findings);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < diffIds.size(); i++) {
      index.putIfAbsent(diffIds.get(i), i);
    }
    this.layerIndex = index;
  }

  /** A builder for a report of the given format written by the named scanner. */
  public static Builder builder(ReportFormat format, String scannerName) {
    return new Builder(format, scannerName);
  }

  /** A builder holding this report's values. */
  public Builder toBuilder() {
    return new Builder(format, scannerName)
        .scannerVersion(scannerVersion)
        .imageReference(imageReference)
        .imageId(imageId)
        .manifestDigest(manifestDigest)
        .repoDigests(repoDigests)
        .repoTags(repoTags)
        .diffIds(diffIds)
        .architecture(architecture)
        .scannedAt(scannedAt)
        .findings(findings);
  }

  /** The report format. */
  public ReportFormat format() {
    return format;
  }

  /** The scanner's name as the report gives it, e.g. {@code grype}, {@code Trivy}, {@code Snyk}. */
  public String scannerName() {
    return scannerName;
  }

  /** The scanner's version, if the report gives it. */
  public Optional<String> scannerVersion() {
    return Optional.ofNullable(scannerVersion);
  }

  /**
   * The image as the user named it to the scanner (Grype {@code source.target.userInput}, Trivy
   * {@code ArtifactName}, SARIF run properties {@code imageName}), if given.
   */
  public Optional<String> imageReference() {
    return Optional.ofNullable(imageReference);
  }

  /** The image ID (config digest, {@code sha256:…}), if given. */
  public Optional<String> imageId() {
    return Optional.ofNullable(imageId);
  }

  /** The platform manifest digest (Grype {@code manifestDigest}), if given. */
  public Optional<String> manifestDigest() {
    return Optional.ofNullable(manifestDigest);
  }

  /** Repository digests, {@code repo@sha256:…} (often the index digest), in report order. */
  public List<String> repoDigests() {
    return repoDigests;
  }

  /** Repository tags, {@code repo:tag}, in report order. */
  public List<String> repoTags() {
    return repoTags;
  }

  /**
   * The image's {@code rootfs.diff_ids} in layer order; empty when the report does not list them.
   */
  public List<String> diffIds() {
    return diffIds;
  }

  /** The position of a layer in {@link #diffIds()} (its first occurrence), if present. */
  public OptionalInt layerIndex(String diffId) {
    Integer i = layerIndex.get(diffId);
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /** The image's CPU architecture (e.g. {@code amd64}), if given. */
  public Optional<String> architecture() {
    return Optional.ofNullable(architecture);
  }

  /** When the scan ran, if the report says. */
  public Optional<Instant> scannedAt() {
    return Optional.ofNullable(scannedAt);
  }

  /** The findings in report order; their count equals the number of entries the report lists. */
  public List<Finding> findings() {
    return findings;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ScanReport)) {
      return false;
    }
    ScanReport r = (ScanReport) o;
    return format == r.format
        && scannerName.equals(r.scannerName)
        && Objects.equals(scannerVersion, r.scannerVersion)
        && Objects.equals(imageReference, r.imageReference)
        && Objects.equals(imageId, r.imageId)
        && Objects.equals(manifestDigest, r.manifestDigest)
        && repoDigests.equals(r.repoDigests)
        && repoTags.equals(r.repoTags)
        && diffIds.equals(r.diffIds)
        && Objects.equals(architecture, r.architecture)
        && Objects.equals(scannedAt, r.scannedAt)
        && findings.equals(r.findings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, scannerName, scannerVersion, imageReference, diffIds, findings);
  }

  /**
   * For example {@code ScanReport[grype 0.66.0 GRYPE_JSON docker.io/keycloak/keycloak:21.0.2, 4
   * layers, 12 findings]}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ScanReport[").append(scannerName);
    if (scannerVersion != null) {
      sb.append(' ').append(scannerVersion);
    }
    sb.append(' ').append(format);
    if (imageReference != null) {
      sb.append(' ').append(imageReference);
    }
    return sb.append(", ")
        .append(diffIds.size())
        .append(diffIds.size() == 1 ? " layer, " : " layers, ")
        .append(findings.size())
        .append(findings.size() == 1 ? " finding]" : " findings]")
        .toString();
  }

  /** Builds a {@link ScanReport}. */
  public static final class Builder {
    private final ReportFormat format;
    private final String scannerName;
    private @Nullable String scannerVersion;
    private @Nullable String imageReference;
    private @Nullable String imageId;
    private @Nullable String manifestDigest;
    private List<String> repoDigests = List.of();
    private List<String> repoTags = List.of();
    private List<String> diffIds = List.of();
    private @Nullable String architecture;
    private @Nullable Instant scannedAt;
    private List<Finding> findings = List.of();

    private Builder(ReportFormat format, String scannerName) {
      this.format = Objects.requireNonNull(format, "format");
      this.scannerName = Objects.requireNonNull(scannerName, "scannerName");
    }

    /** The scanner version, or null. */
    @CanIgnoreReturnValue
    public Builder scannerVersion(@Nullable String v) {
      this.scannerVersion = v;
      return this;
    }

    /** The image reference as scanned, or null. */
    @CanIgnoreReturnValue
    public Builder imageReference(@Nullable String v) {
      this.imageReference = v;
      return this;
    }

    /** The image ID (config digest), or null. */
    @CanIgnoreReturnValue
    public Builder imageId(@Nullable String v) {
      this.imageId = v;
      return this;
    }

    /** The platform manifest digest, or null. */
    @CanIgnoreReturnValue
    public Builder manifestDigest(@Nullable String v) {
      this.manifestDigest = v;
      return this;
    }

    /** Repository digests. */
    @CanIgnoreReturnValue
    public Builder repoDigests(Collection<String> v) {
      this.repoDigests = List.copyOf(v);
      return this;
    }

    /** Repository tags. */
    @CanIgnoreReturnValue
    public Builder repoTags(Collection<String> v) {
      this.repoTags = List.copyOf(v);
      return this;
    }

    /** The image's diffIDs in layer order. */
    @CanIgnoreReturnValue
    public Builder diffIds(Collection<String> v) {
      this.diffIds = List.copyOf(v);
      return this;
    }

    /** The architecture, or null. */
    @CanIgnoreReturnValue
    public Builder architecture(@Nullable String v) {
      this.architecture = v;
      return this;
    }

    /** The scan time, or null. */
    @CanIgnoreReturnValue
    public Builder scannedAt(@Nullable Instant v) {
      this.scannedAt = v;
      return this;
    }

    /** The findings in report order. */
    @CanIgnoreReturnValue
    public Builder findings(Collection<Finding> v) {
      this.findings = List.copyOf(v);
      return this;
    }

    /** The report. */
    public ScanReport build() {
      return new ScanReport(this);
    }
  }
}
