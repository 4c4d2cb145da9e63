package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.FailureReason;
import dev.waterline.vex.sign.InTotoStatement;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.Subject;
import dev.waterline.vex.sign.VerificationFailure;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.Verifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * Everything fetch found for one image: the attestations, the ones it found but could not read, and
 * what it skipped or noticed on the way. Nothing hides the other attestations.
 *
 * <p>Two kinds of trouble are kept apart:
 *
 * <ul>
 *   <li>{@link #unreadable()}: attestations that are there but cannot be read, so cannot be trusted
 *       (bytes that do not match their digest, a manifest or envelope that does not parse, a layer
 *       the manifest names that is missing, a limit broken). These are <b>failures</b>: a gate must
 *       not decide as if they were absent ({@link #requireReadable()}; the CLI's {@code fetch}
 *       exits 1 and {@code triage --vex-from} exits 2 on them).
 *   <li>{@link #warnings()}: entries of a listing that cannot be used and are skipped (an index
 *       entry with an unknown digest algorithm or no size, kept as it is when the index is
 *       rewritten; an entry whose manifest is gone; a referrer of another image), and notes such as
 *       a tag that names another image than the digest beside it.
 * </ul>
 *
 * {@link #problems()} is both, as messages, in the order met.
 */
@API(status = STABLE, since = "0.1.0")
public final class FetchResult {

  private final String image;
  private final Digest digest;
  private final List<FetchedAttestation> attestations;
  private final List<String> problems;
  private final List<String> warnings;
  private final List<UnreadableAttestation> unreadable;

  FetchResult(
      String image,
      Digest digest,
      List<FetchedAttestation> attestations,
      List<String> problems,
      List<String> warnings,
      List<UnreadableAttestation> unreadable) {
    this.image = image;
    this.digest = digest;
    this.attestations = List.copyOf(attestations);
    this.problems = List.copyOf(problems);
    this.warnings = List.copyOf(warnings);
    this.unreadable = List.copyOf(unreadable);
  }

  /** The image as given. */
  public String image() {
    return image;
  }

  /** The digest the image resolved to. */
  public Digest digest() {
    return digest;
  }

  /** The attestations found and read, in the order found. */
  public List<FetchedAttestation> attestations() {
    return attestations;
  }

  /** Only those whose statement has {@code predicateType} (exactly). */
  public List<FetchedAttestation> withPredicateType(String predicateType) {
    return attestations.stream()
        .filter(a -> a.predicateType().equals(predicateType))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * The VEX attestations: predicate type {@code https://openvex.dev/ns} or under it, CSAF
   * predicates, and CycloneDX BOMs that carry vulnerabilities ({@link InTotoStatement#isVex()}),
   * which are read into the OpenVEX model when {@code dev.waterline:vex-formats} is on the path.
   */
  public List<FetchedAttestation> openVex() {
    return attestations.stream()
        .filter(FetchResult::isVex)
        .collect(Collectors.toUnmodifiableList());
  }

  /** Its predicate type says VEX, and a CycloneDX BOM carries vulnerabilities (no plain SBOM). */
  private static boolean isVex(FetchedAttestation a) {
    if (!InTotoStatement.isVexPredicateType(a.predicateType())) {
      return false;
    }
    try {
      return InTotoStatement.parse(a.statement()).isVex();
    } catch (VexException e) {
      return true; // unreadable: kept, so that verification reports it
    }
  }

  /**
   * The same result holding only the OpenVEX attestations ({@link #openVex()}), and the unreadable
   * ones that may be OpenVEX: all of them but those whose manifest annotations name another
   * predicate type.
   */
  public FetchResult onlyOpenVex() {
    List<UnreadableAttestation> vex =
        unreadable.stream()
            .filter(UnreadableAttestation::mayBeOpenVex)
            .collect(Collectors.toUnmodifiableList());
    return new FetchResult(image, digest, openVex(), problemsKeeping(vex), warnings, vex);
  }

  /**
   * The SBOM attestations: predicate type CycloneDX BOM ({@code https://cyclonedx.org/bom} or a
   * versioned type under it) or SPDX ({@code https://spdx.dev/Document} or under it), {@link
   * InTotoStatement#isSbomPredicateType}. A CycloneDX BOM that carries vulnerabilities is in both
   * these and {@link #openVex()}.
   */
  public List<FetchedAttestation> sboms() {
    return attestations.stream()
        .filter(a -> InTotoStatement.isSbomPredicateType(a.predicateType()))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * The same result holding only the SBOM attestations ({@link #sboms()}), and the unreadable ones
   * that may be SBOMs: all of them but those whose manifest annotations name another predicate
   * type.
   */
  public FetchResult onlySboms() {
    List<UnreadableAttestation> kept =
        unreadable.stream()
            .filter(u -> u.predicateType().map(InTotoStatement::isSbomPredicateType).orElse(true))
            .collect(Collectors.toUnmodifiableList());
    return only(sboms(), kept);
  }

  /**
   * The same result holding only what was found on {@code subjects} (the image's own digest, a
   * platform manifest): to pick one platform of a multi-platform image, keep its index digest
   * ({@link #digest()}) and the platform manifest ({@link ImageConfig#manifest()}). Unreadable
   * attestations on other digests go too; those found where the subject is unknown stay.
   */
  public FetchResult onSubjects(List<Digest> subjects) {
    List<Digest> keep = List.copyOf(subjects);
    List<FetchedAttestation> found =
        attestations.stream()
            .filter(a -> keep.contains(a.subject()))
            .collect(Collectors.toUnmodifiableList());
    List<UnreadableAttestation> kept =
        unreadable.stream()
            .filter(u -> keep.contains(u.subject()))
            .collect(Collectors.toUnmodifiableList());
    return only(found, kept);
  }

  private FetchResult only(List<FetchedAttestation> found, List<UnreadableAttestation> kept) {
    return new FetchResult(image, digest, found, problemsKeeping(kept), warnings, kept);
  }

  /**
   * The problems without the message of each unreadable attestation not in {@code kept} (its first
   * occurrence, once per attestation), in one pass: an image may have thousands.
   */
  private List<String> problemsKeeping(List<UnreadableAttestation> kept) {
    Set<UnreadableAttestation> keep = new HashSet<>(kept);
    Map<String, Integer> drop = new HashMap<>();
    for (UnreadableAttestation u : unreadable) {
      if (!keep.contains(u)) {
        drop.merge(u.message(), 1, Integer::sum);
      }
    }
    List<String> messages = new ArrayList<>(problems.size());
    for (String p : problems) {
      Integer n = drop.get(p);
      if (n != null && n > 0) {
        drop.put(p, n - 1);
      } else {
        messages.add(p);
      }
    }
    return messages;
  }

  /**
   * Verifies every attestation under {@code policy}, on the bytes already fetched (no request is
   * sent): a signed one (bundle or envelope) is {@link VerificationState#VERIFIED} when vex-sign's
   * {@link Verifier} accepts it, else {@link VerificationState#FAILED} with the reason; a bare
   * statement is {@link VerificationState#UNSIGNED}, and counts only when the policy accepts
   * unsigned statements where it was found ({@link FetchPolicy#acceptUnsignedInImageIndex} only in
   * BuildKit attestation manifests). Either way the statement must name the digest it was found on
   * (the image or the platform manifest it hangs off) among its subjects, else it fails with {@link
   * FailureReason#SUBJECT_MISMATCH}: an attestation copied next to another image says nothing about
   * it.
   */
  public VerifiedFetch verify(FetchPolicy policy) {
    java.util.Objects.requireNonNull(policy, "policy");
    List<VerifiedAttestation> out = new ArrayList<>();
    for (FetchedAttestation a : attestations) {
      out.add(verify(a, policy));
    }
    return new VerifiedFetch(this, policy, out);
  }

  /** {@link #verify(FetchPolicy)} trusting signatures by any of {@code keys}. */
  public VerifiedFetch verifiedWith(PublicKey... keys) {
    return verify(FetchPolicy.of(VerificationPolicy.keys(keys)));
  }

  /** {@link #verify(FetchPolicy)} trusting what {@code policy} trusts. */
  public VerifiedFetch verifiedWith(VerificationPolicy policy) {
    return verify(FetchPolicy.of(policy));
  }

  static VerifiedAttestation verify(FetchedAttestation a, FetchPolicy policy) {
    String where = a.layout() + " manifest " + a.manifest() + " on " + a.subject();
    InTotoStatement statement;
    String signer = null;
    PublicKey signerKey = null;
    VerificationResult verification = null;
    if (a.kind().isSigned()) {
      List<VerificationPolicy> trusts = policy.verifications();
      if (trusts.isEmpty()) {
        return failed(
            a,
            FailureReason.UNKNOWN_KEY,
            "the "
                + where
                + " is signed ("
                + a.kind()
                + "), but the fetch policy trusts no key or certificate identity");
      }
      // The first policy that verifies names the signer; else the last one's failure stands.
      VerificationResult r = Verifier.verify(a.bytes(), trusts.get(0));
      for (int i = 1; i < trusts.size() && !r.verified(); i++) {
        r = Verifier.verify(a.bytes(), trusts.get(i));
      }
      Optional<VerificationFailure> failure = r.failure();
      if (failure.isPresent()) {
        return new VerifiedAttestation(
            a, VerificationState.FAILED, null, null, failure.get(), null, null, null, null);
      }
      Optional<InTotoStatement> verified = r.statement();
      if (verified.isEmpty()) {
        return failed(a, FailureReason.MALFORMED, "the " + where + " verified without a statement");
      }
      statement = verified.get();
      verification = r;
      signer = r.signer().orElse("an unnamed signer");
      signerKey = r.signerKey().orElse(null);
    } else {
      try {
        statement = InTotoStatement.parse(a.statement());
      } catch (VexException e) {
        return failed(a, FailureReason.MALFORMED, "the " + where + ": " + e.getMessage());
      }
    }
    if (!names(statement, a.subject())) {
      return failed(
          a,
          FailureReason.SUBJECT_MISMATCH,
          "the statement in the "
              + where
              + " names "
              + statement.subjects()
              + ", not "
              + a.subject()
              + ", the digest it was found on");
    }
    VexDocument vex = null;
    if (statement.isVex()) {
      try {
        vex = statement.predicate();
      } catch (VexException e) {
        return failed(
            a,
            FailureReason.MALFORMED,
            "the VEX predicate in the " + where + " does not parse: " + e.getMessage());
      }
    }
    if (signer != null) {
      return new VerifiedAttestation(
          a,
          VerificationState.VERIFIED,
          signer,
          signerKey,
          null,
          null,
          statement,
          vex,
          verification);
    }
    return new VerifiedAttestation(
        a,
        VerificationState.UNSIGNED,
        null,
        null,
        null,
        policy.acceptsUnsignedIn(a.layout()) ? policy.unsignedReason().orElse(null) : null,
        statement,
        vex,
        null);
  }

  private static boolean names(InTotoStatement statement, Digest digest) {
    for (Subject s : statement.subjects()) {
      if (digest.hex().equals(s.digest().get(digest.algorithm()))) {
        return true;
      }
    }
    return false;
  }

  private static VerifiedAttestation failed(
      FetchedAttestation a, FailureReason reason, String message) {
    return new VerifiedAttestation(
        a,
        VerificationState.FAILED,
        null,
        null,
        new VerificationFailure(reason, message),
        null,
        null,
        null,
        null);
  }

  /**
   * Everything that went wrong on the way, as messages in the order met: the {@link #warnings()}
   * and the messages of the {@link #unreadable()} attestations. Empty when nothing did.
   */
  public List<String> problems() {
    return problems;
  }

  /**
   * What was skipped or noticed that does not make an attestation untrustworthy: listing entries
   * that cannot be used (kept as they are), entries whose manifest is gone, referrers of other
   * images, a tag beside the digest that names something else.
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The attestations found that could not be read: tampered, damaged, incomplete or over a limit.
   * Each is a failure; see {@link UnreadableAttestation}.
   */
  public List<UnreadableAttestation> unreadable() {
    return unreadable;
  }

  /**
   * This result when every attestation found could be read.
   *
   * @throws UnreadableAttestationException naming the image and the digest and reason of the first
   *     unreadable attestation, holding them all
   */
  public FetchResult requireReadable() {
    if (!unreadable.isEmpty()) {
      throw new UnreadableAttestationException(image, unreadable);
    }
    return this;
  }

  @Override
  public String toString() {
    return "FetchResult["
        + image
        + "@"
        + digest
        + ": "
        + attestations.size()
        + " attestation(s)"
        + (unreadable.isEmpty() ? "" : ", " + unreadable.size() + " unreadable")
        + (warnings.isEmpty() ? "" : ", " + warnings.size() + " warning(s)")
        + "]";
  }
}
