package dev.waterline.vex.oci.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.oci.Digest;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An OCI content descriptor. Annotations are kept sorted by key, which is also the order they are
 * written in. Fields the model does not know ({@link #unknownFields()}) are kept as read and
 * written back after the known ones, so that rewriting a document another tool wrote loses nothing.
 */
public final class Descriptor {
  private final String mediaType;
  private final Digest digest;
  private final long size;
  private final @Nullable String artifactType;
  private final List<String> urls;
  private final Map<String, String> annotations;
  private final byte @Nullable [] data;
  private final @Nullable Platform platform;
  private final Map<String, JsonNode> unknown;

  private Descriptor(
      String mediaType,
      Digest digest,
      long size,
      @Nullable String artifactType,
      List<String> urls,
      Map<String, String> annotations,
      byte @Nullable [] data,
      @Nullable Platform platform,
      Map<String, JsonNode> unknown) {
    if (size < 0) {
      throw new IllegalStateException("negative size " + size);
    }
    this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
    this.digest = Objects.requireNonNull(digest, "digest");
    this.size = size;
    this.artifactType = artifactType;
    this.urls = List.copyOf(urls);
    this.annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    this.data = data == null ? null : data.clone();
    this.platform = platform;
    this.unknown = OciJson.copyFields(unknown);
  }

  /** A descriptor of {@code content} with {@code mediaType}. */
  public static Descriptor of(String mediaType, byte[] content) {
    return of(mediaType, Digest.of(content), content.length);
  }

  /** A plain descriptor. */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, null, List.of(), Map.of(), null, null, Map.of());
  }

  /** Every field; used by the parser. */
  static Descriptor of(
      String mediaType,
      Digest digest,
      long size,
      @Nullable String artifactType,
      List<String> urls,
      Map<String, String> annotations,
      byte @Nullable [] data,
      @Nullable Platform platform,
      Map<String, JsonNode> unknown) {
    return new Descriptor(
        mediaType, digest, size, artifactType, urls, annotations, data, platform, unknown);
  }

  public String mediaType() {
    return mediaType;
  }

  public Digest digest() {
    return digest;
  }

  public long size() {
    return size;
  }

  public Optional<String> artifactType() {
    return Optional.ofNullable(artifactType);
  }

  public List<String> urls() {
    return urls;
  }

  /** Sorted by key. */
  public Map<String, String> annotations() {
    return annotations;
  }

  /** One annotation. */
  public Optional<String> annotation(String key) {
    return Optional.ofNullable(annotations.get(key));
  }

  public Optional<byte[]> data() {
    return data == null ? Optional.empty() : Optional.of(data.clone());
  }

  public Optional<Platform> platform() {
    return Optional.ofNullable(platform);
  }

  /**
   * The fields read that the model does not know (anything but {@code mediaType, digest, size,
   * artifactType, urls, data, platform, annotations}), in the order read; written back as they
   * were. Do not modify the values.
   */
  public Map<String, JsonNode> unknownFields() {
    return unknown;
  }

  /**
   * The same descriptor (annotations, platform, urls, unknown fields) for other content: media
   * type, digest and size replaced, {@code data} dropped (it would no longer match).
   */
  public Descriptor withContent(String mediaType, Digest digest, long size) {
    return new Descriptor(
        mediaType, digest, size, artifactType, urls, annotations, null, platform, unknown);
  }

  public Descriptor withArtifactType(@Nullable String artifactType) {
    return new Descriptor(
        mediaType, digest, size, artifactType, urls, annotations, data, platform, unknown);
  }

  public Descriptor withAnnotations(Map<String, String> annotations) {
    return new Descriptor(
        mediaType, digest, size, artifactType, urls, annotations, data, platform, unknown);
  }

  public Descriptor withPlatform(@Nullable Platform platform) {
    return new Descriptor(
        mediaType, digest, size, artifactType, urls, annotations, data, platform, unknown);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Descriptor)) {
      return false;
    }
    Descriptor d = (Descriptor) o;
    return mediaType.equals(d.mediaType)
        && digest.equals(d.digest)
        && size == d.size
        && Objects.equals(artifactType, d.artifactType)
        && urls.equals(d.urls)
        && annotations.equals(d.annotations)
        && Arrays.equals(data, d.data)
        && Objects.equals(platform, d.platform)
        && unknown.equals(d.unknown);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mediaType, digest, size, artifactType, urls, annotations, platform, unknown)
        + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Descriptor["
        + mediaType
        + " "
        + digest
        + " "
        + size
        + (artifactType == null ? "" : " artifactType=" + artifactType)
        + (platform == null ? "" : " platform=" + platform)
        + (annotations.isEmpty() ? "" : " annotations=" + annotations)
        + (unknown.isEmpty() ? "" : " unknown fields " + unknown.keySet())
        + "]";
  }
}
