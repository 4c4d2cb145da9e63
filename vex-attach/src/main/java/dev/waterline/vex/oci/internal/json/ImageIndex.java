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
 * An OCI image index (or a Docker manifest list).
 *
 * <p>What the model does not know is kept so that a rewrite loses nothing: {@code unknownFields}
 * (top-level fields other than {@code schemaVersion, mediaType, artifactType, manifests, subject,
 * annotations}, in the order read), each entry's own unknown fields, and {@code unreadable}: the
 * entries of {@code manifests} that are not descriptors Waterline can use (see {@link
 * OciJson#parseIndexKeepingUnreadable}), kept as read at their positions. {@code mediaTypeDeclared}
 * is false when the document had no {@code mediaType}; it is then not written either.
 */
public record ImageIndex(
    String mediaType,
    @Nullable String artifactType,
    List<Descriptor> manifests,
    @Nullable Descriptor subject,
    Map<String, String> annotations,
    Map<String, JsonNode> unknownFields,
    boolean mediaTypeDeclared,
    List<Unreadable> unreadable) {

  /**
   * An entry of {@code manifests} kept as read because it is not a usable descriptor.
   *
   * @param position its index in the {@code manifests} array read
   * @param json the entry as read (do not modify)
   * @param problem why it cannot be used, with its JSON pointer
   */
  public record Unreadable(int position, JsonNode json, String problem) {
    /** Creates the value; the JSON is copied. */
    public Unreadable {
      Objects.requireNonNull(problem, "problem");
      json = json.deepCopy();
    }
  }

  /** Creates an index; annotations are kept sorted by key. */
  public ImageIndex {
    Objects.requireNonNull(mediaType, "mediaType");
    manifests = List.copyOf(manifests);
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    unknownFields = OciJson.copyFields(unknownFields);
    unreadable = List.copyOf(unreadable);
  }

  /** An index with only the fields the model knows, its media type written. */
  public ImageIndex(
      String mediaType,
      @Nullable String artifactType,
      List<Descriptor> manifests,
      @Nullable Descriptor subject,
      Map<String, String> annotations) {
    this(mediaType, artifactType, manifests, subject, annotations, Map.of(), true, List.of());
  }

  /** An OCI index listing {@code manifests}, nothing else. */
  public static ImageIndex of(List<Descriptor> manifests) {
    return new ImageIndex(MediaTypes.OCI_INDEX, null, manifests, null, Map.of());
  }

  public Optional<Descriptor> subjectValue() {
    return Optional.ofNullable(subject);
  }

  /**
   * The same index (top-level fields, unknown fields and unreadable entries kept) listing {@code
   * manifests}. Unreadable entries are written back at their old positions among the new list (at
   * the end when it is shorter).
   */
  public ImageIndex withManifests(List<Descriptor> manifests) {
    return new ImageIndex(
        mediaType,
        artifactType,
        manifests,
        subject,
        annotations,
        unknownFields,
        mediaTypeDeclared,
        unreadable);
  }
}
