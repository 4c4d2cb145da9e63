package dev.waterline.vex.oci.internal.store;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.internal.json.Descriptor;
import java.util.Arrays;
import java.util.Objects;

/** A manifest or index as stored: its exact bytes, media type and digest (already verified). */
public record StoredManifest(byte[] bytes, String mediaType, Digest digest) {
  /** Creates the value; the bytes are copied. */
  public StoredManifest {
    bytes = bytes.clone();
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** A descriptor of this manifest (media type, digest, size). */
  public Descriptor descriptor() {
    return Descriptor.of(mediaType, digest, bytes.length);
  }

  /** Whether this is an OCI index or a Docker manifest list. */
  public boolean isIndex() {
    return mediaType.equals(MediaTypes.OCI_INDEX)
        || mediaType.equals(MediaTypes.DOCKER_MANIFEST_LIST);
  }

  /** Whether this is an OCI or Docker image manifest. */
  public boolean isManifest() {
    return mediaType.equals(MediaTypes.OCI_MANIFEST)
        || mediaType.equals(MediaTypes.DOCKER_MANIFEST);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredManifest
        && Arrays.equals(bytes, ((StoredManifest) o).bytes)
        && mediaType.equals(((StoredManifest) o).mediaType)
        && digest.equals(((StoredManifest) o).digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mediaType, digest) + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "StoredManifest[" + mediaType + " " + digest + " " + bytes.length + " bytes]";
  }
}
