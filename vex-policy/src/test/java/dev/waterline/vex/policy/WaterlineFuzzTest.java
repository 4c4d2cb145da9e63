package dev.waterline.vex.policy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link Waterline#parse(String)} (base-image diffIDs, as lines or a JSON array): it returns
 * a waterline or throws {@link InputParseException}; nothing else may escape.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/policy/WaterlineFuzzTestInputs/}.
 */
class WaterlineFuzzTest {

  @FuzzTest
  void parseThrowsOnlyInputParseException(byte[] text) {
    try {
      if (Waterline.parse(new String(text, StandardCharsets.UTF_8)).toString().isEmpty()) {
        throw new AssertionError("prints as nothing");
      }
    } catch (InputParseException expected) {
      // documented
    }
  }
}
