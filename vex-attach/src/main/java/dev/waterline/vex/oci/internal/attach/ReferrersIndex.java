package dev.waterline.vex.oci.internal.attach;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.oci.internal.store.TagConflictException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The referrers tag schema ({@code sha256-<hex>}) and Waterline's per-referrer tags ({@code
 * sha256-<subject hex>.<first 16 hex of the referrer>.ref}) for stores without a referrers query.
 */
public final class ReferrersIndex {
  /** How often a lost update of the index is retried before giving up. */
  static final int MAX_ATTEMPTS = 8;

  private static final String REF_SUFFIX = ".ref";

  private static final String REMOVED_SUFFIX = ".rm";

  /** The artifact type of a removal marker (a "tombstone"). */
  public static final String REMOVED_ARTIFACT_TYPE =
      "application/vnd.dev.waterline.removed.v1+json";

  /** The annotation of a removal marker naming what was removed. */
  public static final String ANNOTATION_REMOVED = "dev.waterline.removed";

  /** The annotation of a removal marker naming the image it was removed from. */
  public static final String ANNOTATION_REMOVED_FROM = "dev.waterline.removed.subject";

  private ReferrersIndex() {}

  /** {@code sha256-<subject hex>.<first 16 hex of referrer>.ref}. */
  public static String referrerTag(Digest subject, Digest referrer) {
    return subject.referrersTag() + "." + referrer.hex().substring(0, 16) + REF_SUFFIX;
  }

  /** The 16-hex prefixes of the referrers of {@code subject} that have their own tag. */
  public static List<String> taggedPrefixes(Digest subject, List<String> tags) {
    return prefixes(subject, tags, REF_SUFFIX);
  }

  /**
   * {@code sha256-<subject hex>.<first 16 hex of removed>.rm}: the tag of the removal marker of a
   * referrer or {@code .att} layer {@code removed} of {@code subject}. Its name alone says that
   * {@code removed} is gone, so fetch learns it from the tag list it reads anyway, at no extra
   * request.
   */
  public static String removedTag(Digest subject, Digest removed) {
    return subject.referrersTag() + "." + removed.hex().substring(0, 16) + REMOVED_SUFFIX;
  }

  /** The 16-hex prefixes of what was removed from {@code subject} (its {@code .rm} tags). */
  public static Set<String> removedPrefixes(Digest subject, List<String> tags) {
    return Set.copyOf(prefixes(subject, tags, REMOVED_SUFFIX));
  }

  /** Whether {@code d} starts with one of {@code prefixes}. */
  public static boolean removed(Digest d, Set<String> prefixes) {
    return !prefixes.isEmpty() && prefixes.contains(d.hex().substring(0, 16));
  }

  private static List<String> prefixes(Digest subject, List<String> tags, String suffix) {
    String prefix = subject.referrersTag() + ".";
    List<String> out = new ArrayList<>();
    for (String t : tags) {
      if (t.startsWith(prefix) && t.endsWith(suffix)) {
        String hex = t.substring(prefix.length(), t.length() - suffix.length());
        if (hex.matches("[0-9a-f]{16}")) {
          out.add(hex);
        }
      }
    }
    return out;
  }

  /**
   * Writes the removal marker of {@code removed} (a referrer manifest or an {@code .att} layer) of
   * {@code subject}: a small manifest (empty config and layer, annotations naming both, no {@code
   * subject} so that no referrers listing shows it) tagged {@link #removedTag}. Writing it again
   * writes the same bytes. 2 requests on a registry (the empty blob once per handle, the PUT).
   */
  public static void markRemoved(OciStore store, Digest subject, Digest removed) {
    store.putBlob(Attacher.EMPTY_JSON);
    Map<String, String> ann = new LinkedHashMap<>();
    ann.put(ANNOTATION_REMOVED, removed.toString());
    ann.put(ANNOTATION_REMOVED_FROM, subject.toString());
    byte[] bytes =
        OciJson.write(
            ImageManifest.oci(
                REMOVED_ARTIFACT_TYPE,
                Attacher.EMPTY_DESCRIPTOR,
                List.of(Attacher.EMPTY_DESCRIPTOR),
                null,
                ann));
    store.putManifest(bytes, MediaTypes.OCI_MANIFEST, removedTag(subject, removed));
  }

  /**
   * Removes the entries whose digest is in {@code gone} or carries a removal marker ({@code
   * removedPrefixes}) from the fallback index of {@code subject} (read, filter, write, read back
   * and check; again when another writer got in between). Nothing to remove: only the read.
   *
   * @return the digests removed
   */
  public static List<Digest> remove(
      OciStore store, Digest subject, Set<Digest> gone, Set<String> removedPrefixes) {
    String tag = subject.referrersTag();
    return store.exclusive(
        () -> {
          List<Digest> dropped = new ArrayList<>();
          Set<Digest> vanished = new java.util.HashSet<>();
          for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            pause(store, attempt);
            Optional<StoredManifest> current = store.manifest(tag);
            if (current.isEmpty()) {
              return dropped;
            }
            ImageIndex index = parse(store, subject, current.get());
            List<Descriptor> kept = new ArrayList<>();
            for (Descriptor d : index.manifests()) {
              if (gone.contains(d.digest()) || removed(d.digest(), removedPrefixes)) {
                if (!dropped.contains(d.digest())) {
                  dropped.add(d.digest());
                }
              } else if (!vanished.contains(d.digest())) {
                kept.add(d);
              }
            }
            if (kept.size() == index.manifests().size()) {
              return dropped;
            }
            try {
              store.putManifestIfCurrent(
                  OciJson.write(index.withManifests(kept)),
                  index.mediaType(),
                  tag,
                  current.get().digest());
            } catch (TagConflictException e) {
              continue;
            } catch (OciException e) {
              vanished.addAll(vanishedOrRethrow(store, kept, e));
              continue;
            }
            boolean clean =
                read(store, subject).orElse(ImageIndex.of(List.of())).manifests().stream()
                    .noneMatch(
                        d -> gone.contains(d.digest()) || removed(d.digest(), removedPrefixes));
            if (clean) {
              return dropped;
            }
          }
          throw new OciException(
              "could not remove referrers from the referrers index "
                  + tag
                  + " in "
                  + store.describe()
                  + ": other writers replaced it "
                  + MAX_ATTEMPTS
                  + " times in a row (their removal markers are written, so fetch no longer shows"
                  + " them; run prune again to tidy the index)",
              tag,
              null,
              null,
              null);
        });
  }

  /**
   * Before attempt {@code attempt} (from 2) on a store that cannot lock (a registry): a random
   * pause growing with the attempt, so that writers that keep overwriting each other spread out.
   */
  static void pause(OciStore store, int attempt) {
    if (attempt < 2 || store.locks()) {
      return;
    }
    long bound = Math.min(20L << (attempt - 2), 500L);
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OciException("interrupted while retrying an update of " + store.describe(), e);
    }
  }

  /** The fallback index of {@code subject}, if its tag exists. */
  public static Optional<ImageIndex> read(OciStore store, Digest subject) {
    String tag = subject.referrersTag();
    Optional<StoredManifest> current = store.manifest(tag);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parse(store, subject, current.get()));
  }

  /**
   * The fallback index of {@code subject} as read from its tag.
   *
   * @throws OciException when it is not an image index or does not parse
   */
  public static ImageIndex parse(OciStore store, Digest subject, StoredManifest m) {
    String tag = subject.referrersTag();
    if (!m.isIndex()) {
      throw new OciException(
          "the referrers tag "
              + tag
              + " in "
              + store.describe()
              + " holds a "
              + m.mediaType()
              + " ("
              + m.digest()
              + "), not an image index; it is left alone",
          tag,
          m.digest().toString(),
          null,
          null);
    }
    return OciJson.parseIndexKeepingUnreadable(
        m.bytes(), "the referrers index " + tag + " in " + store.describe(), m.digest());
  }

  /**
   * After the store refused to write an index listing {@code entries}: the digests among them whose
   * manifest is gone. A prune or replace deleted it after this writer read the tags (fetch's repair
   * puts back what it finds tagged) or the index (a registry that ignores If-Match); the caller
   * leaves those entries out and writes again.
   *
   * @throws OciException {@code refusal} when every entry is still stored (another reason)
   */
  private static Set<Digest> vanishedOrRethrow(
      OciStore store, List<Descriptor> entries, OciException refusal) {
    Set<Digest> gone = new java.util.HashSet<>();
    for (Descriptor d : entries) {
      if (store.manifest(d.digest().toString()).isEmpty()) {
        gone.add(d.digest());
      }
    }
    if (gone.isEmpty()) {
      throw refusal;
    }
    return gone;
  }

  /**
   * Adds {@code entries} to the fallback index of {@code subject} (read, merge, write, read back
   * and check; again when another writer got in between).
   *
   * @return whether anything was added
   */
  public static boolean add(OciStore store, Digest subject, List<Descriptor> entries) {
    String tag = subject.referrersTag();
    return store.exclusive(
        () -> {
          List<Descriptor> wanted = new ArrayList<>(entries);
          Set<Digest> vanished = new java.util.HashSet<>();
          for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            pause(store, attempt);
            Optional<StoredManifest> current = store.manifest(tag);
            ImageIndex index =
                current.isPresent()
                    ? parse(store, subject, current.get())
                    : ImageIndex.of(List.of());
            Set<Digest> present =
                index.manifests().stream().map(Descriptor::digest).collect(Collectors.toSet());
            List<Descriptor> merged = new ArrayList<>();
            for (Descriptor d : index.manifests()) {
              if (!vanished.contains(d.digest())) {
                merged.add(d);
              }
            }
            int before = merged.size();
            for (Descriptor d : wanted) {
              if (present.add(d.digest())) {
                merged.add(d);
              }
            }
            if (merged.size() == before && before == index.manifests().size()) {
              return attempt > 1;
            }
            try {
              store.putManifestIfCurrent(
                  OciJson.write(index.withManifests(merged)),
                  index.mediaType(),
                  tag,
                  current.map(StoredManifest::digest).orElse(null));
            } catch (TagConflictException e) {
              continue; // another writer got in between: read again
            } catch (OciException e) {
              Set<Digest> gone = vanishedOrRethrow(store, merged, e);
              vanished.addAll(gone);
              wanted.removeIf(d -> vanished.contains(d.digest()));
              if (wanted.isEmpty()
                  && index.manifests().stream().noneMatch(d -> gone.contains(d.digest()))) {
                return false;
              }
              continue;
            }
            Set<Digest> after =
                read(store, subject).orElse(ImageIndex.of(List.of())).manifests().stream()
                    .map(Descriptor::digest)
                    .collect(Collectors.toSet());
            if (wanted.stream().allMatch(d -> after.contains(d.digest()))) {
              return !wanted.isEmpty();
            }
          }
          throw new OciException(
              "could not add "
                  + entries.size()
                  + " referrer(s) to the referrers index "
                  + tag
                  + " in "
                  + store.describe()
                  + ": other writers replaced it "
                  + MAX_ATTEMPTS
                  + " times in a row (each referrer also has its own .ref tag, so fetch still"
                  + " finds it)",
              tag,
              null,
              null,
              null);
        });
  }
}
