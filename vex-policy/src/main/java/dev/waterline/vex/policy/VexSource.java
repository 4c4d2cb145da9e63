package dev.waterline.vex.policy;

import dev.waterline.vex.VexDocument;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A VEX document with where it came from and why it is trusted: the origin (a file path, or an
 * image reference with digest), the identity that signed it (verified by the caller), or the reason
 * an unsigned document was accepted. Whether it is the team's own VEX or a vendor's is decided by
 * the policy's vendor list (author or signer), unless set explicitly with {@link #asVendor()} or
 * {@link #asOwn()}.
 */
public final class VexSource {
  /** Whose VEX a document is. */
  public enum Owner {
    /** Decided by the policy's vendor list. */
    BY_POLICY,
    /** The team's own VEX: counts everywhere. */
    OWN,
    /** A vendor's VEX: counts below the waterline only. */
    VENDOR
  }

  private final VexDocument document;
  private final String origin;
  private final @Nullable String signer;
  private final @Nullable String unsignedReason;
  private final Owner owner;

  private VexSource(
      VexDocument document,
      String origin,
      @Nullable String signer,
      @Nullable String unsignedReason,
      Owner owner) {
    this.document = Objects.requireNonNull(document, "document");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.signer = signer;
    this.unsignedReason = unsignedReason;
    this.owner = owner;
  }

  /** An unsigned document read from {@code origin} (a path, an image reference). */
  public static VexSource of(VexDocument document, String origin) {
    return new VexSource(document, origin, null, null, Owner.BY_POLICY);
  }

  /** This source, signed by {@code identity} (a signature the caller verified). */
  public VexSource signedBy(String identity) {
    return new VexSource(document, origin, Objects.requireNonNull(identity), null, owner);
  }

  /** This source, unsigned but accepted for {@code reason} (recorded in the audit trail). */
  public VexSource acceptedUnsigned(String reason) {
    if (reason.isBlank()) {
      throw new IllegalArgumentException("the reason for accepting unsigned VEX must not be blank");
    }
    return new VexSource(document, origin, signer, reason, owner);
  }

  /** This source, the team's own whatever the policy's vendor list says. */
  public VexSource asOwn() {
    return new VexSource(document, origin, signer, unsignedReason, Owner.OWN);
  }

  /** This source, a vendor's whatever the policy's vendor list says. */
  public VexSource asVendor() {
    return new VexSource(document, origin, signer, unsignedReason, Owner.VENDOR);
  }

  /** The document. */
  public VexDocument document() {
    return document;
  }

  /** Where it came from: a path, or an image reference with digest. */
  public String origin() {
    return origin;
  }

  /** The verified signer identity, if signed. */
  public Optional<String> signer() {
    return Optional.ofNullable(signer);
  }

  /** Why an unsigned document was accepted, if it was. */
  public Optional<String> unsignedReason() {
    return Optional.ofNullable(unsignedReason);
  }

  /** Whose VEX this is, or {@link Owner#BY_POLICY}. */
  public Owner owner() {
    return owner;
  }

  /** Whether a signature verified or the user accepted the document unsigned. */
  public boolean trusted() {
    return signer != null || unsignedReason != null;
  }

  /** {@code signed by ID}, {@code unsigned, accepted because: REASON} or {@code unsigned}. */
  public String trust() {
    if (signer != null) {
      return "signed by " + signer;
    }
    return unsignedReason != null ? "unsigned, accepted because: " + unsignedReason : "unsigned";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof VexSource)) {
      return false;
    }
    VexSource s = (VexSource) o;
    return document.equals(s.document)
        && origin.equals(s.origin)
        && Objects.equals(signer, s.signer)
        && Objects.equals(unsignedReason, s.unsignedReason)
        && owner == s.owner;
  }

  @Override
  public int hashCode() {
    return Objects.hash(document, origin, signer, unsignedReason, owner);
  }

  /** For example {@code VexSource[app.vex.json, author=Acme, unsigned]}. */
  @Override
  public String toString() {
    return "VexSource["
        + origin
        + ", author="
        + document.author()
        + ", "
        + trust()
        + (owner == Owner.BY_POLICY ? "" : ", " + owner.name().toLowerCase(java.util.Locale.ROOT))
        + "]";
  }
}
