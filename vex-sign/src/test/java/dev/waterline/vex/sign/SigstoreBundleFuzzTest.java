package dev.waterline.vex.sign;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.VexException;

/**
 * Fuzzes {@link SigstoreBundle#parse(byte[])}: it returns a bundle or throws {@link VexException};
 * nothing else may escape. A bundle that was read writes JSON that reads back to an equal one.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/sign/SigstoreBundleFuzzTestInputs/}.
 */
class SigstoreBundleFuzzTest {

  @FuzzTest
  @DictionaryEntries({
    "\"mediaType\"",
    "\"application/vnd.dev.sigstore.bundle.v0.3+json\"",
    "\"application/vnd.dev.sigstore.bundle+json;version=0.1\"",
    "\"application/vnd.dev.sigstore.bundle+json;version=0.2\"",
    "\"verificationMaterial\"",
    "\"certificate\"",
    "\"rawBytes\"",
    "\"x509CertificateChain\"",
    "\"certificates\"",
    "\"publicKey\"",
    "\"hint\"",
    "\"tlogEntries\"",
    "\"timestampVerificationData\"",
    "\"rfc3161Timestamps\"",
    "\"signedTimestamp\"",
    "\"messageSignature\"",
    "\"dsseEnvelope\"",
    "\"payloadType\"",
    "\"payload\"",
    "\"signatures\"",
    "\"sig\"",
    "\"keyid\"",
    "\"AA==\"",
    "null",
    "[]",
    "{}"
  })
  void parseThrowsOnlyVexExceptionAndRoundTrips(byte[] json) {
    SigstoreBundle bundle;
    try {
      bundle = SigstoreBundle.parse(json);
    } catch (VexException expected) {
      return;
    }
    SigstoreBundle again = SigstoreBundle.parse(bundle.toJsonBytes());
    if (!again.equals(bundle)) {
      throw new AssertionError(
          "read, written and read again, the bundle changed:\n" + bundle + "\n" + again);
    }
  }
}
