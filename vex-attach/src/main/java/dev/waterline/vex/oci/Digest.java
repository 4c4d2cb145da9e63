package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.ContentDigest;
import dev.waterline.vex.ImageParseException;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A content digest as OCI writes it: {@code sha256:<64 lowercase hex>} or {@code sha512:<128
 * lowercase hex>}. Parsing is strict (no upper case, no other algorithms, no whitespace).
 *
 * <p>This is {@link ContentDigest} (vex-model's one digest parser) as {@code vex-oci} has named it
 * since 0.1.0: parsing and validation are {@link ContentDigest}'s, and errors are rethrown as
 * {@link OciException} with the same message. {@link #toContentDigest()} and {@link
 * #of(ContentDigest)} convert between the two.
 */
@API(status = STABLE, since = "0.1.0")
public final class Digest implements Comparable<Digest> {
  /** The SHA-256 algorithm name. */
  public static final String SHA256 = ContentDigest.SHA256;

  /** The SHA-512 algorithm name. */
  public static final String SHA512 = ContentDigest.SHA512;

  private final ContentDigest digest;

  private Digest(ContentDigest digest) {
    this.digest = digest;
  }

  /**
   * Parses {@code sha256:<64 hex>} or {@code sha512:<128 hex>}.
   *
   * @throws OciException naming the input when it is not such a digest
   */
  public static Digest parse(String text) {
    Objects.requireNonNull(text, "text");
    try {
      return new Digest(ContentDigest.parse(text));
    } catch (ImageParseException e) {
      throw new OciException(String.valueOf(e.getMessage()), null, e.input(), null, null);
    }
  }

  /** The same digest as vex-model's {@link ContentDigest}. */
  public static Digest of(ContentDigest digest) {
    return new Digest(Objects.requireNonNull(digest, "digest"));
  }

  /** Whether {@code text} is a digest that {@link #parse(String)} accepts. */
  public static boolean isDigest(String text) {
    return ContentDigest.isDigest(text);
  }

  /** The SHA-256 digest of {@code content}. */
  public static Digest of(byte[] content) {
    return new Digest(ContentDigest.sha256(content));
  }

  /** The SHA-512 digest of {@code content}. */
  public static Digest sha512Of(byte[] content) {
    return new Digest(ContentDigest.sha512(content));
  }

  /** This digest as vex-model's {@link ContentDigest}. */
  public ContentDigest toContentDigest() {
    return digest;
  }

  /** {@code sha256} or {@code sha512}. */
  public String algorithm() {
    return digest.algorithm();
  }

  /** The encoded part: lowercase hex. */
  public String hex() {
    return digest.hex();
  }

  /** Whether {@code content} has this digest (computed with this digest's algorithm). */
  public boolean matches(byte[] content) {
    return digest.matches(content);
  }

  /** The digest {@code content} has under this digest's algorithm. */
  public Digest recompute(byte[] content) {
    return new Digest(digest.recompute(content));
  }

  /**
   * The tag of the OCI referrers tag schema for this digest as a subject: the algorithm, a dash and
   * the first 64 hex digits (the distribution-spec rule after v1.1.1, which equals {@code
   * sha256-<hex>} for SHA-256).
   */
  public String referrersTag() {
    String hex = digest.hex();
    return digest.algorithm() + "-" + hex.substring(0, Math.min(64, hex.length()));
  }

  @Override
  public int compareTo(Digest other) {
    return digest.compareTo(other.digest);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Digest && ((Digest) o).digest.equals(digest);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  /** {@code <algorithm>:<hex>}. */
  @Override
  public String toString() {
    return digest.toString();
  }
}
