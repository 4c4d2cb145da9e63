package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.oci.internal.attach.Attacher;
import dev.waterline.vex.oci.internal.attach.Fetcher;
import dev.waterline.vex.oci.internal.attach.ReferrersIndex;
import dev.waterline.vex.oci.internal.attach.Remover;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.sign.DsseEnvelope;
import dev.waterline.vex.sign.SigstoreBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Attach attestations to images and fetch them back, in every layout (see {@link
 * AttachmentLayout}).
 *
 * <pre>{@code
 * var layout = OciLayout.open(Path.of("/tmp/demo"));    // an image tagged 1.0 in it
 * var vex = Attachments.on(layout);
 * vex.attach("1.0", Attestation.read(Path.of("vex.sigstore.json")));   // bundle referrer + .att
 * vex.fetch("1.0").openVex();                                          // what is attached
 * }</pre>
 *
 * <p>An image is named by a tag, a digest ({@code sha256:…}), {@code TAG@DIGEST} or an {@code
 * oci:PATH[:TAG][@DIGEST]} reference to the same layout. With a tag and a digest the digest names
 * the image (as in Docker); when the tag names something else (neither that digest nor an index
 * listing it) or is missing, the attach or fetch still uses the digest and says so ({@link
 * AttachResult#notes()}, {@link FetchResult#problems()}). Attaching the same attestation twice adds
 * nothing. Fetch looks at the digest named and, for an image index, at each platform manifest too.
 */
@API(status = STABLE, since = "0.1.0")
public final class Attachments {
  private final OciStore store;
  private final @Nullable Path layoutPath;
  private final @Nullable Instant created;
  private final boolean checkSubject;

  private Attachments(
      OciStore store, @Nullable Path layoutPath, @Nullable Instant created, boolean checkSubject) {
    this.store = store;
    this.layoutPath = layoutPath;
    this.created = created;
    this.checkSubject = checkSubject;
  }

  /** Attachments to the images of an OCI layout. */
  public static Attachments on(OciLayout layout) {
    return new Attachments(layout.store(), layout.path(), null, true);
  }

  /**
   * Attachments to the images of the OCI layout an {@code oci:PATH[:TAG|@DIGEST]} reference names
   * (it must exist).
   */
  public static Attachments on(ImageReference layoutReference) {
    return on(OciLayout.open(layoutReference));
  }

  /** Attachments over any store (for the stores of this module and its tests). */
  static Attachments on(OciStore store) {
    return new Attachments(store, null, null, true);
  }

  /**
   * The same, stamping referrers with {@code org.opencontainers.image.created} (cosign does). The
   * time becomes part of the referrer's digest: attaching again with another time adds a second
   * referrer, so leave it unset (the default) where re-runs should change nothing.
   */
  public Attachments withCreated(Instant created) {
    return new Attachments(
        store, layoutPath, Objects.requireNonNull(created, "created"), checkSubject);
  }

  /**
   * The same, without checking that the statement names the image's digest as a subject. By default
   * attaching refuses a statement about another digest: cosign and vex-sign reject it on
   * verification, so it is almost always the wrong image or the wrong platform.
   */
  public Attachments withoutSubjectCheck() {
    return new Attachments(store, layoutPath, created, false);
  }

  /**
   * The layouts used when none are named: a bundle goes to a bundle referrer and to cosign's {@code
   * .att} tag (DESIGN's default), an envelope to {@code .att}, a bare statement to a statement
   * referrer.
   */
  public static List<AttachmentLayout> defaultLayouts(AttestationKind kind) {
    switch (kind) {
      case SIGSTORE_BUNDLE:
        return List.of(AttachmentLayout.SIGSTORE_BUNDLE_REFERRER, AttachmentLayout.COSIGN_ATT_TAG);
      case DSSE_ENVELOPE:
        return List.of(AttachmentLayout.COSIGN_ATT_TAG);
      default:
        return List.of(AttachmentLayout.STATEMENT_REFERRER);
    }
  }

  /**
   * Attaches {@code attestation} to {@code image} in {@code layouts} (none: {@link
   * #defaultLayouts}).
   *
   * @throws OciException if the image is not there, or a layout cannot hold this kind of
   *     attestation (a bundle referrer needs a v0.3 bundle, {@code .att} an envelope or a bundle, a
   *     statement referrer a bare statement)
   */
  public AttachResult attach(String image, Attestation attestation, AttachmentLayout... layouts) {
    Objects.requireNonNull(attestation, "attestation");
    return store.operation(() -> attachInOperation(image, attestation, layouts));
  }

  private AttachResult attachInOperation(
      String image, Attestation attestation, AttachmentLayout... layouts) {
    List<AttachmentLayout> chosen =
        layouts.length == 0 ? defaultLayouts(attestation.kind()) : List.of(layouts);
    Attacher attacher = new Attacher(store, created);
    ImageTarget target = target(image);
    StoredManifest subject = resolve(attacher, target, image);
    if (checkSubject && !attestation.subjects().contains(subject.digest())) {
      throw new OciException(
          "cannot attach "
              + attestation
              + " to "
              + image
              + " ("
              + subject.digest()
              + "): the statement's subjects are "
              + attestation.subjects()
              + ", so verifiers would reject it there; attach it to the digest it names, or turn"
              + " the check off (withoutSubjectCheck(), waterline attach --no-subject-check)",
          image,
          subject.digest().toString(),
          null,
          null);
    }
    List<AttachResult.Entry> entries = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<Digest> repaired = new ArrayList<>();
    target.disagreement(store, image, subject.digest()).ifPresent(notes::add);
    for (Attacher.Written w : attacher.attach(subject, attestation, chosen)) {
      entries.add(new AttachResult.Entry(w.layout(), w.manifest(), w.tag(), w.added()));
      for (Attacher.Repair r : w.repairs()) {
        if (!repaired.contains(r.digest())) {
          repaired.add(r.digest());
          notes.add(r.note());
        }
      }
    }
    notes.replaceAll(n -> store.scrub(n)); // a disagreement may quote what a registry sent
    return new AttachResult(image, subject.digest(), entries, notes, repaired);
  }

  private StoredManifest resolve(Attacher attacher, ImageTarget target, String image) {
    try {
      return attacher.resolve(target.ref());
    } catch (OciException e) {
      throw target.notFound(store, image, e);
    }
  }

  /** Attaches a DSSE envelope signed with vex-sign (default: {@code .att}). */
  public AttachResult attach(String image, DsseEnvelope envelope, AttachmentLayout... layouts) {
    return attach(image, Attestation.of(envelope), layouts);
  }

  /** Attaches a Sigstore bundle (default: bundle referrer and {@code .att}). */
  public AttachResult attach(String image, SigstoreBundle bundle, AttachmentLayout... layouts) {
    return attach(image, Attestation.of(bundle), layouts);
  }

  /** {@link #attach(String, Attestation, AttachmentLayout...)} with a parsed reference. */
  public AttachResult attach(
      ImageReference image, Attestation attestation, AttachmentLayout... layouts) {
    return attach(image.toString(), attestation, layouts);
  }

  /**
   * The tags of images in this repository or layout: every tag but the attestation, signature and
   * fallback-index tags ({@code sha256-…}), in the order the store lists them.
   */
  public List<String> imageTags() {
    return store.tags().stream()
        .filter(t -> !t.startsWith("sha256-") && !t.startsWith("sha512-"))
        .collect(Collectors.toList());
  }

  /**
   * Every attestation of {@code image}, in every layout; those found but not readable ({@link
   * FetchResult#unreadable()}) and what was skipped on the way ({@link FetchResult#warnings()}).
   */
  public FetchResult fetch(String image) {
    return store.operation(() -> fetchInOperation(image));
  }

  private FetchResult fetchInOperation(String image) {
    return fetched(image).result();
  }

  /** What a fetch found, and what it left out because it is marked removed. */
  private record Fetched(FetchResult result, Fetcher.Result raw) {}

  private Fetched fetched(String image) {
    ImageTarget target = target(image);
    StoredManifest subject = resolve(new Attacher(store, null), target, image);
    Fetcher.Result r = new Fetcher(store).fetch(subject);
    List<FetchedAttestation> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<UnreadableAttestation> unreadable = new ArrayList<>();
    target
        .disagreement(store, image, subject.digest())
        .ifPresent(
            w -> {
              problems.add(store.scrub(w));
              warnings.add(store.scrub(w));
            });
    for (Fetcher.Problem p : r.problems()) {
      // Problems may quote what a registry sent: scrubbed before they reach any message.
      String message = store.scrub(p.message());
      problems.add(message);
      Fetcher.Failure f = p.failure();
      if (f == null) {
        warnings.add(message);
      } else {
        unreadable.add(
            new UnreadableAttestation(
                f.subject(),
                f.layout(),
                f.manifest(),
                f.digest(),
                f.predicateType(),
                f.reason(),
                message));
      }
    }
    for (Fetcher.Found f : r.found()) {
      String what =
          "the layer "
              + f.layer()
              + " of "
              + f.manifest()
              + " ("
              + f.layout()
              + ") in "
              + store.describe();
      try {
        out.add(
            new FetchedAttestation(
                f.layout(),
                f.subject(),
                f.manifest(),
                f.layer(),
                f.mediaType(),
                Attestation.inspect(f.bytes(), what, f.kind())));
      } catch (OciException e) {
        String message = store.scrub(String.valueOf(e.getMessage()));
        problems.add(message);
        unreadable.add(
            new UnreadableAttestation(
                f.subject(),
                f.layout(),
                f.manifest(),
                f.layer(),
                f.predicateTypeHint(),
                UnreadableAttestation.Reason.MALFORMED_ATTESTATION,
                message));
      }
    }
    return new Fetched(
        new FetchResult(image, subject.digest(), out, problems, warnings, unreadable), r);
  }

  /**
   * Attaches {@code attestation} like {@link #attach(String, Attestation, AttachmentLayout...)},
   * then removes the attestations of the same image that it supersedes: OpenVEX documents with the
   * same {@code @id} and a {@code version} not higher, or with the same author and the same
   * products and a time not later. Each goes from every layout it is in (referrer, fallback index
   * entry, {@code .ref} tag, {@code .att} layer; see {@link #detach}). Attach first, remove second:
   * interrupted, both are there, and running it again finishes the job. {@link
   * AttachResult#removed()} lists what went; a registry that refuses {@code DELETE} leaves the old
   * manifests stored and unlisted ({@link AttachResult#leftDangling()}, and a note says so).
   *
   * <p>Costs the attach, one fetch (a constant plus 2 requests per attestation) and the removals
   * (see {@link #detach}).
   *
   * @throws OciException as attach does, or when this very attestation was detached before from a
   *     registry that refuses {@code DELETE} (its removal marker cannot be lifted: attach a copy
   *     signed again)
   */
  public AttachResult attachReplacing(
      String image, Attestation attestation, AttachmentLayout... layouts) {
    Objects.requireNonNull(attestation, "attestation");
    return store.operation(
        () -> {
          AttachResult attached = attachInOperation(image, attestation, layouts);
          Fetched f = fetched(image);
          List<String> notes = new ArrayList<>(revive(attached, attestation, f.raw()));
          if (!notes.isEmpty()) {
            f = fetched(image);
          }
          List<Supersession.Unit> units = Supersession.units(f.result().attestations());
          Digest key = Supersession.key(attestation);
          Supersession.Unit latest =
              units.stream()
                  .filter(u -> u.key().equals(key) && u.subject().equals(attached.subject()))
                  .findFirst()
                  .orElse(null);
          List<Removal> removed = new ArrayList<>();
          if (latest != null) {
            removed.addAll(remove(Supersession.supersededBy(units, latest), f.raw(), notes));
          } else if (!f.raw().hidden().isEmpty()) {
            removed.addAll(remove(List.of(), f.raw(), notes));
          }
          notes.replaceAll(store::scrub);
          return attached.withRemoved(removed, notes);
        });
  }

  /** {@link #attachReplacing(String, Attestation, AttachmentLayout...)} with a parsed reference. */
  public AttachResult attachReplacing(
      ImageReference image, Attestation attestation, AttachmentLayout... layouts) {
    return attachReplacing(image.toString(), attestation, layouts);
  }

  /**
   * Lifts the removal markers of what was just attached, when it was detached before: a marker
   * would hide it from fetch. A registry deletes the marker's manifest, and its tag with it.
   */
  private List<String> revive(AttachResult attached, Attestation att, Fetcher.Result raw) {
    List<String> notes = new ArrayList<>();
    List<Digest> marked = new ArrayList<>();
    for (AttachResult.Entry e : attached.entries()) {
      Digest d =
          e.layout() == AttachmentLayout.COSIGN_ATT_TAG
              ? Digest.of(att.envelope().orElseThrow())
              : e.manifest();
      if (raw.removed(attached.subject(), d)) {
        marked.add(d);
      }
    }
    for (Digest d : marked) {
      String tag = ReferrersIndex.removedTag(attached.subject(), d);
      Optional<StoredManifest> marker = store.manifest(tag);
      if (marker.isEmpty()) {
        continue;
      }
      if (store.deleteManifest(marker.get().digest()) == OciStore.Deletion.REFUSED) {
        throw new OciException(
            att
                + " was detached from "
                + attached.image()
                + " before, and "
                + store.describe()
                + " refuses DELETE, so its removal marker "
                + tag
                + " cannot be lifted and fetch would keep hiding it; attach a copy signed again"
                + " (other bytes) instead",
            attached.image(),
            d.toString(),
            null,
            null);
      }
      notes.add(d + " had been detached from " + attached.image() + " before: attached again");
    }
    return notes;
  }

  /**
   * Removes the attestation {@code digest} from {@code image}: a referrer manifest digest, or an
   * attestation's own digest (a layer, as {@link FetchedAttestation#layer()} gives it). It goes
   * from every layout it is in: the referrer (deleted where the registry allows {@code DELETE},
   * with its {@code .ref} tag), its fallback index entry, and its layer in cosign's {@code .att}
   * manifest (rewritten without it). On a registry, a removal marker tag ({@code sha256-<image
   * hex>.<16 hex>.rm}) is written first, so that a concurrent writer who puts an old index or
   * {@code .att} back cannot bring it back into a fetch, and so that a registry refusing {@code
   * DELETE} (405, {@code UNSUPPORTED}) leaves only an unlisted, dangling manifest. On a layout, the
   * {@code index.json} entries go and the blobs stay. Entries already marked removed that a fetch
   * still saw listed (an interrupted removal) are tidied away on the way.
   *
   * <p>Requests on a registry without the referrers API: a fetch (a constant plus 2 per
   * attestation), then per removed attestation 2 for the marker (per referrer and {@code .att}
   * layer), 3 for the fallback index (GET, PUT, read-back), 5 for {@code .att} (GET, config GET and
   * PUT, PUT, read-back) and 1 {@code DELETE} per referrer.
   *
   * @return what was removed; empty (with a note) when nothing attached has that digest
   * @throws OciException when {@code digest} names cosign's {@code .att} manifest, which holds
   *     several attestations (name one by its layer digest), or the image is not there
   */
  public DetachResult detach(String image, Digest digest) {
    Objects.requireNonNull(digest, "digest");
    return store.operation(
        () -> {
          Fetched f = fetched(image);
          List<Supersession.Unit> units = Supersession.units(f.result().attestations());
          List<Supersession.Unit> chosen = new ArrayList<>();
          for (Supersession.Unit u : units) {
            boolean names =
                u.key().equals(digest)
                    || u.parts().stream()
                        .anyMatch(
                            p ->
                                p.layer().equals(digest)
                                    || (p.manifest().equals(digest)
                                        && p.layout() != AttachmentLayout.COSIGN_ATT_TAG));
            if (names) {
              chosen.add(u);
            }
          }
          if (chosen.isEmpty()
              && f.result().attestations().stream()
                  .anyMatch(
                      p ->
                          p.layout() == AttachmentLayout.COSIGN_ATT_TAG
                              && p.manifest().equals(digest))) {
            throw new OciException(
                digest
                    + " is cosign's .att manifest of "
                    + image
                    + ", which holds several attestations; name one by its layer digest (fetch"
                    + " lists them)",
                image,
                digest.toString(),
                null,
                null);
          }
          List<String> notes = new ArrayList<>();
          List<Removal> removed = remove(chosen, f.raw(), notes);
          if (chosen.isEmpty()) {
            notes.add("nothing attached to " + image + " has the digest " + digest);
          }
          notes.replaceAll(store::scrub);
          return new DetachResult(image, f.result().digest(), removed, notes);
        });
  }

  /** {@link #detach(String, Digest)} with a parsed reference. */
  public DetachResult detach(ImageReference image, Digest digest) {
    return detach(image.toString(), digest);
  }

  /**
   * Removes the superseded OpenVEX attestations of {@code image}: those with the same {@code @id}
   * as another attached to the same digest with a higher {@code version} (each removed as {@link
   * #detach} does). Attestations that are not OpenVEX, or cannot be read, are never touched; nor
   * are BuildKit attestation manifests (part of the image index). Running it again changes nothing.
   */
  public DetachResult prune(String image) {
    return prune(image, false);
  }

  /**
   * Keeps only the newest OpenVEX attestation of each document identity on {@code image}: the same
   * {@code @id}, or the same author and the same products; newest by {@code last_updated} (else
   * {@code timestamp}), then {@code version}. Otherwise as {@link #prune(String)}.
   */
  public DetachResult pruneKeepingLatest(String image) {
    return prune(image, true);
  }

  private DetachResult prune(String image, boolean keepLatest) {
    return store.operation(
        () -> {
          Fetched f = fetched(image);
          List<Supersession.Unit> units = Supersession.units(f.result().attestations());
          List<String> notes = new ArrayList<>();
          List<Removal> removed =
              remove(Supersession.superseded(units, keepLatest), f.raw(), notes);
          notes.replaceAll(store::scrub);
          return new DetachResult(image, f.result().digest(), removed, notes);
        });
  }

  /** Removes {@code units} (and tidies what the fetch found marked but listed). */
  private List<Removal> remove(
      List<Supersession.Unit> units, Fetcher.Result raw, List<String> notes) {
    List<Remover.Target> targets = new ArrayList<>();
    Map<Remover.Target, FetchedAttestation> parts = new LinkedHashMap<>();
    Map<Remover.Target, Supersession.Unit> owners = new LinkedHashMap<>();
    boolean buildKit = false;
    for (Supersession.Unit u : units) {
      for (FetchedAttestation p : u.parts()) {
        if (p.layout() == AttachmentLayout.BUILDKIT_ATTESTATION_MANIFEST) {
          buildKit = true;
          continue;
        }
        Remover.Target t = new Remover.Target(p.layout(), p.subject(), p.manifest(), p.layer());
        if (parts.putIfAbsent(t, p) == null) {
          targets.add(t);
          owners.put(t, u);
        }
      }
    }
    if (buildKit) {
      notes.add(
          "BuildKit attestation manifests are part of the image index (removing them would change"
              + " the image's digest): they stay");
    }
    if (targets.isEmpty() && raw.hidden().isEmpty()) {
      return List.of();
    }
    Remover.Outcome outcome = new Remover(store).remove(targets, raw.hidden());
    notes.addAll(outcome.notes());
    List<Removal> out = new ArrayList<>();
    for (Remover.Done d : outcome.done()) {
      Supersession.Unit u = Objects.requireNonNull(owners.get(d.target()));
      out.add(
          new Removal(
              d.target().layout(),
              d.target().subject(),
              d.target().manifest(),
              d.target().layer(),
              u.id(),
              u.version(),
              Removal.Outcome.valueOf(d.state().name())));
    }
    return out;
  }

  /** The OpenVEX attestations of {@code image} ({@link #fetch} filtered by predicate type). */
  public FetchResult fetchVex(String image) {
    return fetch(image).onlyOpenVex();
  }

  /**
   * The SBOM attestations of {@code image} ({@link #fetch} keeping CycloneDX and SPDX predicate
   * types, {@link FetchResult#onlySboms()}).
   */
  public FetchResult fetchSboms(String image) {
    return fetch(image).onlySboms();
  }

  /** {@link #fetch(String)} with a parsed reference. */
  public FetchResult fetch(ImageReference image) {
    return fetch(image.toString());
  }

  private ImageTarget target(String image) {
    Optional<ImageTarget> bare = ImageTarget.bare(image);
    if (bare.isPresent()) {
      return bare.get();
    }
    ImageReference ref = ImageReference.parse(image);
    if (!ref.isLayout()) {
      throw new OciException(
          image
              + " names an image in a registry, but these attachments are in "
              + store.describe()
              + "; name the image by tag, by digest or as oci:PATH[:TAG|@DIGEST]",
          image,
          null,
          null,
          null);
    }
    if (layoutPath != null && !sameFile(ref.layoutPath().orElseThrow(), layoutPath)) {
      throw new OciException(
          image + " names another layout than " + store.describe(), image, null, null, null);
    }
    Optional<ImageTarget> named = ImageTarget.of(ref);
    if (named.isPresent()) {
      return named.get();
    }
    List<String> tags =
        store.tags().stream()
            .filter(t -> !t.startsWith("sha256-") && !t.startsWith("sha512-"))
            .collect(Collectors.toList());
    if (tags.size() == 1) {
      return new ImageTarget(tags.get(0), null);
    }
    throw new OciException(
        image
            + " names no tag or digest, and "
            + store.describe()
            + " has "
            + (tags.isEmpty() ? "no image tags" : "several image tags " + tags)
            + "; name one as oci:PATH:TAG or oci:PATH@DIGEST",
        image,
        null,
        null,
        null);
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  @Override
  public String toString() {
    return "Attachments["
        + store.describe()
        + (created == null ? "" : " created=" + created)
        + (checkSubject ? "" : " withoutSubjectCheck")
        + "]";
  }
}
