package dev.waterline.vex.sign;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.VexException;

/**
 * Fuzzes {@link DsseEnvelope#parse(byte[])}: it returns an envelope or throws {@link VexException};
 * nothing else may escape. An envelope that was read writes JSON that reads back to an equal one.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/sign/DsseEnvelopeFuzzTestInputs/}.
 */
class DsseEnvelopeFuzzTest {

  @FuzzTest
  @DictionaryEntries({
    "\"payloadType\"",
    "\"payload\"",
    "\"signatures\"",
    "\"sig\"",
    "\"keyid\"",
    "\"application/vnd.in-toto+json\"",
    "\"\"",
    "\"AA==\"",
    "\"_-8\"",
    "null",
    "[]",
    "{}"
  })
  void parseThrowsOnlyVexExceptionAndRoundTrips(byte[] json) {
    DsseEnvelope envelope;
    try {
      envelope = DsseEnvelope.parse(json);
    } catch (VexException expected) {
      return;
    }
    DsseEnvelope again = DsseEnvelope.parse(envelope.toJsonBytes());
    if (!again.equals(envelope)) {
      throw new AssertionError(
          "read, written and read again, the envelope changed:\n" + envelope + "\n" + again);
    }
    envelope.pae();
  }
}
