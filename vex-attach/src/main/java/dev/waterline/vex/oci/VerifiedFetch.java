package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.MergeOptions;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.policy.UnreadableVex;
import dev.waterline.vex.policy.VexSource;
import dev.waterline.vex.sign.FailureReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * What fetch found for one image, verified under a {@link FetchPolicy}: every attestation with its
 * state, and a merged OpenVEX view of the accepted ones only (verified, or unsigned and accepted
 * with a reason), as {@code docker scout vex get} gives for an image. Verifying sends no request:
 * it works on the bytes fetch already holds.
 *
 * <pre>{@code
 * var vex = Registry.of("registry.local").fetchVex("app:1.0").verifiedWith(key.publicKey());
 * vex.verified();     // the attestations whose signatures verified
 * vex.mergedVex();    // one OpenVEX document of their statements
 * }</pre>
 */
@API(status = STABLE, since = "0.1.0")
public final class VerifiedFetch {
  private final FetchResult fetch;
  private final FetchPolicy policy;
  private final List<VerifiedAttestation> attestations;

  VerifiedFetch(FetchResult fetch, FetchPolicy policy, List<VerifiedAttestation> attestations) {
    this.fetch = fetch;
    this.policy = policy;
    this.attestations = List.copyOf(attestations);
  }

  /** The image as given. */
  public String image() {
    return fetch.image();
  }

  /** The digest the image resolved to. */
  public Digest digest() {
    return fetch.digest();
  }

  /** The policy verified under. */
  public FetchPolicy policy() {
    return policy;
  }

  /** The fetch this verified. */
  public FetchResult fetchResult() {
    return fetch;
  }

  /** Every attestation found, verified or not, in the order found. */
  public List<VerifiedAttestation> attestations() {
    return attestations;
  }

  /** Those whose signature verified under the policy. */
  public List<VerifiedAttestation> verified() {
    return inState(VerificationState.VERIFIED);
  }

  /** Those that failed verification. */
  public List<VerifiedAttestation> failed() {
    return inState(VerificationState.FAILED);
  }

  /** The unsigned statements (accepted or not). */
  public List<VerifiedAttestation> unsigned() {
    return inState(VerificationState.UNSIGNED);
  }

  /** Those that count: verified, and unsigned ones the policy accepts. */
  public List<VerifiedAttestation> accepted() {
    return attestations.stream()
        .filter(VerifiedAttestation::isAccepted)
        .collect(Collectors.toUnmodifiableList());
  }

  /** The OpenVEX documents of the accepted attestations, in the order found. */
  public List<VexDocument> vexDocuments() {
    List<VexDocument> docs = new ArrayList<>();
    for (VerifiedAttestation a : attestations) {
      a.vex().ifPresent(docs::add);
    }
    return List.copyOf(docs);
  }

  /**
   * The OpenVEX attestations as sources for triage, in the order found, each named {@code IMAGE
   * (LAYOUT, manifest DIGEST)}: verified ones signed by who verified, unsigned ones accepted for
   * the policy's reason or, when the policy does not accept unsigned statements, as untrusted
   * sources that triage's own policy weighs (see {@link VerifiedAttestation#vexSource(String)}).
   * Those that failed verification are not here but in {@link #leftOut()}. This is what {@code
   * waterline triage --vex-from} decides on.
   */
  public List<VexSource> vexSources() {
    List<VexSource> sources = new ArrayList<>();
    for (VerifiedAttestation a : attestations) {
      a.vexSource(origin(a)).ifPresent(sources::add);
    }
    return List.copyOf(sources);
  }

  /**
   * Why each attestation that failed verification is left out of {@link #vexSources()}, one line
   * each, naming image, layout and manifest digest: a signed one when the policy trusts no
   * signature, else vex-sign's reason and message.
   */
  public List<String> leftOut() {
    List<String> lines = new ArrayList<>();
    for (VerifiedAttestation a : attestations) {
      if (a.state() != VerificationState.FAILED) {
        continue;
      }
      if (policy.verifications().isEmpty()
          && a.fetched().kind().isSigned()
          && a.failure().map(f -> f.reason() == FailureReason.UNKNOWN_KEY).orElse(false)) {
        lines.add(
            origin(a) + " is signed; without a trusted key or certificate identity it is left out");
      } else {
        lines.add(
            origin(a)
                + " left out: verification failed: "
                + a.failure().map(f -> f.reason() + ": " + f.message()).orElse("?"));
      }
    }
    return List.copyOf(lines);
  }

  /**
   * The {@link #unreadable()} attestations as triage records them when it goes on without them
   * ({@code --ignore-unreadable}).
   */
  public List<UnreadableVex> unreadableVex() {
    List<UnreadableVex> out = new ArrayList<>();
    for (UnreadableAttestation u : fetch.unreadable()) {
      out.add(
          UnreadableVex.of(
              fetch.image(),
              u.digest().or(u::manifest).map(Digest::toString).orElse(""),
              u.reason().name(),
              u.message()));
    }
    return List.copyOf(out);
  }

  private String origin(VerifiedAttestation a) {
    return fetch.image() + " (" + a.layout() + ", manifest " + a.manifest() + ")";
  }

  /**
   * One OpenVEX document merged from the accepted OpenVEX attestations ({@link Vex#merge}); empty
   * when none is accepted. Failed, unreadable and unaccepted unsigned attestations never
   * contribute: check {@link #hasFailures()} before trusting the merged view as complete.
   */
  public Optional<VexDocument> mergedVex() {
    return mergedVex(MergeOptions.defaults());
  }

  /** {@link #mergedVex()} with merge options (ID, author, product and vulnerability filters). */
  public Optional<VexDocument> mergedVex(MergeOptions options) {
    List<VexDocument> docs = vexDocuments();
    return docs.isEmpty() ? Optional.empty() : Optional.of(Vex.merge(docs, options));
  }

  /** What went wrong while fetching (see {@link FetchResult#problems()}). */
  public List<String> problems() {
    return fetch.problems();
  }

  /** What fetch skipped or noticed without failing (see {@link FetchResult#warnings()}). */
  public List<String> warnings() {
    return fetch.warnings();
  }

  /**
   * The attestations fetch found but could not read (see {@link FetchResult#unreadable()}): they
   * are in neither {@link #attestations()} nor the merged view, and count as failures.
   */
  public List<UnreadableAttestation> unreadable() {
    return fetch.unreadable();
  }

  /**
   * Whether anything failed: an attestation failed verification ({@link #failed()}) or could not be
   * read ({@link #unreadable()}). This is what {@code waterline fetch} exits 1 on; a gate that
   * decides on {@link #mergedVex()} should refuse to decide when it is true, or record why not.
   */
  public boolean hasFailures() {
    return !failed().isEmpty() || !fetch.unreadable().isEmpty();
  }

  private List<VerifiedAttestation> inState(VerificationState state) {
    return attestations.stream()
        .filter(a -> a.state() == state)
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * For example {@code VerifiedFetch[app:1.0@sha256:…: 2 verified, 1 failed, 1 unsigned (0
   * accepted)]}.
   */
  @Override
  public String toString() {
    List<VerifiedAttestation> unsigned = unsigned();
    long acceptedUnsigned = unsigned.stream().filter(VerifiedAttestation::isAccepted).count();
    return "VerifiedFetch["
        + fetch.image()
        + "@"
        + fetch.digest()
        + ": "
        + verified().size()
        + " verified, "
        + failed().size()
        + " failed, "
        + unsigned.size()
        + " unsigned ("
        + acceptedUnsigned
        + " accepted)"
        + (fetch.unreadable().isEmpty() ? "" : ", " + fetch.unreadable().size() + " unreadable")
        + (fetch.warnings().isEmpty() ? "" : ", " + fetch.warnings().size() + " warning(s)")
        + "]";
  }
}
