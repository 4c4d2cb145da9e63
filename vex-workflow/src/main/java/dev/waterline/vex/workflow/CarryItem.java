package dev.waterline.vex.workflow;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.Statement;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Carry} found for one statement about the old image and one of its subcomponents (or
 * the image as a whole): whether it carries to the new image, why, and the evidence. Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class CarryItem {
  private final Statement statement;
  private final @Nullable String documentId;
  private final String statementRef;
  private final @Nullable String component;
  private final CarryReason reason;
  private final String detail;

  /**
   * Creates an item.
   *
   * @param statement the original statement
   * @param documentId the {@code @id} of the document it comes from, or null
   * @param statementRef the statement's {@code @id}, else {@code statements[<index>]}
   * @param component the subcomponent it is about, or null for the image as a whole
   * @param reason why it carries or not
   * @param detail the evidence in words, e.g. {@code layer sha256:0123456789ab holds it in both}
   */
  public CarryItem(
      Statement statement,
      @Nullable String documentId,
      String statementRef,
      @Nullable String component,
      CarryReason reason,
      String detail) {
    this.statement = Objects.requireNonNull(statement, "statement");
    this.documentId = documentId;
    this.statementRef = Objects.requireNonNull(statementRef, "statementRef");
    this.component = component;
    this.reason = Objects.requireNonNull(reason, "reason");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  /** The original statement, about the old image. */
  public Statement statement() {
    return statement;
  }

  /** The vulnerability's name (or {@code @id}). */
  public String vulnerability() {
    return statement.vulnerability().hasName()
        ? statement.vulnerability().name()
        : statement.vulnerability().id().orElse("");
  }

  /** The {@code @id} of the document the statement comes from, if it has one. */
  public Optional<String> documentId() {
    return Optional.ofNullable(documentId);
  }

  /** The statement's {@code @id}, else its place: {@code statements[<index>]}. */
  public String statementRef() {
    return statementRef;
  }

  /** The subcomponent this item is about; empty for a statement about the whole image. */
  public Optional<String> component() {
    return Optional.ofNullable(component);
  }

  /** Whether the statement (for this subcomponent) carries to the new image. */
  public boolean carries() {
    return reason.carries();
  }

  /** Why it carries or needs a new decision. */
  public CarryReason reason() {
    return reason;
  }

  /** The evidence in words. */
  public String detail() {
    return detail;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof CarryItem)) {
      return false;
    }
    CarryItem i = (CarryItem) o;
    return statement.equals(i.statement)
        && Objects.equals(documentId, i.documentId)
        && statementRef.equals(i.statementRef)
        && Objects.equals(component, i.component)
        && reason == i.reason
        && detail.equals(i.detail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(statement, documentId, statementRef, component, reason, detail);
  }

  /**
   * For example {@code carries CVE-2023-44487 pkg:golang/golang.org/x/net@v0.7.0 (SAME_LAYER: layer
   * sha256:0123456789ab holds it in both images)}.
   */
  @Override
  public String toString() {
    return (carries() ? "carries " : "needs a new decision ")
        + vulnerability()
        + " "
        + (component == null ? "(the whole image)" : component)
        + " ("
        + reason
        + ": "
        + detail
        + ")";
  }
}
