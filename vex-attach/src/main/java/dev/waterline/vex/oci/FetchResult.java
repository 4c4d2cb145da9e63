package dev.waterline.vex.oci;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything fetch found for one image: the attestations, and the problems met on the way (a
 * dangling referrer, a blob whose digest does not match, an attestation that does not parse), each
 * a message naming the digests involved. A problem never hides the other attestations.
 */
public final class FetchResult {
  private final String image;
  private final Digest digest;
  private final List<FetchedAttestation> attestations;
  private final List<String> problems;

  FetchResult(
      String image, Digest digest, List<FetchedAttestation> attestations, List<String> problems) {
    this.image = image;
    this.digest = digest;
    this.attestations = List.copyOf(attestations);
    this.problems = List.copyOf(problems);
  }

  /** The image as given. */
  public String image() {
    return image;
  }

  /** The digest the image resolved to. */
  public Digest digest() {
    return digest;
  }

  /** The attestations found, in the order found. */
  public List<FetchedAttestation> attestations() {
    return attestations;
  }

  /** Only those whose statement has {@code predicateType} (exactly). */
  public List<FetchedAttestation> withPredicateType(String predicateType) {
    return attestations.stream()
        .filter(a -> a.predicateType().equals(predicateType))
        .collect(Collectors.toUnmodifiableList());
  }

  /** OpenVEX attestations: predicate type {@code https://openvex.dev/ns} or under it. */
  public List<FetchedAttestation> openVex() {
    return attestations.stream()
        .filter(
            a ->
                a.predicateType().equals("https://openvex.dev/ns")
                    || a.predicateType().startsWith("https://openvex.dev/ns/"))
        .collect(Collectors.toUnmodifiableList());
  }

  /** What went wrong on the way; empty when nothing did. */
  public List<String> problems() {
    return problems;
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
        + (problems.isEmpty() ? "" : ", " + problems.size() + " problem(s)")
        + "]";
  }
}
