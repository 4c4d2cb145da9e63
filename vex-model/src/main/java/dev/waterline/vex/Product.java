package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.internal.match.Matching;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A product a statement applies to: a {@link Component} plus the subcomponents (usually
 * dependencies) where the vulnerability originates. Immutable.
 */
@API(status = STABLE, since = "0.1.0")
public final class Product {
  private final Component component;
  private final List<Component> subcomponents;

  private Product(Component component, List<Component> subcomponents) {
    this.component = Objects.requireNonNull(component, "component");
    this.subcomponents = Values.list(subcomponents, "subcomponents");
  }

  /** A product identified by its {@code @id}, e.g. {@code pkg:oci/app@sha256%3A…}. */
  public static Product of(String id) {
    return new Product(Component.of(id), List.of());
  }

  /** A product identified by its {@code @id} with subcomponents identified by theirs. */
  public static Product of(String id, String... subcomponentIds) {
    List<Component> subs = new ArrayList<>();
    for (String s : subcomponentIds) {
      subs.add(Component.of(s));
    }
    return new Product(Component.of(id), subs);
  }

  /** A product from a component and its subcomponents. */
  public static Product of(Component component, List<Component> subcomponents) {
    return new Product(component, subcomponents);
  }

  /** The product's own identity (its {@code @id}, identifiers, hashes). */
  public Component component() {
    return component;
  }

  /** The product's {@code @id}, if any. */
  public Optional<String> id() {
    return component.id();
  }

  /** The product's identifiers by type key. */
  public Map<String, String> identifiers() {
    return component.identifiers();
  }

  /** The product's hashes by algorithm name. */
  public Map<String, String> hashes() {
    return component.hashes();
  }

  /** The product's purl: its {@code purl} identifier, else its {@code @id} when that is a purl. */
  public Optional<String> purl() {
    return component.purl();
  }

  /** The subcomponents, in document order. */
  public List<Component> subcomponents() {
    return subcomponents;
  }

  /**
   * Whether this product is {@code product} (see {@link Component#matches}) and, when a
   * subcomponent is asked, whether it is one of this product's subcomponents. A product without
   * subcomponents matches any subcomponent, as in go-vex.
   */
  public boolean matches(String product, @Nullable String subcomponent) {
    return Matching.matches(this, product, subcomponent);
  }

  /** This product with other subcomponents. */
  public Product withSubcomponents(List<Component> subcomponents) {
    return new Product(component, subcomponents);
  }

  /** This product with one more subcomponent, identified by its {@code @id}. */
  public Product withSubcomponent(String id) {
    List<Component> next = new ArrayList<>(subcomponents);
    next.add(Component.of(id));
    return new Product(component, next);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o == this
        || (o instanceof Product
            && component.equals(((Product) o).component)
            && subcomponents.equals(((Product) o).subcomponents));
  }

  @Override
  public int hashCode() {
    return Objects.hash(component, subcomponents);
  }

  @Override
  public String toString() {
    return subcomponents.isEmpty() ? component.toString() : component + " " + subcomponents;
  }
}
