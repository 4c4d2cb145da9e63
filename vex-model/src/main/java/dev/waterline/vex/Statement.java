package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.waterline.vex.internal.match.Matching;
import dev.waterline.vex.internal.validate.BuildCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One VEX statement: the status of a vulnerability in some products. Immutable; start from {@link
 * Vex#notAffected}, {@link Vex#affected}, {@link Vex#fixed}, {@link Vex#underInvestigation} or
 * {@link #builder()}.
 *
 * <p>A statement may leave its timestamp (and, inside an attestation, its products) to the
 * enclosing document; see {@link VexDocument#effectiveTimestamp(Statement)}. The builder's {@link
 * Builder#build()} refuses what validation would refuse as an error (a {@code not_affected}
 * statement needs a justification or an impact statement, …); {@link Builder#buildLenient()} and
 * the readers do not, so that a document can be read, shown and repaired even when it breaks them.
 * The {@code with…} methods change one field and do not validate.
 */
@API(status = STABLE, since = "0.1.0")
public final class Statement {
  private final @Nullable String id;
  private final @Nullable Integer version;
  private final Vulnerability vulnerability;
  private final @Nullable Instant timestamp;
  private final @Nullable Instant lastUpdated;
  private final List<Product> products;
  private final Status status;
  private final @Nullable String supplier;
  private final @Nullable String statusNotes;
  private final @Nullable Justification justification;
  private final @Nullable String impactStatement;
  private final @Nullable String actionStatement;
  private final @Nullable Instant actionStatementTimestamp;
  private final Map<String, String> unknownFields;

  private Statement(Builder b) {
    this.id = Values.text(b.id);
    this.version = b.version;
    if (b.vulnerability == null) {
      throw new VexException("a statement needs a vulnerability");
    }
    this.vulnerability = b.vulnerability;
    this.timestamp = b.timestamp;
    this.lastUpdated = b.lastUpdated;
    this.products = Values.list(b.products, "products");
    if (b.status == null) {
      throw new VexException("a statement needs a status");
    }
    this.status = b.status;
    this.supplier = Values.text(b.supplier);
    this.statusNotes = Values.text(b.statusNotes);
    this.justification = b.justification;
    this.impactStatement = Values.text(b.impactStatement);
    this.actionStatement = Values.text(b.actionStatement);
    this.actionStatementTimestamp = b.actionStatementTimestamp;
    this.unknownFields = Values.map(b.unknownFields, "unknown fields");
  }

  /** An empty builder; set at least a vulnerability and a status. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this statement's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.version = version;
    b.vulnerability = vulnerability;
    b.timestamp = timestamp;
    b.lastUpdated = lastUpdated;
    b.products = new ArrayList<>(products);
    b.status = status;
    b.supplier = supplier;
    b.statusNotes = statusNotes;
    b.justification = justification;
    b.impactStatement = impactStatement;
    b.actionStatement = actionStatement;
    b.actionStatementTimestamp = actionStatementTimestamp;
    b.unknownFields = unknownFields;
    return b;
  }

  /** The statement's IRI ({@code @id}), if any. */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  /** The statement's own version, if written (the spec's default is 0). */
  public OptionalInt version() {
    return version == null ? OptionalInt.empty() : OptionalInt.of(version);
  }

  /** The vulnerability the statement is about. */
  public Vulnerability vulnerability() {
    return vulnerability;
  }

  /** The statement's own timestamp; absent when it inherits the document's. */
  public Optional<Instant> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  /** When the statement was last changed, if recorded. */
  public Optional<Instant> lastUpdated() {
    return Optional.ofNullable(lastUpdated);
  }

  /** The products the statement applies to; empty when they come from an enclosing document. */
  public List<Product> products() {
    return products;
  }

  /** The VEX status. */
  public Status status() {
    return status;
  }

  /** The supplier of the product or subcomponent, if named. */
  public Optional<String> supplier() {
    return Optional.ofNullable(supplier);
  }

  /** How the status was determined, if recorded. */
  public Optional<String> statusNotes() {
    return Optional.ofNullable(statusNotes);
  }

  /** Why the products are not affected (meaningful with {@link Status#NOT_AFFECTED} only). */
  public Optional<Justification> justification() {
    return Optional.ofNullable(justification);
  }

  /** Free text on why the products are not affected. */
  public Optional<String> impactStatement() {
    return Optional.ofNullable(impactStatement);
  }

  /** What to do about the vulnerability (required with {@link Status#AFFECTED}). */
  public Optional<String> actionStatement() {
    return Optional.ofNullable(actionStatement);
  }

  /** When the action statement was issued, if recorded. */
  public Optional<Instant> actionStatementTimestamp() {
    return Optional.ofNullable(actionStatementTimestamp);
  }

  /** Fields this version of Waterline does not know, by name, each as its raw JSON text. */
  public Map<String, String> unknownFields() {
    return unknownFields;
  }

  /**
   * Whether this statement speaks about {@code vulnerability} (name, {@code @id} or alias) in
   * {@code product} (and {@code subcomponent}, when given); see {@link Product#matches}. A
   * statement without products matches nothing.
   */
  public boolean matches(String vulnerability, String product, @Nullable String subcomponent) {
    return Matching.matches(this, vulnerability, product, subcomponent);
  }

  /** This statement with its own timestamp. */
  public Statement withTimestamp(Instant timestamp) {
    return toBuilder().timestamp(timestamp).buildLenient();
  }

  /** This statement with other products. */
  public Statement withProducts(List<Product> products) {
    return toBuilder().products(products).buildLenient();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Statement)) {
      return false;
    }
    Statement s = (Statement) o;
    return Objects.equals(id, s.id)
        && Objects.equals(version, s.version)
        && vulnerability.equals(s.vulnerability)
        && Objects.equals(timestamp, s.timestamp)
        && Objects.equals(lastUpdated, s.lastUpdated)
        && products.equals(s.products)
        && status == s.status
        && Objects.equals(supplier, s.supplier)
        && Objects.equals(statusNotes, s.statusNotes)
        && justification == s.justification
        && Objects.equals(impactStatement, s.impactStatement)
        && Objects.equals(actionStatement, s.actionStatement)
        && Objects.equals(actionStatementTimestamp, s.actionStatementTimestamp)
        && unknownFields.equals(s.unknownFields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id,
        version,
        vulnerability,
        timestamp,
        lastUpdated,
        products,
        status,
        supplier,
        statusNotes,
        justification,
        impactStatement,
        actionStatement,
        actionStatementTimestamp,
        unknownFields);
  }

  /**
   * For example {@code CVE-2023-44487 not_affected (vulnerable_code_not_in_execute_path) for …}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(vulnerability.name()).append(' ').append(status.value());
    if (justification != null) {
      sb.append(" (").append(justification.value()).append(')');
    } else if (impactStatement != null) {
      sb.append(" (").append(Values.abbreviate(impactStatement, 40)).append(')');
    }
    if (actionStatement != null && status == Status.AFFECTED) {
      sb.append(" action: ").append(Values.abbreviate(actionStatement, 40));
    }
    if (!products.isEmpty()) {
      sb.append(" for ");
      for (int i = 0; i < products.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(products.get(i));
      }
    }
    if (timestamp != null) {
      sb.append(" at ").append(timestamp);
    }
    return sb.toString();
  }

  /** Builds a {@link Statement}. Setters return the builder; {@link #build()} makes the value. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable Integer version;
    private @Nullable Vulnerability vulnerability;
    private @Nullable Instant timestamp;
    private @Nullable Instant lastUpdated;
    private List<Product> products = new ArrayList<>();
    private @Nullable Status status;
    private @Nullable String supplier;
    private @Nullable String statusNotes;
    private @Nullable Justification justification;
    private @Nullable String impactStatement;
    private @Nullable String actionStatement;
    private @Nullable Instant actionStatementTimestamp;
    private Map<String, String> unknownFields = Map.of();

    private Builder() {}

    /** Sets the statement's {@code @id}. */
    @CanIgnoreReturnValue
    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    /** Sets the statement's version; null clears it. */
    @CanIgnoreReturnValue
    public Builder version(@Nullable Integer version) {
      this.version = version;
      return this;
    }

    /** Sets the vulnerability. */
    @CanIgnoreReturnValue
    public Builder vulnerability(Vulnerability vulnerability) {
      this.vulnerability = Objects.requireNonNull(vulnerability, "vulnerability");
      return this;
    }

    /** Sets the vulnerability by name, e.g. {@code CVE-2023-44487}. */
    @CanIgnoreReturnValue
    public Builder vulnerability(String name) {
      return vulnerability(Vulnerability.of(name));
    }

    /** Adds aliases to the vulnerability, which must be set first. */
    @CanIgnoreReturnValue
    public Builder aliases(String... aliases) {
      if (vulnerability == null) {
        throw new IllegalStateException("set the vulnerability before its aliases");
      }
      Vulnerability.Builder v = vulnerability.toBuilder();
      for (String a : aliases) {
        v.alias(a);
      }
      this.vulnerability = v.build();
      return this;
    }

    /** Sets the statement's own timestamp; null makes it inherit the document's. */
    @CanIgnoreReturnValue
    public Builder timestamp(@Nullable Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    /** Sets when the statement was last updated. */
    @CanIgnoreReturnValue
    public Builder lastUpdated(@Nullable Instant lastUpdated) {
      this.lastUpdated = lastUpdated;
      return this;
    }

    /** Replaces the products. */
    @CanIgnoreReturnValue
    public Builder products(List<Product> products) {
      this.products = new ArrayList<>(products);
      return this;
    }

    /** Adds a product. */
    @CanIgnoreReturnValue
    public Builder product(Product product) {
      this.products.add(Objects.requireNonNull(product, "product"));
      return this;
    }

    /** Adds a product identified by its {@code @id} (a purl, an image reference, an IRI). */
    @CanIgnoreReturnValue
    public Builder product(String id) {
      return product(Product.of(id));
    }

    /**
     * Adds a subcomponent, identified by its {@code @id}, to every product of the statement.
     *
     * @throws IllegalStateException when the statement has no product yet
     */
    @CanIgnoreReturnValue
    public Builder subcomponent(String id) {
      if (products.isEmpty()) {
        throw new IllegalStateException("add a product before its subcomponents");
      }
      products.replaceAll(p -> p.withSubcomponent(id));
      return this;
    }

    /** Sets the status. */
    @CanIgnoreReturnValue
    public Builder status(Status status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /** Sets the supplier. */
    @CanIgnoreReturnValue
    public Builder supplier(@Nullable String supplier) {
      this.supplier = supplier;
      return this;
    }

    /** Sets the status notes. */
    @CanIgnoreReturnValue
    public Builder statusNotes(@Nullable String statusNotes) {
      this.statusNotes = statusNotes;
      return this;
    }

    /** Sets the justification. */
    @CanIgnoreReturnValue
    public Builder justification(@Nullable Justification justification) {
      this.justification = justification;
      return this;
    }

    /** Sets the impact statement. */
    @CanIgnoreReturnValue
    public Builder impactStatement(@Nullable String impactStatement) {
      this.impactStatement = impactStatement;
      return this;
    }

    /** Sets the action statement. */
    @CanIgnoreReturnValue
    public Builder actionStatement(@Nullable String actionStatement) {
      this.actionStatement = actionStatement;
      return this;
    }

    /** Sets when the action statement was issued. */
    @CanIgnoreReturnValue
    public Builder actionStatementTimestamp(@Nullable Instant actionStatementTimestamp) {
      this.actionStatementTimestamp = actionStatementTimestamp;
      return this;
    }

    /** Replaces the unknown fields (name → raw JSON text). */
    @CanIgnoreReturnValue
    public Builder unknownFields(Map<String, String> unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    /**
     * Builds the statement and checks it as {@link Validator} would (the rules for one statement; a
     * statement without a timestamp inherits its document's, so that is not an error here).
     *
     * @throws VexException when the vulnerability or the status is missing
     * @throws InvalidVexException when validation finds an error: a {@code not_affected} statement
     *     without a justification or an impact statement, an {@code affected} one without an action
     *     statement, a product identifier that does not parse, …
     */
    public Statement build() {
      return BuildCheck.statement(buildLenient());
    }

    /**
     * Builds the statement without validating it: only the vulnerability and the status must be
     * there. For readers and tools that keep what another tool wrote, to show or repair it.
     *
     * @throws VexException when the vulnerability or the status is missing
     */
    public Statement buildLenient() {
      return new Statement(this);
    }

    @Override
    public String toString() {
      return "Statement.Builder["
          + (vulnerability == null ? "?" : vulnerability.name())
          + " "
          + (status == null ? "?" : status.value())
          + "]";
    }
  }
}
