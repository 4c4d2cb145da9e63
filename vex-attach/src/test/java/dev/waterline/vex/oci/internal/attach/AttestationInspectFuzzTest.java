package dev.waterline.vex.oci.internal.attach;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.oci.OciException;

/**
 * Fuzzes {@link Envelopes#inspect}, which reads every attestation layer fetched from a registry or
 * layout (bundle, DSSE envelope or bare in-toto statement): it returns what it found or throws
 * {@link OciException}; nothing else may escape.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/oci/internal/attach/AttestationInspectFuzzTestInputs/}.
 */
class AttestationInspectFuzzTest {

  @FuzzTest
  @DictionaryEntries({
    "\"mediaType\"",
    "\"application/vnd.dev.sigstore.bundle.v0.3+json\"",
    "\"dsseEnvelope\"",
    "\"payloadType\"",
    "\"application/vnd.in-toto+json\"",
    "\"payload\"",
    "\"signatures\"",
    "\"sig\"",
    "\"_type\"",
    "\"https://in-toto.io/Statement/v1\"",
    "\"subject\"",
    "\"digest\"",
    "\"sha256\"",
    "\"sha512\"",
    "\"predicateType\"",
    "\"https://openvex.dev/ns/v0.2.0\"",
    "\"predicate\""
  })
  void inspectThrowsOnlyOciException(byte[] attestation) {
    try {
      Envelopes.inspect(attestation, "the fuzz input");
    } catch (OciException expected) {
      // documented
    }
  }
}
