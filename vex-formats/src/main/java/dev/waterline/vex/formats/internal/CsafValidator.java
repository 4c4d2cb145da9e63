package dev.waterline.vex.formats.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.ValidationSeverity;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Validates CSAF 2.0: the official JSON schema, then the mandatory tests that concern VEX (CSAF 2.0
 * section 6.1): product and group ids defined once and defined where used (6.1.1 to 6.1.5), no
 * contradicting product status (6.1.6), the revision history (6.1.14, 6.1.16 to 6.1.18, 6.1.21,
 * 6.1.22), one item per CVE (6.1.23), the profile tests of {@code csaf_vex} (6.1.27.4, 6.1.27.5,
 * 6.1.27.7 to 6.1.27.11), remediations and flags that name products (6.1.29, 6.1.32), one
 * justification flag per product (6.1.33). Each finding says which test it is.
 */
final class CsafValidator {
  private static final Pattern INTEGER = Pattern.compile("^(0|[1-9][0-9]*)$");
  private static final Pattern SEMVER =
      Pattern.compile(
          "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$");

  private final List<ValidationFinding> findings = new ArrayList<>();
  private final Map<String, String> products = new LinkedHashMap<>();
  private final Map<String, Set<String>> groups = new HashMap<>();
  // Products still to be named through group_ids (Csaf.MAX_GROUP_MEMBERS in all): past it, the rest
  // are not checked, and one finding says so.
  private int groupMembersLeft = Csaf.MAX_GROUP_MEMBERS;

  private CsafValidator() {}

  static ValidationReport validate(byte[] bytes) {
    JsonNode root;
    try {
      root = Json.readTree(bytes);
    } catch (VexParseException e) {
      return ValidationReport.of(
          List.of(
              new ValidationFinding(
                  ValidationSeverity.ERROR, e.pointer(), String.valueOf(e.getMessage()))));
    }
    CsafValidator v = new CsafValidator();
    v.findings.addAll(Schemas.check(Schemas.csaf(), root, "schema"));
    if (root.isObject()) {
      v.tests(root);
    }
    return ValidationReport.of(v.findings);
  }

  private void error(String pointer, String test, String message) {
    findings.add(
        new ValidationFinding(ValidationSeverity.ERROR, pointer, message + " (CSAF " + test + ")"));
  }

  private static List<JsonNode> items(JsonNode parent, String name) {
    JsonNode n = parent.path(name);
    List<JsonNode> out = new ArrayList<>();
    if (n.isArray()) {
      n.elements().forEachRemaining(out::add);
    }
    return out;
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = n.path(name);
    return v.isTextual() ? v.textValue() : "";
  }

  private void tests(JsonNode root) {
    String category = text(root.path("document"), "category");
    boolean vex = category.equals("csaf_vex");
    boolean advisory = category.equals("csaf_security_advisory");
    JsonNode tree = root.path("product_tree");
    definitions(tree);
    if ((vex || advisory) && !tree.isObject()) {
      error("", "6.1.27.4", "a csaf_vex document needs a product_tree");
    }
    List<JsonNode> relationships = items(tree, "relationships");
    for (int i = 0; i < relationships.size(); i++) {
      JsonNode r = relationships.get(i);
      String p = "/product_tree/relationships/" + i;
      used(text(r, "product_reference"), p + "/product_reference");
      used(text(r, "relates_to_product_reference"), p + "/relates_to_product_reference");
    }
    circles(tree);
    List<JsonNode> groupItems = items(tree, "product_groups");
    for (int i = 0; i < groupItems.size(); i++) {
      List<JsonNode> ids = items(groupItems.get(i), "product_ids");
      for (int k = 0; k < ids.size(); k++) {
        used(ids.get(k).asText(), "/product_tree/product_groups/" + i + "/product_ids/" + k);
      }
    }
    revisionHistory(root.path("document").path("tracking"));
    JsonNode vulnerabilities = root.path("vulnerabilities");
    if ((vex || advisory) && !vulnerabilities.isArray()) {
      error("", "6.1.27.11", "a " + category + " document needs vulnerabilities");
    }
    Map<String, String> cves = new HashMap<>();
    List<JsonNode> vs = items(root, "vulnerabilities");
    for (int i = 0; i < vs.size(); i++) {
      vulnerability(vs.get(i), "/vulnerabilities/" + i, vex, advisory, cves);
    }
  }

  private void definitions(JsonNode tree) {
    List<Object[]> stack = new ArrayList<>();
    stack.add(new Object[] {tree, "/product_tree"});
    while (!stack.isEmpty()) {
      Object[] e = stack.remove(stack.size() - 1);
      JsonNode node = (JsonNode) e[0];
      String p = (String) e[1];
      List<JsonNode> branches = items(node, "branches");
      for (int i = branches.size() - 1; i >= 0; i--) {
        JsonNode b = branches.get(i);
        String bp = p + "/branches/" + i;
        if (b.path("product").isObject()) {
          define(b.path("product"), bp + "/product");
        }
        stack.add(new Object[] {b, bp});
      }
    }
    List<JsonNode> names = items(tree, "full_product_names");
    for (int i = 0; i < names.size(); i++) {
      define(names.get(i), "/product_tree/full_product_names/" + i);
    }
    List<JsonNode> rels = items(tree, "relationships");
    for (int i = 0; i < rels.size(); i++) {
      define(
          rels.get(i).path("full_product_name"),
          "/product_tree/relationships/" + i + "/full_product_name");
    }
    List<JsonNode> gs = items(tree, "product_groups");
    for (int i = 0; i < gs.size(); i++) {
      String id = text(gs.get(i), "group_id");
      Set<String> members = new LinkedHashSet<>();
      for (JsonNode m : items(gs.get(i), "product_ids")) {
        members.add(m.asText());
      }
      if (groups.put(id, members) != null) {
        error(
            "/product_tree/product_groups/" + i + "/group_id",
            "6.1.5",
            "product group id '" + id + "' is defined more than once");
      }
    }
  }

  private void define(JsonNode fpn, String p) {
    String id = text(fpn, "product_id");
    if (id.isEmpty()) {
      return;
    }
    String before = products.putIfAbsent(id, p);
    if (before != null) {
      error(p + "/product_id", "6.1.2", "product id '" + id + "' is also defined at " + before);
    }
  }

  private void used(String id, String p) {
    if (!id.isEmpty() && !products.containsKey(id)) {
      error(p, "6.1.1", "product id '" + id + "' is not defined in the product tree");
    }
  }

  private void usedGroup(String id, String p) {
    if (!groups.containsKey(id)) {
      error(p, "6.1.4", "product group id '" + id + "' is not defined in the product tree");
    }
  }

  private void circles(JsonNode tree) {
    Map<String, String[]> rel = new HashMap<>();
    List<JsonNode> rels = items(tree, "relationships");
    for (JsonNode r : rels) {
      rel.put(
          text(r.path("full_product_name"), "product_id"),
          new String[] {text(r, "product_reference"), text(r, "relates_to_product_reference")});
    }
    Set<String> onCircles = onCircles(rel);
    for (int i = 0; i < rels.size(); i++) {
      String start = text(rels.get(i).path("full_product_name"), "product_id");
      if (onCircles.contains(start)) {
        error(
            "/product_tree/relationships/" + i + "/full_product_name/product_id",
            "6.1.3",
            "product id '" + start + "' is defined through a circle of relationships");
      }
    }
  }

  /**
   * The relationships' product ids that reach themselves through {@code rel} (id to the two ids it
   * relates): the members of a strongly connected component of more than one, or with an edge to
   * itself (Tarjan's algorithm, without recursion). Linear in the relationships: asking each id
   * whether it reaches itself took a walk per id, minutes for a chain of 60,000.
   */
  static Set<String> onCircles(Map<String, String[]> rel) {
    List<String> ids = new ArrayList<>(rel.size());
    List<String[]> targets = new ArrayList<>(rel.size());
    for (Map.Entry<String, String[]> e : rel.entrySet()) {
      ids.add(e.getKey());
      targets.add(e.getValue());
    }
    int n = ids.size();
    Map<String, Integer> number = new HashMap<>(n * 4 / 3 + 1);
    for (int i = 0; i < n; i++) {
      number.put(ids.get(i), i);
    }
    int[][] edges = new int[n][];
    for (int i = 0; i < n; i++) {
      String[] to = targets.get(i);
      edges[i] = new int[] {number.getOrDefault(to[0], -1), number.getOrDefault(to[1], -1)};
    }
    int[] index = new int[n];
    Arrays.fill(index, -1);
    int[] low = new int[n];
    boolean[] onStack = new boolean[n];
    boolean[] circle = new boolean[n];
    int[] stack = new int[n];
    int sp = 0;
    // The walk's path: each node on it and the next of its two edges to follow.
    int[] pathNode = new int[n];
    int[] pathEdge = new int[n];
    int counter = 0;
    for (int s = 0; s < n; s++) {
      if (index[s] >= 0) {
        continue;
      }
      int depth = 0;
      pathNode[depth] = s;
      pathEdge[depth++] = 0;
      index[s] = counter;
      low[s] = counter++;
      stack[sp++] = s;
      onStack[s] = true;
      while (depth > 0) {
        int v = pathNode[depth - 1];
        if (pathEdge[depth - 1] < 2) {
          int w = edges[v][pathEdge[depth - 1]++];
          if (w < 0) {
            continue;
          }
          if (w == v) {
            circle[v] = true;
          } else if (index[w] < 0) {
            index[w] = counter;
            low[w] = counter++;
            stack[sp++] = w;
            onStack[w] = true;
            pathNode[depth] = w;
            pathEdge[depth++] = 0;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        depth--;
        if (depth > 0) {
          int u = pathNode[depth - 1];
          low[u] = Math.min(low[u], low[v]);
        }
        if (low[v] == index[v]) {
          int end = sp;
          int w;
          do {
            w = stack[--sp];
            onStack[w] = false;
          } while (w != v);
          if (end - sp > 1) {
            for (int k = sp; k < end; k++) {
              circle[stack[k]] = true;
            }
          }
        }
      }
    }
    Set<String> out = new HashSet<>();
    for (int i = 0; i < n; i++) {
      if (circle[i]) {
        out.add(ids.get(i));
      }
    }
    return out;
  }

  /** A revision number as (major, minor, patch); integer versions are (n, 0, 0). */
  private static long @Nullable [] number(String n) {
    if (INTEGER.matcher(n).matches()) {
      return new long[] {parse(n), 0, 0};
    }
    Matcher s = SEMVER.matcher(n);
    if (s.matches()) {
      return new long[] {parse(s.group(1)), parse(s.group(2)), parse(s.group(3))};
    }
    return null;
  }

  private static int compare(long[] a, long[] b) {
    for (int i = 0; i < 3; i++) {
      if (a[i] != b[i]) {
        return Long.compare(a[i], b[i]);
      }
    }
    return 0;
  }

  private void revisionHistory(JsonNode tracking) {
    List<JsonNode> history = items(tracking, "revision_history");
    if (history.isEmpty()) {
      return;
    }
    String status = text(tracking, "status");
    String version = text(tracking, "version");
    List<Object[]> rows = new ArrayList<>(); // date, number, text
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      String n = text(history.get(i), "number");
      numbers.add(n);
      Matcher s = SEMVER.matcher(n);
      if (s.matches() && s.group(4) != null) {
        error(
            "/document/tracking/revision_history/" + i + "/number",
            "6.1.19",
            "revision history entry '" + n + "' is a pre-release");
      }
      if (!status.equals("draft") && (n.equals("0") || n.startsWith("0."))) {
        error(
            "/document/tracking/revision_history/" + i + "/number",
            "6.1.18",
            "a " + status + " document has revision history entry '" + n + "'");
      }
      Instant date = Trees.time(text(history.get(i), "date"));
      long[] num = number(n);
      if (date != null && num != null) {
        rows.add(new Object[] {date, num, n});
      }
    }
    for (int i = 0; i < numbers.size(); i++) {
      for (int k = i + 1; k < numbers.size(); k++) {
        if (numbers.get(i).equals(numbers.get(k))) {
          error(
              "/document/tracking/revision_history/" + k + "/number",
              "6.1.22",
              "version '" + numbers.get(k) + "' is in the revision history twice");
        }
      }
    }
    if (rows.size() != history.size()) {
      return; // the schema reports the dates or numbers it cannot read
    }
    // As CSAF 6.1.14 and 6.1.16 sort: by date, and by number where dates are equal.
    rows.sort(
        (a, b) -> {
          int c = ((Instant) a[0]).compareTo((Instant) b[0]);
          return c != 0 ? c : compare((long[]) a[1], (long[]) b[1]);
        });
    long[] prev = null;
    for (Object[] r : rows) {
      long[] n = (long[]) r[1];
      if (prev == null && n[0] > 1) {
        error(
            "/document/tracking/revision_history",
            "6.1.21",
            "the first revision history entry is '" + r[2] + "': its major version is not 0 or 1");
      }
      if (prev != null && compare(n, prev) < 0) {
        error(
            "/document/tracking/revision_history",
            "6.1.14",
            "the revision history is not sorted: '" + r[2] + "' is dated after a higher version");
      }
      if (prev != null && n[0] > prev[0] + 1) {
        error(
            "/document/tracking/revision_history",
            "6.1.21",
            "the revision history has no entry for major version " + (prev[0] + 1));
      }
      prev = n;
    }
    String last = (String) rows.get(rows.size() - 1)[2];
    String v = version.replaceAll("\\+.*$", "");
    String l = last.replaceAll("\\+.*$", "");
    if (status.equals("draft")) {
      v = v.replaceAll("-.*$", "");
      l = l.replaceAll("-.*$", "");
    }
    if (!v.equals(l)) {
      error(
          "/document/tracking/version",
          "6.1.16",
          "version '" + version + "' is not the last revision history entry '" + last + "'");
    }
    if (!status.equals("draft")
        && (version.equals("0") || version.startsWith("0.") || version.contains("-"))) {
      error(
          "/document/tracking/status",
          "6.1.17",
          "version '" + version + "' needs the status draft, not " + status);
    }
  }

  private static long parse(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /** The products an item names directly and through groups, each with where it was named. */
  private Map<String, String> named(JsonNode item, String p) {
    Map<String, String> out = new LinkedHashMap<>();
    List<JsonNode> pids = items(item, "product_ids");
    for (int k = 0; k < pids.size(); k++) {
      used(pids.get(k).asText(), p + "/product_ids/" + k);
      out.putIfAbsent(pids.get(k).asText(), p + "/product_ids/" + k);
    }
    List<JsonNode> gids = items(item, "group_ids");
    for (int k = 0; k < gids.size(); k++) {
      String g = gids.get(k).asText();
      usedGroup(g, p + "/group_ids/" + k);
      Set<String> members = groups.getOrDefault(g, Set.of());
      if (groupMembersLeft < 0) {
        continue;
      }
      groupMembersLeft -= members.size();
      if (groupMembersLeft < 0) {
        findings.add(
            new ValidationFinding(
                ValidationSeverity.ERROR,
                p + "/group_ids/" + k,
                Csaf.TOO_MANY_GROUP_MEMBERS
                    + ": from here on, the products of groups are not checked"));
        continue;
      }
      for (String m : members) {
        out.putIfAbsent(m, p + "/group_ids/" + k);
      }
    }
    return out;
  }

  private void vulnerability(
      JsonNode v, String p, boolean vex, boolean advisory, Map<String, String> cves) {
    String cve = text(v, "cve");
    if (!cve.isEmpty()) {
      String before = cves.putIfAbsent(cve, p);
      if (before != null) {
        error(p + "/cve", "6.1.23", cve + " is also the CVE of " + before);
      }
    }
    if ((vex || advisory) && !v.has("notes")) {
      error(p, "6.1.27.5", "a vulnerability needs notes");
    }
    JsonNode status = v.path("product_status");
    if (vex
        && !(status.has("fixed")
            || status.has("known_affected")
            || status.has("known_not_affected")
            || status.has("under_investigation"))) {
      error(
          p + "/product_status",
          "6.1.27.7",
          "needs one of fixed, known_affected, known_not_affected or under_investigation");
    }
    if (vex && !v.has("cve") && !v.has("ids")) {
      error(p, "6.1.27.8", "a vulnerability needs a cve or ids");
    }
    Map<String, String> group = new HashMap<>();
    Map<String, String> where = new HashMap<>();
    for (String list : Csaf.LISTS) {
      List<JsonNode> ids = items(status, list);
      for (int k = 0; k < ids.size(); k++) {
        String id = ids.get(k).asText();
        String ptr = p + "/product_status/" + list + "/" + k;
        used(id, ptr);
        if (list.equals("recommended")) {
          continue;
        }
        String g = Csaf.status(list) == null ? list : String.valueOf(Csaf.status(list));
        String before = group.putIfAbsent(id, g);
        if (before != null && !before.equals(g)) {
          error(
              ptr,
              "6.1.6",
              "product '" + id + "' is also in a contradicting status at " + where.get(id));
        }
        where.putIfAbsent(id, ptr);
      }
    }
    Map<String, String> flagged = new HashMap<>();
    Set<String> impact = new HashSet<>();
    List<JsonNode> flags = items(v, "flags");
    for (int i = 0; i < flags.size(); i++) {
      String fp = p + "/flags/" + i;
      Map<String, String> named = named(flags.get(i), fp);
      if (!flags.get(i).has("product_ids") && !flags.get(i).has("group_ids")) {
        error(fp, "6.1.32", "a flag needs product_ids or group_ids");
      }
      List<String> again = new ArrayList<>();
      String firstBefore = null;
      for (String id : named.keySet()) {
        String before = flagged.putIfAbsent(id, fp);
        if (before != null) {
          again.add(id);
          firstBefore = firstBefore == null ? before : firstBefore;
        }
        impact.add(id);
      }
      // One finding per flag: a flag naming a group can name thousands of products again.
      if (again.size() == 1) {
        error(
            fp,
            "6.1.33",
            "product '" + again.get(0) + "' already has a justification flag at " + firstBefore);
      } else if (again.size() > 1) {
        error(
            fp,
            "6.1.33",
            again.size()
                + " products already have a justification flag (the first, '"
                + again.get(0)
                + "', at "
                + firstBefore
                + ")");
      }
    }
    List<JsonNode> threats = items(v, "threats");
    for (int i = 0; i < threats.size(); i++) {
      Map<String, String> named = named(threats.get(i), p + "/threats/" + i);
      if (text(threats.get(i), "category").equals("impact")) {
        impact.addAll(named.keySet());
      }
    }
    Set<String> actions = new HashSet<>();
    List<JsonNode> remediations = items(v, "remediations");
    for (int i = 0; i < remediations.size(); i++) {
      String rp = p + "/remediations/" + i;
      actions.addAll(named(remediations.get(i), rp).keySet());
      if (!remediations.get(i).has("product_ids") && !remediations.get(i).has("group_ids")) {
        error(rp, "6.1.29", "a remediation needs product_ids or group_ids");
      }
    }
    if (!vex) {
      return;
    }
    List<JsonNode> na = items(status, "known_not_affected");
    for (int k = 0; k < na.size(); k++) {
      if (!impact.contains(na.get(k).asText())) {
        error(
            p + "/product_status/known_not_affected/" + k,
            "6.1.27.9",
            "product '"
                + na.get(k).asText()
                + "' is known_not_affected but has no impact statement (a flag, or a threat of"
                + " category impact)");
      }
    }
    List<JsonNode> ka = items(status, "known_affected");
    for (int k = 0; k < ka.size(); k++) {
      if (!actions.contains(ka.get(k).asText())) {
        error(
            p + "/product_status/known_affected/" + k,
            "6.1.27.10",
            "product '"
                + ka.get(k).asText()
                + "' is known_affected but has no action statement (a remediation)");
      }
    }
  }
}
