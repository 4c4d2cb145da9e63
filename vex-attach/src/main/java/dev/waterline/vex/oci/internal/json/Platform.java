package dev.waterline.vex.oci.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.oci.OciException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The platform of an image index entry; fields the model does not know are kept in {@code
 * unknownFields} and written back.
 */
public record Platform(
    String architecture,
    String os,
    @Nullable String variant,
    @Nullable String osVersion,
    List<String> osFeatures,
    Map<String, JsonNode> unknownFields) {

  /** Creates a platform. */
  public Platform {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(os, "os");
    osFeatures = List.copyOf(osFeatures);
    unknownFields = OciJson.copyFields(unknownFields);
  }

  /** A platform with only the fields the image spec defines. */
  public Platform(
      String architecture,
      String os,
      @Nullable String variant,
      @Nullable String osVersion,
      List<String> osFeatures) {
    this(architecture, os, variant, osVersion, osFeatures, Map.of());
  }

  /** {@code os/architecture[/variant]}, e.g. {@code linux/arm64/v8}. */
  public static Platform parse(String text) {
    String[] parts = text.split("/", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new OciException(
          "invalid platform \"" + text + "\": expected os/architecture[/variant]",
          text,
          null,
          null,
          null);
    }
    return new Platform(parts[1], parts[0], parts.length == 3 ? parts[2] : null, null, List.of());
  }

  /** Whether this is BuildKit's {@code unknown/unknown} attestation placeholder. */
  public boolean isUnknown() {
    return architecture.equals("unknown") && os.equals("unknown");
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
