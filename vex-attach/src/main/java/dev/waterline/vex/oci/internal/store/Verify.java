package dev.waterline.vex.oci.internal.store;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.UnreadableAttestation;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import java.util.ArrayList;
import java.util.List;

/** Checks shared by the stores. */
public final class Verify {
  private Verify() {}

  public static void digest(String kind, Digest expected, byte[] content, String where) {
    Digest actual = expected.recompute(content);
    if (!actual.equals(expected)) {
      throw ContentException.digestMismatch(kind, expected, actual, where, false);
    }
  }

  public static ContentException tooLarge(
      String kind, Digest d, long size, long limit, String where) {
    return new ContentException(
        UnreadableAttestation.Reason.TOO_LARGE,
        "the "
            + kind
            + " "
            + d
            + " in "
            + where
            + " is "
            + size
            + " bytes, more than the limit of "
            + limit
            + " bytes",
        null,
        d,
        null);
  }

  public static void manifestSize(Digest d, long size, String where) {
    if (size > OciJson.MAX_MANIFEST_BYTES) {
      throw tooLarge("manifest", d, size, OciJson.MAX_MANIFEST_BYTES, where);
    }
  }

  /** The blobs (for a manifest) or manifests (for an index) that {@code store} lacks. */
  public static List<Digest> missingBlobs(byte[] bytes, String mediaType, OciStore store) {
    Digest d = Digest.of(bytes);
    String what = "the manifest " + d + " to store in " + store.describe();
    String declared = OciJson.declaredMediaType(bytes, what, d);
    if (!declared.equals(mediaType)) {
      throw new OciException(
          "cannot store "
              + what
              + " as "
              + mediaType
              + ": its content declares the media type "
              + declared,
          null,
          d.toString(),
          "/mediaType",
          null);
    }
    List<Digest> missing = new ArrayList<>();
    if (mediaType.equals(MediaTypes.OCI_INDEX)
        || mediaType.equals(MediaTypes.DOCKER_MANIFEST_LIST)) {
      // entries Waterline cannot read (kept from another tool's index) cannot be checked
      ImageIndex index = OciJson.parseIndexKeepingUnreadable(bytes, what, d);
      for (Descriptor m : index.manifests()) {
        if (!store.hasBlob(m.digest())) {
          missing.add(m.digest());
        }
      }
    } else if (mediaType.equals(MediaTypes.OCI_MANIFEST)
        || mediaType.equals(MediaTypes.DOCKER_MANIFEST)) {
      ImageManifest m = OciJson.parseManifest(bytes, what, d);
      if (!store.hasBlob(m.config().digest())) {
        missing.add(m.config().digest());
      }
      for (Descriptor layer : m.layers()) {
        if (!store.hasBlob(layer.digest())) {
          missing.add(layer.digest());
        }
      }
    } else {
      throw new OciException(
          "cannot store "
              + what
              + ": its media type \""
              + mediaType
              + "\" is not an OCI or Docker manifest or index",
          null,
          d.toString(),
          null,
          null);
    }
    return missing;
  }
}
