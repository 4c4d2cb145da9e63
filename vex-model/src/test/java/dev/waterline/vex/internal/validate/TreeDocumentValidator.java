package dev.waterline.vex.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.ValidationSeverity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The validator as it was before it streamed, kept for tests only: the whole document read as one
 * tree, the rules and then the whole schema run over it. {@link DocumentValidator} must give the
 * same findings in the same order ({@code StreamingValidatorEquivalenceTest}).
 */
final class TreeDocumentValidator {
  private TreeDocumentValidator() {}

  static ValidationReport validate(byte[] json, Instant now, Duration clockSkew) {
    JsonInput.Result input = JsonInput.read(json);
    JsonNode tree = input.tree;
    if (tree == null) {
      return single(input.pointer, input.problem);
    }
    if (!tree.isObject()) {
      return single(
          "", "expected a JSON object (an OpenVEX document) but found " + DocumentRules.kind(tree));
    }
    DocumentRules rules = new DocumentRules(now, clockSkew);
    rules.document(tree);
    List<ValidationFinding> found = new ArrayList<>(rules.findings());
    for (ValidationFinding f : SchemaCheck.check(tree)) {
      if (found.stream()
          .noneMatch(
              r ->
                  r.severity() == ValidationSeverity.ERROR
                      && DocumentValidator.covers(f.pointer(), r.pointer()))) {
        found.add(f);
      }
    }
    List<ValidationFinding> unique = new ArrayList<>(new LinkedHashSet<>(found));
    unique.sort(
        Comparator.comparing(
            f -> DocumentValidator.position(tree, f.pointer()), DocumentValidator::compare));
    return ValidationReport.of(unique);
  }

  private static ValidationReport single(String pointer, String message) {
    return ValidationReport.of(
        List.of(new ValidationFinding(ValidationSeverity.ERROR, pointer, message)));
  }
}
