package dev.waterline.vex.sign;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link Verifier#verify(byte[], VerificationPolicy)} with envelopes and bundles: whatever
 * the bytes, it returns a result (malformed input is a failed result with a reason); no exception
 * may escape. The policy trusts the key that signed the seed envelope and bundle, so mutations of
 * them reach signature checking, payload parsing and the subject check.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/sign/VerifierFuzzTestInputs/}.
 */
class VerifierFuzzTest {
  /** The public half of the key that signed the seeds (a throwaway key made for them). */
  private static final String SEED_KEY =
      "-----BEGIN PUBLIC KEY-----\n"
          + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAER71pwY3fK37jE2OM59sUKpbMHlD+\n"
          + "uruYBwaaNIsyYEv6kCDrm9PbDq+iNgEeBjqmXVBe0/1X03r++X4uiwKi5w==\n"
          + "-----END PUBLIC KEY-----\n";

  private static final VerificationPolicy POLICY =
      VerificationPolicy.keys(PublicKey.parsePem(SEED_KEY))
          .subject("registry.example/app@sha256:" + "a".repeat(64));

  @FuzzTest
  void verifyReturnsAResultForAnyInput(byte[] attestation) {
    VerificationResult result = Verifier.verify(attestation, POLICY);
    if (result.verified() && result.statement().isEmpty()) {
      throw new AssertionError("verified without a statement: " + result);
    }
  }
}
