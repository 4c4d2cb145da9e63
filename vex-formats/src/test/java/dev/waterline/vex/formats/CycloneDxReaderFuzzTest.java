package dev.waterline.vex.formats;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.VexParseException;

/**
 * Fuzzes the CycloneDx reader with arbitrary bytes.
 *
 * <p>Contract: {@code VexFormats.read(bytes, CYCLONEDX)} returns or throws {@link
 * VexParseException}; nothing else may escape. {@code VexFormats.validate} never throws. A document
 * that was read writes every dialect (or refuses with a {@link VexException}, as CSAF does for a
 * document without products), and what is written reads back.
 *
 * <p>Seeds: {@code src/test/resources/dev/waterline/vex/formats/CycloneDxReaderFuzzTestInputs/}.
 */
class CycloneDxReaderFuzzTest {
  @FuzzTest
  @DictionaryEntries({
    "\"bomFormat\"",
    "\"CycloneDX\"",
    "\"specVersion\"",
    "\"1.6\"",
    "\"1.4\"",
    "\"vulnerabilities\"",
    "\"analysis\"",
    "\"state\"",
    "\"not_affected\"",
    "\"exploitable\"",
    "\"resolved\"",
    "\"in_triage\"",
    "\"false_positive\"",
    "\"justification\"",
    "\"code_not_present\"",
    "\"response\"",
    "\"affects\"",
    "\"ref\"",
    "\"versions\"",
    "\"range\"",
    "\"status\"",
    "\"unaffected\"",
    "\"bom-ref\"",
    "\"components\"",
    "\"purl\"",
    "\"urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#\"",
    "\"serialNumber\"",
    "\"properties\"",
    "\"waterline:openvex:id\"",
    "\"firstIssued\"",
    "\"2024-01-31T23:59:59Z\""
  })
  void readThrowsOnlyVexParseExceptionAndWhatItReadsConverts(byte[] input) {
    VexFormats.validate(input, VexFormat.CYCLONEDX);
    VexDocument doc;
    try {
      doc = VexFormats.read(input, VexFormat.CYCLONEDX).document();
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
