package dev.waterline.vex.workflow;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One package an {@link Sbom} lists: its name, and where the SBOM gives them its purl, version and
 * the diffID of the layer that holds it. Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class SbomPackage {
  private final String name;
  private final @Nullable String purl;
  private final @Nullable String version;
  private final @Nullable String layerDiffId;

  private SbomPackage(
      String name, @Nullable String purl, @Nullable String version, @Nullable String layerDiffId) {
    this.name = Objects.requireNonNull(name, "name");
    this.purl = purl;
    this.version = version;
    this.layerDiffId = layerDiffId;
  }

  /**
   * A package.
   *
   * @param name its name as the SBOM gives it
   * @param purl its package URL, or null
   * @param version its version, or null
   * @param layerDiffId the diffID ({@code sha256:…}) of the image layer holding it, or null
   */
  public static SbomPackage of(
      String name, @Nullable String purl, @Nullable String version, @Nullable String layerDiffId) {
    return new SbomPackage(name, purl, version, layerDiffId);
  }

  /** The package's name. */
  public String name() {
    return name;
  }

  /** Its package URL, when the SBOM gives one. */
  public Optional<String> purl() {
    return Optional.ofNullable(purl);
  }

  /** Its version, when the SBOM gives one. */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /** The diffID of the layer holding it, when the SBOM says (Syft and Trivy CycloneDX do). */
  public Optional<String> layerDiffId() {
    return Optional.ofNullable(layerDiffId);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SbomPackage p
        && name.equals(p.name)
        && Objects.equals(purl, p.purl)
        && Objects.equals(version, p.version)
        && Objects.equals(layerDiffId, p.layerDiffId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, purl, version, layerDiffId);
  }

  @Override
  public String toString() {
    return purl != null ? purl : version == null ? name : name + "@" + version;
  }
}
