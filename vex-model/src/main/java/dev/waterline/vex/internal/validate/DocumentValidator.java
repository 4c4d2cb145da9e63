package dev.waterline.vex.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.ValidationSeverity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Validates OpenVEX JSON: first that it is UTF-8 JSON at all (nothing else can be checked when it
 * is not), then every v0.2.0 rule ({@link DocumentRules}) and the schema ({@link SchemaCheck}) over
 * the whole document. A legacy context or legacy-shaped values are findings like any other: they do
 * not hide the rest. Never throws on bad input: every problem becomes a finding with a JSON
 * pointer.
 */
public final class DocumentValidator {
  private DocumentValidator() {}

  /**
   * Validates UTF-8 JSON bytes; times more than {@code clockSkew} after {@code now} are warned
   * about.
   */
  public static ValidationReport validate(byte[] json, Instant now, Duration clockSkew) {
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
    // Our schema backs the rules up: its errors are added only where the rules found nothing
    // wrong at the same pointer or below it (the rules' messages are the more specific, and the
    // schema reports a broken conditional or requirement at the enclosing object). A rule's error
    // at an enclosing object (a missing document field at "") hides nothing inside it.
    for (ValidationFinding f : SchemaCheck.check(tree)) {
      if (found.stream()
          .noneMatch(
              r -> r.severity() == ValidationSeverity.ERROR && covers(f.pointer(), r.pointer()))) {
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

  /** Whether {@code inner} is {@code outer} or lies inside it. */
  static boolean covers(String outer, String inner) {
    return inner.equals(outer) || inside(inner, outer);
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
