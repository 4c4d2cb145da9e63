package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.image.ImageText;
import dev.waterline.vex.policy.internal.ImageProducts;
import dev.waterline.vex.policy.internal.TriageEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Applies VEX, the CISA KEV catalog, EPSS, the waterline and a {@link Policy} to a scanner report.
 * Start with {@link #of(ScanReport)}, add inputs, then {@link #run()}:
 *
 * <pre>{@code
 * TriageReport r = Triage.of(ScanReports.read(path))
 *     .vex(VexSource.of(VexDocument.read(ours), "ours.json"))
 *     .kev(KevCatalog.read(kevPath))
 *     .waterline(waterline)
 *     .scanTime(Instant.now())
 *     .run();
 * }</pre>
 *
 * <p>The rules, in order, for each finding (see {@code docs/policy.md}):
 *
 * <ol>
 *   <li>The VEX statements about the vulnerability (its id or any alias) in the image (with the
 *       package's purl as subcomponent) or in the package itself are found with the model's
 *       matching; the team's own VEX counts everywhere, a trusted vendor's only below the waterline
 *       (elsewhere it is ignored and noted); the latest statement decides.
 *   <li>{@code not_affected} or {@code fixed} decides, KEV or not ({@code kev} is then among the
 *       reasons).
 *   <li>{@code affected} with an action statement is an {@code exception} until {@code
 *       exception_max_age_days} after the action statement's time, then {@code remediate}.
 *   <li>{@code under_investigation} decides nothing and is noted.
 *   <li>Otherwise: below the waterline the finding is the {@code vendor}'s, except a KEV entry,
 *       which is {@code remediate} (pull a patched base image); above it (or of unknown origin) a
 *       KEV entry is {@code remediate} whatever its severity, else the severity rule applies:
 *       {@code remediate}, or {@code accepted} with a review date {@code review_interval_days}
 *       after the scan, unless its EPSS score reaches the policy's threshold ({@code remediate}).
 * </ol>
 */
@API(status = STABLE, since = "0.1.0")
public final class Triage {
  private final ScanReport report;
  private final List<VexSource> vex;
  private final @Nullable KevCatalog kev;
  private final @Nullable EpssScores epss;
  private final @Nullable Waterline waterline;
  private final Policy policy;
  private final @Nullable Instant scanTime;
  private final Clock clock;
  private final Map<String, String> inputs;
  private final List<String> images;
  private final List<UnreadableVex> unreadableVex;

  private Triage(ScanReport report) {
    this.report = Objects.requireNonNull(report, "report");
    this.vex = List.of();
    this.kev = null;
    this.epss = null;
    this.waterline = null;
    this.policy = Policy.defaults();
    this.scanTime = null;
    this.clock = Clock.systemUTC();
    this.inputs = Map.of();
    this.images = List.of();
    this.unreadableVex = List.of();
  }

  /** A triage with the fields of {@code c}. */
  private Triage(Changes c) {
    this.report = c.report;
    this.vex = List.copyOf(c.vex);
    this.kev = c.kev;
    this.epss = c.epss;
    this.waterline = c.waterline;
    this.policy = c.policy;
    this.scanTime = c.scanTime;
    this.clock = c.clock;
    this.inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(c.inputs));
    this.images = List.copyOf(c.images);
    this.unreadableVex = List.copyOf(c.unreadableVex);
  }

  /** The mutable fields of a triage being changed into a new one. */
  private static final class Changes {
    final ScanReport report;
    final List<VexSource> vex;
    @Nullable KevCatalog kev;
    @Nullable EpssScores epss;
    @Nullable Waterline waterline;
    Policy policy;
    @Nullable Instant scanTime;
    Clock clock;
    final Map<String, String> inputs;
    final List<String> images;
    final List<UnreadableVex> unreadableVex;

    Changes(Triage t) {
      report = t.report;
      vex = new ArrayList<>(t.vex);
      kev = t.kev;
      epss = t.epss;
      waterline = t.waterline;
      policy = t.policy;
      scanTime = t.scanTime;
      clock = t.clock;
      inputs = new LinkedHashMap<>(t.inputs);
      images = new ArrayList<>(t.images);
      unreadableVex = new ArrayList<>(t.unreadableVex);
    }
  }

  private Triage with(java.util.function.Consumer<Changes> change) {
    Changes c = new Changes(this);
    change.accept(c);
    return new Triage(c);
  }

  /**
   * A triage of a report, with the default policy and no other inputs yet. A triage is an immutable
   * value: each method below returns a new triage with one more input and leaves this one as it
   * was, so that one triage can be the common start of several runs.
   */
  public static Triage of(ScanReport report) {
    return new Triage(report);
  }

  /** Adds VEX sources; later sources win ties on time. */
  public Triage vex(VexSource... sources) {
    return vex(List.of(sources));
  }

  /** Adds VEX sources; later sources win ties on time. */
  public Triage vex(List<VexSource> sources) {
    List<VexSource> added = List.copyOf(sources);
    return with(c -> c.vex.addAll(added));
  }

  /**
   * Names the scanned image for VEX matching when the report does not name it with a digest
   * (Grype's SARIF of an image named by tag, images without a repository digest): {@code
   * [registry/]repo[:tag]@sha256:<hex>} or {@code sha256:<hex>}. VEX may name the image in these
   * forms as well as in the report's; the first image given becomes the report's image (name and
   * digest) in the triage output.
   *
   * @throws VexException when the reference has no sha256 digest
   */
  public Triage image(String reference) {
    int at = reference.lastIndexOf('@');
    if (at == 0 || !ImageText.isSha256Digest(reference.substring(at + 1))) {
      throw new VexException(
          "expected an image reference with a digest (repo@sha256:<hex>) or a digest"
              + " (sha256:<hex>) but was '"
              + reference
              + "'");
    }
    return with(c -> c.images.add(reference));
  }

  /**
   * Records VEX that was found but could not be read and is left out (see {@link UnreadableVex}):
   * the report lists it, so that whoever reads the decisions knows they were made without it.
   */
  public Triage unreadableVex(UnreadableVex... unreadable) {
    return unreadableVex(List.of(unreadable));
  }

  /** As {@link #unreadableVex(UnreadableVex...)}. */
  public Triage unreadableVex(List<UnreadableVex> unreadable) {
    List<UnreadableVex> added = List.copyOf(unreadable);
    return with(c -> c.unreadableVex.addAll(added));
  }

  /** Sets the CISA KEV catalog. */
  public Triage kev(KevCatalog catalog) {
    Objects.requireNonNull(catalog);
    return with(c -> c.kev = catalog);
  }

  /** Sets the EPSS scores. */
  public Triage epss(EpssScores scores) {
    Objects.requireNonNull(scores);
    return with(c -> c.epss = scores);
  }

  /** Sets the waterline; without one, every finding's origin is unknown (above the waterline). */
  public Triage waterline(Waterline waterline) {
    Objects.requireNonNull(waterline);
    return with(c -> c.waterline = waterline);
  }

  /** Sets the policy (default {@link Policy#defaults()}). */
  public Triage policy(Policy policy) {
    Objects.requireNonNull(policy);
    return with(c -> c.policy = policy);
  }

  /** Sets the scan time (default: now, to the second). */
  public Triage scanTime(Instant time) {
    Objects.requireNonNull(time);
    return with(c -> c.scanTime = time);
  }

  /**
   * Sets the clock that says what "now" is when judging statement times (default: the system
   * clock). A deciding statement dated more than {@link dev.waterline.vex.Validator#CLOCK_SKEW}
   * after it is noted on the decision ({@code future_dated}) and warned about in the report: a
   * future date makes a statement win over every statement issued until then. The scan time is
   * separate (review dates and exception expiry count from it).
   */
  public Triage clock(Clock clock) {
    Objects.requireNonNull(clock);
    return with(c -> c.clock = clock);
  }

  /**
   * Records where an input came from, for the audit trail (e.g. {@code report} → a path).
   * Descriptions of KEV, EPSS and the waterline are recorded by default.
   */
  public Triage input(String name, String provenance) {
    Objects.requireNonNull(name);
    Objects.requireNonNull(provenance);
    return with(c -> c.inputs.put(name, provenance));
  }

  /** Decides every finding. */
  public TriageReport run() {
    Instant time =
        scanTime != null
            ? scanTime
            : Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    KevCatalog k = kev;
    EpssScores e = epss;
    Waterline w = waterline;
    Instant now = clock.instant();
    TriageEngine engine =
        new TriageEngine(
            policy,
            vex,
            time,
            now,
            k == null ? id -> false : Facts.kev(k),
            e == null ? id -> null : Facts.epss(e),
            ImageProducts.of(imageRefs(), imageDigests()));
    List<FindingDecision> out = new ArrayList<>();
    for (Finding f : Facts.findings(report)) {
      List<String> ids = Facts.ids(f);
      String purl = Facts.purl(f);
      Waterline.Position position =
          w == null ? Waterline.Position.UNKNOWN : Facts.position(w, report, f);
      TriageEngine.Side side =
          position == Waterline.Position.BELOW
              ? TriageEngine.Side.BELOW
              : position == Waterline.Position.ABOVE
                  ? TriageEngine.Side.ABOVE
                  : TriageEngine.Side.UNKNOWN;
      TriageEngine.Outcome o = engine.decide(ids, purl, Facts.severity(f), side, w != null);
      out.add(
          new FindingDecision(
              f,
              ids.get(0),
              ids.subList(1, ids.size()),
              Facts.packageName(f),
              Facts.packageVersion(f),
              purl,
              Facts.severity(f),
              position,
              o.kev,
              o.epss,
              o.decision,
              o.reasons,
              o.notes,
              o.reviewBy,
              o.expires));
    }
    Map<String, String> in = new LinkedHashMap<>();
    in.put("report", Facts.describe(report));
    in.put("kev", k == null ? "none" : Facts.describe(k));
    in.put("epss", e == null ? "none" : Facts.describe(e));
    in.put("waterline", w == null ? "none (every finding counts as above)" : Facts.describe(w));
    in.putAll(inputs);
    String name = Facts.imageName(report);
    String digest = Facts.imageDigest(report);
    if (!images.isEmpty()) {
      // The image the user names overrides what the report says (its identifiers are kept too).
      String first = images.get(0);
      digest = first.substring(first.lastIndexOf("sha256:"));
      for (String image : images) {
        if (image.contains("@")) {
          name = image;
          break;
        }
      }
    }
    List<String> warnings = new ArrayList<>();
    for (VexSource s : vex) {
      leniency(s).ifPresent(warnings::add);
    }
    warnings.addAll(futureDated(out, now));
    if (digest == null) {
      int aboutImages = statementsAboutImagesByDigest();
      if (aboutImages > 0) {
        warnings.add(
            aboutImages
                + (aboutImages == 1 ? " VEX statement is" : " VEX statements are")
                + " about images by digest (REPO@sha256:…, pkg:oci/…@sha256%3A…), but the report"
                + " names no image digest, so they match nothing; name the scanned image by digest"
                + " (waterline triage --image REPO@sha256:<hex>, Triage.image in Java)");
      }
    }
    return new TriageReport(name, digest, time, policy, in, vex, unreadableVex, out, warnings);
  }

  /** One line on a VEX document that was read leniently: what the reader accepted, and where. */
  private static Optional<String> leniency(VexSource s) {
    List<ValidationFinding> w = s.document().readWarnings();
    if (w.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder("VEX ");
    sb.append(s.origin()).append(" is not valid OpenVEX v0.2.0 and was read leniently: ");
    for (int i = 0; i < w.size(); i++) {
      ValidationFinding f = w.get(i);
      sb.append(i == 0 ? "" : "; ")
          .append("at ")
          .append(f.pointer().isEmpty() ? "/" : f.pointer())
          .append(": ")
          .append(f.message());
    }
    return Optional.of(sb.toString());
  }

  /**
   * One line per VEX source whose statements dated in the future decided findings, saying how many.
   */
  private static List<String> futureDated(List<FindingDecision> decisions, Instant now) {
    Map<String, Integer> byOrigin = new LinkedHashMap<>();
    for (FindingDecision d : decisions) {
      for (Reason n : d.notes()) {
        if (n.rule().equals(TriageEngine.FUTURE_DATED) && n.evidence().isPresent()) {
          byOrigin.merge(n.evidence().get().origin(), 1, Integer::sum);
          break;
        }
      }
    }
    List<String> lines = new ArrayList<>();
    byOrigin.forEach(
        (origin, count) -> {
          lines.add(
              count
                  + (count == 1 ? " finding is" : " findings are")
                  + " decided by VEX from "
                  + origin
                  + " dated in the future (now "
                  + now
                  + "): a future date makes a statement win over every statement issued until"
                  + " then; check where it came from (the decisions' notes say which, rule"
                  + " future_dated)");
        });
    return lines;
  }

  private int statementsAboutImagesByDigest() {
    int n = 0;
    for (VexSource s : vex) {
      for (Statement st : s.document().statements()) {
        for (Product p : st.products()) {
          if (p.id().filter(ImageProducts::namesADigest).isPresent()
              || p.purl().filter(ImageProducts::namesADigest).isPresent()) {
            n++;
            break;
          }
        }
      }
    }
    return n;
  }

  private List<String> imageRefs() {
    List<String> refs = new ArrayList<>(Facts.imageRefs(report));
    for (String image : images) {
      if (image.contains("@")) {
        refs.add(image);
      }
    }
    return refs;
  }

  private List<String> imageDigests() {
    List<String> digests = new ArrayList<>(Facts.imageDigests(report));
    for (String image : images) {
      if (!image.contains("@")) {
        digests.add(image);
      }
    }
    return digests;
  }

  /** For example {@code Triage[120 findings, 2 VEX sources, Policy[…]]}. */
  @Override
  public String toString() {
    return "Triage["
        + Facts.findings(report).size()
        + " findings, "
        + vex.size()
        + " VEX sources, "
        + policy
        + "]";
  }
}
