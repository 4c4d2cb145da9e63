package dev.waterline.vex.formats;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.VexParseException;

/**
 * Fuzzes the Csaf reader with arbitrary bytes.
 *
 * <p>Contract: {@code VexFormats.read(bytes, CSAF)} returns or throws {@link VexParseException};
 * nothing else may escape. {@code VexFormats.validate} never throws. A document that was read
 * writes every dialect (or refuses with a {@link VexException}, as CSAF does for a document without
 * products), and what is written reads back.
 *
 * <p>Seeds: {@code src/test/resources/dev/waterline/vex/formats/CsafReaderFuzzTestInputs/}.
 */
class CsafReaderFuzzTest {
  @FuzzTest
  @DictionaryEntries({
    "\"csaf_version\"",
    "\"2.0\"",
    "\"product_status\"",
    "\"known_not_affected\"",
    "\"known_affected\"",
    "\"fixed\"",
    "\"under_investigation\"",
    "\"first_affected\"",
    "\"recommended\"",
    "\"flags\"",
    "\"threats\"",
    "\"remediations\"",
    "\"product_ids\"",
    "\"group_ids\"",
    "\"relationships\"",
    "\"default_component_of\"",
    "\"product_reference\"",
    "\"relates_to_product_reference\"",
    "\"full_product_name\"",
    "\"product_id\"",
    "\"branches\"",
    "\"product_version_range\"",
    "\"product_identification_helper\"",
    "\"purl\"",
    "\"cpe\"",
    "\"label\"",
    "\"component_not_present\"",
    "\"category\"",
    "\"impact\"",
    "\"vendor_fix\"",
    "\"date\"",
    "\"2024-01-31T23:59:59Z\"",
    "\"tracking\"",
    "\"version\""
  })
  void readThrowsOnlyVexParseExceptionAndWhatItReadsConverts(byte[] input) {
    VexFormats.validate(input, VexFormat.CSAF);
    VexDocument doc;
    try {
      doc = VexFormats.read(input, VexFormat.CSAF).document();
    } catch (VexParseException expected) {
      return;
    }
    for (VexFormat to : VexFormat.values()) {
      WriteResult w;
      try {
        w = VexFormats.write(doc, to);
      } catch (VexParseException e) {
        throw new AssertionError("writing " + to + " threw a parse exception", e);
      } catch (VexException refused) {
        continue;
      }
      try {
        VexFormats.read(w.bytes(), to);
      } catch (VexParseException e) {
        throw new AssertionError(
            "what was written as "
                + to
                + " does not read back: "
                + e.getMessage()
                + "\n"
                + w.text(),
            e);
      }
    }
  }
}
