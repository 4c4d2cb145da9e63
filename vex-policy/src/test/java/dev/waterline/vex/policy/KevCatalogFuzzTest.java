package dev.waterline.vex.policy;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link KevCatalog#read(byte[])} (CISA's Known Exploited Vulnerabilities feed): it returns
 * a catalog or throws {@link InputParseException}; nothing else may escape.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/policy/KevCatalogFuzzTestInputs/}.
 */
class KevCatalogFuzzTest {

  @FuzzTest
  @DictionaryEntries({
    "\"catalogVersion\"",
    "\"count\"",
    "\"vulnerabilities\"",
    "\"cveID\"",
    "\"vendorProject\"",
    "\"product\"",
    "\"dateAdded\"",
    "\"dueDate\"",
    "\"knownRansomwareCampaignUse\"",
    "\"Known\"",
    "\"CVE-2021-44228\"",
    "\"2021-12-10\""
  })
  void readThrowsOnlyInputParseException(byte[] json) {
    try {
      KevCatalog catalog = KevCatalog.read(json);
      if (catalog.toString().isEmpty()) {
        throw new AssertionError("prints as nothing");
      }
    } catch (InputParseException expected) {
      // documented
    }
  }
}
