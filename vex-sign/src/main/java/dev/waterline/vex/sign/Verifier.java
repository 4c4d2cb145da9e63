package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.internal.Json;
import dev.waterline.vex.sign.internal.SignatureShapes;
import dev.waterline.vex.sign.internal.SigstoreBundles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Verifies attestations: bare DSSE envelopes with trusted keys, and Sigstore bundles (recognised by
 * their {@code mediaType}). Verification never throws for bad input; every failure is a {@link
 * VerificationResult} with a {@link FailureReason}.
 *
 * <p>For an envelope, in this order: at least one signature; one signature must verify over the PAE
 * with a trusted key (key ids are hints only: keys with a matching id are tried first, then the
 * others); the payload type must be {@code application/vnd.in-toto+json}; the verified payload must
 * be an in-toto statement (v1 or v0.1); when the policy names a subject, some subject must have its
 * sha256 digest (names are not compared: registries have several names for one image).
 */
@API(status = STABLE, since = "0.1.0")
public final class Verifier {
  private Verifier() {}

  /** Verifies a DSSE envelope or Sigstore bundle given as JSON bytes. */
  public static VerificationResult verify(byte[] attestationJson, VerificationPolicy policy) {
    JsonNode node;
    try {
      node = Json.read(attestationJson, "the attestation");
    } catch (VexException e) {
      return VerificationResult.failed(FailureReason.MALFORMED, String.valueOf(e.getMessage()));
    }
    JsonNode mediaType = node.path("mediaType");
    if (mediaType.isTextual() && mediaType.asText().startsWith(SigstoreBundles.MEDIA_TYPE_PREFIX)) {
      return SigstoreBundles.verify(attestationJson, policy);
    }
    DsseEnvelope envelope;
    try {
      envelope = DsseEnvelope.fromJson(node);
    } catch (VexException e) {
      return VerificationResult.failed(FailureReason.MALFORMED, String.valueOf(e.getMessage()));
    }
    return verify(envelope, policy);
  }

  /**
   * Verifies a DSSE envelope. A policy that requires a transparency-log entry fails with {@link
   * FailureReason#MISSING_TLOG_ENTRY}: a bare envelope carries none.
   */
  public static VerificationResult verify(DsseEnvelope envelope, VerificationPolicy policy) {
    if (policy.isKeyless()) {
      return VerificationResult.failed(
          FailureReason.UNTRUSTED_CERTIFICATE,
          "keyless verification needs a Sigstore bundle with a signing certificate,"
              + " but a bare DSSE envelope carries none");
    }
    if (policy.transparencyLogRequired()) {
      return VerificationResult.failed(
          FailureReason.MISSING_TLOG_ENTRY,
          "the policy requires a transparency-log entry, but a bare DSSE envelope carries none"
              + " (verify a Sigstore bundle instead)");
    }
    if (envelope.signatures().isEmpty()) {
      return VerificationResult.failed(
          FailureReason.NO_SIGNATURES, "the DSSE envelope has no signatures");
    }
    byte[] pae = envelope.pae();
    List<PublicKey> keys = policy.keys();
    PublicKey signer = null;
    boolean matchedIdButBad = false;
    boolean everyShapeWrong = true;
    boolean everyIdUnknown = true;
    Set<String> seenIds = new LinkedHashSet<>();
    outer:
    for (DsseSignature sig : envelope.signatures()) {
      byte[] bytes = sig.sig();
      List<PublicKey> ordered = new ArrayList<>();
      for (PublicKey k : keys) {
        if (k.keyId().equals(sig.keyId())) {
          ordered.add(k);
        }
      }
      boolean matched = !ordered.isEmpty();
      for (PublicKey k : keys) {
        if (!ordered.contains(k)) {
          ordered.add(k);
        }
      }
      for (PublicKey k : ordered) {
        if (k.verify(pae, bytes)) {
          signer = k;
          break outer;
        }
        if (SignatureShapes.fits(bytes, k.algorithm())) {
          everyShapeWrong = false;
        }
      }
      matchedIdButBad |= matched;
      everyIdUnknown &= !matched && !sig.keyId().isEmpty();
      seenIds.add(sig.keyId().isEmpty() ? "\"\"" : sig.keyId());
    }
    if (signer == null) {
      String trusted =
          keys.stream()
              .map(k -> k.algorithm() + " keyid=" + k.keyId())
              .collect(Collectors.joining(", ", "[", "]"));
      String ids = String.join(", ", seenIds);
      if (matchedIdButBad) {
        return VerificationResult.failed(
            FailureReason.BAD_SIGNATURE,
            "the signature by trusted key "
                + ids
                + " does not match the payload and payload type (altered or truncated)");
      }
      if (everyShapeWrong) {
        return VerificationResult.failed(
            FailureReason.WRONG_KEY_ALGORITHM,
            "the signature (keyid "
                + ids
                + ") is not of the algorithm of any trusted key "
                + trusted);
      }
      if (everyIdUnknown) {
        return VerificationResult.failed(
            FailureReason.UNKNOWN_KEY,
            "signed by keyid " + ids + ", which is none of the trusted keys " + trusted);
      }
      return VerificationResult.failed(
          FailureReason.BAD_SIGNATURE,
          "no trusted key " + trusted + " verifies the signature (keyid " + ids + ")");
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
    if (policy.expectedSubject().isPresent()) {
      Subject expected = policy.expectedSubject().get();
      String want = expected.sha256().orElse("");
      boolean found =
          statement.subjects().stream().anyMatch(s -> s.sha256().orElse("").equals(want));
      if (!found) {
        return VerificationResult.failed(
            FailureReason.SUBJECT_MISMATCH,
            "expected a subject with digest sha256:"
                + want
                + " ("
                + expected
                + ") but the statement names "
                + statement.subjects());
      }
    }
    return VerificationResult.verifiedByKey(signer, statement);
  }
}
