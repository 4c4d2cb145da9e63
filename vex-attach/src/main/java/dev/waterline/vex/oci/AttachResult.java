package dev.waterline.vex.oci;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What one attach wrote: the subject and, per layout, the manifest and tag. */
public final class AttachResult {
  private final String image;
  private final Digest subject;
  private final List<Entry> entries;
  private final List<String> notes;

  AttachResult(String image, Digest subject, List<Entry> entries) {
    this(image, subject, entries, List.of());
  }

  AttachResult(String image, Digest subject, List<Entry> entries, List<String> notes) {
    this.image = image;
    this.subject = subject;
    this.entries = List.copyOf(entries);
    this.notes = List.copyOf(notes);
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
   * What the caller should know although the attach went through; today: that the tag written
   * beside the digest ({@code app:1.0@sha256:…}) names another image or is missing, and that the
   * digest was used. Empty when there is nothing to say.
   */
  public List<String> notes() {
    return notes;
  }

  @Override
  public String toString() {
    return "AttachResult["
        + image
        + " -> "
        + subject
        + " "
        + entries
        + (notes.isEmpty() ? "" : " notes " + notes)
        + "]";
  }
}
