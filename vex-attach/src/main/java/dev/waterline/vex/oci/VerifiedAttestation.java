package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.policy.VexSource;
import dev.waterline.vex.sign.InTotoStatement;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.VerificationFailure;
import dev.waterline.vex.sign.VerificationResult;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One fetched attestation and what verifying it under a {@link FetchPolicy} found: {@link
 * VerificationState#VERIFIED} with its signer, {@link VerificationState#FAILED} with vex-sign's
 * reason and message, or {@link VerificationState#UNSIGNED} (accepted only when the policy accepts
 * unsigned statements, whose reason is then {@link #acceptedUnsigned()}).
 */
@API(status = STABLE, since = "0.1.0")
public final class VerifiedAttestation {
  private final FetchedAttestation fetched;
  private final VerificationState state;
  private final @Nullable String signer;
  private final @Nullable PublicKey signerKey;
  private final @Nullable VerificationFailure failure;
  private final @Nullable String acceptedUnsigned;
  private final @Nullable InTotoStatement statement;
  private final @Nullable VexDocument vex;
  private final @Nullable VerificationResult verification;

  VerifiedAttestation(
      FetchedAttestation fetched,
      VerificationState state,
      @Nullable String signer,
      @Nullable PublicKey signerKey,
      @Nullable VerificationFailure failure,
      @Nullable String acceptedUnsigned,
      @Nullable InTotoStatement statement,
      @Nullable VexDocument vex,
      @Nullable VerificationResult verification) {
    this.fetched = Objects.requireNonNull(fetched, "fetched");
    this.state = Objects.requireNonNull(state, "state");
    this.signer = signer;
    this.signerKey = signerKey;
    this.failure = failure;
    this.acceptedUnsigned = acceptedUnsigned;
    this.statement = statement;
    this.vex = vex;
    this.verification = verification;
  }

  /** The attestation as fetched: layout, subject, manifest, layer, bytes. */
  public FetchedAttestation fetched() {
    return fetched;
  }

  /** Where it was found. */
  public AttachmentLayout layout() {
    return fetched.layout();
  }

  /** The manifest holding it. */
  public Digest manifest() {
    return fetched.manifest();
  }

  /** The digest it was found on (the image, or one of its platform manifests). */
  public Digest subject() {
    return fetched.subject();
  }

  /** The statement's predicate type. */
  public String predicateType() {
    return fetched.predicateType();
  }

  /** Verified, failed or unsigned. */
  public VerificationState state() {
    return state;
  }

  /**
   * Whether it counts: verified, or unsigned and accepted by the policy (with a reason). Only these
   * go into {@link VerifiedFetch#mergedVex()}.
   */
  public boolean isAccepted() {
    return state == VerificationState.VERIFIED
        || (state == VerificationState.UNSIGNED && acceptedUnsigned != null);
  }

  /** Who signed, when verified: {@code key ECDSA_P256 keyid=…} or the certificate identity. */
  public Optional<String> signer() {
    return Optional.ofNullable(signer);
  }

  /** The trusted key that verified the signature, for key-based verification. */
  public Optional<PublicKey> signerKey() {
    return Optional.ofNullable(signerKey);
  }

  /** Why verification failed, when it did: vex-sign's reason and message. */
  public Optional<VerificationFailure> failure() {
    return Optional.ofNullable(failure);
  }

  /** The reason the policy gave for accepting it unsigned; empty unless accepted unsigned. */
  public Optional<String> acceptedUnsigned() {
    return Optional.ofNullable(acceptedUnsigned);
  }

  /**
   * The in-toto statement: the verified one, or the bare statement of an unsigned attestation;
   * empty when verification failed.
   */
  public Optional<InTotoStatement> statement() {
    return Optional.ofNullable(statement);
  }

  /**
   * The OpenVEX document it carries, when it is accepted and its predicate is OpenVEX; empty
   * otherwise (also for other predicate types).
   */
  public Optional<VexDocument> vex() {
    return isAccepted() ? Optional.ofNullable(vex) : Optional.empty();
  }

  /** vex-sign's result for a verified attestation; empty otherwise. */
  public Optional<VerificationResult> verification() {
    return Optional.ofNullable(verification);
  }

  /**
   * The OpenVEX document it carries as a source for triage, named by {@code origin}: a verified one
   * is signed by who verified ({@link VexSource#verified}); an unsigned one the policy accepted is
   * accepted for the policy's reason; an unsigned one the policy did not accept is an untrusted
   * source (triage's own policy then decides what it counts for). Empty when verification failed or
   * the predicate is not OpenVEX.
   */
  public Optional<VexSource> vexSource(String origin) {
    if (state == VerificationState.FAILED || vex == null) {
      return Optional.empty();
    }
    if (state == VerificationState.VERIFIED && verification != null) {
      return Optional.of(VexSource.verified(verification, origin));
    }
    VexSource unsigned = VexSource.of(vex, origin);
    return Optional.of(
        acceptedUnsigned == null ? unsigned : unsigned.acceptedUnsigned(acceptedUnsigned));
  }

  /**
   * For example {@code VerifiedAttestation[verified by key ECDSA_P256 keyid=…
   * SIGSTORE_BUNDLE_REFERRER sha256:… predicateType=https://openvex.dev/ns]}.
   */
  @Override
  public String toString() {
    String how;
    switch (state) {
      case VERIFIED:
        how = "verified by " + signer;
        break;
      case FAILED:
        how = "failed " + failure;
        break;
      default:
        how =
            acceptedUnsigned == null
                ? "unsigned (not accepted)"
                : "unsigned, accepted: \"" + acceptedUnsigned + "\"";
    }
    return "VerifiedAttestation["
        + how
        + " "
        + fetched.layout()
        + " "
        + fetched.manifest()
        + " predicateType="
        + fetched.predicateType()
        + "]";
  }
}
