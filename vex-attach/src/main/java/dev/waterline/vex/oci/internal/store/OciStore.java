package dev.waterline.vex.oci.internal.store;

import dev.waterline.vex.oci.Digest;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One repository's content: blobs by digest, manifests by digest or tag, the tag list and, where
 * the store has it, a referrers query. Implementations: an OCI image layout on disk ({@link
 * LayoutStore}), a registry repository, and (for tests, in {@code vex-testkit}) memory.
 *
 * <p>Everything read is checked against its digest; a mismatch is an {@link
 * dev.waterline.vex.oci.OciException} naming both digests. Absence is {@link Optional#empty()},
 * never an exception.
 */
public interface OciStore {
  /** The largest blob read by default (attestation layers are small; BuildKit allows 40 MiB). */
  long DEFAULT_MAX_BLOB_BYTES = 64L * 1024 * 1024;

  /** Where this store is, for messages: {@code oci:/path}, {@code memory:name}, a repository. */
  String describe();

  /** Whether a blob with this digest is present. */
  boolean hasBlob(Digest digest);

  /**
   * A blob's bytes, verified against {@code digest}.
   *
   * @throws dev.waterline.vex.oci.OciException if it is larger than the store's limit or its
   *     content does not match the digest
   */
  Optional<byte[]> blob(Digest digest);

  /**
   * A blob that {@code what} names as its {@code role} ({@code config}, {@code blob}…), verified
   * against {@code digest}.
   *
   * @throws dev.waterline.vex.oci.OciException "WHAT names the ROLE DIGEST, which is missing"
   *     (naming {@code image} and the digest) when it is absent, or as {@link #blob}
   */
  default byte[] requiredBlob(Digest digest, String what, String role, @Nullable String image) {
    return blob(digest)
        .orElseThrow(
            () ->
                new dev.waterline.vex.oci.OciException(
                    what + " names the " + role + " " + digest + ", which is missing",
                    image,
                    digest.toString(),
                    null,
                    null));
  }

  /**
   * Stores a blob and returns its SHA-256 digest. When a blob of that digest is present it is kept;
   * a store that can check it ({@link #repair}) first replaces one that holds other bytes.
   */
  Digest putBlob(byte[] content);

  /**
   * Makes sure that what this store holds under the digest of {@code content} (a blob, or a
   * manifest, which a layout keeps as a blob) is {@code content}: when it holds other bytes
   * (corruption, tampering) or something that is not a file, it is rewritten atomically with {@code
   * content}, and the result says what was found and done. Empty when nothing is stored under that
   * digest or it is intact. A registry checks the digest of what it accepts and cannot be
   * overwritten, so the default does nothing.
   *
   * @throws dev.waterline.vex.oci.OciException when it cannot be checked or rewritten
   */
  default Optional<String> repair(byte[] content) {
    return Optional.empty();
  }

  /**
   * A manifest or index by tag or by digest ({@code sha256:…}), its digest verified.
   *
   * @throws dev.waterline.vex.oci.OciException if the stored bytes do not match the digest or break
   *     the size limit
   */
  Optional<StoredManifest> manifest(String tagOrDigest);

  /**
   * Stores a manifest or index and, if {@code tag} is given, points the tag at it. The blobs it
   * names must already be present (as registries demand).
   */
  StoredManifest putManifest(byte[] bytes, String mediaType, @Nullable String tag);

  /**
   * Points {@code tag} at a new manifest only if it still names {@code expected} ({@code null}:
   * only if the tag does not exist yet): HTTP {@code If-Match}. A store that cannot check (CNCF
   * distribution ignores {@code If-Match}) writes anyway; callers read back to verify.
   *
   * @throws TagConflictException when the store can tell that the tag has moved
   */
  StoredManifest putManifestIfCurrent(
      byte[] bytes, String mediaType, String tag, @Nullable Digest expected);

  /** What {@link #deleteManifest} did. */
  enum Deletion {
    /** The manifest is gone (and, on a registry, every tag that named it). */
    DELETED,
    /** There was nothing under that digest. */
    ABSENT,
    /**
     * The store refuses deletes (a registry answering 405 or {@code UNSUPPORTED}, or 401/403 to a
     * client without the right to delete): the manifest stays, reachable by digest.
     */
    REFUSED
  }

  /**
   * Deletes the manifest {@code digest}: a registry's {@code DELETE /v2/<name>/manifests/<digest>}
   * (distribution also drops every tag naming it), a layout's {@code index.json} entries for it
   * (tagged or not; the blob stays in {@code blobs/}). The default refuses.
   */
  default Deletion deleteManifest(Digest digest) {
    return Deletion.REFUSED;
  }

  /**
   * {@link #deleteManifest} of each of {@code digests}, in order, with what each did. A layout
   * rewrites {@code index.json} once for all of them (pruning an image's thousand superseded
   * attestations rewrote it a thousand times).
   */
  default Map<Digest, Deletion> deleteManifests(Collection<Digest> digests) {
    Map<Digest, Deletion> out = new LinkedHashMap<>();
    for (Digest d : digests) {
      out.put(d, deleteManifest(d));
    }
    return out;
  }

  /** Every tag, sorted. */
  List<String> tags();

  /**
   * Whether {@link #referrers} answers (the OCI 1.1 referrers API, or a layout's scan); when not,
   * referrers are kept in the referrers tag schema index and per-referrer tags.
   */
  boolean supportsReferrers();

  /**
   * The referrers of {@code subject} (descriptors with {@code artifactType} and the manifests'
   * annotations, plus the entries that could not be read), or empty when this store has no
   * referrers query and the caller must use the referrers tag schema.
   */
  Optional<ReferrersListing> referrers(Digest subject);

  /**
   * Runs {@code action} while no other writer of this store (in this process or, where the store
   * can, in others) holds the lock. Read-modify-write of a tag goes in here. A store that cannot
   * lock (a registry) just runs the action; callers verify after writing.
   */
  <T> T exclusive(Supplier<T> action);

  /** Whether {@link #exclusive} really excludes other writers. */
  boolean locks();

  /**
   * Runs {@code action} (an attach, a fetch) as one operation: a registry gives all its requests
   * one deadline and retry budget and scrubs what it throws; other stores just run it.
   */
  default <T> T operation(Supplier<T> action) {
    return action.get();
  }

  /**
   * {@code text} (a problem met while reading this store) made safe to show: a registry scrubs the
   * secrets it holds and anything shaped like a credential, and escapes control characters; other
   * stores return it as is.
   */
  default String scrub(String text) {
    return text;
  }
}
