package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.sign.InTotoStatement;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An attestation that fetch found but could not read, so could not trust: its bytes do not match
 * their digest, it is over a size limit, its manifest or its DSSE envelope, bundle or statement
 * does not parse, or its manifest names a blob that is missing. This is a <b>failure</b>, not a
 * note: the attestation is there and says something, but nobody can tell what, and leaving it out
 * silently would let whoever damaged it choose which statements count (a later {@code affected}
 * that disappears lets an earlier {@code not_affected} decide).
 *
 * <p>It is distinct from an entry in a listing that cannot be used (an index entry with an unknown
 * digest algorithm, a referrers index entry whose manifest is gone, a referrer of another image),
 * which fetch skips, keeps as it is and reports among {@link FetchResult#warnings()}.
 *
 * <pre>{@code
 * var fetched = Registry.of("registry.local").fetchVex("app:1.0");
 * fetched.unreadable();        // [UnreadableAttestation[DIGEST_MISMATCH COSIGN_ATT_TAG …]]
 * fetched.requireReadable();   // throws UnreadableAttestationException naming them
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class UnreadableAttestation {
  /** Why an attestation could not be read. */
  public enum Reason {
    /** The bytes read do not match the digest that names them (changed or corrupted). */
    DIGEST_MISMATCH,
    /** The manifest names a blob (the attestation layer) that is not there. */
    MISSING_BLOB,
    /** The manifest or blob is over its size limit, so it was not read. */
    TOO_LARGE,
    /**
     * The manifest holding it (or the index listing it) does not parse as an OCI manifest or index,
     * or is not the kind of document that layout uses.
     */
    MALFORMED_MANIFEST,
    /** The layer is not a DSSE envelope, Sigstore bundle or in-toto statement of its media type. */
    MALFORMED_ATTESTATION,
    /**
     * It could not be read at all: a file of a layout that is not a regular file or lies outside
     * the layout, or a registry that refused or failed the request after its retries.
     */
    READ_FAILED
  }

  private final Digest subject;
  private final @Nullable AttachmentLayout layout;
  private final @Nullable Digest manifest;
  private final @Nullable Digest digest;
  private final @Nullable String predicateType;
  private final Reason reason;
  private final String message;

  UnreadableAttestation(
      Digest subject,
      @Nullable AttachmentLayout layout,
      @Nullable Digest manifest,
      @Nullable Digest digest,
      @Nullable String predicateType,
      Reason reason,
      String message) {
    this.subject = Objects.requireNonNull(subject, "subject");
    this.layout = layout;
    this.manifest = manifest;
    this.digest = digest;
    this.predicateType = predicateType;
    this.reason = Objects.requireNonNull(reason, "reason");
    this.message = Objects.requireNonNull(message, "message");
  }

  /** The digest it was looked for on: the image asked for, or one of its platform manifests. */
  public Digest subject() {
    return subject;
  }

  /**
   * The layout it was found in; empty when what failed is a listing that can hold several (the
   * referrers index, the referrers API's answer, a layout's {@code index.json}).
   */
  public Optional<AttachmentLayout> layout() {
    return Optional.ofNullable(layout);
  }

  /** The manifest holding the attestation, when known. */
  public Optional<Digest> manifest() {
    return Optional.ofNullable(manifest);
  }

  /**
   * The digest of what could not be read (the layer, the manifest, or the index listing them);
   * empty only when no digest is known (a referrers listing that failed).
   */
  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }

  /**
   * The predicate type the manifest's annotations give for it, when they give one (they are written
   * with the attestation, but nothing checks them).
   */
  public Optional<String> predicateType() {
    return Optional.ofNullable(predicateType);
  }

  /** Why it could not be read. */
  public Reason reason() {
    return reason;
  }

  /** What was tried, what was found and where, naming the digests. */
  public String message() {
    return message;
  }

  /** Whether its annotations say it is OpenVEX, or say nothing (then it may be). */
  boolean mayBeOpenVex() {
    return predicateType == null || InTotoStatement.isVexPredicateType(predicateType);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof UnreadableAttestation)) {
      return false;
    }
    UnreadableAttestation u = (UnreadableAttestation) o;
    return subject.equals(u.subject)
        && layout == u.layout
        && Objects.equals(manifest, u.manifest)
        && Objects.equals(digest, u.digest)
        && Objects.equals(predicateType, u.predicateType)
        && reason == u.reason
        && message.equals(u.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(subject, layout, manifest, digest, predicateType, reason, message);
  }

  /**
   * For example {@code UnreadableAttestation[DIGEST_MISMATCH COSIGN_ATT_TAG manifest=sha256:…
   * digest=sha256:… subject=sha256:…]}.
   */
  @Override
  public String toString() {
    return "UnreadableAttestation["
        + reason
        + (layout == null ? "" : " " + layout)
        + (manifest == null ? "" : " manifest=" + manifest)
        + (digest == null ? "" : " digest=" + digest)
        + " subject="
        + subject
        + "]";
  }
}
