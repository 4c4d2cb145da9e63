package dev.waterline.vex.oci.internal.store;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.UnreadableAttestation;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A manifest a listing names that is there but cannot be read (see {@link ContentException}), so
 * whether it is an attestation, and of what, is unknown.
 *
 * @param digest the manifest's digest
 * @param reason why it cannot be read
 * @param message what was tried, what was found and where
 */
public record BrokenContent(
    @Nullable Digest digest, UnreadableAttestation.Reason reason, String message) {
  /** Checks for nulls. */
  public BrokenContent {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /** The same facts as {@code e}. */
  public static BrokenContent of(ContentException e) {
    return new BrokenContent(e.content().orElse(null), e.reason(), String.valueOf(e.getMessage()));
  }
}
