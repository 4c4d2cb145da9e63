package dev.waterline.vex.policy;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.VexException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link Policy#parse(String)} (the team's policy file): it returns a policy or throws
 * {@link VexException}; nothing else may escape. A policy that was read writes JSON that reads back
 * to an equal policy.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/policy/PolicyFuzzTestInputs/}.
 */
class PolicyFuzzTest {

  @FuzzTest
  @DictionaryEntries({
    "\"$schema\"",
    "\"remediate\"",
    "\"severities\"",
    "\"critical\"",
    "\"high\"",
    "\"medium\"",
    "\"low\"",
    "\"negligible\"",
    "\"unknown\"",
    "\"kev\"",
    "\"epss_threshold\"",
    "\"always_in_scope\"",
    "\"accept\"",
    "\"exception_max_age_days\"",
    "\"review_interval_days\"",
    "\"vendors\"",
    "\"author\"",
    "\"signer\"",
    "1e308",
    "-0.0",
    "2147483648"
  })
  void parseThrowsOnlyVexExceptionAndRoundTrips(byte[] json) {
    Policy policy;
    try {
      policy = Policy.parse(new String(json, StandardCharsets.UTF_8));
    } catch (VexException expected) {
      return;
    }
    Policy again = Policy.parse(policy.toJson());
    if (!again.equals(policy)) {
      throw new AssertionError(
          "read, written and read again, the policy changed:\n" + policy + "\n" + again);
    }
  }
}
