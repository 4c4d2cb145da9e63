package dev.waterline.vex.workflow;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexException;
import dev.waterline.vex.workflow.internal.FieldError;
import dev.waterline.vex.workflow.internal.Labels;
import dev.waterline.vex.workflow.internal.Products;
import dev.waterline.vex.workflow.internal.Times;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One decision from a ticket system: on {@link #time()}, ticket {@link #ticket()} decided that
 * {@link #vulnerability()} has {@link #status()} in {@link #product()} (optionally only in one
 * {@link #subcomponent()}), for the given reasons. Immutable.
 *
 * <p>The product is kept in the form its document uses: an image ({@code pkg:oci} purl or image
 * reference with a digest) becomes its {@code pkg:oci} purl without tag; any other purl stays as
 * written. Labels may be the spec's ({@code vulnerable_code_not_in_execute_path}) or as ticket
 * systems show them ({@code Vulnerable code not in execute path}).
 *
 * <pre>{@code
 * Decision d = Decision.builder()
 *     .ticket("SEC-101").vulnerability("CVE-2024-3094")
 *     .product("registry.acme.example/payments-api@sha256:7f3e…")
 *     .status("Not affected").justification("Vulnerable code not present")
 *     .time("2026-03-04T16:00:00Z").build();
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class Decision {
  private final String ticket;
  private final String vulnerability;
  private final String product;
  private final @Nullable String subcomponent;
  private final Status status;
  private final @Nullable Justification justification;
  private final @Nullable String impactStatement;
  private final @Nullable String actionStatement;
  private final @Nullable String author;
  private final Instant time;

  private Decision(
      String ticket,
      String vulnerability,
      String product,
      @Nullable String subcomponent,
      Status status,
      @Nullable Justification justification,
      @Nullable String impactStatement,
      @Nullable String actionStatement,
      @Nullable String author,
      Instant time) {
    this.ticket = ticket;
    this.vulnerability = vulnerability;
    this.product = product;
    this.subcomponent = subcomponent;
    this.status = status;
    this.justification = justification;
    this.impactStatement = impactStatement;
    this.actionStatement = actionStatement;
    this.author = author;
    this.time = time;
  }

  /** A builder for a new decision. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this decision's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.ticket = ticket;
    b.vulnerability = vulnerability;
    b.product = product;
    b.subcomponent = subcomponent;
    b.status = status;
    b.justification = justification;
    b.impactStatement = impactStatement;
    b.actionStatement = actionStatement;
    b.author = author;
    b.time = time;
    return b;
  }

  /** The ticket that holds the decision ({@code JIRA-123}). */
  public String ticket() {
    return ticket;
  }

  /** The vulnerability ({@code CVE-2024-3094}). */
  public String vulnerability() {
    return vulnerability;
  }

  /** The product, in the form its document uses (see the class comment). */
  public String product() {
    return product;
  }

  /** The subcomponent the decision is about, if it is about one. */
  public Optional<String> subcomponent() {
    return Optional.ofNullable(subcomponent);
  }

  /** The status decided. */
  public Status status() {
    return status;
  }

  /** Why the product is not affected, for {@code not_affected}. */
  public Optional<Justification> justification() {
    return Optional.ofNullable(justification);
  }

  /** The impact statement, if any. */
  public Optional<String> impactStatement() {
    return Optional.ofNullable(impactStatement);
  }

  /** What to do, for {@code affected}. */
  public Optional<String> actionStatement() {
    return Optional.ofNullable(actionStatement);
  }

  /** Who decided, if the ticket says. */
  public Optional<String> author() {
    return Optional.ofNullable(author);
  }

  /** When the decision was made; it becomes the statement's timestamp. */
  public Instant time() {
    return time;
  }

  /** A copy with another time. */
  public Decision withTime(Instant time) {
    return toBuilder().time(time).build();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Decision)) {
      return false;
    }
    Decision d = (Decision) o;
    return ticket.equals(d.ticket)
        && vulnerability.equals(d.vulnerability)
        && product.equals(d.product)
        && Objects.equals(subcomponent, d.subcomponent)
        && status == d.status
        && justification == d.justification
        && Objects.equals(impactStatement, d.impactStatement)
        && Objects.equals(actionStatement, d.actionStatement)
        && Objects.equals(author, d.author)
        && time.equals(d.time);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        ticket,
        vulnerability,
        product,
        subcomponent,
        status,
        justification,
        impactStatement,
        actionStatement,
        author,
        time);
  }

  @Override
  public String toString() {
    return "Decision["
        + ticket
        + " "
        + time
        + ": "
        + vulnerability
        + " "
        + status
        + (justification == null ? "" : " (" + justification + ")")
        + " in "
        + product
        + (subcomponent == null ? "" : " / " + subcomponent)
        + "]";
  }

  /** Builds a {@link Decision}; every field is checked on {@link #build()}. */
  public static final class Builder {
    private @Nullable String ticket;
    private @Nullable String vulnerability;
    private @Nullable String product;
    private @Nullable String subcomponent;
    private @Nullable Status status;
    private @Nullable String statusLabel;
    private @Nullable Justification justification;
    private @Nullable String justificationLabel;
    private @Nullable String impactStatement;
    private @Nullable String actionStatement;
    private @Nullable String author;
    private @Nullable Instant time;
    private @Nullable String timeText;

    private Builder() {}

    /** The ticket ({@code JIRA-123}); required. */
    @CanIgnoreReturnValue
    public Builder ticket(@Nullable String ticket) {
      this.ticket = ticket;
      return this;
    }

    /** The vulnerability ({@code CVE-2024-3094}); required. */
    @CanIgnoreReturnValue
    public Builder vulnerability(@Nullable String vulnerability) {
      this.vulnerability = vulnerability;
      return this;
    }

    /** The product: a {@code pkg:oci} purl, an image reference with a digest, or a purl. */
    @CanIgnoreReturnValue
    public Builder product(@Nullable String product) {
      this.product = product;
      return this;
    }

    /** The subcomponent (a purl or other identifier), or null for the whole product. */
    @CanIgnoreReturnValue
    public Builder subcomponent(@Nullable String subcomponent) {
      this.subcomponent = subcomponent;
      return this;
    }

    /** The status; required. */
    @CanIgnoreReturnValue
    public Builder status(@Nullable Status status) {
      this.status = status;
      this.statusLabel = null;
      return this;
    }

    /** The status as a label: the spec's or a ticket system's ({@code Not affected}). */
    @CanIgnoreReturnValue
    public Builder status(@Nullable String label) {
      this.statusLabel = label;
      this.status = null;
      return this;
    }

    /** The justification, for {@code not_affected}. */
    @CanIgnoreReturnValue
    public Builder justification(@Nullable Justification justification) {
      this.justification = justification;
      this.justificationLabel = null;
      return this;
    }

    /** The justification as a label: the spec's or a ticket system's. */
    @CanIgnoreReturnValue
    public Builder justification(@Nullable String label) {
      this.justificationLabel = label;
      this.justification = null;
      return this;
    }

    /** The impact statement. */
    @CanIgnoreReturnValue
    public Builder impactStatement(@Nullable String impactStatement) {
      this.impactStatement = impactStatement;
      return this;
    }

    /** The action statement, required for {@code affected}. */
    @CanIgnoreReturnValue
    public Builder actionStatement(@Nullable String actionStatement) {
      this.actionStatement = actionStatement;
      return this;
    }

    /** Who decided. */
    @CanIgnoreReturnValue
    public Builder author(@Nullable String author) {
      this.author = author;
      return this;
    }

    /** When the decision was made; required. */
    @CanIgnoreReturnValue
    public Builder time(@Nullable Instant time) {
      this.time = time;
      this.timeText = null;
      return this;
    }

    /** When the decision was made, as RFC 3339 or as Jira writes it. */
    @CanIgnoreReturnValue
    public Builder time(@Nullable String text) {
      this.timeText = text;
      this.time = null;
      return this;
    }

    /**
     * Builds the decision, checking each field in the order ticket, vulnerability, product,
     * subcomponent, status, justification, impact_statement, action_statement, time.
     *
     * @throws VexException naming the first field that is missing or wrong (the message starts with
     *     the field's name)
     */
    public Decision build() {
      String t = required("ticket", ticket);
      String v = required("vulnerability", vulnerability);
      if (v.chars().anyMatch(Character::isWhitespace)) {
        throw new FieldError(
            "vulnerability", "expected an identifier without spaces but was '" + v + "'");
      }
      String p;
      try {
        p = Products.product(required("product", product));
      } catch (FieldError e) {
        throw e;
      } catch (VexException e) {
        throw new FieldError("product", String.valueOf(e.getMessage()));
      }
      String sub = text(subcomponent);
      if (sub != null) {
        try {
          sub = Products.subcomponent(sub);
        } catch (VexException e) {
          throw new FieldError("subcomponent", String.valueOf(e.getMessage()));
        }
      }
      Status s = status;
      if (s == null) {
        String label = required("status", statusLabel);
        try {
          s = Labels.status(label);
        } catch (VexException e) {
          throw new FieldError("status", String.valueOf(e.getMessage()));
        }
      }
      Justification j = justification;
      String jl = text(justificationLabel);
      if (j == null && jl != null) {
        try {
          j = Labels.justification(jl);
        } catch (VexException e) {
          throw new FieldError("justification", String.valueOf(e.getMessage()));
        }
      }
      String impact = text(impactStatement);
      String action = text(actionStatement);
      if (j != null && s != Status.NOT_AFFECTED) {
        throw new FieldError(
            "justification",
            "a justification is for not_affected only, but the status is " + s.value());
      }
      if (s == Status.NOT_AFFECTED && j == null && impact == null) {
        throw new FieldError(
            "justification",
            "not_affected needs a justification or an impact_statement; both are empty");
      }
      if (s == Status.AFFECTED && action == null) {
        throw new FieldError("action_statement", "affected needs an action_statement; it is empty");
      }
      Instant when = time;
      if (when == null) {
        String text = required("time", timeText);
        try {
          when = Times.parse(text);
        } catch (VexException e) {
          throw new FieldError("time", String.valueOf(e.getMessage()));
        }
      }
      return new Decision(t, v, p, sub, s, j, impact, action, text(author), when);
    }

    private static String required(String field, @Nullable String value) {
      String v = text(value);
      if (v == null) {
        throw new FieldError(field, "required but empty");
      }
      return v;
    }

    private static @Nullable String text(@Nullable String value) {
      if (value == null) {
        return null;
      }
      String v = value.trim();
      return v.isEmpty() ? null : v;
    }

    @Override
    public String toString() {
      return "Decision.Builder[" + ticket + "]";
    }
  }
}
