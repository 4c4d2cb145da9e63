package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The decision about one finding, with its reasons (the audit trail) and notes (what was seen but
 * did not decide: vendor VEX above the waterline, an {@code under_investigation} statement, …).
 */
@API(status = STABLE, since = "0.1.0")
public final class FindingDecision {
  private final Finding finding;
  private final String vulnerability;
  private final List<String> aliases;
  private final @Nullable String packageName;
  private final @Nullable String packageVersion;
  private final @Nullable String purl;
  private final Severity severity;
  private final Waterline.Position position;
  private final boolean kev;
  private final @Nullable Double epss;
  private final Decision decision;
  private final List<Reason> reasons;
  private final List<Reason> notes;
  private final @Nullable Instant reviewBy;
  private final @Nullable Instant expires;

  FindingDecision(
      Finding finding,
      String vulnerability,
      List<String> aliases,
      @Nullable String packageName,
      @Nullable String packageVersion,
      @Nullable String purl,
      Severity severity,
      Waterline.Position position,
      boolean kev,
      @Nullable Double epss,
      Decision decision,
      List<Reason> reasons,
      List<Reason> notes,
      @Nullable Instant reviewBy,
      @Nullable Instant expires) {
    this.finding = Objects.requireNonNull(finding);
    this.vulnerability = vulnerability;
    this.aliases = List.copyOf(aliases);
    this.packageName = packageName;
    this.packageVersion = packageVersion;
    this.purl = purl;
    this.severity = severity;
    this.position = position;
    this.kev = kev;
    this.epss = epss;
    this.decision = decision;
    this.reasons = List.copyOf(reasons);
    this.notes = List.copyOf(notes);
    this.reviewBy = reviewBy;
    this.expires = expires;
  }

  /** The finding as the report gave it. */
  public Finding finding() {
    return finding;
  }

  /** The vulnerability id the report gave. */
  public String vulnerability() {
    return vulnerability;
  }

  /** Its aliases from the report. */
  public List<String> aliases() {
    return aliases;
  }

  /** The package's name, if the report gives it. */
  public Optional<String> packageName() {
    return Optional.ofNullable(packageName);
  }

  /** The package's version, if the report gives it. */
  public Optional<String> packageVersion() {
    return Optional.ofNullable(packageVersion);
  }

  /** The package's purl, if the report gives it. */
  public Optional<String> purl() {
    return Optional.ofNullable(purl);
  }

  /** The severity the report gave. */
  public Severity severity() {
    return severity;
  }

  /** Where the package lies relative to the waterline. */
  public Waterline.Position position() {
    return position;
  }

  /** Whether the vulnerability or an alias is in the CISA KEV catalog. */
  public boolean kev() {
    return kev;
  }

  /** The highest EPSS score of the vulnerability and its aliases, if known. */
  public OptionalDouble epss() {
    return epss == null ? OptionalDouble.empty() : OptionalDouble.of(epss);
  }

  /** The decision. */
  public Decision decision() {
    return decision;
  }

  /** Why: the rules that decided, with their statements. */
  public List<Reason> reasons() {
    return reasons;
  }

  /** What was seen but did not decide. */
  public List<Reason> notes() {
    return notes;
  }

  /** For {@link Decision#ACCEPTED}: the date by which to review it. */
  public Optional<Instant> reviewBy() {
    return Optional.ofNullable(reviewBy);
  }

  /** For an exception (current or expired): when it expires or expired. */
  public Optional<Instant> expires() {
    return Optional.ofNullable(expires);
  }

  /** For example {@code CVE-2024-0001 in openssl 3.0.1 (high, above): remediate}. */
  @Override
  public String toString() {
    return vulnerability
        + (packageName != null ? " in " + packageName : "")
        + (packageVersion != null ? " " + packageVersion : "")
        + " ("
        + severity.toString().toLowerCase(Locale.ROOT)
        + ", "
        + position
        + (kev ? ", kev" : "")
        + "): "
        + decision;
  }
}
