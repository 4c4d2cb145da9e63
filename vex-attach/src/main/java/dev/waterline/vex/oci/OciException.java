package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.VexException;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A failure while reading or writing images and attestations: an invalid reference, a manifest that
 * is not valid OCI JSON, a digest that does not match, a missing blob or manifest, a broken image
 * layout. The message says what was tried, what was found and where; {@link #reference()}, {@link
 * #digest()} and {@link #pointer()} carry the same facts as fields.
 */
@API(status = STABLE, since = "0.1.0")
public class OciException extends VexException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String reference;
  private final @Nullable String digest;
  private final @Nullable String pointer;

  /** A failure with a message only. */
  public OciException(String message) {
    this(message, null, null, null, null);
  }

  /** A failure with a message and a cause. */
  public OciException(String message, Throwable cause) {
    this(message, null, null, null, cause);
  }

  /**
   * A failure with structured fields.
   *
   * @param message the whole message (it already names reference, digest and pointer)
   * @param reference the image reference, tag or path involved, if any
   * @param digest the digest of the manifest or blob involved, if any
   * @param pointer the RFC 6901 JSON pointer of the offending value, if any
   * @param cause the underlying failure, if any
   */
  public OciException(
      String message,
      @Nullable String reference,
      @Nullable String digest,
      @Nullable String pointer,
      @Nullable Throwable cause) {
    super(message, cause);
    this.reference = reference;
    this.digest = digest;
    this.pointer = pointer;
  }

  /** The image reference, tag or layout path involved. */
  public Optional<String> reference() {
    return Optional.ofNullable(reference);
  }

  /** The digest of the manifest or blob involved. */
  public Optional<String> digest() {
    return Optional.ofNullable(digest);
  }

  /** The RFC 6901 JSON pointer of the offending value, {@code ""} for a whole document. */
  public Optional<String> pointer() {
    return Optional.ofNullable(pointer);
  }
}
