package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of verifying an attestation. When verified: who signed it ({@link #signer()}: key
 * algorithm and id, or certificate identity and issuer), the subjects, the predicate type and the
 * statement (parsed from the verified payload bytes). When not: {@link #failure()}.
 */
@API(status = STABLE, since = "0.1.0")
public final class VerificationResult {
  private final @Nullable String signer;
  private final @Nullable PublicKey signerKey;
  private final @Nullable InTotoStatement statement;
  private final @Nullable VerificationFailure failure;

  private VerificationResult(
      @Nullable String signer,
      @Nullable PublicKey signerKey,
      @Nullable InTotoStatement statement,
      @Nullable VerificationFailure failure) {
    this.signer = signer;
    this.signerKey = signerKey;
    this.statement = statement;
    this.failure = failure;
  }

  /** A success: the statement was signed by the given key. */
  public static VerificationResult verifiedByKey(PublicKey key, InTotoStatement statement) {
    return new VerificationResult(
        "key " + key.algorithm() + " keyid=" + key.keyId(), key, statement, null);
  }

  /**
   * A success by a signer described in words (e.g. {@code identity … issuer …} for a certificate).
   */
  public static VerificationResult verified(String signer, InTotoStatement statement) {
    return new VerificationResult(signer, null, statement, null);
  }

  /** A failure with its reason and a message that says what was checked and what was found. */
  public static VerificationResult failed(FailureReason reason, String message) {
    return new VerificationResult(null, null, null, new VerificationFailure(reason, message));
  }

  /** Whether the attestation verified. */
  public boolean verified() {
    return failure == null;
  }

  /** Who signed: {@code key ECDSA_P256 keyid=…} or the certificate identity and issuer. */
  public Optional<String> signer() {
    return Optional.ofNullable(signer);
  }

  /** The trusted key that verified the signature, for key-based verification. */
  public Optional<PublicKey> signerKey() {
    return Optional.ofNullable(signerKey);
  }

  /** The subjects of the verified statement (empty when not verified). */
  public List<Subject> subjects() {
    return statement == null ? List.of() : statement.subjects();
  }

  /** The predicate type of the verified statement. */
  public Optional<String> predicateType() {
    return statement == null ? Optional.empty() : Optional.of(statement.predicateType());
  }

  /** The verified statement. */
  public Optional<InTotoStatement> statement() {
    return Optional.ofNullable(statement);
  }

  /** Why verification failed; empty when verified. */
  public Optional<VerificationFailure> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * For example {@code VerificationResult[verified: key ECDSA_P256 keyid=…, subjects
   * [registry.local/app@sha256:…], predicateType https://openvex.dev/ns]} or {@code
   * VerificationResult[NOT verified: BAD_SIGNATURE: …]}.
   */
  @Override
  public String toString() {
    if (failure != null) {
      return "VerificationResult[NOT verified: " + failure + "]";
    }
    return "VerificationResult[verified: "
        + signer
        + ", subjects "
        + subjects()
        + ", predicateType "
        + predicateType().orElse("?")
        + "]";
  }
}
