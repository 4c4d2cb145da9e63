package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.policy.internal.TriageJson;
import dev.waterline.vex.policy.internal.TriageMarkdown;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a triage, tied to the image: every finding's decision with its reasons, the
 * inputs' provenance (report, VEX sources with their trust, KEV, EPSS, waterline), the policy and
 * the scan time. This is the audit trail. {@link #toJson()} is documented in {@code docs/policy.md}
 * (schema resource {@link #SCHEMA_RESOURCE}); {@link #toMarkdown()} is for a pull request.
 */
@API(status = STABLE, since = "0.1.0")
public final class TriageReport {
  /** The class-path resource holding the JSON output's schema. */
  public static final String SCHEMA_RESOURCE = "/dev/waterline/vex/policy/triage.schema.json";

  private final @Nullable String image;
  private final @Nullable String imageDigest;
  private final Instant scanTime;
  private final Policy policy;
  private final Map<String, String> inputs;
  private final List<VexSource> vex;
  private final List<UnreadableVex> unreadableVex;
  private final List<FindingDecision> decisions;
  private final Map<Decision, Integer> counts;
  private final List<String> warnings;

  TriageReport(
      @Nullable String image,
      @Nullable String imageDigest,
      Instant scanTime,
      Policy policy,
      Map<String, String> inputs,
      List<VexSource> vex,
      List<UnreadableVex> unreadableVex,
      List<FindingDecision> decisions,
      List<String> warnings) {
    this.image = image;
    this.imageDigest = imageDigest;
    this.scanTime = scanTime;
    this.policy = policy;
    this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    this.vex = List.copyOf(vex);
    this.unreadableVex = List.copyOf(unreadableVex);
    this.decisions = List.copyOf(decisions);
    EnumMap<Decision, Integer> c = new EnumMap<>(Decision.class);
    for (Decision d : Decision.values()) {
      c.put(d, 0);
    }
    for (FindingDecision d : decisions) {
      c.merge(d.decision(), 1, Integer::sum);
    }
    this.counts = Collections.unmodifiableMap(c);
    this.warnings = List.copyOf(warnings);
  }

  /** The image as the report names it, if it does. */
  public Optional<String> image() {
    return Optional.ofNullable(image);
  }

  /** The image's digest ({@code sha256:…}), if the report gives it. */
  public Optional<String> imageDigest() {
    return Optional.ofNullable(imageDigest);
  }

  /** The time the decisions were made for (review dates and exception expiry count from it). */
  public Instant scanTime() {
    return scanTime;
  }

  /** The policy applied. */
  public Policy policy() {
    return policy;
  }

  /** Provenance of the inputs other than VEX: {@code report}, {@code kev}, {@code epss}, … */
  public Map<String, String> inputs() {
    return inputs;
  }

  /** The VEX sources, in the order given. */
  public List<VexSource> vex() {
    return vex;
  }

  /**
   * VEX that was found but could not be read and was left out on request ({@link
   * Triage#unreadableVex}), in the order given; empty when there was none.
   */
  public List<UnreadableVex> unreadableVex() {
    return unreadableVex;
  }

  /** One decision per finding, in the report's order. */
  public List<FindingDecision> decisions() {
    return decisions;
  }

  /** The decisions with a given outcome. */
  public List<FindingDecision> decisions(Decision decision) {
    List<FindingDecision> l = new ArrayList<>();
    for (FindingDecision d : decisions) {
      if (d.decision() == decision) {
        l.add(d);
      }
    }
    return l;
  }

  /** How many findings got each decision (every decision present; they sum to the findings). */
  public Map<Decision, Integer> counts() {
    return counts;
  }

  /**
   * What the run noticed about its inputs that may make its decisions not what was meant, for
   * example VEX about the image by digest when the report names no digest (it then matches
   * nothing). Empty when there is nothing to say; the CLI prints each on stderr.
   */
  public List<String> warnings() {
    return warnings;
  }

  /** Whether anything must be remediated (the CLI exits 1 then). */
  public boolean needsRemediation() {
    return counts.getOrDefault(Decision.REMEDIATE, 0) > 0;
  }

  /** The report as JSON: fields in a fixed order, two-space indented, ending with a newline. */
  public String toJson() {
    return TriageJson.write(this);
  }

  /**
   * A Markdown summary for a pull request. Characters a terminal would act on (controls, bidi
   * overrides), which a report or a VEX document may hold, are written as {@code \\uXXXX}.
   */
  public String toMarkdown() {
    return TriageMarkdown.write(this);
  }

  /** For example {@code TriageReport[sha256:…, 12 findings: 1 remediate, 3 accepted, …]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TriageReport[");
    sb.append(imageDigest != null ? imageDigest : image != null ? image : "unknown image");
    sb.append(", ").append(decisions.size()).append(" findings");
    String sep = ": ";
    for (Map.Entry<Decision, Integer> e : counts.entrySet()) {
      if (e.getValue() > 0) {
        sb.append(sep).append(e.getValue()).append(' ').append(e.getKey());
        sep = ", ";
      }
    }
    return sb.append(']').toString();
  }
}
