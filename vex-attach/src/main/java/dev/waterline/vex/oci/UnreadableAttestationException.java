package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Fetch found attestations it could not read ({@link FetchResult#requireReadable()}): the message
 * names the image, and the digest and reason of the first; {@link #unreadable()} has them all, and
 * {@link #digest()} is the first one's digest.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class UnreadableAttestationException extends OciException {
  private static final long serialVersionUID = 1L;

  private final transient List<UnreadableAttestation> unreadable;

  UnreadableAttestationException(String image, List<UnreadableAttestation> unreadable) {
    super(message(image, unreadable), image, firstDigest(unreadable), null, null);
    this.unreadable = List.copyOf(unreadable);
  }

  private static @Nullable String firstDigest(List<UnreadableAttestation> unreadable) {
    UnreadableAttestation first = unreadable.get(0);
    return first.digest().or(first::manifest).map(Digest::toString).orElse(null);
  }

  private static String message(String image, List<UnreadableAttestation> unreadable) {
    UnreadableAttestation first = unreadable.get(0);
    return image
        + ": "
        + (unreadable.size() == 1
            ? "an attestation"
            : unreadable.size() + " attestations, the first")
        + (first.digest().isPresent() ? " (" + first.digest().get() + ")" : "")
        + " could not be read ("
        + first.reason()
        + "): "
        + first.message();
  }

  /** The attestations that could not be read, in the order found. */
  public List<UnreadableAttestation> unreadable() {
    return unreadable;
  }
}
