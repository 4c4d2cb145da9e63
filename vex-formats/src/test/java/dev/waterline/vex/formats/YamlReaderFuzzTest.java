package dev.waterline.vex.formats;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.VexParseException;

/**
 * Fuzzes the Yaml reader with arbitrary bytes.
 *
 * <p>Contract: {@code VexFormats.read(bytes, OPENVEX)} returns or throws {@link VexParseException};
 * nothing else may escape. {@code VexFormats.validate} never throws. A document that was read
 * writes every dialect (or refuses with a {@link VexException}, as CSAF does for a document without
 * products), and what is written reads back.
 *
 * <p>Seeds: {@code src/test/resources/dev/waterline/vex/formats/YamlReaderFuzzTestInputs/}.
 */
class YamlReaderFuzzTest {
  @FuzzTest
  @DictionaryEntries({
    "'@context': ",
    "https://openvex.dev/ns/v0.2.0",
    "statements:",
    "- ",
    "  ",
    "status: ",
    "not_affected",
    "&a ",
    "*a",
    "!!str ",
    "---",
    "? ",
    "products:",
    "vulnerability:",
    "name: "
  })
  void readThrowsOnlyVexParseExceptionAndWhatItReadsConverts(byte[] input) {
    VexFormats.validate(input, VexFormat.OPENVEX);
    VexDocument doc;
    try {
      doc = VexFormats.read(input, VexFormat.OPENVEX).document();
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
