package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.policy.internal.PolicyJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A written vulnerability-management policy: what to do with a finding of each severity, how long
 * an exception lasts, when accepted findings are reviewed, whether KEV entries are always in scope,
 * an optional EPSS threshold, and which VEX authors or signers are vendors (whose VEX counts only
 * below the waterline). Immutable; start from {@link #defaults()}, {@link #parse(String)} or {@link
 * #read(Path)}. The file format is documented in {@code docs/policy.md}; its JSON Schema is the
 * resource {@link #SCHEMA_RESOURCE}.
 */
@API(status = STABLE, since = "0.1.0")
public final class Policy {
  /** The class-path resource holding the policy file's JSON Schema. */
  public static final String SCHEMA_RESOURCE = "/dev/waterline/vex/policy/policy.schema.json";

  /** Docker Hardened Images' VEX author, a vendor in {@link #defaults()}. */
  public static final String DOCKER_HARDENED_IMAGES = "Docker Hardened Images <dhi@docker.com>";

  /** What the policy says about a finding of some severity, before VEX, KEV and the waterline. */
  public enum Rule {
    /** The finding must be remediated or carry a documented exception. */
    REMEDIATE,
    /** The finding is accepted, to be reviewed by a date. */
    ACCEPT;

    /** {@code remediate} or {@code accept}, as written in a policy file. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A trusted vendor: VEX written by this author or signed by this identity is the vendor's. */
  public static final class Vendor {
    private static final String CERTIFICATE_IDENTITY = "certificate identity ";
    private static final String CERTIFICATE_ISSUER = " issuer ";

    private final @Nullable String author;
    private final @Nullable String signer;

    private Vendor(@Nullable String author, @Nullable String signer) {
      this.author = author;
      this.signer = signer;
    }

    /** A vendor known by the {@code author} of its VEX documents (compared exactly). */
    public static Vendor author(String author) {
      return new Vendor(requireText(author, "author"), null);
    }

    /** A vendor known by the identity that signed its VEX (a key id, an e-mail, a URI). */
    public static Vendor signer(String signer) {
      return new Vendor(null, requireText(signer, "signer"));
    }

    /** The author this vendor writes as, if it is known by author. */
    public Optional<String> authorName() {
      return Optional.ofNullable(author);
    }

    /** The signer identity, if it is known by signer. */
    public Optional<String> signerIdentity() {
      return Optional.ofNullable(signer);
    }

    /**
     * Whether a document by {@code docAuthor}, signed by {@code docSigner}, is this vendor's. A
     * signer matches when it is equal, or when the document's signer is a verified keyless
     * certificate, {@code certificate identity <SAN> issuer <ISS>}, and this vendor's signer is its
     * SAN (the issuer was checked against the user's expectation on verification).
     */
    public boolean covers(String docAuthor, @Nullable String docSigner) {
      if (author != null) {
        return author.equals(docAuthor);
      }
      if (signer == null || docSigner == null) {
        return false;
      }
      if (signer.equals(docSigner)) {
        return true;
      }
      String prefix = CERTIFICATE_IDENTITY + signer + CERTIFICATE_ISSUER;
      // The rest is the issuer; one holding " issuer " again could be a SAN posing as ours.
      return docSigner.startsWith(prefix)
          && !docSigner.substring(prefix.length()).contains(CERTIFICATE_ISSUER);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Vendor
          && Objects.equals(author, ((Vendor) o).author)
          && Objects.equals(signer, ((Vendor) o).signer);
    }

    @Override
    public int hashCode() {
      return Objects.hash(author, signer);
    }

    /** For example {@code author=Docker Hardened Images <dhi@docker.com>}. */
    @Override
    public String toString() {
      return author != null ? "author=" + author : "signer=" + signer;
    }
  }

  private final Map<Severity, Rule> rules;
  private final int exceptionMaxAgeDays;
  private final int reviewIntervalDays;
  private final boolean kevAlwaysInScope;
  private final @Nullable Double epssThreshold;
  private final List<Vendor> vendors;

  private Policy(Builder b) {
    EnumMap<Severity, Rule> r = new EnumMap<>(Severity.class);
    r.putAll(b.rules);
    this.rules = java.util.Collections.unmodifiableMap(r);
    this.exceptionMaxAgeDays = b.exceptionMaxAgeDays;
    this.reviewIntervalDays = b.reviewIntervalDays;
    this.kevAlwaysInScope = b.kevAlwaysInScope;
    this.epssThreshold = b.epssThreshold;
    this.vendors = List.copyOf(b.vendors);
  }

  /**
   * The article's policy: critical and high must be remediated or carry a documented exception;
   * medium, low, negligible and unknown are accepted with a review date; KEV entries are always in
   * scope; exceptions last 90 days and reviews come every 90 days; Docker Hardened Images' VEX (by
   * its author) is vendor VEX, counted below the waterline only.
   */
  public static Policy defaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this policy's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.rules.putAll(rules);
    b.exceptionMaxAgeDays = exceptionMaxAgeDays;
    b.reviewIntervalDays = reviewIntervalDays;
    b.kevAlwaysInScope = kevAlwaysInScope;
    b.epssThreshold = epssThreshold;
    b.vendors.clear();
    b.vendors.addAll(vendors);
    return b;
  }

  /**
   * Reads a policy file (JSON). Fields left out keep their defaults.
   *
   * @throws VexException when the text is not JSON (duplicate keys included) or breaks the policy
   *     schema (with a JSON pointer)
   */
  public static Policy parse(String json) {
    return PolicyJson.parse(json.getBytes(StandardCharsets.UTF_8), "policy");
  }

  /**
   * Reads a policy file through Waterline's bounded reader: a regular file (not a directory, FIFO
   * or device) of at most 1 MiB (system property {@code waterline.limit.policy}); see {@link
   * #parse(String)}.
   *
   * @throws dev.waterline.vex.UnreadableInputException if the file is missing, not a regular file,
   *     larger than the limit, or cannot be read
   * @throws VexException when it is not JSON or breaks the policy schema; the message names the
   *     file
   */
  public static Policy read(Path path) {
    return PolicyJson.parse(Inputs.read(path, InputKind.POLICY), path.toString());
  }

  /** The policy as a file, every field written, in the schema's order. */
  public String toJson() {
    return PolicyJson.write(this);
  }

  /** The rule for a severity. */
  public Rule rule(Severity severity) {
    return Objects.requireNonNull(rules.get(severity));
  }

  /** The rule of every severity. */
  public Map<Severity, Rule> rules() {
    return rules;
  }

  /** Days an exception stays valid after its action statement's time. */
  public int exceptionMaxAgeDays() {
    return exceptionMaxAgeDays;
  }

  /** Days after the scan at which an accepted finding is reviewed. */
  public int reviewIntervalDays() {
    return reviewIntervalDays;
  }

  /** Whether KEV entries are in scope whatever their severity. */
  public boolean kevAlwaysInScope() {
    return kevAlwaysInScope;
  }

  /** The EPSS score (0 to 1) at or above which a finding is in scope whatever its severity. */
  public OptionalDouble epssThreshold() {
    return epssThreshold == null ? OptionalDouble.empty() : OptionalDouble.of(epssThreshold);
  }

  /** The trusted vendors. */
  public List<Vendor> vendors() {
    return vendors;
  }

  /** The vendor that wrote or signed a document, if any. */
  public Optional<Vendor> vendorOf(String author, @Nullable String signer) {
    for (Vendor v : vendors) {
      if (v.covers(author, signer)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Policy)) {
      return false;
    }
    Policy p = (Policy) o;
    return rules.equals(p.rules)
        && exceptionMaxAgeDays == p.exceptionMaxAgeDays
        && reviewIntervalDays == p.reviewIntervalDays
        && kevAlwaysInScope == p.kevAlwaysInScope
        && Objects.equals(epssThreshold, p.epssThreshold)
        && vendors.equals(p.vendors);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        rules, exceptionMaxAgeDays, reviewIntervalDays, kevAlwaysInScope, epssThreshold, vendors);
  }

  /**
   * For example {@code Policy[critical=remediate, high=remediate, medium=accept, …, exceptions 90d,
   * reviews 90d, kev always in scope, 1 vendor]}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Policy[");
    for (Map.Entry<Severity, Rule> e : rules.entrySet()) {
      sb.append(PolicyJson.key(e.getKey())).append('=').append(e.getValue()).append(", ");
    }
    sb.append("exceptions ").append(exceptionMaxAgeDays).append("d, reviews ");
    sb.append(reviewIntervalDays).append("d, kev ");
    sb.append(kevAlwaysInScope ? "always in scope" : "by severity");
    if (epssThreshold != null) {
      sb.append(", epss >= ").append(epssThreshold);
    }
    sb.append(", ").append(vendors.size()).append(vendors.size() == 1 ? " vendor]" : " vendors]");
    return sb.toString();
  }

  private static String requireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new VexException(what + " must not be blank");
    }
    return value;
  }

  /** Builds a {@link Policy}; starts from the defaults. */
  public static final class Builder {
    private final EnumMap<Severity, Rule> rules = new EnumMap<>(Severity.class);
    private int exceptionMaxAgeDays = 90;
    private int reviewIntervalDays = 90;
    private boolean kevAlwaysInScope = true;
    private @Nullable Double epssThreshold;
    private final java.util.ArrayList<Vendor> vendors = new java.util.ArrayList<>();

    private Builder() {
      for (Severity s : Severity.values()) {
        rules.put(s, PolicyJson.defaultRule(s));
      }
      vendors.add(Vendor.author(DOCKER_HARDENED_IMAGES));
    }

    /** Sets the rule for one severity. */
    @CanIgnoreReturnValue
    public Builder rule(Severity severity, Rule rule) {
      rules.put(Objects.requireNonNull(severity), Objects.requireNonNull(rule));
      return this;
    }

    /** Sets the days an exception lasts (at least 1). */
    @CanIgnoreReturnValue
    public Builder exceptionMaxAgeDays(int days) {
      if (days < 1) {
        throw new VexException("exception_max_age_days must be at least 1 but was " + days);
      }
      this.exceptionMaxAgeDays = days;
      return this;
    }

    /** Sets the days from the scan to an accepted finding's review (at least 1). */
    @CanIgnoreReturnValue
    public Builder reviewIntervalDays(int days) {
      if (days < 1) {
        throw new VexException("review_interval_days must be at least 1 but was " + days);
      }
      this.reviewIntervalDays = days;
      return this;
    }

    /** Sets whether KEV entries are in scope whatever their severity. */
    @CanIgnoreReturnValue
    public Builder kevAlwaysInScope(boolean always) {
      this.kevAlwaysInScope = always;
      return this;
    }

    /** Sets the EPSS threshold (0 to 1); null removes it. */
    @CanIgnoreReturnValue
    public Builder epssThreshold(@Nullable Double threshold) {
      if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
        throw new VexException("epss_threshold must be between 0 and 1 but was " + threshold);
      }
      this.epssThreshold = threshold;
      return this;
    }

    /** Replaces the vendors. */
    @CanIgnoreReturnValue
    public Builder vendors(List<Vendor> vendors) {
      this.vendors.clear();
      this.vendors.addAll(vendors);
      return this;
    }

    /** Adds a vendor. */
    @CanIgnoreReturnValue
    public Builder vendor(Vendor vendor) {
      this.vendors.add(Objects.requireNonNull(vendor));
      return this;
    }

    /** The policy. */
    public Policy build() {
      return new Policy(this);
    }

    @Override
    public String toString() {
      return "Policy.Builder[" + build() + "]";
    }
  }
}
