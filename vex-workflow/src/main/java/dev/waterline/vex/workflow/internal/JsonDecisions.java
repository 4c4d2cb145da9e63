package dev.waterline.vex.workflow.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.json.Json;
import dev.waterline.vex.workflow.Decision;
import dev.waterline.vex.workflow.DecisionException;
import dev.waterline.vex.workflow.JiraFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decisions from JSON, through the one JSON layer (duplicate keys are refused, the same limits):
 * JSON lines (one object per line, keys as the CSV header's) and Jira exports.
 */
public final class JsonDecisions {
  private JsonDecisions() {}

  /**
   * Reads JSON lines: one object per line whose keys name decision fields ({@link Fields}) and
   * whose values are strings or null. Blank lines are skipped.
   *
   * @throws DecisionException naming the line (and column, for JSON syntax) and the field
   */
  public static List<Decision> readLines(byte[] bytes, String source) {
    String text = Text.utf8(bytes, source);
    List<Decision> decisions = new ArrayList<>();
    long line = 0;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      line++;
      String content = text.substring(start, end);
      start = end + 1;
      if (content.isBlank()) {
        if (end == text.length()) {
          break;
        }
        continue;
      }
      JsonNode node;
      try {
        node = Json.readTree(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } catch (VexParseException e) {
        throw new DecisionException(
            source, line, e.column(), null, null, "not valid JSON: " + e.detail());
      }
      if (!node.isObject()) {
        throw new DecisionException(
            source, line, 0, null, null, "expected a JSON object but found " + kind(node));
      }
      Map<String, String> values = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String field = Fields.field(e.getKey());
        if (field == null) {
          throw new DecisionException(
              source, line, 0, null, e.getKey(), Fields.unknown(e.getKey()));
        }
        if (values.containsKey(field)) {
          throw new DecisionException(
              source, line, 0, null, e.getKey(), "the field '" + field + "' is given twice");
        }
        JsonNode v = e.getValue();
        if (v.isNull()) {
          continue;
        }
        if (!v.isTextual()) {
          throw new DecisionException(
              source, line, 0, null, e.getKey(), "expected a string but found " + kind(v));
        }
        values.put(field, v.asText());
      }
      try {
        decisions.add(Fields.builder(values).build());
      } catch (FieldError e) {
        throw new DecisionException(source, line, 0, null, e.field(), e.detail());
      }
      if (end == text.length()) {
        break;
      }
    }
    return decisions;
  }

  /**
   * Reads a Jira export: a JSON object with an {@code issues} array, each issue with a {@code key}
   * (the ticket) and {@code fields}, read through {@code mapping}. Other members of the export and
   * unmapped Jira fields are not read. Issues whose mapped status is empty or null are skipped
   * (tickets without a VEX decision yet).
   *
   * @throws DecisionException naming the line of the issue, its pointer and key, and the Jira field
   */
  public static List<Decision> readJira(byte[] bytes, String source, JiraFields mapping) {
    List<Decision> decisions = new ArrayList<>();
    try (JsonParser p = parser(bytes, source)) {
      try {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new DecisionException(
              source, 1, 0, null, null, "expected a Jira export: a JSON object with 'issues'");
        }
        boolean sawIssues = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if (!"issues".equals(name)) {
            p.skipChildren();
            continue;
          }
          sawIssues = true;
          if (value != JsonToken.START_ARRAY) {
            throw new DecisionException(
                source, line(p), 0, "/issues", null, "expected an array of issues");
          }
          int index = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            long line = line(p);
            JsonNode issue = Json.readValue(p);
            Decision d = issue(issue, index, line, source, mapping);
            if (d != null) {
              decisions.add(d);
            }
            index++;
          }
        }
        Json.requireEnd(p);
        if (!sawIssues) {
          throw new DecisionException(
              source, 1, 0, null, null, "expected a Jira export: a JSON object with 'issues'");
        }
      } catch (IOException e) {
        throw asDecisionError(Json.syntaxError(p, e), source);
      } catch (VexParseException e) {
        throw asDecisionError(e, source);
      }
    } catch (IOException e) {
      throw dev.waterline.vex.internal.io.Failures.reading(source, e);
    }
    return decisions;
  }

  private static JsonParser parser(byte[] bytes, String source) {
    try {
      return Json.parser(bytes);
    } catch (VexParseException e) {
      throw asDecisionError(e, source);
    }
  }

  private static RuntimeException asDecisionError(RuntimeException e, String source) {
    if (e instanceof VexParseException) {
      VexParseException v = (VexParseException) e;
      return new DecisionException(
          source,
          v.line(),
          v.column(),
          v.pointer().isEmpty() ? null : v.pointer(),
          null,
          "not valid JSON: " + v.detail());
    }
    return e;
  }

  private static long line(JsonParser p) {
    JsonLocation l = p.currentTokenLocation();
    return l.getLineNr();
  }

  private static @Nullable Decision issue(
      JsonNode issue, int index, long line, String source, JiraFields mapping) {
    String pointer = "/issues/" + index;
    if (!issue.isObject()) {
      throw new DecisionException(
          source, line, 0, pointer, null, "expected an issue object but found " + kind(issue));
    }
    JsonNode key = issue.get("key");
    if (key == null || !key.isTextual() || key.asText().isBlank()) {
      throw new DecisionException(source, line, 0, pointer, "key", "expected the issue key");
    }
    String where = pointer + ", " + key.asText();
    JsonNode fields = issue.get("fields");
    if (fields == null || !fields.isObject()) {
      throw new DecisionException(
          source, line, 0, where, "fields", "expected the issue's fields object");
    }
    Map<String, String> values = new HashMap<>();
    values.put("ticket", key.asText());
    for (Map.Entry<String, String> m : mapping.asMap().entrySet()) {
      JsonNode v = fields.get(m.getValue());
      if (v == null || v.isNull()) {
        continue;
      }
      String text = text(v);
      if (text == null) {
        throw new DecisionException(
            source,
            line,
            0,
            where,
            m.getValue() + " (" + m.getKey() + ")",
            "expected text, a select-list option ({\"value\": …}) or a user but found " + kind(v));
      }
      values.put(m.getKey(), text);
    }
    String status = values.get("status");
    if (status == null || status.isBlank()) {
      return null; // no VEX decision on this ticket yet
    }
    try {
      return Fields.builder(values).build();
    } catch (FieldError e) {
      String jira = e.field().equals("ticket") ? "key" : mapping.jiraField(e.field());
      throw new DecisionException(
          source, line, 0, where, jira + " (" + e.field() + ")", e.detail());
    }
  }

  /** A Jira value as text: a string, an option's value, a user's name and e-mail. */
  private static @Nullable String text(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isObject()) {
      JsonNode value = v.get("value");
      if (value != null && value.isTextual()) {
        return value.asText();
      }
      JsonNode name = v.get("displayName");
      JsonNode email = v.get("emailAddress");
      if (name != null && name.isTextual()) {
        return email != null && email.isTextual()
            ? name.asText() + " <" + email.asText() + ">"
            : name.asText();
      }
      if (email != null && email.isTextual()) {
        return email.asText();
      }
      JsonNode plain = v.get("name");
      if (plain != null && plain.isTextual()) {
        return plain.asText();
      }
    }
    return null;
  }

  private static String kind(JsonNode n) {
    if (n.isObject()) {
      return "an object";
    }
    if (n.isArray()) {
      return "an array";
    }
    if (n.isTextual()) {
      return "a string";
    }
    if (n.isNumber()) {
      return "a number";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    return "null";
  }
}
