package dev.waterline.vex.oci;

import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.ReferrersListing;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A store in front of a real one that fails the first write of a manifest whose tag matches {@code
 * failing}, as a process killed at that point would leave things: what came before is written,
 * nothing after.
 */
final class FaultyStore implements OciStore {
  private final OciStore inner;
  private final Predicate<String> failing;
  private boolean failed;

  FaultyStore(OciStore inner, Predicate<String> failing) {
    this.inner = inner;
    this.failing = failing;
  }

  /** Whether the fault has fired. */
  boolean failed() {
    return failed;
  }

  private void maybeFail(@Nullable String tag) {
    if (!failed && tag != null && failing.test(tag)) {
      failed = true;
      throw new OciException("injected fault: the process died before writing " + tag);
    }
  }

  @Override
  public String describe() {
    return inner.describe();
  }

  @Override
  public boolean hasBlob(Digest digest) {
    return inner.hasBlob(digest);
  }

  @Override
  public Optional<byte[]> blob(Digest digest) {
    return inner.blob(digest);
  }

  @Override
  public Digest putBlob(byte[] content) {
    return inner.putBlob(content);
  }

  @Override
  public Optional<StoredManifest> manifest(String tagOrDigest) {
    return inner.manifest(tagOrDigest);
  }

  @Override
  public StoredManifest putManifest(byte[] bytes, String mediaType, @Nullable String tag) {
    maybeFail(tag);
    return inner.putManifest(bytes, mediaType, tag);
  }

  @Override
  public StoredManifest putManifestIfCurrent(
      byte[] bytes, String mediaType, String tag, @Nullable Digest expected) {
    maybeFail(tag);
    return inner.putManifestIfCurrent(bytes, mediaType, tag, expected);
  }

  @Override
  public Deletion deleteManifest(Digest digest) {
    return inner.deleteManifest(digest);
  }

  @Override
  public List<String> tags() {
    return inner.tags();
  }

  @Override
  public boolean supportsReferrers() {
    return inner.supportsReferrers();
  }

  @Override
  public Optional<ReferrersListing> referrers(Digest subject) {
    return inner.referrers(subject);
  }

  @Override
  public <T> T exclusive(Supplier<T> action) {
    return inner.exclusive(action);
  }

  @Override
  public boolean locks() {
    return inner.locks();
  }

  @Override
  public <T> T operation(Supplier<T> action) {
    return inner.operation(action);
  }

  @Override
  public String scrub(String text) {
    return inner.scrub(text);
  }
}
