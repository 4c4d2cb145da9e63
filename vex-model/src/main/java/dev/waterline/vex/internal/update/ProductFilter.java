package dev.waterline.vex.internal.update;

import dev.waterline.vex.Statement;

/**
 * Whether a statement applies to a product named by the user, for {@link DocumentMerge}'s product
 * filter (go-vex: {@code Statement.MatchesProduct(id, "")}: any of the statement's products
 * matches; subcomponents are not considered; a statement without products never matches).
 */
@FunctionalInterface
public interface ProductFilter {
  /** Whether {@code statement} applies to {@code product}. */
  boolean matches(Statement statement, String product);
}
