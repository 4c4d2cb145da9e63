package dev.waterline.vex.workflow;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.ContentDigest;
import dev.waterline.vex.ImageName;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.image.ImageText;
import dev.waterline.vex.policy.ScanReport;
import dev.waterline.vex.workflow.internal.CarryEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One side of a {@link Carry}: an image (by digest), its layers, its scan report and its SBOMs, the
 * evidence of what changed between the old image and its rebuild. Immutable; start from {@link
 * #of(ImageName)} or {@link #inLayout(String, ContentDigest)}.
 *
 * <pre>{@code
 * CarryImage old = CarryImage.of(ImageName.parse("registry.local/app@sha256:…"))
 *     .withDiffIds(oldConfig.diffIds())
 *     .withReport(ScanReports.read(Path.of("grype-old.json")));
 * }</pre>
 *
 * <p>A report must be of this image: when both it and the image list their layers they must be the
 * same, and when the report names its platform manifest it must be this image's digest or platform
 * manifest; otherwise {@link #withReport} (or {@link #withDiffIds}, {@link #withPlatformManifest})
 * fails with a {@link VexException} saying what differs.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class CarryImage {
  private final String name;
  private final String product;
  private final ContentDigest digest;
  private final @Nullable ContentDigest platformManifest;
  private final List<String> diffIds;
  private final @Nullable ScanReport report;
  private final List<Sbom> sboms;

  private CarryImage(
      String name,
      String product,
      ContentDigest digest,
      @Nullable ContentDigest platformManifest,
      List<String> diffIds,
      @Nullable ScanReport report,
      List<Sbom> sboms) {
    this.name = name;
    this.product = product;
    this.digest = digest;
    this.platformManifest = platformManifest;
    this.diffIds = List.copyOf(diffIds);
    this.report = report;
    this.sboms = List.copyOf(sboms);
    check();
    for (Sbom s : this.sboms) {
      checkSbom(s);
    }
  }

  /**
   * An image in a registry, named with its digest; its product in VEX is its {@code pkg:oci} purl
   * without tag ({@link ImageName#toPurl()}).
   *
   * @throws VexException when the name has no digest
   */
  public static CarryImage of(ImageName image) {
    ContentDigest d =
        image
            .digest()
            .orElseThrow(
                () ->
                    new VexException(
                        "the image " + image + " has no digest; pin it first (withDigest)"));
    return new CarryImage(
        image.toString(), image.withoutTag().toPurl(), d, null, List.of(), null, List.of());
  }

  /**
   * An image in an OCI layout (or anywhere without a registry): {@code name} names it in messages,
   * and its product in VEX is the registry-agnostic purl {@code pkg:oci/<name>@<digest>}, {@code
   * <name>} being the last part of {@code name} in lower case with anything but letters, digits,
   * {@code . _ -} made {@code -}.
   */
  public static CarryImage inLayout(String name, ContentDigest digest) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(digest, "digest");
    String last = name;
    int colon = last.indexOf(':');
    if (last.startsWith("oci:") && colon >= 0) {
      last = last.substring(colon + 1);
    }
    while (last.endsWith("/")) {
      last = last.substring(0, last.length() - 1);
    }
    last = last.substring(last.lastIndexOf('/') + 1);
    StringBuilder safe = new StringBuilder();
    for (char c : last.toLowerCase(Locale.ROOT).toCharArray()) {
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      safe.append(ok ? c : '-');
    }
    String purlName = safe.length() == 0 ? "image" : safe.toString();
    return new CarryImage(
        name,
        ImageText.ociPurl(purlName, digest.algorithm(), digest.hex()),
        digest,
        null,
        List.of(),
        null,
        List.of());
  }

  /**
   * This image with the digest of the platform manifest whose layers and report these are (for an
   * image index); statements naming it are about this image too.
   */
  public CarryImage withPlatformManifest(ContentDigest manifest) {
    return new CarryImage(
        name, product, digest, Objects.requireNonNull(manifest), diffIds, report, sboms);
  }

  /** This image with its layers' diffIDs ({@code rootfs.diff_ids}, lowest first). */
  public CarryImage withDiffIds(List<String> diffIds) {
    return new CarryImage(name, product, digest, platformManifest, diffIds, report, sboms);
  }

  /**
   * This image with its scan report (Grype JSON, Trivy JSON; {@link
   * dev.waterline.vex.policy.ScanReports}): the package versions and the layers holding them.
   *
   * @throws VexException when the report is of another image (see the class comment)
   */
  public CarryImage withReport(ScanReport report) {
    return new CarryImage(
        name, product, digest, platformManifest, diffIds, Objects.requireNonNull(report), sboms);
  }

  /**
   * This image with one more SBOM ({@link Sbom}): the package versions, and where the SBOM says so
   * the layers holding them. Each call adds one (a file and the SBOM attestations fetched from the
   * image, say); with a report too, all count: a package any of them lists is in the image.
   *
   * @throws VexException when the SBOM is an in-toto statement about other images (none of its
   *     subjects is this image's digest or platform manifest)
   */
  public CarryImage withSbom(Sbom sbom) {
    List<Sbom> more = new ArrayList<>(sboms);
    more.add(Objects.requireNonNull(sbom, "sbom"));
    return new CarryImage(name, product, digest, platformManifest, diffIds, report, more);
  }

  private void checkSbom(Sbom s) {
    if (s.subjects().isEmpty()) {
      return;
    }
    for (ContentDigest d : s.subjects()) {
      if (d.equals(digest) || d.equals(platformManifest)) {
        return;
      }
    }
    throw new VexException(
        "the SBOM "
            + s.origin()
            + " is not of "
            + name
            + ": its statement is about "
            + s.subjects()
            + " but the image is "
            + digest
            + (platformManifest == null ? "" : " (platform manifest " + platformManifest + ")"));
  }

  private void check() {
    ScanReport r = report;
    if (r == null) {
      return;
    }
    if (!diffIds.isEmpty() && !r.diffIds().isEmpty() && !diffIds.equals(r.diffIds())) {
      throw new VexException(
          "the report "
              + r
              + " is not of "
              + name
              + ": it lists the layers "
              + shortList(r.diffIds())
              + " but the image has "
              + shortList(diffIds));
    }
    Optional<ContentDigest> manifest = r.manifestDigest().flatMap(ContentDigest::tryParse);
    if (manifest.isPresent()
        && !manifest.get().equals(digest)
        && (platformManifest == null || !manifest.get().equals(platformManifest))) {
      throw new VexException(
          "the report "
              + r
              + " is not of "
              + name
              + ": it names the manifest "
              + manifest.get()
              + " but the image is "
              + digest
              + (platformManifest == null ? "" : " (platform manifest " + platformManifest + ")"));
    }
  }

  private static String shortList(List<String> digests) {
    List<String> out = new ArrayList<>();
    for (String d : digests) {
      out.add(CarryEngine.abbreviate(d));
    }
    return out.toString();
  }

  /** The image as named. */
  public String name() {
    return name;
  }

  /** The product identifier statements use for this image: its {@code pkg:oci} purl. */
  public String product() {
    return product;
  }

  /** The image's digest (an image index's, for a multi-platform image). */
  public ContentDigest digest() {
    return digest;
  }

  /** The platform manifest's digest, if given. */
  public Optional<ContentDigest> platformManifest() {
    return Optional.ofNullable(platformManifest);
  }

  /** The layers' diffIDs, lowest first; empty when not given. */
  public List<String> diffIds() {
    return diffIds;
  }

  /** The SBOMs given, in the order given; empty when none. */
  public List<Sbom> sboms() {
    return sboms;
  }

  /** The scan report, if given. */
  public Optional<ScanReport> report() {
    return Optional.ofNullable(report);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof CarryImage)) {
      return false;
    }
    CarryImage i = (CarryImage) o;
    return name.equals(i.name)
        && product.equals(i.product)
        && digest.equals(i.digest)
        && Objects.equals(platformManifest, i.platformManifest)
        && diffIds.equals(i.diffIds)
        && Objects.equals(report, i.report)
        && sboms.equals(i.sboms);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, product, digest, platformManifest, diffIds, report, sboms);
  }

  /** For example {@code CarryImage[registry.local/app@sha256:…, 3 layers, report]}. */
  @Override
  public String toString() {
    return "CarryImage["
        + name
        + (name.contains(digest.toString()) ? "" : " " + digest)
        + ", "
        + diffIds.size()
        + (diffIds.size() == 1 ? " layer" : " layers")
        + (report == null ? ", no report" : ", report")
        + (sboms.isEmpty() ? "" : sboms.size() == 1 ? ", SBOM" : ", " + sboms.size() + " SBOMs")
        + "]";
  }
}
