package dev.waterline.vex.workflow;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the three decision readers ({@link Decisions#parse}): each returns decisions or throws
 * {@link DecisionException}; nothing else may escape.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/workflow/DecisionsFuzzTestInputs/}.
 */
class DecisionsFuzzTest {

  @FuzzTest
  @DictionaryEntries({
    "ticket,vulnerability,product,subcomponent,status,justification,impact_statement,"
        + "action_statement,author,time",
    "registry.local/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "pkg:oci/app@sha256%3A0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    "?repository_url=registry.local/app",
    "Not affected",
    "Vulnerable code not in execute path",
    "2026-03-01T10:00:00Z",
    "2026-03-01T10:00:00.000+0000",
    "{\"issues\":[{\"key\":\"SEC-1\",\"fields\":{",
    "\"vex_status\":",
    "\"\""
  })
  void readersThrowOnlyDecisionException(byte[] input) {
    for (DecisionFormat f : DecisionFormat.values()) {
      try {
        for (Decision d : Decisions.parse(input, "fuzz", f)) {
          if (d.toString().isEmpty() || d.ticket().isBlank()) {
            throw new AssertionError("an empty decision: " + d);
          }
        }
      } catch (DecisionException expected) {
        // documented
      }
    }
  }
}
