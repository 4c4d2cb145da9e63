package dev.waterline.vex.sign;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.VexException;

/**
 * Fuzzes {@link InTotoStatement#parse(byte[])}, which reads the payload of every verified envelope:
 * it returns a statement or throws {@link VexException}; nothing else may escape.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/sign/InTotoStatementFuzzTestInputs/}.
 */
class InTotoStatementFuzzTest {

  @FuzzTest
  @DictionaryEntries({
    "\"_type\"",
    "\"https://in-toto.io/Statement/v1\"",
    "\"https://in-toto.io/Statement/v0.1\"",
    "\"subject\"",
    "\"name\"",
    "\"digest\"",
    "\"sha256\"",
    "\"predicateType\"",
    "\"https://openvex.dev/ns\"",
    "\"https://openvex.dev/ns/v0.2.0\"",
    "\"predicate\"",
    "\"@context\"",
    "\"statements\"",
    "null",
    "[]",
    "{}"
  })
  void parseThrowsOnlyVexException(byte[] json) {
    try {
      InTotoStatement statement = InTotoStatement.parse(json);
      statement.toPayload();
    } catch (VexException expected) {
      // the documented failure
    }
  }
}
