package dev.waterline.vex.internal.match;

import dev.waterline.vex.Component;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import org.jspecify.annotations.Nullable;

/** One-off matching for the value classes; the index prepares its matchers once instead. */
public final class Matching {
  private Matching() {}

  /**
   * go-vex's {@code PurlMatches}: whether the purl {@code general} (from a statement) covers the
   * purl {@code specific} (being looked up). False when either is not a valid purl.
   */
  public static boolean purlMatches(String general, String specific) {
    Purl g = Purl.parse(general);
    Purl s = g == null ? null : Purl.parse(specific);
    return g != null && s != null && g.covers(s);
  }

  /** Whether a component matches an identifier; see {@link ComponentMatcher}. */
  public static boolean matches(Component component, String identifier) {
    return ComponentMatcher.of(component).matches(Query.of(identifier));
  }

  /** Whether a product matches; see {@link ProductMatcher}. Empty subcomponent means none. */
  public static boolean matches(Product product, String id, @Nullable String subcomponent) {
    return ProductMatcher.of(product).matches(Query.of(id), subQuery(subcomponent));
  }

  /**
   * go-vex's {@code Statement.Matches}: the vulnerability matches by name, {@code @id} or alias,
   * and one of the products matches. A statement without products matches nothing.
   */
  public static boolean matches(
      Statement statement, String vulnerability, String product, @Nullable String subcomponent) {
    if (!statement.vulnerability().matches(vulnerability)) {
      return false;
    }
    Query p = Query.of(product);
    Query s = subQuery(subcomponent);
    for (Product candidate : statement.products()) {
      if (ProductMatcher.of(candidate).matches(p, s)) {
        return true;
      }
    }
    return false;
  }

  /**
   * go-vex's {@code Statement.MatchesProduct(product, "")}: whether one of the statement's products
   * matches {@code product}, subcomponents aside (for filters such as merge's product filter).
   */
  public static boolean matchesProduct(Statement statement, String product) {
    Query p = Query.of(product);
    for (Product candidate : statement.products()) {
      if (ProductMatcher.of(candidate).matches(p, null)) {
        return true;
      }
    }
    return false;
  }

  static @Nullable Query subQuery(@Nullable String subcomponent) {
    return subcomponent == null || subcomponent.isEmpty() ? null : Query.of(subcomponent);
  }
}
