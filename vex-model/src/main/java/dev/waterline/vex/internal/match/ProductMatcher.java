package dev.waterline.vex.internal.match;

import dev.waterline.vex.Component;
import dev.waterline.vex.Product;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Product} prepared for matching, with go-vex's subcomponent rule: the product must match;
 * then a query without a subcomponent, or a product without subcomponents, matches; otherwise one
 * of the product's subcomponents must match the queried subcomponent.
 */
public final class ProductMatcher {
  private final ComponentMatcher component;
  private final List<ComponentMatcher> subcomponents;

  private ProductMatcher(Product product) {
    this.component = ComponentMatcher.of(product.component());
    List<ComponentMatcher> subs = new ArrayList<>();
    for (Component c : product.subcomponents()) {
      subs.add(ComponentMatcher.of(c));
    }
    this.subcomponents = List.copyOf(subs);
  }

  /** Prepares a product. */
  public static ProductMatcher of(Product product) {
    return new ProductMatcher(product);
  }

  /** The product's own component. */
  ComponentMatcher component() {
    return component;
  }

  /** Whether the product matches; {@code subcomponent} null means "no subcomponent asked". */
  public boolean matches(Query product, @Nullable Query subcomponent) {
    return component.matches(product) && subcomponentMatches(subcomponent);
  }

  /** The subcomponent half of {@link #matches}: null, or no subcomponents here, or one matches. */
  boolean subcomponentMatches(@Nullable Query subcomponent) {
    if (subcomponent == null || subcomponents.isEmpty()) {
      return true;
    }
    for (int i = 0; i < subcomponents.size(); i++) {
      if (subcomponents.get(i).matches(subcomponent)) {
        return true;
      }
    }
    return false;
  }
}
