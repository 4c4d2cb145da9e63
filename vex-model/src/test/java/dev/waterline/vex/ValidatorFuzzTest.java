package dev.waterline.vex;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzzes {@link Validator#validate(byte[])} (schema and spec rules, as {@code vexctl validate}
 * does): input that is not JSON or not OpenVEX is reported as findings, so no exception may escape.
 * A document that reads without a parse error is merged with itself and indexed: the merge either
 * succeeds or refuses with a {@link MergeException} that says why (a lenient read can accept a
 * document that a valid merged document cannot carry, such as a vulnerability named only by an
 * unrecognised {@code @id}); nothing else may escape.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/ValidatorFuzzTestInputs/}.
 */
class ValidatorFuzzTest {

  @FuzzTest
  @DictionaryEntries({
    "\"@context\"",
    "\"https://openvex.dev/ns/v0.2.0\"",
    "\"@id\"",
    "\"author\"",
    "\"timestamp\"",
    "\"version\"",
    "\"statements\"",
    "\"vulnerability\"",
    "\"name\"",
    "\"products\"",
    "\"subcomponents\"",
    "\"identifiers\"",
    "\"purl\"",
    "\"hashes\"",
    "\"status\"",
    "\"not_affected\"",
    "\"affected\"",
    "\"justification\"",
    "\"impact_statement\"",
    "\"action_statement\"",
    "\"pkg:oci/app@sha256%3Aabc\"",
    "\"2024-01-31T23:59:59Z\""
  })
  void validateReportsInsteadOfThrowing(byte[] json) {
    if (Validator.validate(json).toString().isEmpty()) {
      throw new AssertionError("a validation report prints as nothing");
    }
    VexDocument document;
    try {
      document = VexDocument.parse(json);
    } catch (VexParseException expected) {
      return;
    }
    List<VexDocument> indexed;
    try {
      indexed = List.of(document, Vex.merge(List.of(document, document)));
    } catch (MergeException refused) {
      if (refused.getMessage() == null || !refused.getMessage().startsWith("cannot merge: ")) {
        throw new AssertionError("a merge refusal does not say why: " + refused.getMessage());
      }
      indexed = List.of(document);
    }
    if (Vex.index(indexed).toString().isEmpty()) {
      throw new AssertionError("an index prints as nothing");
    }
  }
}
