package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The front door for signing: {@code Attestations.of(doc).subject("registry.local/app@sha256:…")
 * .sign(key)} gives a DSSE envelope holding an in-toto Statement v1 whose predicate is the
 * document. Immutable; each method returns a new value.
 */
@API(status = STABLE, since = "0.1.0")
public final class Attestations {
  private final VexDocument document;
  private final List<Subject> subjects;
  private final String predicateType;

  private Attestations(VexDocument document, List<Subject> subjects, String predicateType) {
    this.document = document;
    this.subjects = List.copyOf(subjects);
    this.predicateType = predicateType;
  }

  /**
   * Starts an attestation of an OpenVEX document (predicate type {@code https://openvex.dev/ns}).
   */
  public static Attestations of(VexDocument document) {
    return new Attestations(document, List.of(), InTotoStatement.PREDICATE_TYPE_OPENVEX);
  }

  /**
   * Adds a subject given as {@code REPOSITORY@sha256:<hex>}.
   *
   * @throws VexException when it has no digest (the message says how to get one)
   */
  public Attestations subject(String imageAtDigest) {
    return subject(Subject.parse(imageAtDigest));
  }

  /**
   * Adds a subject. One already added (the same name and digests) is not added again: a statement
   * lists each artifact once.
   */
  public Attestations subject(Subject subject) {
    if (subjects.contains(subject)) {
      return this;
    }
    List<Subject> more = new ArrayList<>(subjects);
    more.add(subject);
    return new Attestations(document, more, predicateType);
  }

  /** Uses another predicate type, e.g. {@link InTotoStatement#PREDICATE_TYPE_OPENVEX_V0_2_0}. */
  public Attestations predicateType(String uri) {
    if (uri.isBlank()) {
      throw new VexException("the predicate type must not be blank");
    }
    return new Attestations(document, subjects, uri);
  }

  /** The in-toto statement that will be signed. */
  public InTotoStatement statement() {
    return InTotoStatement.of(document, subjects).withPredicateType(predicateType);
  }

  /** Signs the statement into a DSSE envelope. */
  public DsseEnvelope sign(Signer signer) {
    return DsseEnvelope.of(statement()).sign(signer);
  }

  /**
   * Signs the statement and wraps the envelope in a key-based Sigstore bundle v0.3 ({@code
   * publicKey.hint} = the signer's key id, no transparency-log entry).
   */
  public SigstoreBundle signBundle(Signer signer) {
    return SigstoreBundle.ofKeySigned(sign(signer), signer.publicKey());
  }

  /** For example {@code Attestations.of(VexDocument[…]).subject(…).predicateType(…)}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Attestations.of(").append(document).append(')');
    for (Subject s : subjects) {
      b.append(".subject(").append(s).append(')');
    }
    if (!predicateType.equals(InTotoStatement.PREDICATE_TYPE_OPENVEX)) {
      b.append(".predicateType(").append(predicateType).append(')');
    }
    return b.toString();
  }
}
