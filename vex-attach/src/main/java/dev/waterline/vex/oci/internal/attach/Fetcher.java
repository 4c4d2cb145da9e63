package dev.waterline.vex.oci.internal.attach;

import dev.waterline.vex.oci.AttachmentLayout;
import dev.waterline.vex.oci.AttestationKind;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.UnreadableAttestation;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.store.BrokenContent;
import dev.waterline.vex.oci.internal.store.ContentException;
import dev.waterline.vex.oci.internal.store.EntryException;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.Referrers;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds every attestation of an image in every layout: referrers (the store's query, the referrers
 * tag schema index and the per-referrer {@code .ref} tags, repairing the index when a tag shows an
 * entry missing), cosign's {@code .att} tag, and BuildKit attestation manifests in an image index —
 * for the digest asked for and, for an index, for each platform manifest.
 *
 * <p>What goes wrong on the way is one of two things, and they are kept apart:
 *
 * <ul>
 *   <li>an <b>entry that cannot be used</b> — an index entry Waterline cannot read (kept as it is),
 *       an entry whose manifest is gone, a referrer of another image, a BuildKit entry without its
 *       reference: skipped, with a {@link Problem} that has no {@link Failure};
 *   <li>an <b>attestation that cannot be read</b> — a manifest or layer whose bytes do not match
 *       their digest or break a limit, a manifest that does not parse or is not a manifest, a layer
 *       the manifest names that is missing, a listing (referrers index, referrers API, {@code .att}
 *       tag) that cannot be read: a {@link Problem} with a {@link Failure}, which fails the fetch.
 * </ul>
 *
 * Neither hides the other attestations.
 */
public final class Fetcher {
  private final OciStore store;
  private @Nullable List<String> tags;

  /** A fetcher over {@code store}. */
  public Fetcher(OciStore store) {
    this.store = store;
  }

  /** One attestation found: where, and its bytes (of the kind its media type says). */
  public record Found(
      AttachmentLayout layout,
      Digest subject,
      Digest manifest,
      Digest layer,
      String mediaType,
      AttestationKind kind,
      byte[] bytes,
      @Nullable String predicateTypeHint) {}

  /**
   * An attestation that could not be read: where it was looked for, what failed and why.
   *
   * @param subject the digest searched
   * @param layout the layout, unless a listing of several failed
   * @param manifest the attestation manifest, when known
   * @param digest what could not be read (layer, manifest, listing), when known
   * @param predicateType what the annotations say it is, when they say
   */
  public record Failure(
      Digest subject,
      @Nullable AttachmentLayout layout,
      @Nullable Digest manifest,
      @Nullable Digest digest,
      @Nullable String predicateType,
      UnreadableAttestation.Reason reason) {}

  /** What went wrong: a failure when {@code failure} is set, else a skipped entry or a note. */
  public record Problem(String message, @Nullable Failure failure) {}

  /**
   * Something still listed although its removal marker ({@code .rm} tag) says it was removed: an
   * entry of the fallback index, or a layer of the {@code .att} manifest. Fetch leaves it out; a
   * later detach, prune or replace tidies it away.
   *
   * @param layer the {@code .att} layer, or null for an index entry
   */
  public record Hidden(
      Digest subject, @Nullable AttachmentLayout layout, Digest manifest, @Nullable Digest layer) {}

  /** Everything found for one image. */
  public record Result(
      StoredManifest image,
      List<Found> found,
      List<Problem> problems,
      List<Hidden> hidden,
      Map<Digest, Set<String>> removed) {
    /** Copies the lists. */
    public Result {
      found = List.copyOf(found);
      problems = List.copyOf(problems);
      hidden = List.copyOf(hidden);
      removed = Map.copyOf(removed);
    }

    /** Whether {@code d} carries a removal marker for {@code subject}. */
    public boolean removed(Digest subject, Digest d) {
      return ReferrersIndex.removed(d, removed.getOrDefault(subject, Set.of()));
    }
  }

  /** Where the walk is: the subject searched and the problems so far (said once each). */
  private static final class Walk {
    final List<Found> found = new ArrayList<>();
    final Map<String, Problem> problems = new LinkedHashMap<>();
    final Set<String> seen = new HashSet<>();
    final List<Hidden> hidden = new ArrayList<>();
    final Map<Digest, Set<String>> removed = new LinkedHashMap<>();

    void skipped(String message) {
      problems.putIfAbsent(message, new Problem(message, null));
    }

    void failed(String message, Failure failure) {
      Problem old = problems.get(message);
      if (old == null || old.failure() == null) {
        problems.put(message, new Problem(message, failure));
      }
    }
  }

  /** Fetches for the image {@code target} (a tag or digest) in the store. */
  public Result fetch(StoredManifest image) {
    Walk walk = new Walk();
    Set<Digest> subjects = new LinkedHashSet<>();
    subjects.add(image.digest());
    if (image.isIndex()) {
      ImageIndex index =
          OciJson.parseIndexKeepingUnreadable(
              image.bytes(),
              "the image index " + image.digest() + " in " + store.describe(),
              image.digest());
      unreadable(index, walk);
      for (Descriptor entry : index.manifests()) {
        Optional<String> type = entry.annotation(MediaTypes.ANNOTATION_DOCKER_REFERENCE_TYPE);
        if (type.isPresent()) {
          if (type.get().equals(MediaTypes.DOCKER_REFERENCE_TYPE_ATTESTATION)) {
            buildKit(entry, walk);
          }
        } else if (isManifestType(entry.mediaType())) {
          subjects.add(entry.digest());
        }
      }
    }
    for (Digest subject : subjects) {
      referrers(subject, walk);
      att(subject, walk);
    }
    // the same problem (an unreadable index.json entry, say) is met once per subject: said once
    return new Result(
        image, walk.found, List.copyOf(walk.problems.values()), walk.hidden, walk.removed);
  }

  private static void unreadable(ImageIndex index, Walk walk) {
    for (ImageIndex.Unreadable u : index.unreadable()) {
      walk.skipped(u.problem() + "; that entry is skipped (and kept as it is)");
    }
  }

  private static boolean isManifestType(String mt) {
    return mt.equals(MediaTypes.OCI_MANIFEST)
        || mt.equals(MediaTypes.DOCKER_MANIFEST)
        || mt.equals(MediaTypes.OCI_INDEX)
        || mt.equals(MediaTypes.DOCKER_MANIFEST_LIST);
  }

  private void buildKit(Descriptor entry, Walk walk) {
    String ref = entry.annotation(MediaTypes.ANNOTATION_DOCKER_REFERENCE_DIGEST).orElse("");
    if (!Digest.isDigest(ref)) {
      walk.skipped(
          "the BuildKit attestation manifest "
              + entry.digest()
              + " in "
              + store.describe()
              + " has no valid "
              + MediaTypes.ANNOTATION_DOCKER_REFERENCE_DIGEST
              + " (\""
              + ref
              + "\"); skipped");
      return;
    }
    readManifest(
        entry.digest(),
        Digest.parse(ref),
        AttachmentLayout.BUILDKIT_ATTESTATION_MANIFEST,
        false,
        "the image index lists",
        walk);
  }

  private void referrers(Digest subject, Walk walk) {
    Map<Digest, Descriptor> listed = new LinkedHashMap<>();
    if (store.supportsReferrers()) {
      try {
        store
            .referrers(subject)
            .ifPresent(
                l -> {
                  l.referrers().forEach(d -> listed.putIfAbsent(d.digest(), d));
                  l.problems().forEach(walk::skipped);
                  for (BrokenContent b : l.broken()) {
                    walk.failed(
                        b.message()
                            + " (it is listed without a tag, so it may be an attestation of this"
                            + " image)",
                        new Failure(subject, null, b.digest(), b.digest(), null, b.reason()));
                  }
                });
      } catch (OciException e) {
        failed(
            subject,
            null,
            null,
            null,
            null,
            e,
            "listing the referrers of " + subject + " failed: ",
            walk);
      }
    }
    Optional<StoredManifest> fallback = Optional.empty();
    Set<Digest> fromIndex = new HashSet<>();
    try {
      fallback = store.manifest(subject.referrersTag());
    } catch (EntryException e) {
      walk.skipped(String.valueOf(e.getMessage()));
    } catch (OciException e) {
      failed(subject, null, null, null, null, e, walk);
    }
    if (fallback.isPresent()) {
      try {
        ImageIndex index = ReferrersIndex.parse(store, subject, fallback.get());
        for (Descriptor d : index.manifests()) {
          fromIndex.add(d.digest());
          listed.putIfAbsent(d.digest(), d);
        }
        unreadable(index, walk);
      } catch (OciException e) {
        Digest d = fallback.get().digest();
        walk.failed(
            e.getMessage() + " (so the referrers it should list cannot be read)",
            new Failure(
                subject, null, d, d, null, UnreadableAttestation.Reason.MALFORMED_MANIFEST));
      }
    }
    // what removal markers say is gone: left out, whoever still lists it (read after the index,
    // so that the tag list is read where it always was)
    Set<String> removed = ReferrersIndex.removedPrefixes(subject, tags());
    walk.removed.put(subject, removed);
    for (java.util.Iterator<Descriptor> it = listed.values().iterator(); it.hasNext(); ) {
      Descriptor d = it.next();
      if (ReferrersIndex.removed(d.digest(), removed)) {
        if (fromIndex.contains(d.digest())) {
          walk.hidden.add(new Hidden(subject, layoutOf(d), d.digest(), null));
        }
        it.remove();
      }
    }
    List<Descriptor> missingFromIndex = new ArrayList<>();
    for (String hex : ReferrersIndex.taggedPrefixes(subject, tags())) {
      if (removed.contains(hex)
          || listed.keySet().stream().anyMatch(d -> d.hex().startsWith(hex))) {
        continue; // listed already, or removed (its marker outlives the tag where deletes fail)
      }
      String tag = subject.referrersTag() + "." + hex + ".ref";
      Optional<StoredManifest> m;
      try {
        m = store.manifest(tag);
      } catch (EntryException e) {
        walk.skipped(String.valueOf(e.getMessage()));
        continue;
      } catch (OciException e) {
        failed(subject, null, null, null, null, e, walk);
        continue;
      }
      if (m.isEmpty()) {
        continue;
      }
      Optional<Referrers.Referrer> r;
      try {
        r = Referrers.of(m.get(), store.describe());
      } catch (OciException e) {
        walk.failed(
            "the tag "
                + tag
                + " in "
                + store.describe()
                + " holds "
                + m.get().digest()
                + ", which cannot be read: "
                + e.getMessage(),
            new Failure(
                subject,
                null,
                m.get().digest(),
                m.get().digest(),
                null,
                UnreadableAttestation.Reason.MALFORMED_MANIFEST));
        continue;
      }
      if (r.isEmpty() || !r.get().subject().equals(subject)) {
        walk.skipped(
            "the tag "
                + tag
                + " in "
                + store.describe()
                + " holds "
                + m.get().digest()
                + ", which is not a referrer of "
                + subject
                + "; skipped");
        continue;
      }
      listed.put(m.get().digest(), r.get().descriptor());
      missingFromIndex.add(r.get().descriptor());
    }
    if (!missingFromIndex.isEmpty() && !store.supportsReferrers()) {
      try {
        ReferrersIndex.add(store, subject, missingFromIndex);
      } catch (OciException e) {
        walk.skipped("could not repair the referrers index of " + subject + ": " + e.getMessage());
      }
    }
    for (Descriptor d : listed.values()) {
      AttachmentLayout layout = layoutOf(d);
      if (layout == null) {
        continue; // signatures, SBOMs and other artifacts: not attestations we read
      }
      readManifest(
          d.digest(), subject, layout, true, "the referrers of " + subject + " list", walk);
    }
  }

  /** The layout a referrer's artifact type says, or null for what is no attestation we read. */
  private static @Nullable AttachmentLayout layoutOf(Descriptor d) {
    String at = d.artifactType().orElse("");
    if (at.startsWith(MediaTypes.SIGSTORE_BUNDLE_PREFIX)) {
      return AttachmentLayout.SIGSTORE_BUNDLE_REFERRER;
    } else if (at.equals(MediaTypes.IN_TOTO)) {
      return AttachmentLayout.STATEMENT_REFERRER;
    } else if (at.equals(MediaTypes.DSSE_ENVELOPE)) {
      return AttachmentLayout.DSSE_REFERRER;
    } else if (at.equals(MediaTypes.DOCKER_ATTESTATION_MANIFEST)) {
      return AttachmentLayout.BUILDKIT_ATTESTATION_MANIFEST;
    }
    return null;
  }

  private void att(Digest subject, Walk walk) {
    String tag = Attacher.attTag(subject);
    try {
      Optional<StoredManifest> m = store.manifest(tag);
      if (m.isEmpty()) {
        return;
      }
      if (!m.get().isManifest()) {
        walk.failed(
            "the tag "
                + tag
                + " in "
                + store.describe()
                + " holds a "
                + m.get().mediaType()
                + " ("
                + m.get().digest()
                + "), not cosign's attestation image, so the attestations it should hold cannot"
                + " be read",
            new Failure(
                subject,
                AttachmentLayout.COSIGN_ATT_TAG,
                m.get().digest(),
                m.get().digest(),
                null,
                UnreadableAttestation.Reason.MALFORMED_MANIFEST));
        return;
      }
      readManifest(
          m.get().digest(),
          subject,
          AttachmentLayout.COSIGN_ATT_TAG,
          false,
          "the tag " + tag + " names",
          walk);
    } catch (EntryException e) {
      walk.skipped(String.valueOf(e.getMessage()));
    } catch (OciException e) {
      failed(subject, AttachmentLayout.COSIGN_ATT_TAG, null, null, null, e, walk);
    }
  }

  private void readManifest(
      Digest digest,
      Digest subject,
      AttachmentLayout layout,
      boolean checkSubject,
      String listedBy,
      Walk walk) {
    Optional<StoredManifest> stored;
    try {
      stored = store.manifest(digest.toString());
    } catch (EntryException e) {
      walk.skipped(String.valueOf(e.getMessage()));
      return;
    } catch (OciException e) {
      failed(subject, layout, digest, digest, null, e, walk);
      return;
    }
    if (stored.isEmpty()) {
      walk.skipped(
          listedBy
              + " the manifest "
              + digest
              + ", which is missing in "
              + store.describe()
              + "; skipped");
      return;
    }
    if (!stored.get().isManifest()) {
      walk.failed(
          listedBy
              + " "
              + digest
              + ", a "
              + stored.get().mediaType()
              + ", not an image manifest, so the attestation it should hold cannot be read",
          new Failure(
              subject,
              layout,
              digest,
              digest,
              null,
              UnreadableAttestation.Reason.MALFORMED_MANIFEST));
      return;
    }
    ImageManifest m;
    try {
      m =
          OciJson.parseManifest(
              stored.get().bytes(),
              "the attestation manifest " + digest + " in " + store.describe(),
              digest);
    } catch (OciException e) {
      walk.failed(
          String.valueOf(e.getMessage()),
          new Failure(
              subject,
              layout,
              digest,
              digest,
              null,
              UnreadableAttestation.Reason.MALFORMED_MANIFEST));
      return;
    }
    if (checkSubject && (m.subject() == null || !m.subject().digest().equals(subject))) {
      walk.skipped(
          listedBy
              + " "
              + digest
              + ", but its subject is "
              + (m.subject() == null ? "missing" : m.subject().digest().toString())
              + "; skipped");
      return;
    }
    Set<String> removed = walk.removed.getOrDefault(subject, Set.of());
    for (Descriptor layer : m.layers()) {
      if (layout == AttachmentLayout.COSIGN_ATT_TAG
          && ReferrersIndex.removed(layer.digest(), removed)) {
        walk.hidden.add(new Hidden(subject, layout, digest, layer.digest()));
        continue;
      }
      AttestationKind kind = kindOf(layer.mediaType());
      if (kind == null || !walk.seen.add(digest + "/" + layer.digest())) {
        continue;
      }
      String hint = predicateType(m, layer);
      Optional<byte[]> bytes;
      try {
        bytes = store.blob(layer.digest());
      } catch (OciException e) {
        failed(subject, layout, digest, layer.digest(), hint, e, walk);
        continue;
      }
      if (bytes.isEmpty()) {
        walk.failed(
            "the layer "
                + layer.digest()
                + " of "
                + digest
                + " ("
                + layout
                + ") is missing in "
                + store.describe()
                + ", so the attestation it holds cannot be read",
            new Failure(
                subject,
                layout,
                digest,
                layer.digest(),
                hint,
                UnreadableAttestation.Reason.MISSING_BLOB));
        continue;
      }
      walk.found.add(
          new Found(
              layout, subject, digest, layer.digest(), layer.mediaType(), kind, bytes.get(), hint));
    }
  }

  private static void failed(
      Digest subject,
      @Nullable AttachmentLayout layout,
      @Nullable Digest manifest,
      @Nullable Digest digest,
      @Nullable String hint,
      OciException e,
      Walk walk) {
    failed(subject, layout, manifest, digest, hint, e, "", walk);
  }

  /**
   * Records {@code e}, met reading an attestation or its listing, as a failure: with the reason a
   * store gives ({@link ContentException}), else {@code READ_FAILED}, which is also what a
   * registry's refusal or a digest mismatch seen by the registry store is today.
   */
  private static void failed(
      Digest subject,
      @Nullable AttachmentLayout layout,
      @Nullable Digest manifest,
      @Nullable Digest digest,
      @Nullable String hint,
      OciException e,
      String prefix,
      Walk walk) {
    UnreadableAttestation.Reason reason = UnreadableAttestation.Reason.READ_FAILED;
    Digest what = digest;
    if (e instanceof ContentException) {
      ContentException c = (ContentException) e;
      reason = c.reason();
      what = c.content().orElse(digest);
    } else if (what == null && e.digest().filter(Digest::isDigest).isPresent()) {
      what = Digest.parse(e.digest().get());
    }
    walk.failed(
        prefix + e.getMessage(), new Failure(subject, layout, manifest, what, hint, reason));
  }

  /** The predicate type the annotations give a layer (cosign, in-toto) or its manifest (bundle). */
  private static @Nullable String predicateType(ImageManifest m, Descriptor layer) {
    for (String key :
        List.of(
            MediaTypes.ANNOTATION_COSIGN_PREDICATE_TYPE,
            MediaTypes.ANNOTATION_IN_TOTO_PREDICATE_TYPE)) {
      Optional<String> v = layer.annotation(key);
      if (v.isPresent()) {
        return v.get();
      }
    }
    for (String key :
        List.of(
            MediaTypes.ANNOTATION_BUNDLE_PREDICATE_TYPE,
            MediaTypes.ANNOTATION_IN_TOTO_PREDICATE_TYPE)) {
      String v = m.annotations().get(key);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static @Nullable AttestationKind kindOf(String layerType) {
    if (layerType.startsWith(MediaTypes.SIGSTORE_BUNDLE_PREFIX)) {
      return AttestationKind.SIGSTORE_BUNDLE;
    }
    if (layerType.equals(MediaTypes.DSSE_ENVELOPE)) {
      return AttestationKind.DSSE_ENVELOPE;
    }
    if (layerType.equals(MediaTypes.IN_TOTO)) {
      return AttestationKind.IN_TOTO_STATEMENT;
    }
    return null;
  }

  private List<String> tags() {
    if (tags == null) {
      tags = store.tags();
    }
    return tags;
  }
}
