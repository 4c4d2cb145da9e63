package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The statement that decides the status of a vulnerability in a product, with the document it came
 * from and the time it speaks for.
 */
@API(status = STABLE, since = "0.1.0")
public final class EffectiveStatement {
  private final Statement statement;
  private final VexDocument document;
  private final @Nullable Instant time;

  private EffectiveStatement(Statement statement, VexDocument document, @Nullable Instant time) {
    this.statement = Objects.requireNonNull(statement, "statement");
    this.document = Objects.requireNonNull(document, "document");
    this.time = time;
  }

  /** The statement of a document, at its effective time. */
  public static EffectiveStatement of(Statement statement, VexDocument document) {
    return new EffectiveStatement(
        statement, document, document.effectiveTimestamp(statement).orElse(null));
  }

  /** The deciding statement. */
  public Statement statement() {
    return statement;
  }

  /** The document the statement came from. */
  public VexDocument document() {
    return document;
  }

  /** The statement's own time, else its document's; absent when neither has one. */
  public Optional<Instant> time() {
    return Optional.ofNullable(time);
  }

  /** The statement's status. */
  public Status status() {
    return statement.status();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o == this
        || (o instanceof EffectiveStatement
            && statement.equals(((EffectiveStatement) o).statement)
            && document.equals(((EffectiveStatement) o).document));
  }

  @Override
  public int hashCode() {
    return Objects.hash(statement, document);
  }

  /** For example {@code not_affected: CVE-… (…) from https://openvex.dev/docs/public/vex-…}. */
  @Override
  public String toString() {
    return statement.status()
        + ": "
        + statement
        + " from "
        + document.id().orElse("(document without @id)");
  }
}
