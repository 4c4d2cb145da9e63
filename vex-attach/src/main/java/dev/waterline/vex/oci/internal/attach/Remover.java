package dev.waterline.vex.oci.internal.attach;

import dev.waterline.vex.oci.AttachmentLayout;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.internal.store.OciStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes attestations from an image, in the order that keeps a half-done removal safe to run
 * again:
 *
 * <ol>
 *   <li>on a store that cannot lock or has no referrers query (a registry), a <b>removal marker</b>
 *       per referrer and {@code .att} layer ({@link ReferrersIndex#markRemoved}): from then on
 *       fetch leaves it out, whatever a concurrent writer puts back in the index or {@code .att};
 *   <li>the entries leave the fallback index (and any entries already marked);
 *   <li>the layers leave the {@code .att} manifest (and any layers already marked);
 *   <li>the referrer manifests are deleted where the store allows it; a registry that refuses keeps
 *       them, unlisted and marked (dangling). On a layout their {@code index.json} entries go; the
 *       blobs stay.
 * </ol>
 *
 * The {@code .ref} tag of a removed referrer goes with its manifest where the registry deletes (a
 * manifest delete drops the tags naming it); where it refuses, the tag stays and its removal marker
 * makes fetch skip it, so it is never unioned back into the index.
 */
public final class Remover {
  private final OciStore store;

  /** A remover over {@code store}. */
  public Remover(OciStore store) {
    this.store = store;
  }

  /**
   * One attestation to remove: a referrer manifest, or one layer of the {@code .att} manifest.
   *
   * @param layer the attestation layer (for {@code .att}, what is removed)
   */
  public record Target(AttachmentLayout layout, Digest subject, Digest manifest, Digest layer) {}

  /** What became of one removed attestation. */
  public enum State {
    /** The referrer manifest was deleted. */
    DELETED,
    /** The registry refused to delete it: unlisted and marked removed, but still stored. */
    LEFT_DANGLING,
    /** Its {@code index.json} entry is gone; its blobs stay in the layout. */
    UNLISTED,
    /** Its layer left the {@code .att} manifest, which was rewritten. */
    LAYER_REMOVED
  }

  /** One target and what became of it. */
  public record Done(Target target, State state) {}

  /** Everything a removal did, and what to say about it. */
  public record Outcome(List<Done> done, List<String> notes) {
    /** Copies the lists. */
    public Outcome {
      done = List.copyOf(done);
      notes = List.copyOf(notes);
    }
  }

  /** Whether this store needs removal markers (it cannot lock, or keeps referrers in tags). */
  public boolean marks() {
    return !store.locks() || !store.supportsReferrers();
  }

  /**
   * Removes {@code targets} and tidies {@code leftovers} (entries already marked removed that a
   * fetch found still listed).
   */
  public Outcome remove(List<Target> targets, List<Fetcher.Hidden> leftovers) {
    Map<Digest, List<Target>> bySubject = new LinkedHashMap<>();
    for (Target t : targets) {
      bySubject.computeIfAbsent(t.subject(), k -> new ArrayList<>()).add(t);
    }
    for (Fetcher.Hidden h : leftovers) {
      bySubject.computeIfAbsent(h.subject(), k -> new ArrayList<>());
    }
    boolean marks = marks();
    boolean layout = store.locks() && store.supportsReferrers();
    List<Done> done = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Set<Digest> refused = new LinkedHashSet<>();
    for (Map.Entry<Digest, List<Target>> e : bySubject.entrySet()) {
      Digest subject = e.getKey();
      Set<Digest> referrers = new LinkedHashSet<>();
      Set<Digest> layers = new LinkedHashSet<>();
      for (Target t : e.getValue()) {
        (t.layout() == AttachmentLayout.COSIGN_ATT_TAG ? layers : referrers)
            .add(t.layout() == AttachmentLayout.COSIGN_ATT_TAG ? t.layer() : t.manifest());
      }
      Set<Digest> staleEntries = new LinkedHashSet<>();
      Set<String> prefixes = new HashSet<>();
      for (Fetcher.Hidden h : leftovers) {
        if (h.subject().equals(subject)) {
          Digest d = h.layer() == null ? h.manifest() : h.layer();
          prefixes.add(d.hex().substring(0, 16));
          if (h.layer() == null) {
            staleEntries.add(h.manifest());
          }
        }
      }
      if (marks) {
        for (Digest d : concat(referrers, layers)) {
          ReferrersIndex.markRemoved(store, subject, d);
          prefixes.add(d.hex().substring(0, 16));
        }
      }
      if (!referrers.isEmpty() || !staleEntries.isEmpty()) {
        ReferrersIndex.remove(store, subject, concat(referrers, staleEntries), prefixes);
      }
      if (!layers.isEmpty() || leftovers.stream().anyMatch(h -> h.layer() != null)) {
        new Attacher(store, null).removeFromAtt(subject, layers, prefixes);
      }
      Set<Digest> unlisted = concat(referrers, staleEntries);
      if (!unlisted.isEmpty()) {
        for (Map.Entry<Digest, OciStore.Deletion> d : store.deleteManifests(unlisted).entrySet()) {
          if (d.getValue() == OciStore.Deletion.REFUSED && referrers.contains(d.getKey())) {
            refused.add(d.getKey());
          }
        }
      }
      for (Target t : e.getValue()) {
        State state;
        if (t.layout() == AttachmentLayout.COSIGN_ATT_TAG) {
          state = State.LAYER_REMOVED;
        } else if (layout) {
          state = State.UNLISTED;
        } else if (refused.contains(t.manifest())) {
          state = State.LEFT_DANGLING;
        } else {
          state = State.DELETED;
        }
        done.add(new Done(t, state));
      }
    }
    if (!refused.isEmpty()) {
      notes.add(
          store.describe()
              + " refused to delete "
              + refused.size()
              + " manifest(s) ("
              + String.join(", ", refused.stream().map(Digest::toString).toList())
              + "): they are no longer listed and carry removal markers, so fetch skips them, but"
              + " they stay stored (dangling) until the registry deletes them");
    }
    if (layout && done.stream().anyMatch(d -> d.state() != State.LAYER_REMOVED)) {
      notes.add(
          "the blobs of the removed referrers stay in "
              + store.describe()
              + " (blobs/): nothing lists them any more, and deleting blobs while another process"
              + " may be attaching the same bytes is not safe");
    }
    return new Outcome(done, notes);
  }

  private static Set<Digest> concat(Set<Digest> a, Set<Digest> b) {
    Set<Digest> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return out;
  }
}
