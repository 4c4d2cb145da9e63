package dev.waterline.vex.oci.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.oci.MediaTypes;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An OCI image manifest (or a Docker v2 schema 2 manifest).
 *
 * <p>What the model does not know is kept so that a rewrite loses nothing: {@code unknownFields}
 * (top-level fields other than {@code schemaVersion, mediaType, artifactType, config, layers,
 * subject, annotations}, in the order read) and, in each descriptor, its own unknown fields. {@code
 * mediaTypeDeclared} is false when the document had no {@code mediaType} (the OCI spec makes it
 * optional); it is then not written either.
 */
public record ImageManifest(
    String mediaType,
    @Nullable String artifactType,
    Descriptor config,
    List<Descriptor> layers,
    @Nullable Descriptor subject,
    Map<String, String> annotations,
    Map<String, JsonNode> unknownFields,
    boolean mediaTypeDeclared) {

  /** Creates a manifest; annotations are kept sorted by key. */
  public ImageManifest {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(config, "config");
    layers = List.copyOf(layers);
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    unknownFields = OciJson.copyFields(unknownFields);
  }

  /** A manifest with only the fields the model knows, its media type written. */
  public ImageManifest(
      String mediaType,
      @Nullable String artifactType,
      Descriptor config,
      List<Descriptor> layers,
      @Nullable Descriptor subject,
      Map<String, String> annotations) {
    this(mediaType, artifactType, config, layers, subject, annotations, Map.of(), true);
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

  /** The same manifest (everything else kept) with {@code layers}. */
  public ImageManifest withLayers(List<Descriptor> layers) {
    return new ImageManifest(
        mediaType,
        artifactType,
        config,
        layers,
        subject,
        annotations,
        unknownFields,
        mediaTypeDeclared);
  }

  /** The same manifest (everything else kept) with {@code config}. */
  public ImageManifest withConfig(Descriptor config) {
    return new ImageManifest(
        mediaType,
        artifactType,
        config,
        layers,
        subject,
        annotations,
        unknownFields,
        mediaTypeDeclared);
  }

  /** The same manifest (everything else kept) with {@code annotations}. */
  public ImageManifest withAnnotations(Map<String, String> annotations) {
    return new ImageManifest(
        mediaType,
        artifactType,
        config,
        layers,
        subject,
        annotations,
        unknownFields,
        mediaTypeDeclared);
  }
}
