package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * What a {@link Attachments#detach detach} or {@link Attachments#prune prune} took off an image,
 * and what the caller should know (a registry that refused {@code DELETE}, blobs left in a layout).
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class DetachResult {
  private final String image;
  private final Digest subject;
  private final List<Removal> removed;
  private final List<String> notes;

  DetachResult(String image, Digest subject, List<Removal> removed, List<String> notes) {
    this.image = image;
    this.subject = subject;
    this.removed = List.copyOf(removed);
    this.notes = List.copyOf(notes);
  }

  /** The image as given. */
  public String image() {
    return image;
  }

  /** Its digest. */
  public Digest subject() {
    return subject;
  }

  /** One entry per layout an attestation was removed from, in the order fetch found them. */
  public List<Removal> removed() {
    return removed;
  }

  /** Whether some manifest was left stored because the registry refused {@code DELETE}. */
  public boolean leftDangling() {
    return removed.stream().anyMatch(r -> r.outcome() == Removal.Outcome.LEFT_DANGLING);
  }

  /** What the caller should know although the removal went through; empty when nothing. */
  public List<String> notes() {
    return notes;
  }

  @Override
  public String toString() {
    return "DetachResult["
        + image
        + " -> "
        + subject
        + " removed "
        + removed
        + (notes.isEmpty() ? "" : " notes " + notes)
        + "]";
  }
}
