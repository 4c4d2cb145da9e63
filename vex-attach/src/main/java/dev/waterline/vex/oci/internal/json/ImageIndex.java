package dev.waterline.vex.oci.internal.json;

import dev.waterline.vex.oci.MediaTypes;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** An OCI image index (or a Docker manifest list, read only). */
public record ImageIndex(
    String mediaType,
    @Nullable String artifactType,
    List<Descriptor> manifests,
    @Nullable Descriptor subject,
    Map<String, String> annotations) {

  /** Creates an index; annotations are kept sorted by key. */
  public ImageIndex {
    Objects.requireNonNull(mediaType, "mediaType");
    manifests = List.copyOf(manifests);
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  /** An OCI index listing {@code manifests}, nothing else. */
  public static ImageIndex of(List<Descriptor> manifests) {
    return new ImageIndex(MediaTypes.OCI_INDEX, null, manifests, null, Map.of());
  }

  public Optional<Descriptor> subjectValue() {
    return Optional.ofNullable(subject);
  }

  public ImageIndex withManifests(List<Descriptor> manifests) {
    return new ImageIndex(mediaType, artifactType, manifests, subject, annotations);
  }
}
