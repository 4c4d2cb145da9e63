package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** How {@link Vex#merge(List, MergeOptions)} combines documents. Immutable. */
@API(status = STABLE, since = "0.1.0")
public final class MergeOptions {
  private final @Nullable String id;
  private final @Nullable String author;
  private final @Nullable String role;
  private final List<String> products;
  private final List<String> vulnerabilities;
  private final @Nullable Instant timestamp;

  private MergeOptions(Builder b) {
    this.id = b.id;
    this.author = b.author;
    this.role = b.role;
    this.products = List.copyOf(b.products);
    this.vulnerabilities = List.copyOf(b.vulnerabilities);
    this.timestamp = b.timestamp;
  }

  /** Keep every statement; new canonical ID; author "Unknown Author". */
  public static MergeOptions defaults() {
    return builder().build();
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The merged document's {@code @id}; absent means the canonical ID. */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  /** The merged document's author, if set. */
  public Optional<String> author() {
    return Optional.ofNullable(author);
  }

  /** The merged document's author role, if set. */
  public Optional<String> role() {
    return Optional.ofNullable(role);
  }

  /** Keep only statements matching one of these products; empty keeps all. */
  public List<String> products() {
    return products;
  }

  /** Keep only statements about one of these vulnerabilities; empty keeps all. */
  public List<String> vulnerabilities() {
    return vulnerabilities;
  }

  /**
   * The merged document's timestamp, the time of the merge, if set. Absent: the latest time among
   * the inputs (so that merging is deterministic), or the current time when no input has any.
   */
  public Optional<Instant> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof MergeOptions)) {
      return false;
    }
    MergeOptions m = (MergeOptions) o;
    return Objects.equals(id, m.id)
        && Objects.equals(author, m.author)
        && Objects.equals(role, m.role)
        && products.equals(m.products)
        && vulnerabilities.equals(m.vulnerabilities)
        && Objects.equals(timestamp, m.timestamp);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, author, role, products, vulnerabilities, timestamp);
  }

  @Override
  public String toString() {
    return "MergeOptions[id="
        + id
        + ", author="
        + author
        + ", role="
        + role
        + ", products="
        + products
        + ", vulnerabilities="
        + vulnerabilities
        + (timestamp == null ? "" : ", timestamp=" + timestamp)
        + "]";
  }

  /** Builds {@link MergeOptions}. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String author;
    private @Nullable String role;
    private List<String> products = new ArrayList<>();
    private List<String> vulnerabilities = new ArrayList<>();
    private @Nullable Instant timestamp;

    private Builder() {}

    /** Sets the merged document's {@code @id}. */
    @CanIgnoreReturnValue
    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    /** Sets the merged document's author. */
    @CanIgnoreReturnValue
    public Builder author(@Nullable String author) {
      this.author = author;
      return this;
    }

    /** Sets the merged document's author role. */
    @CanIgnoreReturnValue
    public Builder role(@Nullable String role) {
      this.role = role;
      return this;
    }

    /** Keeps only statements matching one of these products. */
    @CanIgnoreReturnValue
    public Builder products(List<String> products) {
      this.products = new ArrayList<>(products);
      return this;
    }

    /** Keeps only statements about one of these vulnerabilities. */
    @CanIgnoreReturnValue
    public Builder vulnerabilities(List<String> vulnerabilities) {
      this.vulnerabilities = new ArrayList<>(vulnerabilities);
      return this;
    }

    /**
     * Sets the merged document's timestamp: the time of the merge, as {@code vexctl merge} gives it
     * ({@code waterline merge} passes the current time, or {@code SOURCE_DATE_EPOCH}). Null goes
     * back to the default (see {@link MergeOptions#timestamp()}).
     */
    @CanIgnoreReturnValue
    public Builder timestamp(@Nullable Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    /** Builds the options. */
    public MergeOptions build() {
      return new MergeOptions(this);
    }
  }
}
