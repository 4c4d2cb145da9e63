package dev.waterline.vex.workflow;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.VexException;
import dev.waterline.vex.workflow.internal.Fields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Which Jira field holds which part of a decision, for reading a Jira export ({@link
 * DecisionFormat#JIRA}: the JSON of Jira's search API, an {@code issues} array whose items have a
 * {@code key} and {@code fields}). The ticket is always the issue's {@code key}. Immutable.
 *
 * <p>The defaults: {@code time} from Jira's own {@code updated}, {@code author} from {@code
 * assignee}, and the other parts from fields of the same names as the CSV columns, except the
 * status, which is {@code vex_status} because Jira's own {@code status} is the workflow state:
 *
 * <table>
 *   <caption>Default mapping</caption>
 *   <tr><th>decision field</th><th>Jira field</th></tr>
 *   <tr><td>vulnerability</td><td>vulnerability</td></tr>
 *   <tr><td>product</td><td>product</td></tr>
 *   <tr><td>subcomponent</td><td>subcomponent</td></tr>
 *   <tr><td>status</td><td>vex_status</td></tr>
 *   <tr><td>justification</td><td>justification</td></tr>
 *   <tr><td>impact_statement</td><td>impact_statement</td></tr>
 *   <tr><td>action_statement</td><td>action_statement</td></tr>
 *   <tr><td>author</td><td>assignee</td></tr>
 *   <tr><td>time</td><td>updated</td></tr>
 * </table>
 *
 * <p>Custom fields have IDs in a real instance: {@code JiraFields.defaults().with("status",
 * "customfield_10101")}. A field's value may be text, a select-list option ({@code {"value": "Not
 * affected"}}) or a user ({@code {"displayName": …, "emailAddress": …}}, read as {@code Name
 * <email>}).
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class JiraFields {
  private static final JiraFields DEFAULTS;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("vulnerability", "vulnerability");
    m.put("product", "product");
    m.put("subcomponent", "subcomponent");
    m.put("status", "vex_status");
    m.put("justification", "justification");
    m.put("impact_statement", "impact_statement");
    m.put("action_statement", "action_statement");
    m.put("author", "assignee");
    m.put("time", "updated");
    DEFAULTS = new JiraFields(m);
  }

  private final Map<String, String> fields;

  private JiraFields(Map<String, String> fields) {
    this.fields = fields;
  }

  /** The default mapping (see the class comment). */
  public static JiraFields defaults() {
    return DEFAULTS;
  }

  /**
   * This mapping with {@code field} read from the Jira field {@code jiraField}.
   *
   * @param field a decision field other than {@code ticket}: {@code vulnerability}, {@code
   *     product}, {@code subcomponent}, {@code status}, {@code justification}, {@code
   *     impact_statement}, {@code action_statement}, {@code author}, {@code time}
   * @throws VexException when {@code field} is not one of them
   */
  public JiraFields with(String field, String jiraField) {
    Objects.requireNonNull(jiraField, "jiraField");
    String f = Fields.field(field);
    if (f == null || f.equals("ticket") || jiraField.isBlank()) {
      throw new VexException(
          "expected a decision field other than ticket (the issue key), one of "
              + fields.keySet()
              + ", and a Jira field name, but was '"
              + field
              + "' = '"
              + jiraField
              + "'");
    }
    Map<String, String> m = new LinkedHashMap<>(fields);
    m.put(f, jiraField);
    return new JiraFields(m);
  }

  /**
   * A mapping from {@code field=jiraField} texts, over the defaults, as the CLI's {@code
   * --jira-field} gives them.
   *
   * @throws VexException when a text has no {@code =} or names no decision field
   */
  public static JiraFields parse(Iterable<String> assignments) {
    JiraFields m = defaults();
    for (String a : assignments) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new VexException(
            "expected FIELD=JIRA_FIELD (status=customfield_10101) but was '" + a + "'");
      }
      m = m.with(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
    }
    return m;
  }

  /** The Jira field that holds {@code field}. */
  public String jiraField(String field) {
    String f = fields.get(field);
    if (f == null) {
      throw new VexException("no Jira field for '" + field + "'");
    }
    return f;
  }

  /** The mapping, decision field to Jira field, in a fixed order. */
  public Map<String, String> asMap() {
    return java.util.Collections.unmodifiableMap(fields);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof JiraFields && ((JiraFields) o).fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return "JiraFields" + fields;
  }
}
