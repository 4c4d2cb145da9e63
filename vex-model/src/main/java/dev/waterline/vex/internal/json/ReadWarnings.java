package dev.waterline.vex.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationSeverity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the reader accepted that OpenVEX v0.2.0 does not allow, collected while reading: one {@link
 * ValidationFinding} (a warning) per kind of leniency, at the pointer of its first occurrence, its
 * message counting the occurrences and naming the next few. Bounded: a document with a million
 * legacy values costs a counter, not a million findings.
 */
final class ReadWarnings {
  /** How many pointers a finding names besides its own. */
  static final int MORE_POINTERS = 3;

  /** The kinds of leniency, in the order their findings are reported. */
  enum Kind {
    LEGACY_CONTEXT(
        "legacy @context (an unversioned context means OpenVEX v0.0.1): read as v0.2.0", "values"),
    LEGACY_SHAPE(
        "legacy v0.0.1 shape (a string where v0.2.0 has an object or a number, or"
            + " statement-level subcomponents): upgraded to v0.2.0 on read",
        "values"),
    MISSING_FIELDS("", "fields"),
    NO_TIMESTAMP(
        "no document timestamp (required): statements without a timestamp of their own have no"
            + " time and count as the oldest",
        "documents"),
    VULNERABILITY_BY_ID(
        "vulnerability named only by @id, without the required 'name': matched by its @id",
        "vulnerabilities");

    final String message;
    final String plural;

    Kind(String message, String plural) {
      this.message = message;
      this.plural = plural;
    }
  }

  private static final class Seen {
    final String first;
    final List<String> more = new ArrayList<>(MORE_POINTERS);
    long count = 1;

    Seen(String first) {
      this.first = first;
    }
  }

  private final Map<Kind, Seen> seen = new EnumMap<>(Kind.class);
  private final List<String> missing = new ArrayList<>();

  /** Records a leniency at the parser's current value. */
  void add(Kind kind, JsonParser p) {
    Seen s = seen.get(kind);
    if (s == null) {
      seen.put(kind, new Seen(Errors.pointer(p)));
    } else {
      s.count++;
      if (s.more.size() < MORE_POINTERS) {
        s.more.add(Errors.pointer(p));
      }
    }
  }

  /** Records a leniency at a pointer. */
  void add(Kind kind, String pointer) {
    Seen s = seen.get(kind);
    if (s == null) {
      seen.put(kind, new Seen(pointer));
    } else {
      s.count++;
      if (s.more.size() < MORE_POINTERS) {
        s.more.add(pointer);
      }
    }
  }

  /** Records a required document field that is missing ({@code timestamp} has its own kind). */
  void missing(String field) {
    missing.add(field);
  }

  List<ValidationFinding> findings() {
    if (!missing.isEmpty()) {
      seen.put(Kind.MISSING_FIELDS, new Seen(""));
    }
    List<ValidationFinding> out = new ArrayList<>(seen.size());
    for (Map.Entry<Kind, Seen> e : seen.entrySet()) {
      Kind kind = e.getKey();
      Seen s = e.getValue();
      String message = kind == Kind.MISSING_FIELDS ? missingMessage() : kind.message;
      if (s.count > 1) {
        StringBuilder sb = new StringBuilder(message);
        sb.append(" (").append(s.count).append(' ').append(kind.plural).append("; also at ");
        sb.append(String.join(", ", s.more));
        long rest = s.count - 1 - s.more.size();
        if (rest > 0) {
          sb.append(" and ").append(rest).append(" more");
        }
        message = sb.append(')').toString();
      }
      out.add(new ValidationFinding(ValidationSeverity.WARNING, s.first, message));
    }
    return out;
  }

  private String missingMessage() {
    StringBuilder sb = new StringBuilder("required ");
    sb.append(missing.size() == 1 ? "field " : "fields ");
    for (int i = 0; i < missing.size(); i++) {
      if (i > 0) {
        sb.append(i == missing.size() - 1 ? " and " : ", ");
      }
      sb.append('\'').append(missing.get(i)).append('\'');
    }
    sb.append(missing.size() == 1 ? " is" : " are").append(" missing");
    return sb.toString();
  }
}
