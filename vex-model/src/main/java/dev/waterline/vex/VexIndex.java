package dev.waterline.vex;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An index over many documents that answers "what is the status of vulnerability V in product P?"
 * quickly. Immutable once built; safe to share between threads.
 *
 * <p>Matching follows go-vex's rules (see {@code docs/concepts.md}); where several statements
 * match, the latest by time decides.
 */
public final class VexIndex {
  private VexIndex() {}

  /** Indexes documents; later documents win ties on time. */
  public static VexIndex of(Collection<VexDocument> documents) {
    throw new UnsupportedOperationException("not implemented yet: " + documents.size());
  }

  /** Indexes documents; later documents win ties on time. */
  public static VexIndex of(VexDocument... documents) {
    return of(List.of(documents));
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
    throw new UnsupportedOperationException(
        "not implemented yet: " + product + vulnerability + subcomponent);
  }

  /** Every matching statement, oldest first (the last one is the effective statement). */
  public List<EffectiveStatement> matches(
      String product, String vulnerability, @Nullable String subcomponent) {
    throw new UnsupportedOperationException(
        "not implemented yet: " + product + vulnerability + subcomponent);
  }
}
