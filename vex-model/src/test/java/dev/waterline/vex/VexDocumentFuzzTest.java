package dev.waterline.vex;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzzes the OpenVEX reader (v0.2.0 and legacy v0.0.1) with arbitrary bytes.
 *
 * <p>Contract: {@link VexDocument#parse(byte[])} either returns a document or throws {@link
 * VexParseException}; nothing else may escape. A document that was read writes JSON that reads back
 * to an equal document, and writing that one again gives the same bytes.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/VexDocumentFuzzTestInputs/}.
 */
class VexDocumentFuzzTest {

  @FuzzTest
  @DictionaryEntries({
    "\"@context\"",
    "\"https://openvex.dev/ns/v0.2.0\"",
    "\"https://openvex.dev/ns\"",
    "\"https://openvex.dev/ns/v0.0.1\"",
    "\"@id\"",
    "\"author\"",
    "\"role\"",
    "\"timestamp\"",
    "\"last_updated\"",
    "\"version\"",
    "\"tooling\"",
    "\"statements\"",
    "\"vulnerability\"",
    "\"name\"",
    "\"description\"",
    "\"aliases\"",
    "\"products\"",
    "\"subcomponents\"",
    "\"identifiers\"",
    "\"purl\"",
    "\"cpe23\"",
    "\"cpe22\"",
    "\"hashes\"",
    "\"sha-256\"",
    "\"status\"",
    "\"not_affected\"",
    "\"affected\"",
    "\"fixed\"",
    "\"under_investigation\"",
    "\"justification\"",
    "\"impact_statement\"",
    "\"action_statement\"",
    "\"action_statement_timestamp\"",
    "\"status_notes\"",
    "\"supplier\"",
    "\"vuln_description\"",
    "\"2024-01-31T23:59:59Z\"",
    "\"2024-01-31T23:59:59.123456789+01:00\"",
    "\"pkg:oci/app@sha256%3Aabc?repository_url=ghcr.io/acme/app\"",
    "\"pkg:golang/example.com/m@v1.0.0\"",
    "\"CVE-2023-44487\"",
    "\"1\"",
    "\\u0000",
    "\\ud800",
    "null",
    "true",
    "[]",
    "{}",
    "1e999",
    "-0",
    "9223372036854775808"
  })
  void parseThrowsOnlyVexParseExceptionAndRoundTrips(byte[] json) {
    VexDocument document;
    try {
      document = VexDocument.parse(json);
    } catch (VexParseException expected) {
      return;
    }
    byte[] written = document.toJsonBytes();
    VexDocument again;
    try {
      again = VexDocument.parse(written);
    } catch (VexParseException e) {
      throw new AssertionError(
          "a document that was read wrote JSON that does not read back: "
              + e.getMessage()
              + "\n"
              + new String(written, StandardCharsets.UTF_8),
          e);
    }
    if (!again.equals(document)) {
      throw new AssertionError(
          "read, written and read again, the document changed:\nfirst:  "
              + document
              + "\nagain: "
              + again);
    }
    if (!Arrays.equals(again.toJsonBytes(), written)) {
      throw new AssertionError(
          "writing an equal document twice gave different bytes:\n"
              + new String(written, StandardCharsets.UTF_8));
    }
  }
}
