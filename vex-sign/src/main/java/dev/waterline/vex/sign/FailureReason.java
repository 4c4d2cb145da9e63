package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** Why an attestation did not verify. */
@API(status = STABLE, since = "0.1.0")
public enum FailureReason {
  /** The input is not a DSSE envelope or Sigstore bundle, or its payload is not a statement. */
  MALFORMED,
  /** The envelope carries no signature. */
  NO_SIGNATURES,
  /** A signature made by a trusted key (by key id) does not match the signed bytes. */
  BAD_SIGNATURE,
  /** The signature is valid but the payload type is not {@code application/vnd.in-toto+json}. */
  WRONG_PAYLOAD_TYPE,
  /** The signatures name keys that are not among the trusted keys. */
  UNKNOWN_KEY,
  /** The signatures are of another algorithm than every trusted key. */
  WRONG_KEY_ALGORITHM,
  /** The statement's subjects do not include the expected subject digest. */
  SUBJECT_MISMATCH,
  /** The signing certificate does not chain to the trusted root. */
  UNTRUSTED_CERTIFICATE,
  /** The signing certificate was not valid at the signing time. */
  EXPIRED_CERTIFICATE,
  /** The certificate's identity (SAN) is not the expected one. */
  IDENTITY_MISMATCH,
  /** The certificate's OIDC issuer is not the expected one. */
  ISSUER_MISMATCH,
  /** A transparency-log entry is required but there is none. */
  MISSING_TLOG_ENTRY,
  /** The transparency-log entry does not verify or does not match. */
  BAD_TLOG_ENTRY,
  /** The signed timestamp does not verify or does not match. */
  BAD_TIMESTAMP
}
