package dev.waterline.vex.sign.internal;

import dev.waterline.vex.sign.FailureReason;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Verification of Sigstore bundles, implemented by the Sigstore part of vex-sign and found through
 * {@link ServiceLoader} ({@code
 * META-INF/services/dev.waterline.vex.sign.internal.BundleVerification}). {@link
 * dev.waterline.vex.sign.Verifier} dispatches here when its input has a Sigstore bundle {@code
 * mediaType}. Without an implementation, bundles fail as {@link FailureReason#MALFORMED}.
 */
public interface BundleVerification {
  /** The media type prefix of Sigstore bundles. */
  String MEDIA_TYPE_PREFIX = "application/vnd.dev.sigstore.bundle";

  /**
   * Verifies a Sigstore bundle against a policy. Never throws for bad input: every failure is a
   * {@link VerificationResult#failed} with the right reason.
   */
  VerificationResult verify(byte[] bundleJson, VerificationPolicy policy);

  /** The implementation on the class path, or one that says bundles are not supported. */
  static BundleVerification load() {
    try {
      Iterator<BundleVerification> it =
          ServiceLoader.load(BundleVerification.class, BundleVerification.class.getClassLoader())
              .iterator();
      if (it.hasNext()) {
        return it.next();
      }
    } catch (ServiceConfigurationError e) {
      String why = String.valueOf(e.getMessage());
      return (json, policy) ->
          VerificationResult.failed(
              FailureReason.MALFORMED, "Sigstore bundle verification could not be loaded: " + why);
    }
    return (json, policy) ->
        VerificationResult.failed(
            FailureReason.MALFORMED, "Sigstore bundles are not supported in this build");
  }
}
