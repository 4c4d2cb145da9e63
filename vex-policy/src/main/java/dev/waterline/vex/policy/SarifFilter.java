package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.policy.internal.SarifVex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Removes from a SARIF report the results that VEX says {@code not_affected} or {@code fixed}, as
 * {@code vexctl filter} does, but product-aware by default: a statement removes a result only when
 * one of its products is the image the run scanned (Trivy's run properties, Grype's logical
 * locations, Snyk's artifact URI) with the result's package as subcomponent (Grype's rule purls),
 * or the package itself; the latest statement decides. {@link #vexctlCompatible()} gives vexctl's
 * rules exactly (no products, documents by time, each document's oldest statement).
 */
@API(status = STABLE, since = "0.1.0")
public final class SarifFilter {
  private final List<VexDocument> documents;
  private final boolean productAware;

  private SarifFilter(List<VexDocument> documents, boolean productAware) {
    this.documents = List.copyOf(documents);
    this.productAware = productAware;
  }

  /** A product-aware filter over these documents (later documents win ties on time). */
  public static SarifFilter of(List<VexDocument> documents) {
    return new SarifFilter(documents, true);
  }

  /** This filter with vexctl's rules: no product matching, as {@code vexctl filter} does. */
  public SarifFilter vexctlCompatible() {
    return new SarifFilter(documents, false);
  }

  /** Whether the filter matches products. */
  public boolean productAware() {
    return productAware;
  }

  /**
   * Filters a SARIF report.
   *
   * @param sarif the report's bytes
   * @param source names the report in messages (a path)
   * @throws dev.waterline.vex.VexException when it is not JSON (a member named twice in one object
   *     included) or has no {@code runs} array
   */
  public Result filter(byte[] sarif, String source) {
    ObjectNode tree = SarifVex.read(sarif, source);
    SarifVex.Outcome o =
        productAware
            ? SarifVex.filterByProduct(tree, documents)
            : SarifVex.filterLikeVexctl(tree, documents);
    List<Removal> removals = new ArrayList<>();
    for (SarifVex.Removal r : o.removals) {
      removals.add(new Removal(r.run, r.result, r.ruleId, r.vulnerability, r.statement));
    }
    return new Result(o.json, o.before, o.after, removals);
  }

  /** For example {@code SarifFilter[2 documents, product-aware]}. */
  @Override
  public String toString() {
    return "SarifFilter["
        + documents.size()
        + (documents.size() == 1 ? " document, " : " documents, ")
        + (productAware ? "product-aware]" : "vexctl-compatible]");
  }

  /** A result the filter removed, with the statement that removed it. */
  public static final class Removal {
    private final int run;
    private final int result;
    private final String ruleId;
    private final String vulnerability;
    private final EffectiveStatement statement;

    Removal(
        int run, int result, String ruleId, String vulnerability, EffectiveStatement statement) {
      this.run = run;
      this.result = result;
      this.ruleId = ruleId;
      this.vulnerability = vulnerability;
      this.statement = statement;
    }

    /** The run's index in {@code runs}. */
    public int run() {
      return run;
    }

    /** The result's index in the run's original {@code results}. */
    public int result() {
      return result;
    }

    /** The result's {@code ruleId}. */
    public String ruleId() {
      return ruleId;
    }

    /** The vulnerability id derived from the rule id. */
    public String vulnerability() {
      return vulnerability;
    }

    /** The statement that removed it. */
    public EffectiveStatement statement() {
      return statement;
    }

    /** For example {@code runs[0].results[12] CVE-2023-27103-libde265-0: not_affected …}. */
    @Override
    public String toString() {
      return "runs[" + run + "].results[" + result + "] " + ruleId + ": " + statement;
    }
  }

  /** The filtered report and what was removed. */
  public static final class Result {
    private final byte[] json;
    private final List<Integer> before;
    private final List<Integer> after;
    private final List<Removal> removals;

    Result(byte[] json, List<Integer> before, List<Integer> after, List<Removal> removals) {
      this.json = json.clone();
      this.before = List.copyOf(before);
      this.after = List.copyOf(after);
      this.removals = List.copyOf(removals);
    }

    /**
     * The filtered report as pretty-printed JSON (UTF-8, 2-space indent, {@code \n} line ends and a
     * final newline), fields in their original order and numbers as they were written.
     */
    public byte[] json() {
      return json.clone();
    }

    /** The filtered report as text. */
    public String jsonText() {
      return new String(json, StandardCharsets.UTF_8);
    }

    /** The number of results in each run before filtering. */
    public List<Integer> resultsBefore() {
      return before;
    }

    /** The number of results in each run after filtering. */
    public List<Integer> resultsAfter() {
      return after;
    }

    /** The removed results, in report order. */
    public List<Removal> removals() {
      return removals;
    }

    @Override
    public boolean equals(@org.jspecify.annotations.Nullable Object o) {
      return o instanceof Result
          && java.util.Arrays.equals(json, ((Result) o).json)
          && removals.equals(((Result) o).removals);
    }

    @Override
    public int hashCode() {
      return Objects.hash(java.util.Arrays.hashCode(json), removals);
    }

    /** For example {@code SarifFilter.Result[runs 99→98, 1 removed]}. */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("SarifFilter.Result[runs ");
      for (int i = 0; i < before.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(before.get(i)).append("→").append(after.get(i));
      }
      return sb.append(", ").append(removals.size()).append(" removed]").toString();
    }
  }
}
