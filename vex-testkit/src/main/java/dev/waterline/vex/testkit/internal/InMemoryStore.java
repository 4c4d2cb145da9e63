package dev.waterline.vex.testkit.internal;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.Referrers;
import dev.waterline.vex.oci.internal.store.ReferrersListing;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.oci.internal.store.TagConflictException;
import dev.waterline.vex.oci.internal.store.Verify;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A repository in memory, for tests (it lived in vex-attach until 0.2.0). It can behave like a
 * registry with the referrers API or like one without it (distribution 2.8), and it checks what
 * registries check: the blobs a manifest names must be present.
 */
public final class InMemoryStore implements OciStore {
  private final String name;
  private final boolean referrersApi;
  private final long maxBlobBytes;
  private final Map<Digest, byte[]> blobs = new HashMap<>();
  private final Map<Digest, String> manifestTypes = new LinkedHashMap<>();
  private final Map<String, Digest> tags = new TreeMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private boolean refuseDeletes;

  /** A store named {@code name} (for messages) with or without the referrers API. */
  public InMemoryStore(String name, boolean referrersApi) {
    this(name, referrersApi, DEFAULT_MAX_BLOB_BYTES);
  }

  /** As above with a blob size limit. */
  public InMemoryStore(String name, boolean referrersApi, long maxBlobBytes) {
    this.name = name;
    this.referrersApi = referrersApi;
    this.maxBlobBytes = maxBlobBytes;
  }

  @Override
  public String describe() {
    return "memory:" + name;
  }

  @Override
  public synchronized boolean hasBlob(Digest digest) {
    return blobs.containsKey(digest);
  }

  @Override
  public synchronized Optional<byte[]> blob(Digest digest) {
    byte[] b = blobs.get(digest);
    if (b == null) {
      return Optional.empty();
    }
    if (b.length > maxBlobBytes) {
      throw Verify.tooLarge("blob", digest, b.length, maxBlobBytes, describe());
    }
    Verify.digest("blob", digest, b, describe());
    return Optional.of(b.clone());
  }

  @Override
  public synchronized Digest putBlob(byte[] content) {
    Digest d = Digest.of(content);
    repair(content);
    blobs.putIfAbsent(d, content.clone());
    return d;
  }

  @Override
  public synchronized Optional<String> repair(byte[] content) {
    Digest d = Digest.of(content);
    byte[] held = blobs.get(d);
    if (held == null || Arrays.equals(held, content)) {
      return Optional.empty();
    }
    blobs.put(d, content.clone());
    return Optional.of(
        d
            + " in "
            + describe()
            + " held "
            + held.length
            + " other bytes, with the digest "
            + Digest.of(held)
            + "; it was rewritten with the "
            + content.length
            + " bytes of "
            + d);
  }

  @Override
  public synchronized Optional<StoredManifest> manifest(String tagOrDigest) {
    Digest d = Digest.isDigest(tagOrDigest) ? Digest.parse(tagOrDigest) : tags.get(tagOrDigest);
    if (d == null || !manifestTypes.containsKey(d)) {
      return Optional.empty();
    }
    byte[] b = blobs.get(d);
    if (b == null) {
      return Optional.empty();
    }
    Verify.manifestSize(d, b.length, describe());
    Verify.digest("manifest", d, b, describe());
    return Optional.of(new StoredManifest(b, manifestTypes.get(d), d));
  }

  @Override
  public synchronized StoredManifest putManifest(
      byte[] bytes, String mediaType, @Nullable String tag) {
    Verify.manifestSize(Digest.of(bytes), bytes.length, describe());
    for (Digest missing : Verify.missingBlobs(bytes, mediaType, this)) {
      throw new OciException(
          "cannot store the manifest "
              + Digest.of(bytes)
              + " in "
              + describe()
              + ": it names "
              + missing
              + ", which is not stored (push blobs and manifests it lists first)",
          tag,
          missing.toString(),
          null,
          null);
    }
    Digest d = putBlob(bytes);
    manifestTypes.put(d, mediaType);
    if (tag != null) {
      tags.put(tag, d);
    }
    return new StoredManifest(bytes, mediaType, d);
  }

  @Override
  public synchronized StoredManifest putManifestIfCurrent(
      byte[] bytes, String mediaType, String tag, @Nullable Digest expected) {
    Digest current = tags.get(tag);
    if (!java.util.Objects.equals(current, expected)) {
      throw new TagConflictException(
          describe(),
          tag,
          expected == null ? null : expected.toString(),
          current == null ? "no such tag" : current.toString());
    }
    return putManifest(bytes, mediaType, tag);
  }

  @Override
  public synchronized List<String> tags() {
    return List.copyOf(tags.keySet());
  }

  @Override
  public boolean supportsReferrers() {
    return referrersApi;
  }

  @Override
  public synchronized Optional<ReferrersListing> referrers(Digest subject) {
    if (!referrersApi) {
      return Optional.empty();
    }
    List<Descriptor> out = new ArrayList<>();
    for (Digest d : manifestTypes.keySet()) {
      StoredManifest m = manifest(d.toString()).orElseThrow();
      Referrers.of(m, describe())
          .filter(r -> r.subject().equals(subject))
          .ifPresent(r -> out.add(r.descriptor()));
    }
    return Optional.of(new ReferrersListing(out, List.of()));
  }

  @Override
  public <T> T exclusive(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean locks() {
    return true;
  }

  /** Test hook: removes a tag (as a registry's tag delete would). */
  public synchronized void deleteTag(String tag) {
    tags.remove(tag);
  }

  /**
   * Removes a manifest and every tag pointing at it (as distribution does), unless deletes are
   * refused ({@link #refuseDeletes()}).
   */
  @Override
  public synchronized Deletion deleteManifest(Digest digest) {
    if (refuseDeletes) {
      return Deletion.REFUSED;
    }
    if (manifestTypes.remove(digest) == null) {
      return Deletion.ABSENT;
    }
    blobs.remove(digest);
    tags.values().removeIf(digest::equals);
    return Deletion.DELETED;
  }

  /** Test hook: from now on deletes are refused, as by a registry with deletes disabled. */
  public synchronized InMemoryStore refuseDeletes() {
    refuseDeletes = true;
    return this;
  }

  /** Test hook: replaces the stored bytes under {@code digest} (corruption on the server). */
  public synchronized void tamper(Digest digest, byte[] bytes) {
    blobs.put(digest, bytes.clone());
  }

  @Override
  public String toString() {
    return "InMemoryStore[" + describe() + (referrersApi ? ", referrers API" : "") + "]";
  }
}
