package dev.waterline.vex.policy;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.UnreadableInputException;

/**
 * Fuzzes {@link EpssScores#read(byte[])} (FIRST's EPSS CSV, plain or gzip): it returns scores or
 * throws {@link InputParseException}, or {@link UnreadableInputException} ({@code TOO_LARGE}) for
 * gzip data that decompresses beyond the EPSS limit; nothing else may escape.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/policy/EpssScoresFuzzTestInputs/}.
 */
class EpssScoresFuzzTest {

  @FuzzTest
  @DictionaryEntries({
    "#model_version:v2025.03.14,score_date:2025-06-01T00:00:00+0000",
    "cve,epss,percentile",
    "CVE-2024-0001,",
    "0.00043",
    "1e-5",
    "NaN",
    "Infinity"
  })
  void readThrowsOnlyDocumentedExceptions(byte[] csv) {
    try {
      EpssScores scores = EpssScores.read(csv);
      if (scores.toString().isEmpty()) {
        throw new AssertionError("prints as nothing");
      }
    } catch (InputParseException expected) {
      // documented
    } catch (UnreadableInputException e) {
      if (e.reason() != UnreadableInputException.Reason.TOO_LARGE) {
        throw e;
      }
    }
  }
}
