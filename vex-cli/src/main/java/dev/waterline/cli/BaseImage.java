package dev.waterline.cli;

import dev.waterline.vex.VexException;
import dev.waterline.vex.oci.ImageConfig;
import dev.waterline.vex.oci.ImageReference;
import dev.waterline.vex.oci.RegistryOptions;
import dev.waterline.vex.policy.ScanReport;
import dev.waterline.vex.policy.Waterline;
import org.jspecify.annotations.Nullable;

/**
 * {@code triage --base IMAGE}: the waterline from the base image's own config ({@code
 * rootfs.diff_ids}), read from a registry or an OCI layout ({@code oci:PATH[:TAG|@DIGEST]}). For an
 * image index the platform is {@code --base-platform}, else the scanned image's ({@code linux/} and
 * the report's architecture), else {@code linux/amd64}.
 */
final class BaseImage {
  static final String DEFAULT_PLATFORM = "linux/amd64";

  private BaseImage() {}

  /** The platform to take from the base image's index. */
  static String platform(@Nullable String asked, ScanReport report) {
    if (asked != null) {
      return asked;
    }
    return report
        .architecture()
        .filter(a -> !a.isBlank())
        .map(a -> "linux/" + a)
        .orElse(DEFAULT_PLATFORM);
  }

  /** Reads the base image's layers; every failure is a usage error naming {@code --base}. */
  static Waterline waterline(String image, String platform, RegistryOptions options) {
    ImageReference ref;
    try {
      ref = ImageReference.parse(image);
    } catch (RuntimeException e) {
      throw CliException.usage("--base: " + DocumentIo.oneLine(e.getMessage()));
    }
    ImageConfig config;
    try {
      config = ImageConfig.read(ref, platform, options);
    } catch (VexException e) {
      throw new CliException(
          CliException.USAGE, "--base " + image + ": " + DocumentIo.oneLine(e.getMessage()), e);
    }
    try {
      return Waterline.of(config.diffIds())
          .named(
              "base image "
                  + image
                  + " ("
                  + config.platform()
                  + ", manifest "
                  + config.manifest()
                  + ")");
    } catch (VexException e) {
      throw CliException.usage("--base " + image + ": " + DocumentIo.oneLine(e.getMessage()));
    }
  }
}
