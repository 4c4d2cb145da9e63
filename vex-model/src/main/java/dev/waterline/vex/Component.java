package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.waterline.vex.internal.match.Matching;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A piece of software a statement talks about: an IRI ({@code @id}, often a purl), software
 * identifiers ({@code purl}, {@code cpe22}, {@code cpe23}) and hashes. Used for subcomponents and
 * as the identity of a {@link Product}. Immutable.
 *
 * <p>Identifier and hash keys are kept as written, so a document using a key outside the spec (such
 * as go-vex's {@code blake3}) survives a round trip; validation reports such keys.
 */
@API(status = STABLE, since = "0.1.0")
public final class Component {
  private final @Nullable String id;
  private final Map<String, String> identifiers;
  private final Map<String, String> hashes;
  private final Map<String, String> unknownFields;
  // The hash code, computed on first use (0 until then, as String does): components are map keys
  // in the dialect writers and readers, and hashing its maps again on every lookup showed in their
  // profiles.
  private int hash;

  private Component(Builder b) {
    this.id = Values.text(b.id);
    this.identifiers = Values.map(b.identifiers, "identifiers");
    this.hashes = Values.map(b.hashes, "hashes");
    this.unknownFields = Values.map(b.unknownFields, "unknown fields");
    if (id == null && identifiers.isEmpty() && hashes.isEmpty()) {
      throw new VexException("a component needs an @id, an identifier or a hash to be identified");
    }
  }

  /** A component identified by its {@code @id}: a purl, an image reference or any IRI. */
  public static Component of(String id) {
    return builder().id(id).build();
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this component's values. */
  public Builder toBuilder() {
    return new Builder()
        .id(id)
        .identifiers(identifiers)
        .hashes(hashes)
        .unknownFields(unknownFields);
  }

  /** The IRI ({@code @id}), if any. */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  /** Software identifiers by type key ({@code purl}, {@code cpe22}, {@code cpe23}). */
  public Map<String, String> identifiers() {
    return identifiers;
  }

  /** The identifier of one type, if present. */
  public Optional<String> identifier(IdentifierType type) {
    return Optional.ofNullable(identifiers.get(type.value()));
  }

  /** Hashes by algorithm name ({@code sha-256}, …) as written. */
  public Map<String, String> hashes() {
    return hashes;
  }

  /** The hash for one algorithm, if present. */
  public Optional<String> hash(HashAlgorithm algorithm) {
    return Optional.ofNullable(hashes.get(algorithm.value()));
  }

  /** The component's purl: the {@code purl} identifier, else the {@code @id} when it is a purl. */
  public Optional<String> purl() {
    String p = identifiers.get(IdentifierType.PURL.value());
    if (p != null) {
      return Optional.of(p);
    }
    return id != null && id.startsWith("pkg:") ? Optional.of(id) : Optional.empty();
  }

  /** Fields this version of Waterline does not know, by name, each as its raw JSON text. */
  public Map<String, String> unknownFields() {
    return unknownFields;
  }

  /**
   * Whether this component is the one {@code identifier} names: by {@code @id}; by purl with
   * go-vex's rule (this component's purl may leave out the version and qualifiers the identifier
   * has); by an identifier value (CPEs exactly) or a hash value; or by image digest ({@code
   * sha256:<hex>}, an image reference or an OCI purl against a {@code sha-256} hash, an image
   * reference or an OCI purl of this component).
   */
  public boolean matches(String identifier) {
    return Matching.matches(this, identifier);
  }

  /** A short human name: the {@code @id}, else the first identifier, else the first hash. */
  public String displayName() {
    if (id != null) {
      return id;
    }
    if (!identifiers.isEmpty()) {
      return identifiers.values().iterator().next();
    }
    Map.Entry<String, String> h = hashes.entrySet().iterator().next();
    return h.getKey() + ":" + h.getValue();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o == this
        || (o instanceof Component
            && Objects.equals(id, ((Component) o).id)
            && identifiers.equals(((Component) o).identifiers)
            && hashes.equals(((Component) o).hashes)
            && unknownFields.equals(((Component) o).unknownFields));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Objects.hash(id, identifiers, hashes, unknownFields);
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return displayName();
  }

  /** Builds a {@link Component}. */
  public static final class Builder {
    private @Nullable String id;
    private Map<String, String> identifiers = new LinkedHashMap<>();
    private Map<String, String> hashes = new LinkedHashMap<>();
    private Map<String, String> unknownFields = Map.of();

    private Builder() {}

    /** Sets the {@code @id}; null or empty clears it. */
    @CanIgnoreReturnValue
    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    /** Replaces the identifiers (type key → value). */
    @CanIgnoreReturnValue
    public Builder identifiers(Map<String, String> identifiers) {
      this.identifiers = new LinkedHashMap<>(identifiers);
      return this;
    }

    /** Sets one identifier. */
    @CanIgnoreReturnValue
    public Builder identifier(IdentifierType type, String value) {
      this.identifiers.put(type.value(), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets the {@code purl} identifier. */
    @CanIgnoreReturnValue
    public Builder purl(String purl) {
      return identifier(IdentifierType.PURL, purl);
    }

    /** Replaces the hashes (algorithm name → hex value). */
    @CanIgnoreReturnValue
    public Builder hashes(Map<String, String> hashes) {
      this.hashes = new LinkedHashMap<>(hashes);
      return this;
    }

    /** Sets one hash. */
    @CanIgnoreReturnValue
    public Builder hash(HashAlgorithm algorithm, String value) {
      this.hashes.put(algorithm.value(), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Replaces the unknown fields (name → raw JSON text). */
    @CanIgnoreReturnValue
    public Builder unknownFields(Map<String, String> unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    /**
     * Builds the component.
     *
     * @throws VexException when it has no {@code @id}, identifier or hash
     */
    public Component build() {
      return new Component(this);
    }
  }
}
