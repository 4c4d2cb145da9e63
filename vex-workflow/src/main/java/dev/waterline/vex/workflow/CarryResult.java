package dev.waterline.vex.workflow;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.VexDocument;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Carry} did: one {@link CarryItem} per statement about the old image and subcomponent,
 * and the new document about the rebuilt image holding the statements that carry. Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class CarryResult {
  private final CarryImage from;
  private final CarryImage to;
  private final List<CarryItem> items;
  private final @Nullable VexDocument document;
  private final int ignored;

  /**
   * Creates the result.
   *
   * @param document the new document, or null when nothing carries
   * @param ignored how many statements of the input were about other products
   */
  public CarryResult(
      CarryImage from,
      CarryImage to,
      List<CarryItem> items,
      @Nullable VexDocument document,
      int ignored) {
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
    this.items = List.copyOf(items);
    this.document = document;
    this.ignored = ignored;
  }

  /** The old image. */
  public CarryImage from() {
    return from;
  }

  /** The rebuilt image. */
  public CarryImage to() {
    return to;
  }

  /** Every statement about the old image (one item per subcomponent), in input order. */
  public List<CarryItem> items() {
    return items;
  }

  /** The items that carry. */
  public List<CarryItem> carried() {
    return items.stream().filter(CarryItem::carries).toList();
  }

  /** The items that need a new decision. */
  public List<CarryItem> needsDecision() {
    return items.stream().filter(i -> !i.carries()).toList();
  }

  /** The new OpenVEX document about the rebuilt image; empty when nothing carries. */
  public Optional<VexDocument> document() {
    return Optional.ofNullable(document);
  }

  /** How many statements of the input are about other products (left out). */
  public int ignored() {
    return ignored;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof CarryResult)) {
      return false;
    }
    CarryResult r = (CarryResult) o;
    return from.equals(r.from)
        && to.equals(r.to)
        && items.equals(r.items)
        && Objects.equals(document, r.document)
        && ignored == r.ignored;
  }

  @Override
  public int hashCode() {
    return Objects.hash(from, to, items, document, ignored);
  }

  /** For example {@code CarryResult[3 carried, 1 needs a new decision, 0 ignored]}. */
  @Override
  public String toString() {
    return "CarryResult["
        + carried().size()
        + " carried, "
        + needsDecision().size()
        + (needsDecision().size() == 1 ? " needs" : " need")
        + " a new decision, "
        + ignored
        + " ignored]";
  }
}
