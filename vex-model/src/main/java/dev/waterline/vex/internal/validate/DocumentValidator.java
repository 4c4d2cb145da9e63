package dev.waterline.vex.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.ValidationSeverity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Validates OpenVEX JSON: first that it is UTF-8 JSON at all, then that it is not the legacy v0.0.1
 * shape, then the v0.2.0 rules ({@link DocumentRules}). Never throws on bad input: every problem
 * becomes a finding with a JSON pointer.
 */
public final class DocumentValidator {
  private DocumentValidator() {}

  /** Validates UTF-8 JSON bytes. */
  public static ValidationReport validate(byte[] json) {
    JsonInput.Result input = JsonInput.read(json);
    JsonNode tree = input.tree;
    if (tree == null) {
      return single(input.pointer, input.problem);
    }
    if (!tree.isObject()) {
      return single(
          "", "expected a JSON object (an OpenVEX document) but found " + DocumentRules.kind(tree));
    }
    Optional<String> legacy = DocumentRules.legacyShape(tree);
    if (legacy.isPresent()) {
      return single(
          legacy.get(),
          "legacy OpenVEX v0.0.1 document: Waterline reads and upgrades it (for example"
              + " `waterline merge FILE` writes it as v0.2.0), but it is not valid v0.2.0");
    }
    DocumentRules rules = new DocumentRules();
    rules.document(tree);
    List<ValidationFinding> found = new ArrayList<>(rules.findings());
    // Our schema backs the rules up: its errors are added only where the rules found nothing
    // wrong at, above or below the same pointer (the rules' messages are the more specific).
    for (ValidationFinding f : SchemaCheck.check(tree)) {
      if (found.stream()
          .noneMatch(
              r -> r.severity() == ValidationSeverity.ERROR && related(r.pointer(), f.pointer()))) {
        found.add(f);
      }
    }
    List<ValidationFinding> unique = new ArrayList<>(new LinkedHashSet<>(found));
    // Stable sort: findings on the same value keep the order in which the rules found them.
    unique.sort(Comparator.comparing(f -> position(tree, f.pointer()), DocumentValidator::compare));
    return ValidationReport.of(unique);
  }

  /**
   * Where a pointer lies in document order: for each step, the index of the member in its object
   * (in the order written) or of the element in its array. Steps that do not exist (a missing
   * required field) sort after the existing members of their parent.
   */
  static int[] position(JsonNode root, String pointer) {
    if (pointer.isEmpty()) {
      return new int[0];
    }
    String[] steps = pointer.substring(1).split("/", -1);
    int[] pos = new int[steps.length];
    JsonNode node = root;
    for (int i = 0; i < steps.length; i++) {
      String step = steps[i].replace("~1", "/").replace("~0", "~");
      int index = Integer.MAX_VALUE;
      JsonNode next = null;
      if (node != null && node.isObject()) {
        int n = 0;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); n++) {
          if (it.next().equals(step)) {
            index = n;
            next = node.get(step);
            break;
          }
        }
      } else if (node != null && node.isArray()) {
        try {
          index = Integer.parseInt(step);
          next = node.get(index);
        } catch (NumberFormatException e) {
          index = Integer.MAX_VALUE;
        }
      }
      pos[i] = index;
      node = next;
    }
    return pos;
  }

  /** Whether one pointer is the other or lies inside it. */
  static boolean related(String a, String b) {
    return a.equals(b) || inside(a, b) || inside(b, a);
  }

  private static boolean inside(String inner, String outer) {
    return inner.startsWith(outer) && inner.charAt(outer.length()) == '/';
  }

  static int compare(int[] a, int[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] != b[i]) {
        return Integer.compare(a[i], b[i]);
      }
    }
    return Integer.compare(a.length, b.length);
  }

  private static ValidationReport single(String pointer, String message) {
    return ValidationReport.of(
        List.of(new ValidationFinding(ValidationSeverity.ERROR, pointer, message)));
  }
}
