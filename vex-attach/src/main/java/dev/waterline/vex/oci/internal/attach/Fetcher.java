package dev.waterline.vex.oci.internal.attach;

import dev.waterline.vex.oci.AttachmentLayout;
import dev.waterline.vex.oci.AttestationKind;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
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
 * <p>A broken piece (a dangling index entry, a blob whose digest does not match, an attestation
 * that does not parse) does not hide the rest: it becomes a problem in the result, with the digests
 * involved.
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
      byte[] bytes) {}

  /** Everything found for one image. */
  public record Result(StoredManifest image, List<Found> found, List<String> problems) {}

  /** Fetches for the image {@code target} (a tag or digest) in the store. */
  public Result fetch(StoredManifest image) {
    List<Found> found = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<Digest> subjects = new LinkedHashSet<>();
    subjects.add(image.digest());
    if (image.isIndex()) {
      ImageIndex index =
          OciJson.parseIndexKeepingUnreadable(
              image.bytes(),
              "the image index " + image.digest() + " in " + store.describe(),
              image.digest());
      unreadable(index, problems);
      for (Descriptor entry : index.manifests()) {
        Optional<String> type = entry.annotation(MediaTypes.ANNOTATION_DOCKER_REFERENCE_TYPE);
        if (type.isPresent()) {
          if (type.get().equals(MediaTypes.DOCKER_REFERENCE_TYPE_ATTESTATION)) {
            buildKit(entry, found, problems, seen);
          }
        } else if (isManifestType(entry.mediaType())) {
          subjects.add(entry.digest());
        }
      }
    }
    for (Digest subject : subjects) {
      referrers(subject, found, problems, seen);
      att(subject, found, problems, seen);
    }
    // the same problem (an unreadable index.json entry, say) is met once per subject: say it once
    return new Result(image, List.copyOf(found), List.copyOf(new LinkedHashSet<>(problems)));
  }

  private static void unreadable(ImageIndex index, List<String> problems) {
    for (ImageIndex.Unreadable u : index.unreadable()) {
      problems.add(u.problem() + "; that entry is skipped (and kept as it is)");
    }
  }

  private static boolean isManifestType(String mt) {
    return mt.equals(MediaTypes.OCI_MANIFEST)
        || mt.equals(MediaTypes.DOCKER_MANIFEST)
        || mt.equals(MediaTypes.OCI_INDEX)
        || mt.equals(MediaTypes.DOCKER_MANIFEST_LIST);
  }

  private void buildKit(
      Descriptor entry, List<Found> found, List<String> problems, Set<String> seen) {
    String ref = entry.annotation(MediaTypes.ANNOTATION_DOCKER_REFERENCE_DIGEST).orElse("");
    if (!Digest.isDigest(ref)) {
      problems.add(
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
        found,
        problems,
        seen);
  }

  private void referrers(
      Digest subject, List<Found> found, List<String> problems, Set<String> seen) {
    Map<Digest, Descriptor> listed = new LinkedHashMap<>();
    if (store.supportsReferrers()) {
      try {
        store
            .referrers(subject)
            .ifPresent(
                l -> {
                  l.referrers().forEach(d -> listed.putIfAbsent(d.digest(), d));
                  problems.addAll(l.problems());
                });
      } catch (OciException e) {
        problems.add("listing the referrers of " + subject + " failed: " + e.getMessage());
      }
    }
    try {
      Optional<ImageIndex> index = ReferrersIndex.read(store, subject);
      if (index.isPresent()) {
        index.get().manifests().forEach(d -> listed.putIfAbsent(d.digest(), d));
        unreadable(index.get(), problems);
      }
    } catch (OciException e) {
      problems.add(e.getMessage());
    }
    List<Descriptor> missingFromIndex = new ArrayList<>();
    for (String hex : ReferrersIndex.taggedPrefixes(subject, tags())) {
      if (listed.keySet().stream().anyMatch(d -> d.hex().startsWith(hex))) {
        continue;
      }
      String tag = subject.referrersTag() + "." + hex + ".ref";
      try {
        Optional<StoredManifest> m = store.manifest(tag);
        if (m.isEmpty()) {
          continue;
        }
        Optional<Referrers.Referrer> r = Referrers.of(m.get(), store.describe());
        if (r.isEmpty() || !r.get().subject().equals(subject)) {
          problems.add(
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
      } catch (OciException e) {
        problems.add(e.getMessage());
      }
    }
    if (!missingFromIndex.isEmpty() && !store.supportsReferrers()) {
      try {
        ReferrersIndex.add(store, subject, missingFromIndex);
      } catch (OciException e) {
        problems.add("could not repair the referrers index of " + subject + ": " + e.getMessage());
      }
    }
    for (Descriptor d : listed.values()) {
      String at = d.artifactType().orElse("");
      AttachmentLayout layout;
      if (at.startsWith(MediaTypes.SIGSTORE_BUNDLE_PREFIX)) {
        layout = AttachmentLayout.SIGSTORE_BUNDLE_REFERRER;
      } else if (at.equals(MediaTypes.IN_TOTO)) {
        layout = AttachmentLayout.STATEMENT_REFERRER;
      } else if (at.equals(MediaTypes.DSSE_ENVELOPE)) {
        layout = AttachmentLayout.DSSE_REFERRER;
      } else if (at.equals(MediaTypes.DOCKER_ATTESTATION_MANIFEST)) {
        layout = AttachmentLayout.BUILDKIT_ATTESTATION_MANIFEST;
      } else {
        continue; // signatures, SBOMs and other artifacts: not attestations we read
      }
      readManifest(
          d.digest(),
          subject,
          layout,
          true,
          "the referrers of " + subject + " list",
          found,
          problems,
          seen);
    }
  }

  private void att(Digest subject, List<Found> found, List<String> problems, Set<String> seen) {
    String tag = Attacher.attTag(subject);
    try {
      Optional<StoredManifest> m = store.manifest(tag);
      if (m.isEmpty()) {
        return;
      }
      if (!m.get().isManifest()) {
        problems.add(
            "the tag "
                + tag
                + " in "
                + store.describe()
                + " holds a "
                + m.get().mediaType()
                + ", not cosign's attestation image; skipped");
        return;
      }
      readManifest(
          m.get().digest(),
          subject,
          AttachmentLayout.COSIGN_ATT_TAG,
          false,
          "the tag " + tag + " names",
          found,
          problems,
          seen);
    } catch (OciException e) {
      problems.add(e.getMessage());
    }
  }

  private void readManifest(
      Digest digest,
      Digest subject,
      AttachmentLayout layout,
      boolean checkSubject,
      String listedBy,
      List<Found> found,
      List<String> problems,
      Set<String> seen) {
    try {
      Optional<StoredManifest> stored = store.manifest(digest.toString());
      if (stored.isEmpty()) {
        problems.add(
            listedBy
                + " the manifest "
                + digest
                + ", which is missing in "
                + store.describe()
                + "; skipped");
        return;
      }
      if (!stored.get().isManifest()) {
        problems.add(
            listedBy
                + " "
                + digest
                + ", a "
                + stored.get().mediaType()
                + ", not an image manifest; skipped");
        return;
      }
      ImageManifest m =
          OciJson.parseManifest(
              stored.get().bytes(),
              "the attestation manifest " + digest + " in " + store.describe(),
              digest);
      if (checkSubject && (m.subject() == null || !m.subject().digest().equals(subject))) {
        problems.add(
            listedBy
                + " "
                + digest
                + ", but its subject is "
                + (m.subject() == null ? "missing" : m.subject().digest().toString())
                + "; skipped");
        return;
      }
      for (Descriptor layer : m.layers()) {
        AttestationKind kind = kindOf(layer.mediaType());
        if (kind == null || !seen.add(digest + "/" + layer.digest())) {
          continue;
        }
        try {
          Optional<byte[]> bytes = store.blob(layer.digest());
          if (bytes.isEmpty()) {
            problems.add(
                "the layer "
                    + layer.digest()
                    + " of "
                    + digest
                    + " is missing in "
                    + store.describe()
                    + "; skipped");
            continue;
          }
          found.add(
              new Found(
                  layout, subject, digest, layer.digest(), layer.mediaType(), kind, bytes.get()));
        } catch (OciException e) {
          problems.add(e.getMessage());
        }
      }
    } catch (OciException e) {
      problems.add(e.getMessage());
    }
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
