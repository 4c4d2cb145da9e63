package dev.waterline.vex.policy.internal;

import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.Validator;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexIndex;
import dev.waterline.vex.policy.Decision;
import dev.waterline.vex.policy.Evidence;
import dev.waterline.vex.policy.Policy;
import dev.waterline.vex.policy.Reason;
import dev.waterline.vex.policy.Severity;
import dev.waterline.vex.policy.VexSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The policy's decision rules, on facts already taken from a finding. Built once per triage; {@link
 * #decide} is called per finding and is safe to call from several threads.
 */
public final class TriageEngine {
  /** Where a finding's package came from, relative to the waterline. */
  public enum Side {
    BELOW,
    ABOVE,
    UNKNOWN
  }

  /** What the engine decided about one finding. */
  public static final class Outcome {
    public final Decision decision;
    public final List<Reason> reasons;
    public final List<Reason> notes;
    public final @Nullable Instant reviewBy;
    public final @Nullable Instant expires;
    public final boolean kev;
    public final @Nullable Double epss;

    Outcome(
        Decision decision,
        List<Reason> reasons,
        List<Reason> notes,
        @Nullable Instant reviewBy,
        @Nullable Instant expires,
        boolean kev,
        @Nullable Double epss) {
      this.decision = decision;
      this.reasons = List.copyOf(reasons);
      this.notes = List.copyOf(notes);
      this.reviewBy = reviewBy;
      this.expires = expires;
      this.kev = kev;
      this.epss = epss;
    }
  }

  private static final class Source {
    final VexSource source;
    final boolean vendor;

    Source(VexSource source, boolean vendor) {
      this.source = source;
      this.vendor = vendor;
    }
  }

  private final Policy policy;
  private final Instant scanTime;
  private final Instant now;
  private final Predicate<String> kev;
  private final Function<String, @Nullable Double> epss;
  private final List<String> imageProducts;
  private final VexIndex index;
  private final Latest latest;
  private final IdentityHashMap<VexDocument, Source> sources = new IdentityHashMap<>();

  public TriageEngine(
      Policy policy,
      List<VexSource> vex,
      Instant scanTime,
      Predicate<String> kev,
      Function<String, @Nullable Double> epss,
      List<String> imageProducts) {
    this(policy, vex, scanTime, scanTime, kev, epss, imageProducts);
  }

  /**
   * An engine that judges "dated in the future" against {@code now}: a statement time more than
   * {@link Validator#CLOCK_SKEW} after it is noted ({@code future_dated}).
   */
  public TriageEngine(
      Policy policy,
      List<VexSource> vex,
      Instant scanTime,
      Instant now,
      Predicate<String> kev,
      Function<String, @Nullable Double> epss,
      List<String> imageProducts) {
    this.policy = policy;
    this.scanTime = scanTime;
    this.now = now;
    this.kev = kev;
    this.epss = epss;
    this.imageProducts = List.copyOf(new LinkedHashSet<>(imageProducts));
    List<VexDocument> documents = new ArrayList<>();
    for (VexSource s : vex) {
      documents.add(s.document());
      sources.put(s.document(), new Source(s, isVendor(policy, s)));
    }
    this.index = VexIndex.of(documents);
    this.latest = new Latest(documents);
  }

  /** The rule code of the note on a statement dated in the future. */
  public static final String FUTURE_DATED = "future_dated";

  private static final String SKEW = Validator.CLOCK_SKEW.toMinutes() + " minutes";

  private boolean inTheFuture(Instant t) {
    return t.isAfter(now.plus(Validator.CLOCK_SKEW));
  }

  /** Whether a source is a vendor's: set explicitly, else by the policy's vendor list. */
  public static boolean isVendor(Policy policy, VexSource s) {
    switch (s.owner()) {
      case OWN:
        return false;
      case VENDOR:
        return true;
      default:
        return policy.vendorOf(s.document().author(), s.signer().orElse(null)).isPresent();
    }
  }

  /** The image identifiers the engine asks the index about. */
  public List<String> imageProducts() {
    return imageProducts;
  }

  /**
   * Decides one finding.
   *
   * @param ids the vulnerability id first, then its aliases
   * @param purl the package's purl, if the report gives one
   */
  public Outcome decide(List<String> ids, @Nullable String purl, Severity severity, Side side) {
    return decide(ids, purl, severity, side, true);
  }

  /**
   * Decides one finding; {@code noteUnknownOrigin} false leaves out the note on an unknown layer
   * (when no waterline was given at all, every finding's layer is unknown and the report says so
   * once).
   */
  public Outcome decide(
      List<String> ids,
      @Nullable String purl,
      Severity severity,
      Side side,
      boolean noteUnknownOrigin) {
    boolean below = side == Side.BELOW;
    List<Reason> reasons = new ArrayList<>();
    List<Reason> notes = new ArrayList<>();
    boolean isKev = false;
    String kevId = null;
    Double score = null;
    for (String id : ids) {
      if (!isKev && kev.test(id)) {
        isKev = true;
        kevId = id;
      }
      Double s = epss.apply(id);
      if (s != null && (score == null || s > score)) {
        score = s;
      }
    }
    if (side == Side.UNKNOWN && noteUnknownOrigin) {
      notes.add(
          Reason.of(
              "waterline",
              "the package's layer is not known: treated as above the waterline (fail safe)"));
    }

    // Every statement about the finding, then the latest one that may decide.
    Set<EffectiveStatement> candidates =
        java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (String id : ids) {
      for (String image : imageProducts) {
        candidates.addAll(index.matches(image, id, purl));
      }
      if (purl != null) {
        candidates.addAll(index.matches(purl, id, null));
      }
    }
    List<EffectiveStatement> eligible = new ArrayList<>(candidates.size());
    Set<VexDocument> notedDocs = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (EffectiveStatement e : candidates) {
      Source src = sources.get(e.document());
      if (src == null) {
        continue;
      }
      if (src.vendor && !src.source.trusted()) {
        if (notedDocs.add(e.document())) {
          notes.add(
              Reason.of(
                  "vendor_vex_untrusted",
                  "vendor VEX ignored: unsigned and not accepted (--accept-unsigned)",
                  Evidence.of(e, src.source, true)));
        }
      } else if (src.vendor && !below) {
        if (notedDocs.add(e.document())) {
          notes.add(
              Reason.of(
                  "vendor_vex_above_waterline",
                  "vendor VEX ignored: the package is not below the waterline",
                  Evidence.of(e, src.source, true)));
        }
      } else {
        eligible.add(e);
      }
    }
    EffectiveStatement decisive = latest.latest(eligible);

    if (decisive != null) {
      Source src = java.util.Objects.requireNonNull(sources.get(decisive.document()));
      Statement st = decisive.statement();
      Status status = st.status();
      Evidence evidence = Evidence.of(decisive, src.source, src.vendor);
      String who = src.vendor ? "vendor VEX" : "our VEX";
      if (decisive.time().filter(this::inTheFuture).isPresent()) {
        notes.add(
            Reason.of(
                FUTURE_DATED,
                "the deciding statement is dated "
                    + decisive.time().get()
                    + ", in the future (now "
                    + now
                    + ", allowing "
                    + SKEW
                    + " of clock skew): a statement dated in the future wins over every"
                    + " statement issued until then; check where it came from",
                evidence));
      }
      if (status == Status.NOT_AFFECTED || status == Status.FIXED) {
        reasons.add(
            Reason.of(
                "vex",
                who
                    + " says "
                    + status.value()
                    + st.justification().map(j -> " (" + j.value() + ")").orElse(""),
                evidence));
        if (isKev) {
          reasons.add(
              Reason.of("kev", kevId + " is in the CISA KEV catalog; the VEX statement decides"));
        }
        return new Outcome(
            status == Status.FIXED ? Decision.FIXED : Decision.NOT_AFFECTED,
            reasons,
            notes,
            null,
            null,
            isKev,
            score);
      }
      if (status == Status.AFFECTED && src.vendor) {
        // Below the waterline (vendor VEX counts nowhere else) the vendor owns the fix.
        notes.add(
            Reason.of(
                "vendor_affected",
                "vendor VEX says affected"
                    + st.actionStatement().map(a -> ", action: \"" + a + "\"").orElse("")
                    + ": the vendor's to fix",
                evidence));
      } else if (status == Status.AFFECTED) {
        if (st.actionStatement().isPresent()) {
          Instant start = st.actionStatementTimestamp().orElse(decisive.time().orElse(null));
          if (start != null
              && st.actionStatementTimestamp().isPresent()
              && inTheFuture(st.actionStatementTimestamp().get())) {
            notes.add(
                Reason.of(
                    FUTURE_DATED,
                    "the action statement is dated "
                        + start
                        + ", in the future (now "
                        + now
                        + ", allowing "
                        + SKEW
                        + " of clock skew): the exception counts its "
                        + policy.exceptionMaxAgeDays()
                        + " days from then, so it lasts longer than the policy allows",
                    evidence));
          }
          Instant expires =
              start == null ? null : start.plus(Duration.ofDays(policy.exceptionMaxAgeDays()));
          if (start == null) {
            // Back in scope: the rules below decide, as if there were no exception.
            notes.add(
                Reason.of(
                    "exception_expired",
                    "the exception has no time (neither action_statement_timestamp nor a statement"
                        + " or document timestamp), so it cannot be dated: back in scope",
                    evidence));
          } else if (scanTime.isBefore(expires)) {
            reasons.add(
                Reason.of(
                    "exception",
                    who
                        + " says affected, action: \""
                        + st.actionStatement().get()
                        + "\"; the exception expires "
                        + expires,
                    evidence));
            if (isKev) {
              reasons.add(Reason.of("kev", kevId + " is in the CISA KEV catalog"));
            }
            return new Outcome(Decision.EXCEPTION, reasons, notes, null, expires, isKev, score);
          } else {
            // Back in scope: the rules below decide, as if there were no exception.
            notes.add(
                Reason.of(
                    "exception_expired",
                    "the exception expired "
                        + expires
                        + " ("
                        + policy.exceptionMaxAgeDays()
                        + " days after "
                        + start
                        + "): back in scope",
                    evidence));
          }
        } else {
          notes.add(
              Reason.of(
                  "affected_without_action",
                  who + " says affected without an action statement: not an exception",
                  evidence));
        }
      } else {
        notes.add(
            Reason.of(
                "under_investigation",
                who + " says under_investigation: decides nothing, the rules below apply",
                evidence));
      }
    }

    // No statement decides: waterline, KEV, severity, EPSS.
    if (below) {
      if (isKev) {
        reasons.add(
            Reason.of(
                "kev",
                kevId
                    + " is in the CISA KEV catalog and lies below the waterline: pull a patched"
                    + " base image"));
        reasons.add(Reason.of("waterline", "the package comes from the base image"));
        return new Outcome(Decision.REMEDIATE, reasons, notes, null, null, true, score);
      }
      reasons.add(
          Reason.of(
              "waterline",
              decisive == null
                  ? "the package comes from the base image and no vendor VEX covers it: the"
                      + " vendor's to fix"
                  : "the package comes from the base image and no VEX statement settles it (see"
                      + " the notes): the vendor's to fix"));
      return new Outcome(Decision.VENDOR, reasons, notes, null, null, isKev, score);
    }
    if (isKev && policy.kevAlwaysInScope()) {
      reasons.add(
          Reason.of(
              "kev",
              kevId
                  + " is in the CISA KEV catalog: in scope whatever its severity ("
                  + PolicyJson.key(severity)
                  + ")"));
      return new Outcome(Decision.REMEDIATE, reasons, notes, null, null, true, score);
    }
    Policy.Rule rule = policy.rule(severity);
    if (rule == Policy.Rule.REMEDIATE) {
      reasons.add(
          Reason.of(
              "severity", "severity " + PolicyJson.key(severity) + ": policy says remediate"));
      if (isKev) {
        reasons.add(Reason.of("kev", kevId + " is in the CISA KEV catalog"));
      }
      return new Outcome(Decision.REMEDIATE, reasons, notes, null, null, isKev, score);
    }
    if (score != null
        && policy.epssThreshold().isPresent()
        && score >= policy.epssThreshold().getAsDouble()) {
      reasons.add(
          Reason.of(
              "epss",
              "EPSS "
                  + score
                  + " is at or above the policy's threshold "
                  + policy.epssThreshold().getAsDouble()));
      return new Outcome(Decision.REMEDIATE, reasons, notes, null, null, isKev, score);
    }
    Instant review = scanTime.plus(Duration.ofDays(policy.reviewIntervalDays()));
    reasons.add(
        Reason.of(
            "severity",
            "severity " + PolicyJson.key(severity) + ": policy says accept; review by " + review));
    if (isKev) {
      reasons.add(
          Reason.of(
              "kev", kevId + " is in the CISA KEV catalog (policy: kev not always in scope)"));
    }
    return new Outcome(Decision.ACCEPTED, reasons, notes, review, null, isKev, score);
  }
}
