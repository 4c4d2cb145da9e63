package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.internal.match.MatchIndex;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An index over many documents that answers "what is the status of vulnerability V in product P?"
 * quickly. Immutable once built; safe to share between threads.
 *
 * <p>Matching follows go-vex's rules (see {@code docs/concepts.md}): the vulnerability by name,
 * {@code @id} or alias; the product by {@code @id}, identifiers (purls by go-vex's purl rule, CPEs
 * exactly), hashes, and image digests ({@code sha256:<hex>}, image references, OCI purls); a
 * subcomponent, when asked, by the product's subcomponents (a product without subcomponents matches
 * any). Where several statements match, the <em>latest by time</em> decides: a statement's own
 * timestamp, else its document's; a statement with no time anywhere is the oldest; on equal times
 * the later document (in the order given) wins, then the later statement in its document.
 * Statements without products match nothing.
 */
@API(status = STABLE, since = "0.1.0")
public final class VexIndex {
  private final MatchIndex index;

  private VexIndex(MatchIndex index) {
    this.index = index;
  }

  /** Indexes documents; later documents win ties on time. */
  public static VexIndex of(Collection<VexDocument> documents) {
    return new VexIndex(MatchIndex.build(List.copyOf(documents)));
  }

  /** Indexes documents; later documents win ties on time. */
  public static VexIndex of(VexDocument... documents) {
    return of(List.of(documents));
  }

  /**
   * Indexes only the statements about one vulnerability (by name, {@code @id} or alias): for a
   * single query over large documents, the index then holds a few statements instead of all of
   * them. Asked about {@code vulnerability} (exactly as given here) it answers as {@link #of} does;
   * asked about another one, it looks only among the statements that also name {@code
   * vulnerability}.
   */
  public static VexIndex forVulnerability(Collection<VexDocument> documents, String vulnerability) {
    return new VexIndex(
        MatchIndex.build(
            List.copyOf(documents), s -> s.vulnerability().identifiers().contains(vulnerability)));
  }

  /** The statement that decides the status of {@code vulnerability} in {@code product}. */
  public Optional<EffectiveStatement> effective(String product, String vulnerability) {
    return effective(product, vulnerability, null);
  }

  /**
   * The statement that decides the status of {@code vulnerability} in {@code product}, looking at a
   * subcomponent when one is given.
   */
  public Optional<EffectiveStatement> effective(
      String product, String vulnerability, @Nullable String subcomponent) {
    return Optional.ofNullable(index.effective(product, vulnerability, subcomponent));
  }

  /** Every matching statement, oldest first (the last one is the effective statement). */
  public List<EffectiveStatement> matches(
      String product, String vulnerability, @Nullable String subcomponent) {
    return index.matches(product, vulnerability, subcomponent);
  }

  /** For example {@code VexIndex[2 documents, 120 statements]}. */
  @Override
  public String toString() {
    return "VexIndex[" + index.documents() + " documents, " + index.statements() + " statements]";
  }
}
