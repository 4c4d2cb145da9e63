package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.VexException;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * VEX that was found but could not be read, and that the caller chose to go on without (the CLI's
 * {@code triage --vex-from IMAGE --ignore-unreadable}): an attestation whose bytes do not match
 * their digest, whose manifest or envelope does not parse, or whose layer is missing. The triage
 * report records each one (JSON {@code inputs.unreadable_vex}, a Markdown section), since the
 * decisions were made without whatever it said.
 *
 * <pre>{@code
 * Triage.of(report).vex(sources)
 *     .unreadableVex(UnreadableVex.of("registry.local/app:1.0", "sha256:…", "DIGEST_MISMATCH",
 *         "the blob sha256:… read from … has the digest sha256:…"))
 *     .run();
 * }</pre>
 *
 * @param origin where it was looked for: an image reference, a file
 * @param digest the digest of what could not be read (an attestation layer or manifest), or {@code
 *     ""} when none is known
 * @param reason why, as a short code (vex-attach's {@code UnreadableAttestation.Reason}: {@code
 *     DIGEST_MISMATCH}, {@code MISSING_BLOB}, {@code TOO_LARGE}, {@code MALFORMED_MANIFEST}, {@code
 *     MALFORMED_ATTESTATION}, {@code READ_FAILED})
 * @param message what was tried, what was found and where
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public record UnreadableVex(String origin, String digest, String reason, String message) {
  /** Checks for nulls and a blank origin or reason. */
  public UnreadableVex {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    if (origin.isBlank() || reason.isBlank()) {
      throw new VexException("the origin and reason of unreadable VEX must be given");
    }
  }

  /** The same as the canonical constructor. */
  public static UnreadableVex of(String origin, String digest, String reason, String message) {
    return new UnreadableVex(origin, digest, reason, message);
  }
}
