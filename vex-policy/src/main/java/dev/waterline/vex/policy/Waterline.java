package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.policy.internal.DiffIdsReader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The waterline: the layers of the base image. A finding whose package came from one of them is
 * below the waterline (the image vendor's), anything else above it (the team's).
 *
 * <p>The base image's diffIDs must be a prefix of the scanned image's {@code rootfs.diff_ids};
 * {@link #classify(ScanReport, Finding)} checks it and fails with "base image … is not a base of …"
 * otherwise. A finding is {@link Position#BELOW} when the layer that introduced its package (Trivy
 * {@code Layer.DiffID}; Grype the lowest layer among the package's locations) lies within the
 * prefix, {@link Position#ABOVE} when it lies after it, and {@link Position#UNKNOWN} when the
 * report does not say which layer, names a layer the image does not list, or does not list the
 * image's layers at all (SARIF). Unknown counts as above: fail safe.
 */
@API(status = STABLE, since = "0.1.0")
public final class Waterline {
  /** Where a finding lies relative to the waterline. */
  public enum Position {
    /** In a base-image layer: the vendor's. */
    BELOW,
    /** In a layer above the base image: the team's. */
    ABOVE,
    /** Origin unknown; treated as above (fail safe). */
    UNKNOWN;

    /** True only for {@link #BELOW}: unknown origin never counts as below. */
    public boolean isBelow() {
      return this == BELOW;
    }

    /** The lower-case word. */
    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final String name;
  private final List<String> baseDiffIds;
  // Identity cache of the last report found to start with the base; not part of the value.
  private volatile @Nullable ScanReport lastChecked;

  private Waterline(String name, List<String> baseDiffIds) {
    this.name = name;
    this.baseDiffIds = baseDiffIds;
  }

  /**
   * The waterline of a base image given by its diffIDs ({@code sha256:<64 hex>}), lowest layer
   * first.
   *
   * @throws VexException if the list is empty or a value is not a sha256 diffID
   */
  public static Waterline of(Collection<String> baseDiffIds) {
    return new Waterline("base image", DiffIdsReader.validate(List.copyOf(baseDiffIds)));
  }

  /** The waterline of a base image given by its diffIDs. */
  public static Waterline of(String... baseDiffIds) {
    return of(List.of(baseDiffIds));
  }

  /**
   * The waterline of a base image whose own scan report lists its layers.
   *
   * @throws VexException if the report does not list the image's layers
   */
  public static Waterline of(ScanReport baseScan) {
    if (baseScan.diffIds().isEmpty()) {
      throw new VexException(
          "Tried to take the base image's layers from "
              + imageName(baseScan)
              + " but its "
              + baseScan.format()
              + " report does not list them");
    }
    return of(baseScan.diffIds()).named("base image " + imageName(baseScan));
  }

  /**
   * Parses diffIDs text: one {@code sha256:<hex>} per line, blank lines and lines starting with
   * {@code #} ignored; or a JSON array of the same strings.
   *
   * @throws InputParseException naming the line (or JSON pointer) of a bad value
   */
  public static Waterline parse(String text) {
    return of(DiffIdsReader.parse(text));
  }

  /**
   * Reads a {@code --base-diffids} file (see {@link #parse(String)}) through Waterline's bounded
   * reader: a regular file (not a directory, FIFO or device) of at most 1 MiB (system property
   * {@code waterline.limit.diffIds}).
   *
   * @throws dev.waterline.vex.UnreadableInputException if the file is missing, not a regular file,
   *     larger than the limit, or cannot be read
   * @throws InputParseException naming the file and line of a bad value
   */
  public static Waterline read(Path file) {
    String text = Inputs.readString(file, InputKind.DIFF_IDS);
    try {
      return parse(text).named("base image from " + file);
    } catch (InputParseException e) {
      throw e.withSource(file.toString());
    }
  }

  /** The same waterline with a name for messages, e.g. {@code base image dhi.io/node:22}. */
  public Waterline named(String name) {
    return new Waterline(Objects.requireNonNull(name, "name"), baseDiffIds);
  }

  /** The name used in messages. */
  public String name() {
    return name;
  }

  /** The base image's diffIDs, lowest layer first. */
  public List<String> baseDiffIds() {
    return baseDiffIds;
  }

  /**
   * Checks that the base image's layers are a prefix of the scanned image's.
   *
   * @return true when they are; false when the report does not list the image's layers
   * @throws VexException "base image … is not a base of …" when the report lists other layers
   */
  @SuppressWarnings("ReferenceEquality") // a cache of the last report checked, by identity
  public boolean checkBaseOf(ScanReport report) {
    if (lastChecked == report) {
      return true;
    }
    List<String> image = report.diffIds();
    if (image.isEmpty()) {
      return false;
    }
    if (image.size() < baseDiffIds.size()) {
      throw new VexException(
          name
              + " is not a base of "
              + imageName(report)
              + ": the base has "
              + baseDiffIds.size()
              + " layers but the image only "
              + image.size());
    }
    for (int i = 0; i < baseDiffIds.size(); i++) {
      if (!baseDiffIds.get(i).equals(image.get(i))) {
        throw new VexException(
            name
                + " is not a base of "
                + imageName(report)
                + ": layer "
                + i
                + " is "
                + baseDiffIds.get(i)
                + " in the base but "
                + image.get(i)
                + " in the image");
      }
    }
    lastChecked = report;
    return true;
  }

  /**
   * Where a finding of the report lies.
   *
   * @throws VexException if the report lists the image's layers and the base is not a prefix
   */
  public Position classify(ScanReport report, Finding finding) {
    if (!checkBaseOf(report)) {
      return Position.UNKNOWN;
    }
    String layer = finding.layerDiffId().orElse(null);
    if (layer == null) {
      return Position.UNKNOWN;
    }
    OptionalInt index = report.layerIndex(layer);
    if (index.isEmpty()) {
      return Position.UNKNOWN;
    }
    return index.getAsInt() < baseDiffIds.size() ? Position.BELOW : Position.ABOVE;
  }

  private static String imageName(ScanReport report) {
    if (report.imageReference().isPresent()) {
      return report.imageReference().get();
    }
    if (!report.repoDigests().isEmpty()) {
      return report.repoDigests().get(0);
    }
    return report.imageId().orElse("the scanned image");
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Waterline
        && name.equals(((Waterline) o).name)
        && baseDiffIds.equals(((Waterline) o).baseDiffIds);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + baseDiffIds.hashCode();
  }

  /**
   * For example {@code Waterline[base image dhi.io/node:22, 3 layers, top sha256:0123456789ab]}.
   */
  @Override
  public String toString() {
    return "Waterline["
        + name
        + ", "
        + baseDiffIds.size()
        + (baseDiffIds.size() == 1 ? " layer" : " layers")
        + ", top "
        + Finding.abbreviate(baseDiffIds.get(baseDiffIds.size() - 1))
        + "]";
  }
}
