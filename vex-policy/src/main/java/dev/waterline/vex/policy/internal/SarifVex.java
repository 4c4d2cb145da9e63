package dev.waterline.vex.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.VexIndex;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.image.ImageText;
import dev.waterline.vex.internal.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Applies VEX to a SARIF report: vexctl's {@code filter} rules (no products), or product-aware (the
 * image the run scanned and the package's purl, through the model's index).
 */
public final class SarifVex {
  private static final Pattern CVE = Pattern.compile("^(CVE-\\d+-\\d+)");
  private static final Set<String> WHOLE_ID_PREFIXES =
      Set.of("GHSA", "GO", "PRISMA", "RHSA", "RUSTSEC", "SNYK");
  private static final Pattern GHSA =
      Pattern.compile(
          "^(GHSA-[23456789cfghjmpqrvwx]{4}-[23456789cfghjmpqrvwx]{4}-[23456789cfghjmpqrvwx]{4})(-.*)?$");
  private static final Pattern IMAGE_IN_FQN =
      Pattern.compile("^(.+?@" + ImageText.SHA256_DIGEST_REGEX + ")(@|$)");
  private static final Pattern SNYK_URI =
      Pattern.compile("^(.+?)@sha256_(" + ImageText.SHA256_HEX_REGEX + ")$");

  /** One removed result. */
  public static final class Removal {
    public final int run;
    public final int result;
    public final String ruleId;
    public final String vulnerability;
    public final EffectiveStatement statement;

    Removal(
        int run, int result, String ruleId, String vulnerability, EffectiveStatement statement) {
      this.run = run;
      this.result = result;
      this.ruleId = ruleId;
      this.vulnerability = vulnerability;
      this.statement = statement;
    }
  }

  /** The outcome: the filtered report, counts per run, removals. */
  public static final class Outcome {
    public final byte[] json;
    public final List<Integer> before;
    public final List<Integer> after;
    public final List<Removal> removals;

    Outcome(byte[] json, List<Integer> before, List<Integer> after, List<Removal> removals) {
      this.json = json;
      this.before = List.copyOf(before);
      this.after = List.copyOf(after);
      this.removals = List.copyOf(removals);
    }
  }

  private SarifVex() {}

  /**
   * Reads SARIF through the one JSON layer (duplicate keys refused), numbers kept exactly as
   * written so that the filtered report writes them back unchanged; {@code source} names it in
   * messages.
   */
  public static ObjectNode read(byte[] sarif, String source) {
    JsonNode root;
    try {
      root = Json.readExactTree(sarif);
    } catch (VexParseException e) {
      throw new VexException("could not read SARIF report " + source + ": " + e.getMessage(), e);
    } catch (VexException e) {
      throw new VexException("could not read SARIF report " + source + ": " + e.getMessage(), e);
    }
    if (!root.isObject() || !root.path("runs").isArray()) {
      throw new VexException(
          "could not read SARIF report "
              + source
              + ": expected an object with a \"runs\" array at /");
    }
    return (ObjectNode) root;
  }

  /** The vulnerability id vexctl derives from a rule id, or null when vexctl keeps the result. */
  public static @Nullable String vexctlId(String ruleId) {
    int dash = ruleId.indexOf('-');
    String prefix = dash < 0 ? ruleId : ruleId.substring(0, dash);
    if (prefix.equals("CVE")) {
      Matcher m = CVE.matcher(ruleId);
      return m.find() ? m.group(1) : null;
    }
    return WHOLE_ID_PREFIXES.contains(prefix) ? ruleId : null;
  }

  /** vexctl's {@code filter}: documents by time; per document its oldest statement decides. */
  public static Outcome filterLikeVexctl(ObjectNode sarif, List<VexDocument> documents) {
    List<OldestByName> docs = new ArrayList<>();
    List<VexDocument> sorted = new ArrayList<>(documents);
    sorted.sort(Comparator.comparing(d -> d.timestamp().orElse(Instant.MIN)));
    for (VexDocument doc : sorted) {
      docs.add(new OldestByName(doc));
    }
    List<Integer> before = new ArrayList<>();
    List<Integer> after = new ArrayList<>();
    List<Removal> removals = new ArrayList<>();
    ArrayNode runs = (ArrayNode) sarif.get("runs");
    for (int r = 0; r < runs.size(); r++) {
      ArrayNode results = results(runs.get(r));
      before.add(results.size());
      ArrayNode kept = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < results.size(); i++) {
        JsonNode result = results.get(i);
        String ruleId = result.path("ruleId").asText("");
        String id = vexctlId(ruleId);
        EffectiveStatement drop = null;
        if (id != null) {
          for (OldestByName doc : docs) {
            EffectiveStatement first = doc.of(id);
            if (first != null && suppresses(first.status())) {
              drop = first;
              break;
            }
          }
        }
        if (drop != null) {
          removals.add(new Removal(r, i, ruleId, java.util.Objects.requireNonNull(id), drop));
        } else {
          kept.add(result);
        }
      }
      replace(runs.get(r), kept);
      after.add(kept.size());
    }
    return new Outcome(write(sarif), before, after, removals);
  }

  /**
   * Product-aware: a result is removed when the latest statement (the index's rule) about its
   * vulnerability (vexctl's id, or the GHSA without Grype's package suffix) in the scanned image
   * (with the package's purl as subcomponent, when the report gives it) or in the package itself
   * says {@code not_affected} or {@code fixed}. A statement whose products all list subcomponents
   * does not remove a result whose package purl is unknown.
   */
  public static Outcome filterByProduct(ObjectNode sarif, List<VexDocument> documents) {
    VexIndex index = VexIndex.of(documents);
    Latest latest = new Latest(documents);
    List<Integer> before = new ArrayList<>();
    List<Integer> after = new ArrayList<>();
    List<Removal> removals = new ArrayList<>();
    ArrayNode runs = (ArrayNode) sarif.get("runs");
    for (int r = 0; r < runs.size(); r++) {
      JsonNode run = runs.get(r);
      ArrayNode results = results(run);
      before.add(results.size());
      Set<String> runImages = runImages(run);
      Rules rules = new Rules(run);
      ArrayNode kept = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < results.size(); i++) {
        JsonNode result = results.get(i);
        String ruleId = result.path("ruleId").asText("");
        String id = productAwareId(ruleId);
        EffectiveStatement decides = null;
        if (id != null) {
          Set<String> images = new LinkedHashSet<>(runImages);
          images.addAll(resultImages(result));
          List<String> purls = purls(rules, result);
          decides = decide(index, latest, id, images, purls);
        }
        if (decides != null && suppresses(decides.status())) {
          removals.add(new Removal(r, i, ruleId, java.util.Objects.requireNonNull(id), decides));
        } else {
          kept.add(result);
        }
      }
      replace(run, kept);
      after.add(kept.size());
    }
    return new Outcome(write(sarif), before, after, removals);
  }

  /** The vulnerability id of a rule for product-aware filtering; null when there is none. */
  public static @Nullable String productAwareId(String ruleId) {
    Matcher g = GHSA.matcher(ruleId);
    if (g.matches()) {
      return g.group(1);
    }
    return vexctlId(ruleId);
  }

  private static @Nullable EffectiveStatement decide(
      VexIndex index, Latest latest, String id, Set<String> images, List<String> purls) {
    List<EffectiveStatement> candidates = new ArrayList<>();
    for (String image : images) {
      if (purls.isEmpty()) {
        for (EffectiveStatement e : index.matches(image, id, null)) {
          if (coversWholeImage(e.statement(), image)) {
            candidates.add(e);
          }
        }
      } else {
        for (String purl : purls) {
          candidates.addAll(index.matches(image, id, purl));
        }
      }
    }
    for (String purl : purls) {
      candidates.addAll(index.matches(purl, id, null));
    }
    return latest.latest(candidates);
  }

  /** Whether one of the statement's products matching {@code image} lists no subcomponents. */
  private static boolean coversWholeImage(Statement statement, String image) {
    for (Product p : statement.products()) {
      if (p.subcomponents().isEmpty() && p.matches(image, null)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The statement vexctl takes from one document for a vulnerability: of those that name it (name,
   * {@code @id} or alias), the first by name (go-vex sorts by name, which is empty for one named
   * only by {@code @id}), then by time; the first in the document on a tie. Worked out for every
   * identifier in one pass over the document, on first use: a report of 50,000 results against a
   * document of 50,000 statements took 30 seconds looking through the document for each result.
   */
  private static final class OldestByName {
    private final VexDocument doc;
    private @Nullable Map<String, Candidate> byId;

    OldestByName(VexDocument doc) {
      this.doc = doc;
    }

    @Nullable EffectiveStatement of(String id) {
      Map<String, Candidate> index = byId;
      if (index == null) {
        index = new HashMap<>();
        for (Statement s : doc.statements()) {
          String name = s.vulnerability().hasName() ? s.vulnerability().name() : "";
          Instant time = doc.effectiveTimestamp(s).orElse(Instant.MIN);
          for (String identifier : s.vulnerability().identifiers()) {
            Candidate best = index.get(identifier);
            if (best == null
                || name.compareTo(best.name) < 0
                || (name.equals(best.name) && time.isBefore(best.time))) {
              index.put(identifier, new Candidate(s, name, time));
            }
          }
        }
        byId = index;
      }
      Candidate best = index.get(id);
      return best == null ? null : EffectiveStatement.of(best.statement, doc);
    }

    private static final class Candidate {
      final Statement statement;
      final String name;
      final Instant time;

      Candidate(Statement statement, String name, Instant time) {
        this.statement = statement;
        this.name = name;
        this.time = time;
      }
    }
  }

  static boolean suppresses(Status status) {
    return status == Status.NOT_AFFECTED || status == Status.FIXED;
  }

  private static ArrayNode results(JsonNode run) {
    JsonNode results = run.get("results");
    return results instanceof ArrayNode
        ? (ArrayNode) results
        : JsonNodeFactory.instance.arrayNode();
  }

  private static void replace(JsonNode run, ArrayNode kept) {
    if (run instanceof ObjectNode && run.get("results") instanceof ArrayNode) {
      ((ObjectNode) run).set("results", kept);
    }
  }

  /** Image references the run names: Trivy's run properties. */
  static Set<String> runImages(JsonNode run) {
    Set<String> images = new LinkedHashSet<>();
    JsonNode props = run.path("properties");
    for (JsonNode d : props.path("repoDigests")) {
      addImage(images, d.asText(""));
    }
    addImage(images, props.path("imageName").asText(""));
    return images;
  }

  /** Image references a result names: Grype's logical locations, Snyk's artifact URI. */
  static Set<String> resultImages(JsonNode result) {
    Set<String> images = new LinkedHashSet<>();
    for (JsonNode loc : result.path("locations")) {
      for (JsonNode logical : loc.path("logicalLocations")) {
        Matcher m = IMAGE_IN_FQN.matcher(logical.path("fullyQualifiedName").asText(""));
        if (m.find()) {
          addImage(images, m.group(1));
        }
      }
      String uri = loc.path("physicalLocation").path("artifactLocation").path("uri").asText("");
      Matcher s = SNYK_URI.matcher(uri);
      if (s.matches()) {
        addImage(images, s.group(1) + "@sha256:" + s.group(2));
      }
    }
    return images;
  }

  private static void addImage(Set<String> images, String ref) {
    int at = ref.lastIndexOf("@sha256:");
    if (at > 0 && ref.length() - at - 8 == ImageText.SHA256_HEX_LENGTH) {
      images.add(ref);
      images.add(ref.substring(at + 1).toLowerCase(Locale.ROOT));
    }
  }

  /** The package purls of a result's rule (Grype's {@code properties.purls}). */
  static List<String> purls(Rules rules, JsonNode result) {
    JsonNode rule = rules.of(result);
    List<String> purls = new ArrayList<>();
    if (rule != null) {
      for (JsonNode p : rule.path("properties").path("purls")) {
        if (p.isTextual() && p.textValue().startsWith("pkg:")) {
          purls.add(p.textValue());
        }
      }
    }
    return purls;
  }

  /**
   * A run's rules, found for a result by its {@code ruleIndex}, else by its {@code ruleId} (the
   * first rule with that id). Grype writes no index: the ids are filed once per run, on first use
   * (a search through the rules for each result took a report of 50,000 results 30 seconds).
   */
  static final class Rules {
    private final JsonNode rules;
    private @Nullable Map<String, JsonNode> byId;

    Rules(JsonNode run) {
      this.rules = run.path("tool").path("driver").path("rules");
    }

    @Nullable JsonNode of(JsonNode result) {
      JsonNode idx = result.get("ruleIndex");
      if (idx != null
          && idx.canConvertToInt()
          && idx.intValue() >= 0
          && idx.intValue() < rules.size()) {
        return rules.get(idx.intValue());
      }
      Map<String, JsonNode> index = byId;
      if (index == null) {
        index = new HashMap<>();
        for (JsonNode rule : rules) {
          index.putIfAbsent(rule.path("id").asText(""), rule);
        }
        byId = index;
      }
      return index.get(result.path("ruleId").asText(""));
    }
  }

  /** The report in the house style: 2-space indent, {@code \n} line ends, a final newline. */
  static byte[] write(JsonNode node) {
    return Json.writePretty(node);
  }
}
