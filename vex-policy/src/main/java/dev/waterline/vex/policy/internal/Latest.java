package dev.waterline.vex.policy.internal;

import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.Statement;
import dev.waterline.vex.VexDocument;
import java.time.Instant;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Picks the latest of statements found by several queries, with the index's rule: latest time (a
 * statement with no time anywhere is the oldest), then the later document in the order given, then
 * the later statement in its document.
 */
public final class Latest {
  private final IdentityHashMap<Statement, Long> rank = new IdentityHashMap<>();

  /** Ranks the statements of {@code documents}, in the order the index was given them. */
  public Latest(List<VexDocument> documents) {
    for (int d = 0; d < documents.size(); d++) {
      List<Statement> statements = documents.get(d).statements();
      for (int s = 0; s < statements.size(); s++) {
        rank.put(statements.get(s), ((long) d << 32) | s);
      }
    }
  }

  /** Whether {@code a} is later than {@code b}. */
  public boolean later(EffectiveStatement a, EffectiveStatement b) {
    Instant ta = a.time().orElse(Instant.MIN);
    Instant tb = b.time().orElse(Instant.MIN);
    int c = ta.compareTo(tb);
    if (c != 0) {
      return c > 0;
    }
    return rank.getOrDefault(a.statement(), -1L) > rank.getOrDefault(b.statement(), -1L);
  }

  /** The latest of {@code candidates}, or null when there are none. */
  public @Nullable EffectiveStatement latest(Collection<EffectiveStatement> candidates) {
    EffectiveStatement best = null;
    for (EffectiveStatement e : candidates) {
      if (best == null || later(e, best)) {
        best = e;
      }
    }
    return best;
  }
}
