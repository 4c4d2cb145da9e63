package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.InTotoStatement;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.Subject;
import dev.waterline.vex.sign.VerificationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A VEX document with where it came from and why it is trusted: the origin (a file path, or an
 * image reference with digest), the identity whose signature verified, or the reason an unsigned
 * document was accepted. Whether it is the team's own VEX or a vendor's is decided by the policy's
 * vendor list (author or signer), unless set explicitly with {@link #asVendor()} or {@link
 * #asOwn()}.
 *
 * <p>A signer comes only from a verification: {@link #verified(VerificationResult, String)} here,
 * {@link VexTrust#read(java.nio.file.Path)} for files, and {@code VerifiedFetch.vexSources()} (in
 * vex-attach) for attestations fetched from an image. These are the same rules the {@code waterline
 * triage} command applies, so a gate built on the library decides as the CLI does.
 */
@API(status = STABLE, since = "0.1.0")
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
  private final List<String> subjects;
  private final List<String> warnings;

  private VexSource(
      VexDocument document,
      String origin,
      @Nullable String signer,
      @Nullable String unsignedReason,
      Owner owner,
      List<String> subjects,
      List<String> warnings) {
    this.document = Objects.requireNonNull(document, "document");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.signer = signer;
    this.unsignedReason = unsignedReason;
    this.owner = owner;
    this.subjects = List.copyOf(subjects);
    this.warnings = List.copyOf(warnings);
  }

  /** An unsigned document read from {@code origin} (a path, an image reference). */
  public static VexSource of(VexDocument document, String origin) {
    return new VexSource(document, origin, null, null, Owner.BY_POLICY, List.of(), List.of());
  }

  /**
   * The OpenVEX document a verified attestation carries, signed by the identity that verified: the
   * trusted key's id ({@link PublicKey#keyId()}) for a key, else the verifier's words for a
   * certificate ({@code certificate identity <SAN> issuer <ISS>}). The statement's subjects are
   * kept ({@link #subjects()}).
   *
   * @throws VexException when {@code result} did not verify, or its predicate is no OpenVEX
   */
  public static VexSource verified(VerificationResult result, String origin) {
    Objects.requireNonNull(origin, "origin");
    if (!result.verified()) {
      throw new VexException(
          origin
              + ": a source is signed only by a verification that succeeded; this one failed: "
              + result.failure().map(f -> f.reason() + ": " + f.message()).orElse("(no reason)"));
    }
    InTotoStatement statement =
        result
            .statement()
            .orElseThrow(() -> new VexException(origin + ": verified, but without a statement"));
    if (!statement.isVex()) {
      throw new VexException(
          origin + ": the verified statement's predicate is " + statement.predicateType());
    }
    String signer =
        result.signerKey().map(PublicKey::keyId).orElse(result.signer().orElse("unknown signer"));
    List<String> subjects = new ArrayList<>();
    for (Subject s : statement.subjects()) {
      s.sha256().ifPresent(hex -> subjects.add("sha256:" + hex));
    }
    return new VexSource(
        statement.predicate(), origin, signer, null, Owner.BY_POLICY, subjects, List.of());
  }

  /** This source, unsigned but accepted for {@code reason} (recorded in the audit trail). */
  public VexSource acceptedUnsigned(String reason) {
    if (reason.isBlank()) {
      throw new VexException("the reason for accepting unsigned VEX must not be blank");
    }
    return new VexSource(document, origin, signer, reason, owner, subjects, warnings);
  }

  /** This source, the team's own whatever the policy's vendor list says. */
  public VexSource asOwn() {
    return new VexSource(document, origin, signer, unsignedReason, Owner.OWN, subjects, warnings);
  }

  /** This source, a vendor's whatever the policy's vendor list says. */
  public VexSource asVendor() {
    return new VexSource(
        document, origin, signer, unsignedReason, Owner.VENDOR, subjects, warnings);
  }

  /** This source with what reading it found that did not stop it (lenient reads, conversions). */
  VexSource withWarnings(List<String> found) {
    return new VexSource(document, origin, signer, unsignedReason, owner, subjects, found);
  }

  /**
   * The image digests ({@code sha256:<hex>}) the signed statement names as its subjects: the images
   * it was signed for. Empty for an unsigned source.
   */
  public List<String> subjects() {
    return subjects;
  }

  /**
   * What reading the document found that did not stop it, one line each: what a lenient reader
   * accepted, what a conversion from another dialect could not carry. Empty when nothing.
   */
  public List<String> warnings() {
    return warnings;
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
        && subjects.equals(s.subjects)
        && owner == s.owner;
  }

  @Override
  public int hashCode() {
    return Objects.hash(document, origin, signer, unsignedReason, owner, subjects);
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
