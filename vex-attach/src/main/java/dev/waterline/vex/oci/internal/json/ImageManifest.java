package dev.waterline.vex.oci.internal.json;

import dev.waterline.vex.oci.MediaTypes;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** An OCI image manifest (or a Docker v2 schema 2 manifest, read only). */
public record ImageManifest(
    String mediaType,
    @Nullable String artifactType,
    Descriptor config,
    List<Descriptor> layers,
    @Nullable Descriptor subject,
    Map<String, String> annotations) {

  /** Creates a manifest; annotations are kept sorted by key. */
  public ImageManifest {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(config, "config");
    layers = List.copyOf(layers);
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  /** An OCI image manifest. */
  public static ImageManifest oci(
      @Nullable String artifactType,
      Descriptor config,
      List<Descriptor> layers,
      @Nullable Descriptor subject,
      Map<String, String> annotations) {
    return new ImageManifest(
        MediaTypes.OCI_MANIFEST, artifactType, config, layers, subject, annotations);
  }

  public Optional<String> artifactTypeValue() {
    return Optional.ofNullable(artifactType);
  }

  public Optional<Descriptor> subjectValue() {
    return Optional.ofNullable(subject);
  }

  /**
   * The artifact type a referrers list gives this manifest: its {@code artifactType}, else its
   * config media type.
   */
  public String effectiveArtifactType() {
    return artifactType != null ? artifactType : config.mediaType();
  }

  public ImageManifest withLayers(List<Descriptor> layers) {
    return new ImageManifest(mediaType, artifactType, config, layers, subject, annotations);
  }

  public ImageManifest withConfig(Descriptor config) {
    return new ImageManifest(mediaType, artifactType, config, layers, subject, annotations);
  }
}
