package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What one attach wrote: the subject and, per layout, the manifest and tag; and what it had to
 * repair on the way.
 */
@API(status = STABLE, since = "0.1.0")
public final class AttachResult {
  private final String image;
  private final Digest subject;
  private final List<Entry> entries;
  private final List<String> notes;
  private final List<Digest> repaired;
  private final List<Removal> removed;

  AttachResult(String image, Digest subject, List<Entry> entries) {
    this(image, subject, entries, List.of(), List.of());
  }

  AttachResult(
      String image,
      Digest subject,
      List<Entry> entries,
      List<String> notes,
      List<Digest> repaired) {
    this(image, subject, entries, notes, repaired, List.of());
  }

  private AttachResult(
      String image,
      Digest subject,
      List<Entry> entries,
      List<String> notes,
      List<Digest> repaired,
      List<Removal> removed) {
    this.image = image;
    this.subject = subject;
    this.entries = List.copyOf(entries);
    this.notes = List.copyOf(notes);
    this.repaired = List.copyOf(repaired);
    this.removed = List.copyOf(removed);
  }

  /** The same result, with what a replacing attach removed and what to say about it. */
  AttachResult withRemoved(List<Removal> removed, List<String> moreNotes) {
    List<String> all = new java.util.ArrayList<>(notes);
    all.addAll(moreNotes);
    return new AttachResult(image, subject, entries, all, repaired, removed);
  }

  /** One layout's part of an attach. */
  public static final class Entry {
    private final AttachmentLayout layout;
    private final Digest manifest;
    private final @Nullable String tag;
    private final boolean added;

    Entry(AttachmentLayout layout, Digest manifest, @Nullable String tag, boolean added) {
      this.layout = layout;
      this.manifest = manifest;
      this.tag = tag;
      this.added = added;
    }

    /** The layout written. */
    public AttachmentLayout layout() {
      return layout;
    }

    /**
     * The manifest that holds the attestation: the referrer, or the {@code .att} image after the
     * append.
     */
    public Digest manifest() {
      return manifest;
    }

    /** The tag written: {@code sha256-<hex>.att}, or the referrer's own {@code .ref} tag. */
    public Optional<String> tag() {
      return Optional.ofNullable(tag);
    }

    /** False when the attestation was already there (attaching twice changes nothing). */
    public boolean added() {
      return added;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Entry)) {
        return false;
      }
      Entry e = (Entry) o;
      return layout == e.layout
          && manifest.equals(e.manifest)
          && Objects.equals(tag, e.tag)
          && added == e.added;
    }

    @Override
    public int hashCode() {
      return Objects.hash(layout, manifest, tag, added);
    }

    @Override
    public String toString() {
      return layout
          + " "
          + manifest
          + (tag == null ? "" : " tag " + tag)
          + (added ? "" : " (already present)");
    }
  }

  /** The image as given. */
  public String image() {
    return image;
  }

  /** The digest the attestation hangs off. */
  public Digest subject() {
    return subject;
  }

  /** One entry per layout, in the order asked for. */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * What the caller should know although the attach went through: that the tag written beside the
   * digest ({@code app:1.0@sha256:…}) names another image or is missing, and that the digest was
   * used; that a blob or manifest attach writes was already stored under its digest with other
   * bytes (or as something that is not a file) and was rewritten ({@link #repaired()}). Empty when
   * there is nothing to say.
   */
  public List<String> notes() {
    return notes;
  }

  /**
   * The digests of the blobs and manifests that were stored with other bytes than their digests say
   * and that this attach rewrote with the right ones, in the order met (layouts and memory; a
   * registry checks digests itself). An entry is never reported {@linkplain Entry#added() added} or
   * already present on top of a damaged blob: the blob is repaired first, or the attach fails.
   */
  public List<Digest> repaired() {
    return repaired;
  }

  /**
   * What {@link Attachments#attachReplacing} removed because the new attestation supersedes it (one
   * entry per layout); empty for a plain attach.
   */
  public List<Removal> removed() {
    return removed;
  }

  /** Whether a superseded manifest was left stored because the registry refused {@code DELETE}. */
  public boolean leftDangling() {
    return removed.stream().anyMatch(r -> r.outcome() == Removal.Outcome.LEFT_DANGLING);
  }

  @Override
  public String toString() {
    return "AttachResult["
        + image
        + " -> "
        + subject
        + " "
        + entries
        + (removed.isEmpty() ? "" : " removed " + removed)
        + (notes.isEmpty() ? "" : " notes " + notes)
        + "]";
  }
}
