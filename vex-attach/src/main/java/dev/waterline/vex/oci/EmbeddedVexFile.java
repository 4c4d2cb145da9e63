package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.VexDocument;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One OpenVEX document found in an image's filesystem.
 *
 * @param path its absolute path in the image, e.g. {@code /usr/share/vex/app.openvex.json}
 * @param layer the digest of the layer that put it there (the topmost one, after whiteouts)
 * @param manifest the platform manifest it was read from
 * @param platform that manifest's platform in the index, if the image is an index
 * @param document the parsed document
 */
@API(status = STABLE, since = "0.1.0")
public record EmbeddedVexFile(
    String path, Digest layer, Digest manifest, Optional<String> platform, VexDocument document) {
  /** Checks for nulls. */
  public EmbeddedVexFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(document, "document");
  }

  @Override
  public String toString() {
    return "EmbeddedVexFile["
        + path
        + platform.map(p -> " (" + p + ")").orElse("")
        + " in layer "
        + layer
        + ": "
        + document.statements().size()
        + " statement(s) by "
        + document.author()
        + "]";
  }
}
