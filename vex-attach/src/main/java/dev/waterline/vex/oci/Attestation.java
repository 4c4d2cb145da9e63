package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.oci.internal.attach.Envelopes;
import dev.waterline.vex.sign.DsseEnvelope;
import dev.waterline.vex.sign.SigstoreBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An attestation as bytes: a Sigstore bundle, a DSSE envelope or a bare in-toto statement, with the
 * predicate type of the statement inside. This module stores and finds the bytes; checking the
 * signature is vex-sign's job.
 *
 * <pre>{@code
 * var att = Attestation.read(Path.of("vex.sigstore.json"));   // kind detected from the content
 * att.kind();            // SIGSTORE_BUNDLE
 * att.predicateType();   // https://openvex.dev/ns
 * }</pre>
 */
@API(status = STABLE, since = "0.1.0")
public final class Attestation {
  private final AttestationKind kind;
  private final byte[] bytes;
  private final byte[] statement;
  private final String predicateType;
  private final List<Digest> subjects;
  private final byte @Nullable [] envelope;
  private final Digest digest;

  private Attestation(Envelopes.Inspected inspected, byte[] bytes) {
    this.kind = inspected.kind();
    this.bytes = bytes.clone();
    this.statement = inspected.statement().clone();
    this.predicateType = inspected.predicateType();
    this.subjects = List.copyOf(inspected.subjects());
    this.envelope = inspected.envelope() == null ? null : inspected.envelope().clone();
    this.digest = Digest.of(bytes);
  }

  /**
   * Reads attestation bytes, detecting the kind: a Sigstore bundle ({@code mediaType} {@code
   * application/vnd.dev.sigstore.bundle…} with a {@code dsseEnvelope}), a DSSE envelope ({@code
   * payloadType} {@code application/vnd.in-toto+json}) or an in-toto statement ({@code _type}).
   *
   * @throws OciException saying what is missing or wrong, with a JSON pointer
   */
  public static Attestation of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new Attestation(
        Envelopes.inspect(bytes, "the attestation (" + bytes.length + " bytes)"), bytes);
  }

  /** Like {@link #of(byte[])}, but the bytes must be of {@code kind}. */
  public static Attestation of(byte[] bytes, AttestationKind kind) {
    Objects.requireNonNull(bytes, "bytes");
    return new Attestation(
        Envelopes.inspect(bytes, "the attestation (" + bytes.length + " bytes)", kind), bytes);
  }

  /** A signed DSSE envelope made by vex-sign ({@code Attestations.of(doc)…sign(key)}). */
  public static Attestation of(DsseEnvelope envelope) {
    Objects.requireNonNull(envelope, "envelope");
    return of(envelope.toJson().getBytes(StandardCharsets.UTF_8), AttestationKind.DSSE_ENVELOPE);
  }

  /** A Sigstore bundle made by vex-sign ({@code …signBundle(key)} or keyless signing). */
  public static Attestation of(SigstoreBundle bundle) {
    Objects.requireNonNull(bundle, "bundle");
    return of(bundle.toJson().getBytes(StandardCharsets.UTF_8), AttestationKind.SIGSTORE_BUNDLE);
  }

  /**
   * Reads an attestation file through the bounded reader (a regular file of at most the attestation
   * limit, {@code docs/security.md}); see {@link #of(byte[])}.
   *
   * @throws dev.waterline.vex.UnreadableInputException when the file cannot be read
   */
  public static Attestation read(Path file) {
    byte[] bytes = Inputs.read(file, InputKind.ATTESTATION);
    return new Attestation(Envelopes.inspect(bytes, "the attestation file " + file), bytes);
  }

  /** Package-private: bytes already inspected (by fetch) as {@code what}. */
  static Attestation inspect(byte[] bytes, String what, AttestationKind kind) {
    return new Attestation(Envelopes.inspect(bytes, what, kind), bytes);
  }

  /** Bundle, envelope or statement. */
  public AttestationKind kind() {
    return kind;
  }

  /** The exact bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The SHA-256 digest of the bytes (the layer digest when stored). */
  public Digest digest() {
    return digest;
  }

  /**
   * The in-toto statement: the decoded DSSE payload for a bundle or an envelope (exactly as
   * signed), the bytes themselves for a bare statement.
   */
  public byte[] statement() {
    return statement.clone();
  }

  /** The statement's {@code predicateType}, e.g. {@code https://openvex.dev/ns}. */
  public String predicateType() {
    return predicateType;
  }

  /**
   * The digests the statement is about ({@code subject[].digest}, sha256 and sha512), e.g. the
   * image manifest or index digest it was made for.
   */
  public List<Digest> subjects() {
    return subjects;
  }

  /**
   * The DSSE envelope as cosign's {@code .att} layers hold it: the bytes of an envelope, or the
   * envelope taken out of a bundle (compact JSON: payloadType, payload, signatures with keyid and
   * sig); empty for a bare statement.
   */
  public Optional<byte[]> envelope() {
    if (envelope == null) {
      return Optional.empty();
    }
    return Optional.of(kind == AttestationKind.DSSE_ENVELOPE ? bytes.clone() : envelope.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attestation && Arrays.equals(bytes, ((Attestation) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Attestation["
        + kind
        + " predicateType="
        + predicateType
        + " "
        + bytes.length
        + " bytes "
        + digest
        + "]";
  }
}
