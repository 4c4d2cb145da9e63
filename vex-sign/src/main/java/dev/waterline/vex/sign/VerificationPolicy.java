package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.VexException;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a verification trusts and expects: the trusted public keys, optionally a subject the
 * statement must name (matched by digest), and whether a transparency-log entry is required.
 * Immutable; each method returns a new policy.
 */
@API(status = STABLE, since = "0.1.0")
public final class VerificationPolicy {
  private final List<PublicKey> keys;
  private final @Nullable Subject subject;
  private final boolean requireTlog;
  private final @Nullable CertificateIdentity identity;
  private final @Nullable TrustedRoot trustedRoot;

  private VerificationPolicy(List<PublicKey> keys, @Nullable Subject subject, boolean requireTlog) {
    this(keys, subject, requireTlog, null, null);
  }

  private VerificationPolicy(
      List<PublicKey> keys,
      @Nullable Subject subject,
      boolean requireTlog,
      @Nullable CertificateIdentity identity,
      @Nullable TrustedRoot trustedRoot) {
    this.keys = List.copyOf(keys);
    this.subject = subject;
    this.requireTlog = requireTlog;
    this.identity = identity;
    this.trustedRoot = trustedRoot;
  }

  /**
   * Trust Sigstore bundles whose Fulcio certificate chains to the trusted root and names this
   * identity and issuer. Keyless verification always requires a transparency-log entry and works on
   * Sigstore bundles only (a bare envelope carries no certificate).
   */
  public static VerificationPolicy keyless(CertificateIdentity identity, TrustedRoot trustedRoot) {
    return new VerificationPolicy(List.of(), null, true, identity, trustedRoot);
  }

  /** Whether this is a keyless (certificate) policy rather than a key-based one. */
  public boolean isKeyless() {
    return identity != null;
  }

  /** The expected certificate identity, for a keyless policy. */
  public Optional<CertificateIdentity> certificateIdentity() {
    return Optional.ofNullable(identity);
  }

  /** The trusted root, for a keyless policy. */
  public Optional<TrustedRoot> trustedRoot() {
    return Optional.ofNullable(trustedRoot);
  }

  /**
   * Trust signatures by any of these keys.
   *
   * @throws VexException when no key is given
   */
  public static VerificationPolicy keys(PublicKey... keys) {
    return keys(List.of(keys));
  }

  /** Trust signatures by any of these keys. */
  public static VerificationPolicy keys(List<PublicKey> keys) {
    if (keys.isEmpty()) {
      throw new VexException("a key-based verification policy needs at least one public key");
    }
    return new VerificationPolicy(keys, null, false);
  }

  /** The same policy, requiring the statement to name this subject ({@code REPO@sha256:HEX}). */
  public VerificationPolicy subject(String repoAtDigest) {
    return subject(Subject.parse(repoAtDigest));
  }

  /** The same policy, requiring the statement to name a subject with this digest. */
  public VerificationPolicy subject(Subject expected) {
    return new VerificationPolicy(keys, expected, requireTlog, identity, trustedRoot);
  }

  /** The same policy, requiring (or not) a transparency-log entry. */
  public VerificationPolicy requireTransparencyLog(boolean required) {
    return new VerificationPolicy(keys, subject, required, identity, trustedRoot);
  }

  /** The trusted keys. */
  public List<PublicKey> keys() {
    return keys;
  }

  /** The subject the statement must name, if any. */
  public Optional<Subject> expectedSubject() {
    return Optional.ofNullable(subject);
  }

  /** Whether a transparency-log entry is required. */
  public boolean transparencyLogRequired() {
    return requireTlog;
  }

  /** For example {@code VerificationPolicy[keys [PublicKey[…]], subject …, tlog not required]}. */
  @Override
  public String toString() {
    return "VerificationPolicy["
        + (identity != null ? "keyless " + identity + ", " + trustedRoot : "keys " + keys)
        + (subject == null ? "" : ", subject " + subject)
        + ", tlog "
        + (requireTlog ? "required" : "not required")
        + "]";
  }
}
