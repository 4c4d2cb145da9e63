package dev.waterline.vex.oci.internal.store;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.UnreadableAttestation;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Stored content that is there but cannot be used: bytes that do not match their digest, over a
 * limit, or a file of a layout that is not a regular file inside it. Fetch turns it into an {@link
 * UnreadableAttestation} with {@link #reason()}; everything else treats it as the {@link
 * OciException} it is. (A registry store's digest mismatch is a plain {@link OciException} until it
 * uses {@link #digestMismatch}; fetch then reports {@link
 * UnreadableAttestation.Reason#READ_FAILED}.)
 */
public final class ContentException extends OciException {
  private static final long serialVersionUID = 1L;

  private final UnreadableAttestation.Reason reason;
  private final @Nullable Digest content;

  /**
   * @param reason why the content cannot be used
   * @param content the digest of the manifest or blob, if the content has one
   */
  public ContentException(
      UnreadableAttestation.Reason reason,
      String message,
      @Nullable String reference,
      @Nullable Digest content,
      @Nullable Throwable cause) {
    super(message, reference, content == null ? null : content.toString(), null, cause);
    this.reason = reason;
    this.content = content;
  }

  /** Why the content cannot be used. */
  public UnreadableAttestation.Reason reason() {
    return reason;
  }

  /** The digest of the manifest or blob, if the content has one. */
  public Optional<Digest> content() {
    return Optional.ofNullable(content);
  }

  /**
   * "the KIND EXPECTED read from WHERE has the digest ACTUAL: the content was changed or corrupted
   * [in transit], so it is rejected".
   */
  public static ContentException digestMismatch(
      String kind, Digest expected, Digest actual, String where, boolean inTransit) {
    return new ContentException(
        UnreadableAttestation.Reason.DIGEST_MISMATCH,
        "the "
            + kind
            + " "
            + expected
            + " read from "
            + where
            + " has the digest "
            + actual
            + ": the content was changed or corrupted"
            + (inTransit ? " in transit" : "")
            + ", so it is rejected",
        null,
        expected,
        null);
  }
}
