package dev.waterline.vex.sign.internal;

import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.DsseEnvelope;
import dev.waterline.vex.sign.DsseSignature;
import dev.waterline.vex.sign.FailureReason;
import dev.waterline.vex.sign.SigstoreBundle;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.Verifier;
import java.util.List;

/**
 * Verifies Sigstore bundles; {@link Verifier} dispatches here when its input has a Sigstore bundle
 * {@code mediaType}.
 *
 * <p><b>Key-based</b> bundles ({@code publicKey.hint}) are verified here, without sigstore-java:
 * the envelope is verified by {@link Verifier#verify(DsseEnvelope, VerificationPolicy)} with the
 * policy's keys; the DSSE keyid, when set, must equal the hint. Transparency-log entries of
 * key-based bundles are not verified (a key policy has no Rekor key), so a policy requiring one
 * fails with {@link FailureReason#MISSING_TLOG_ENTRY} when there is none and {@link
 * FailureReason#BAD_TLOG_ENTRY} saying it cannot be checked when there is one.
 *
 * <p><b>Keyless</b> (certificate) bundles go to the {@link KeylessProvider} of {@code
 * vex-sign-sigstore}; without it they fail with {@link FailureReason#UNTRUSTED_CERTIFICATE} and
 * {@link KeylessProvider#MISSING} (the certificate cannot be checked).
 */
public final class SigstoreBundles {
  /** The media type prefix of Sigstore bundles. */
  public static final String MEDIA_TYPE_PREFIX = "application/vnd.dev.sigstore.bundle";

  private SigstoreBundles() {}

  /** Verifies a bundle given as JSON; never throws for bad input. */
  public static VerificationResult verify(byte[] bundleJson, VerificationPolicy policy) {
    SigstoreBundle bundle;
    try {
      bundle = SigstoreBundle.parse(bundleJson);
    } catch (VexException e) {
      return VerificationResult.failed(FailureReason.MALFORMED, String.valueOf(e.getMessage()));
    }
    return verify(bundle, policy);
  }

  /** Verifies a parsed bundle; never throws for bad input. */
  public static VerificationResult verify(SigstoreBundle bundle, VerificationPolicy policy) {
    DsseEnvelope envelope = bundle.envelope();
    if (envelope.signatures().isEmpty()) {
      return VerificationResult.failed(
          FailureReason.NO_SIGNATURES, "the bundle's DSSE envelope has no signatures");
    }
    if (envelope.signatures().size() > 1) {
      return VerificationResult.failed(
          FailureReason.MALFORMED,
          "a Sigstore bundle's DSSE envelope must have exactly one signature but has "
              + envelope.signatures().size()
              + " (/dsseEnvelope/signatures)");
    }
    return policy.isKeyless() ? keyless(bundle, policy) : keyBased(bundle, policy);
  }

  private static VerificationResult keyless(SigstoreBundle bundle, VerificationPolicy policy) {
    if (bundle.certificate().isEmpty()) {
      return VerificationResult.failed(
          FailureReason.UNTRUSTED_CERTIFICATE,
          "keyless verification needs a signing certificate, but the bundle is signed by a"
              + " self-managed key (/verificationMaterial/publicKey/hint '"
              + bundle.publicKeyHint().orElse("")
              + "'); verify it with the public key");
    }
    KeylessProvider provider;
    try {
      provider = KeylessProvider.require();
    } catch (VexException e) {
      return VerificationResult.failed(
          FailureReason.UNTRUSTED_CERTIFICATE,
          "the bundle's signing certificate cannot be checked: " + e.getMessage());
    }
    return provider.verifyKeyless(bundle, policy);
  }

  private static VerificationResult keyBased(SigstoreBundle bundle, VerificationPolicy policy) {
    if (bundle.publicKeyHint().isEmpty()) {
      return VerificationResult.failed(
          FailureReason.UNKNOWN_KEY,
          "the bundle is signed with a Fulcio certificate (keyless), not a self-managed key;"
              + " verify it with a certificate identity and issuer instead of keys");
    }
    String hint = bundle.publicKeyHint().get();
    DsseSignature sig = bundle.envelope().signatures().get(0);
    if (!sig.keyId().isEmpty() && !hint.isEmpty() && !sig.keyId().equals(hint)) {
      return VerificationResult.failed(
          FailureReason.MALFORMED,
          "the DSSE keyid '"
              + sig.keyId()
              + "' (/dsseEnvelope/signatures/0/keyid) differs from the public-key hint '"
              + hint
              + "' (/verificationMaterial/publicKey/hint); they must be equal");
    }
    if (policy.transparencyLogRequired()) {
      if (!bundle.hasTransparencyLogEntry()) {
        return VerificationResult.failed(
            FailureReason.MISSING_TLOG_ENTRY,
            "the policy requires a transparency-log entry, but the bundle has none"
                + " (/verificationMaterial/tlogEntries is empty)");
      }
      return VerificationResult.failed(
          FailureReason.BAD_TLOG_ENTRY,
          "the policy requires a transparency-log entry, but waterline does not verify the"
              + " transparency-log entries of key-signed bundles (a key policy has no Rekor"
              + " key); verify without requiring the log");
    }
    DsseEnvelope envelope = bundle.envelope();
    if (sig.keyId().isEmpty() && !hint.isEmpty()) {
      envelope =
          DsseEnvelope.of(
              envelope.payloadType(),
              envelope.payload(),
              List.of(DsseSignature.of(hint, sig.sig())));
    }
    return Verifier.verify(envelope, policy);
  }
}
