package dev.waterline.vex.internal.validate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.ValidationSeverity;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.io.Failures;
import dev.waterline.vex.internal.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Validates OpenVEX JSON: first that it is UTF-8 JSON at all (nothing else can be checked when it
 * is not), then every v0.2.0 rule ({@link DocumentRules}) and the schema ({@link SchemaCheck}). A
 * legacy context or legacy-shaped values are findings like any other: they do not hide the rest.
 * Never throws on bad input: every problem becomes a finding with a JSON pointer.
 *
 * <h2>One statement at a time</h2>
 *
 * The document is read token by token and never held as a tree: each statement is read as a tree of
 * its own, checked by the rules and by the schema's statement definition, and dropped; only its
 * findings and a 16-byte digest (for duplicates, {@link StatementDigests}) are kept. The document's
 * own fields are checked at the end, with the statements array stood in for by one of the same
 * emptiness. So memory grows with the findings, not with the document (a 1,000,000-statement
 * document validates in a 2 GiB heap, {@code docs/performance.md}).
 *
 * <p>The findings are those of checking the whole tree at once, in the same order: the rules'
 * findings, then the schema's where no rule found an error at the same pointer or below it (the
 * rules' messages are the more specific, and the schema reports a broken conditional or requirement
 * at the enclosing object), without repeats, sorted by where their pointers lie in the document
 * (stable: findings at one place keep the order in which they were found). Syntax errors anywhere
 * make the single finding "not valid JSON", whatever was found before them. When the statements
 * come before the document's {@code timestamp} (which they may inherit), the fields before the
 * statements are skimmed once more to find it first.
 */
public final class DocumentValidator {
  private DocumentValidator() {}

  /**
   * Validates UTF-8 JSON bytes; times more than {@code clockSkew} after {@code now} are warned
   * about.
   */
  public static ValidationReport validate(byte[] json, Instant now, Duration clockSkew) {
    Optional<JsonInput.Result> problem = JsonInput.precheck(json);
    if (problem.isPresent()) {
      return single(problem.get().pointer, problem.get().problem);
    }
    try (JsonParser p = Json.parser(json)) {
      if (next(p) != JsonToken.START_OBJECT) {
        // Not an OpenVEX document at all: read whole, as any JSON value, for the one finding.
        JsonInput.Result input = JsonInput.read(json);
        if (input.tree == null) {
          return single(input.pointer, input.problem);
        }
        return single(
            "",
            "expected a JSON object (an OpenVEX document) but found "
                + DocumentRules.kind(input.tree));
      }
      return new Run(json, p, now, clockSkew).document();
    } catch (VexParseException e) {
      JsonInput.Result input = JsonInput.notJson(e);
      return single(input.pointer, input.problem);
    } catch (IOException e) {
      throw Failures.reading(Failures.JSON_INPUT, e);
    }
  }

  /** A finding and where it lies in the document ({@link #position}). */
  private static final class Placed {
    final ValidationFinding finding;
    final int[] position;

    Placed(ValidationFinding finding, int[] position) {
      this.finding = finding;
      this.position = position;
    }
  }

  /** One validation: the parser over the document and what has been found so far. */
  private static final class Run {
    private final byte[] json;
    private final JsonParser p;
    private final Instant now;
    private final Duration clockSkew;
    private final List<Placed> found = new ArrayList<>();
    private final StatementDigests digests = new StatementDigests();
    private boolean statementError;

    Run(byte[] json, JsonParser p, Instant now, Duration clockSkew) {
      this.json = json;
      this.p = p;
      this.now = now;
      this.clockSkew = clockSkew;
    }

    /** Reads the document's members, the parser being on its opening brace. */
    ValidationReport document() {
      ObjectNode head = Json.mapper().createObjectNode();
      int member = 0;
      while (next(p) == JsonToken.FIELD_NAME) {
        String name = currentName(p);
        JsonToken value = next(p);
        if (name.equals("statements") && value == JsonToken.START_ARRAY) {
          boolean docTime =
              head.has("timestamp")
                  ? DocumentRules.isDocumentTime(head.get("timestamp"))
                  : laterDocumentTime(json);
          int count = statements(member, docTime);
          ArrayNode standIn = head.putArray("statements");
          if (count > 0) {
            standIn.addNull();
          }
        } else {
          head.set(name, Json.readValue(p));
        }
        member++;
      }
      Json.requireEnd(p);
      documentFields(head);
      Set<ValidationFinding> seen = new LinkedHashSet<>();
      List<Placed> unique = new ArrayList<>(found.size());
      for (Placed f : found) {
        if (seen.add(f.finding)) {
          unique.add(f);
        }
      }
      // Stable: findings on the same value keep the order in which they were found.
      unique.sort(Comparator.comparing(f -> f.position, DocumentValidator::compare));
      List<ValidationFinding> out = new ArrayList<>(unique.size());
      for (Placed f : unique) {
        out.add(f.finding);
      }
      return ValidationReport.of(out);
    }

    /** Checks each statement of the array the parser is on; returns how many there were. */
    private int statements(int member, boolean docTime) {
      int index = 0;
      while (next(p) != JsonToken.END_ARRAY) {
        JsonNode s = Json.readValue(p);
        DocumentRules rules = new DocumentRules(now, clockSkew);
        rules.statementAt(s, index, docTime, s.isObject() && !digests.add(s));
        String pointer = DocumentRules.child("/statements", index);
        List<ValidationFinding> own = rules.findings();
        List<ValidationFinding> all = new ArrayList<>(own);
        for (ValidationFinding f : own) {
          statementError |= f.severity() == ValidationSeverity.ERROR;
        }
        for (ValidationFinding f : SchemaCheck.checkStatement(s, pointer)) {
          if (!hidden(f, own)) {
            all.add(f);
          }
        }
        int prefix = pointer.length();
        for (ValidationFinding f : all) {
          int[] inside = position(s, f.pointer().substring(prefix));
          int[] at = new int[inside.length + 2];
          at[0] = member;
          at[1] = index;
          System.arraycopy(inside, 0, at, 2, inside.length);
          found.add(new Placed(f, at));
        }
        index++;
      }
      return index;
    }

    /**
     * The document's own fields, the statements array stood in for by {@code head}'s: the rules',
     * then the schema's where no rule error lies at or below their pointer (statements included).
     */
    private void documentFields(ObjectNode head) {
      DocumentRules rules = new DocumentRules(now, clockSkew);
      rules.head(head);
      List<ValidationFinding> own = rules.findings();
      List<ValidationFinding> all = new ArrayList<>(own);
      for (ValidationFinding f : SchemaCheck.checkHead(head)) {
        boolean aboveStatements = f.pointer().isEmpty() || f.pointer().equals("/statements");
        if (!hidden(f, own) && !(aboveStatements && statementError)) {
          all.add(f);
        }
      }
      for (ValidationFinding f : all) {
        found.add(new Placed(f, position(head, f.pointer())));
      }
    }
  }

  /**
   * Whether the document's {@code timestamp}, which comes after its statements, is a time they can
   * inherit. Only the document's members are read (values skipped); a failure to read them is
   * reported by the validation itself, which reads the same bytes.
   */
  private static boolean laterDocumentTime(byte[] json) {
    try (JsonParser q = Json.parser(json)) {
      if (q.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (q.nextToken() == JsonToken.FIELD_NAME) {
        String name = q.currentName();
        q.nextToken();
        if (name.equals("timestamp")) {
          return DocumentRules.isDocumentTime(Json.readValue(q));
        }
        q.skipChildren();
      }
      return false;
    } catch (IOException | VexParseException e) {
      return false;
    }
  }

  /** Whether a rule's error lies at the schema finding's pointer or below it. */
  private static boolean hidden(ValidationFinding schema, List<ValidationFinding> rules) {
    for (ValidationFinding r : rules) {
      if (r.severity() == ValidationSeverity.ERROR && covers(schema.pointer(), r.pointer())) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable JsonToken next(JsonParser p) {
    try {
      // Jackson fails on an end of input inside the document, so null is only ever the end of a
      // top-level value: the whole-input read reports what is wrong with it.
      return p.nextToken();
    } catch (IOException e) {
      throw Json.syntaxError(p, e);
    }
  }

  private static String currentName(JsonParser p) {
    try {
      return p.currentName();
    } catch (IOException e) {
      throw Json.syntaxError(p, e);
    }
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
