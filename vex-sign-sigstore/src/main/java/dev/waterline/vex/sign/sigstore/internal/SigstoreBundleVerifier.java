package dev.waterline.vex.sign.sigstore.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.BundleParseException;
import dev.sigstore.bundle.ImmutableBundle;
import dev.sigstore.tuf.SigstoreTufClient;
import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.CertificateIdentity;
import dev.waterline.vex.sign.DsseEnvelope;
import dev.waterline.vex.sign.FailureReason;
import dev.waterline.vex.sign.InTotoStatement;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.SigstoreBundle;
import dev.waterline.vex.sign.Subject;
import dev.waterline.vex.sign.TrustedRoot;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.internal.Json;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Verifies keyless (certificate) Sigstore bundles for {@link SigstoreJavaKeyless}; vex-sign has
 * checked that there is exactly one DSSE signature, a signing certificate and a keyless policy.
 *
 * <p>In this order: the signature is checked by us with the leaf certificate's key over the DSSE
 * PAE with UTF-8 byte lengths; the payload type must be in-toto; the payload must be a statement,
 * naming the expected subject if the policy has one; the bundle must carry a transparency-log
 * entry. Then sigstore-java 2.0.0's {@code KeylessVerifier} checks the certificate chain against
 * the trusted root, the SCTs, the log entry (body matches envelope and certificate, inclusion
 * proof, checkpoint, SET) and the RFC 3161 timestamps. It also checks the DSSE signature again: it
 * is handed an envelope whose PAE is the correct one (sigstore-java's own PAE counts UTF-16 code
 * units and would reject correct signatures over non-ASCII payloads). Finally the certificate's SAN
 * and OIDC issuer are matched against the policy's {@link CertificateIdentity} by us (exact or
 * whole-value Java regex).
 */
final class SigstoreBundleVerifier {
  private static final Map<TrustedRoot, KeylessVerifier> VERIFIERS = new ConcurrentHashMap<>();

  private SigstoreBundleVerifier() {}

  static VerificationResult keyless(SigstoreBundle bundle, VerificationPolicy policy) {
    CertificateIdentity identity = policy.certificateIdentity().orElseThrow();
    TrustedRoot root = policy.trustedRoot().orElseThrow();
    X509Certificate leaf;
    PublicKey leafKey;
    try {
      leaf = CertificateFields.parse(bundle.certificate().get());
      leafKey = PublicKey.of(leaf.getPublicKey());
    } catch (GeneralSecurityException | VexException e) {
      return VerificationResult.failed(
          FailureReason.MALFORMED,
          "the bundle's signing certificate (/verificationMaterial) cannot be read: "
              + e.getMessage());
    }
    DsseEnvelope envelope = bundle.envelope();
    if (!leafKey.verify(envelope.pae(), envelope.signatures().get(0).sig())) {
      return VerificationResult.failed(
          FailureReason.BAD_SIGNATURE,
          "the DSSE signature does not verify with the signing certificate's key ("
              + leafKey.algorithm()
              + ") over the payload and payload type (altered, truncated or not signed by it)");
    }
    if (!envelope.payloadType().equals(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE)) {
      return VerificationResult.failed(
          FailureReason.WRONG_PAYLOAD_TYPE,
          "expected payload type '"
              + DsseEnvelope.IN_TOTO_PAYLOAD_TYPE
              + "' but the signed envelope has '"
              + envelope.payloadType()
              + "'");
    }
    InTotoStatement statement;
    try {
      statement = InTotoStatement.parse(envelope.payload());
    } catch (VexException e) {
      return VerificationResult.failed(FailureReason.MALFORMED, String.valueOf(e.getMessage()));
    }
    Optional<String> digest = subjectDigest(statement, policy.expectedSubject().orElse(null));
    if (digest.isEmpty()) {
      return policy.expectedSubject().isPresent()
          ? VerificationResult.failed(
              FailureReason.SUBJECT_MISMATCH,
              "expected a subject with digest sha256:"
                  + policy.expectedSubject().get().sha256().orElse("")
                  + " ("
                  + policy.expectedSubject().get()
                  + ") but the statement names "
                  + statement.subjects())
          : VerificationResult.failed(
              FailureReason.MALFORMED,
              "the statement has no subject with a sha256 digest, which keyless verification"
                  + " needs");
    }
    if (!bundle.hasTransparencyLogEntry()) {
      return VerificationResult.failed(
          FailureReason.MISSING_TLOG_ENTRY,
          "keyless verification requires a transparency-log entry, but the bundle has none"
              + " (/verificationMaterial/tlogEntries)");
    }
    Bundle sj;
    try {
      sj = Bundle.from(new StringReader(bundle.toJson()));
    } catch (BundleParseException e) {
      return parseFailure(e);
    }
    Bundle.DsseEnvelope sjEnvelope = sj.getDsseEnvelope().orElseThrow();
    Bundle fixed = ImmutableBundle.copyOf(sj).withDsseEnvelope(new CorrectPaeEnvelope(sjEnvelope));
    KeylessVerifier verifier;
    try {
      verifier = verifierFor(root);
    } catch (Exception e) {
      return VerificationResult.failed(
          FailureReason.UNTRUSTED_CERTIFICATE,
          "cannot load the trusted root " + root + ": " + messageOf(e));
    }
    try {
      verifier.verify(HexFormat.of().parseHex(digest.get()), fixed, VerificationOptions.empty());
    } catch (KeylessVerificationException e) {
      return mapFailure(e, leaf, bundle);
    } catch (RuntimeException e) {
      return VerificationResult.failed(
          FailureReason.MALFORMED, "sigstore-java could not verify the bundle: " + messageOf(e));
    }
    List<String> sans = CertificateFields.sans(leaf);
    Optional<String> issuer = CertificateFields.issuer(leaf);
    if (sans.stream().noneMatch(identity::matchesSan)) {
      return VerificationResult.failed(
          FailureReason.IDENTITY_MISMATCH,
          "expected certificate " + identity + " but the certificate's identity (SAN) is " + sans);
    }
    if (issuer.isEmpty() || !identity.matchesIssuer(issuer.get())) {
      return VerificationResult.failed(
          FailureReason.ISSUER_MISMATCH,
          "expected certificate "
              + identity
              + " but the certificate's OIDC issuer is "
              + issuer.map(s -> "'" + s + "'").orElse("absent"));
    }
    String who = sans.stream().filter(identity::matchesSan).findFirst().orElseThrow();
    return VerificationResult.verified(
        "certificate identity " + who + " issuer " + issuer.get(), statement);
  }

  private static Optional<String> subjectDigest(
      InTotoStatement statement, @Nullable Subject expected) {
    if (expected != null) {
      String want = expected.sha256().orElse("");
      return statement.subjects().stream()
          .map(s -> s.sha256().orElse(""))
          .filter(want::equals)
          .findFirst();
    }
    return statement.subjects().stream().flatMap(s -> s.sha256().stream()).findFirst();
  }

  private static KeylessVerifier verifierFor(TrustedRoot root) throws Exception {
    KeylessVerifier cached = VERIFIERS.get(root);
    if (cached != null) {
      return cached;
    }
    KeylessVerifier built = KeylessVerifier.builder().trustedRootProvider(provider(root)).build();
    VERIFIERS.put(root, built);
    return built;
  }

  /** sigstore-java's provider for our trusted root (TUF: network when first used). */
  static TrustedRootProvider provider(TrustedRoot root) {
    return switch (root.source()) {
      case FILE -> TrustedRootProvider.from(root.file().orElseThrow());
      case PRODUCTION_TUF ->
          TrustedRootProvider.from(SigstoreTufClient.builder().usePublicGoodInstance());
      case STAGING_TUF ->
          TrustedRootProvider.from(SigstoreTufClient.builder().useStagingInstance());
    };
  }

  private static VerificationResult parseFailure(BundleParseException e) {
    String m = messageOf(e);
    FailureReason reason;
    if (m.contains("Could not find any tlog entries")) {
      reason = FailureReason.MISSING_TLOG_ENTRY;
    } else if (m.contains("inclusion proof")) {
      reason = FailureReason.BAD_TLOG_ENTRY;
    } else if (m.contains("timestamp verification")) {
      reason = FailureReason.BAD_TIMESTAMP;
    } else {
      reason = FailureReason.MALFORMED;
    }
    return VerificationResult.failed(reason, "sigstore-java cannot read the bundle: " + m);
  }

  /** Maps sigstore-java's verification failure (it has only messages) to a reason. */
  static VerificationResult mapFailure(
      KeylessVerificationException e, X509Certificate leaf, SigstoreBundle bundle) {
    String m = messageOf(e);
    FailureReason reason;
    if (m.startsWith("Fulcio certificate was not valid")) {
      reason =
          signedOutsideValidity(leaf, bundle)
              ? FailureReason.EXPIRED_CERTIFICATE
              : FailureReason.UNTRUSTED_CERTIFICATE;
    } else if (m.startsWith("RFC3161") || m.contains("timestamp")) {
      reason =
          signedOutsideValidity(leaf, bundle)
              ? FailureReason.EXPIRED_CERTIFICATE
              : FailureReason.BAD_TIMESTAMP;
    } else if (m.startsWith("DSSE signature was not valid")
        || m.startsWith("Signature could not be processed")) {
      reason = FailureReason.BAD_SIGNATURE;
    } else if (m.contains("payload type")) {
      reason = FailureReason.WRONG_PAYLOAD_TYPE;
    } else if (m.contains("subject sha256")) {
      reason = FailureReason.SUBJECT_MISMATCH;
    } else if (m.contains("certificate identities")) {
      reason = FailureReason.IDENTITY_MISMATCH;
    } else {
      // log entry body, inclusion proof, checkpoint, SET, entry kind
      reason = FailureReason.BAD_TLOG_ENTRY;
    }
    if (reason == FailureReason.BAD_TLOG_ENTRY && signedOutsideValidity(leaf, bundle)) {
      reason = FailureReason.EXPIRED_CERTIFICATE;
    }
    return VerificationResult.failed(reason, "sigstore-java 2.0.0: " + m);
  }

  /** Whether the log's integrated time (Rekor v1) lies outside the leaf's validity. */
  private static boolean signedOutsideValidity(X509Certificate leaf, SigstoreBundle bundle) {
    JsonNode entries =
        Json.read(bundle.toJsonBytes(), "the bundle")
            .path("verificationMaterial")
            .path("tlogEntries");
    for (JsonNode entry : entries) {
      JsonNode t = entry.path("integratedTime");
      long seconds = t.isTextual() ? parseLong(t.asText()) : t.asLong(0);
      if (seconds > 0) {
        Instant at = Instant.ofEpochSecond(seconds);
        if (at.isBefore(leaf.getNotBefore().toInstant())
            || at.isAfter(leaf.getNotAfter().toInstant())) {
          return true;
        }
      }
    }
    return false;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static String messageOf(Throwable e) {
    StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable c = e.getCause();
    int depth = 0;
    while (c != null && depth++ < 3) {
      if (c.getMessage() != null && !b.toString().contains(c.getMessage())) {
        b.append(": ").append(c.getMessage());
      }
      c = c.getCause();
    }
    return b.toString();
  }
}
