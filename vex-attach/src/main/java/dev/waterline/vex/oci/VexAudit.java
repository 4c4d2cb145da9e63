package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.VexException;
import dev.waterline.vex.policy.ImageAudit;
import dev.waterline.vex.policy.VexSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Answers an auditor's question "what does our VEX say about this CVE in these deployments?": for
 * each image, its digest, the effective status of the vulnerability among the trusted attestations
 * attached to it, the statement that decides it (author, time, signer) and whether it verified.
 * Images are fetched in parallel, bounded by the {@link BatchFetch} given (default {@value
 * BatchFetch#DEFAULT_PARALLELISM} at a time), each with a constant plus two requests per
 * attestation; an image whose VEX cannot be fetched, or that holds a tampered or unreadable
 * attestation, is answered with a failure rather than a status, so an audit never reads "no
 * statement" where the record could not be read.
 *
 * <pre>{@code
 * List<ImageAudit> answers =
 *     VexAudit.of("CVE-2024-3094", FetchPolicy.of(VerificationPolicy.keys(teamKey)))
 *         .run(List.of("registry.example/app@sha256:…", "registry.example/api:2.1"));
 * }</pre>
 *
 * <p>Immutable; {@code with…} returns a new audit. This is {@code waterline audit}.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class VexAudit {
  private final String vulnerability;
  private final FetchPolicy policy;
  private final BatchFetch batch;

  private VexAudit(String vulnerability, FetchPolicy policy, BatchFetch batch) {
    this.vulnerability = vulnerability;
    this.policy = policy;
    this.batch = batch;
  }

  /**
   * An audit of {@code vulnerability} (a CVE, GHSA or other id, or an alias a statement names),
   * trusting what {@code policy} trusts.
   *
   * @throws VexException when the vulnerability is blank
   */
  public static VexAudit of(String vulnerability, FetchPolicy policy) {
    Objects.requireNonNull(vulnerability, "vulnerability");
    if (vulnerability.isBlank()) {
      throw new VexException("the vulnerability to audit must not be blank");
    }
    return new VexAudit(
        vulnerability.strip(),
        Objects.requireNonNull(policy, "policy"),
        BatchFetch.builder().onlyVex(true).build());
  }

  /**
   * The same audit, fetching with {@code batch} (its parallelism, registry options and progress
   * listener). Only OpenVEX attestations are considered whatever the batch keeps.
   */
  public VexAudit withBatch(BatchFetch batch) {
    return new VexAudit(vulnerability, policy, Objects.requireNonNull(batch, "batch"));
  }

  /** The vulnerability audited. */
  public String vulnerability() {
    return vulnerability;
  }

  /** Answers for each image, in the order given. */
  public List<ImageAudit> run(List<String> images) {
    List<ImageAudit> answers = new ArrayList<>();
    for (BatchFetch.Item item : batch.fetch(images)) {
      answers.add(answer(item));
    }
    return List.copyOf(answers);
  }

  private ImageAudit answer(BatchFetch.Item item) {
    if (item.result().isEmpty()) {
      return ImageAudit.failed(
          vulnerability, item.image(), item.failure().orElse("the fetch failed"));
    }
    FetchResult fetched = item.result().get().onlyOpenVex();
    if (!fetched.unreadable().isEmpty()) {
      UnreadableAttestation u = fetched.unreadable().get(0);
      return ImageAudit.unreadable(
          vulnerability,
          item.image(),
          fetched.digest().toString(),
          fetched.unreadable().size()
              + " attestation(s) cannot be read, so the record is incomplete: "
              + u.digest().or(u::manifest).map(Digest::toString).orElse("(digest unknown)")
              + ": "
              + u.reason()
              + ": "
              + u.message());
    }
    VerifiedFetch verified = fetched.verify(policy);
    List<String> problems = new ArrayList<>(verified.leftOut());
    problems.addAll(fetched.warnings());
    List<VexSource> sources = verified.vexSources();
    return ImageAudit.decide(
        vulnerability, item.image(), fetched.digest().toString(), sources, problems);
  }

  /** For example {@code VexAudit[CVE-2024-3094, FetchPolicy[…], BatchFetch[parallelism=4]]}. */
  @Override
  public String toString() {
    return "VexAudit[" + vulnerability + ", " + policy + ", " + batch + "]";
  }
}
