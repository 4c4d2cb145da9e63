package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Statement;
import dev.waterline.vex.VexDocument;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The VEX statement behind a decision, as the audit trail records it: the statement's and
 * document's {@code @id}, author, time, status, justification or action statement, and where the
 * document came from and why it is trusted.
 */
@API(status = STABLE, since = "0.1.0")
public final class Evidence {
  private final @Nullable String statementId;
  private final @Nullable String documentId;
  private final String author;
  private final @Nullable Instant time;
  private final String status;
  private final @Nullable String justification;
  private final @Nullable String impactStatement;
  private final @Nullable String actionStatement;
  private final String origin;
  private final String owner;
  private final String trust;

  private Evidence(
      @Nullable String statementId,
      @Nullable String documentId,
      String author,
      @Nullable Instant time,
      String status,
      @Nullable String justification,
      @Nullable String impactStatement,
      @Nullable String actionStatement,
      String origin,
      String owner,
      String trust) {
    this.statementId = statementId;
    this.documentId = documentId;
    this.author = Objects.requireNonNull(author);
    this.time = time;
    this.status = Objects.requireNonNull(status);
    this.justification = justification;
    this.impactStatement = impactStatement;
    this.actionStatement = actionStatement;
    this.origin = Objects.requireNonNull(origin);
    this.owner = Objects.requireNonNull(owner);
    this.trust = Objects.requireNonNull(trust);
  }

  /**
   * The evidence of a statement from a source; {@code vendor} says whether the policy counted the
   * source as a vendor's.
   */
  public static Evidence of(EffectiveStatement statement, VexSource source, boolean vendor) {
    Statement s = statement.statement();
    VexDocument d = statement.document();
    return new Evidence(
        s.id().orElse(null),
        d.id().orElse(null),
        d.author(),
        statement.time().orElse(null),
        s.status().value(),
        s.justification().map(Justification::value).orElse(null),
        s.impactStatement().orElse(null),
        s.actionStatement().orElse(null),
        source.origin(),
        vendor ? "vendor" : "own",
        source.trust());
  }

  /** The statement's {@code @id}, if it has one. */
  public Optional<String> statementId() {
    return Optional.ofNullable(statementId);
  }

  /** The document's {@code @id}, if it has one. */
  public Optional<String> documentId() {
    return Optional.ofNullable(documentId);
  }

  /** The document's author. */
  public String author() {
    return author;
  }

  /** The statement's time (its own, else the document's), if any. */
  public Optional<Instant> time() {
    return Optional.ofNullable(time);
  }

  /** The statement's status label, e.g. {@code not_affected}. */
  public String status() {
    return status;
  }

  /** The justification label, if any. */
  public Optional<String> justification() {
    return Optional.ofNullable(justification);
  }

  /** The impact statement, if any. */
  public Optional<String> impactStatement() {
    return Optional.ofNullable(impactStatement);
  }

  /** The action statement, if any. */
  public Optional<String> actionStatement() {
    return Optional.ofNullable(actionStatement);
  }

  /** Where the document came from (a path, an image reference). */
  public String origin() {
    return origin;
  }

  /** {@code own} or {@code vendor}. */
  public String owner() {
    return owner;
  }

  /** {@code signed by ID}, {@code unsigned, accepted because: REASON} or {@code unsigned}. */
  public String trust() {
    return trust;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Evidence)) {
      return false;
    }
    Evidence e = (Evidence) o;
    return Objects.equals(statementId, e.statementId)
        && Objects.equals(documentId, e.documentId)
        && author.equals(e.author)
        && Objects.equals(time, e.time)
        && status.equals(e.status)
        && Objects.equals(justification, e.justification)
        && Objects.equals(impactStatement, e.impactStatement)
        && Objects.equals(actionStatement, e.actionStatement)
        && origin.equals(e.origin)
        && owner.equals(e.owner)
        && trust.equals(e.trust);
  }

  @Override
  public int hashCode() {
    return Objects.hash(statementId, documentId, author, time, status, origin);
  }

  /**
   * For example {@code not_affected by Acme at 2026-01-01T00:00:00Z (own, unsigned) from a.json}.
   */
  @Override
  public String toString() {
    return status
        + (justification != null ? " (" + justification + ")" : "")
        + " by "
        + author
        + (time != null ? " at " + time : "")
        + " ("
        + owner
        + ", "
        + trust
        + ") from "
        + origin
        + (statementId != null ? " statement " + statementId : "");
  }
}
