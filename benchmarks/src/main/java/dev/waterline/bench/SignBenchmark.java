package dev.waterline.bench;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.sign.DsseEnvelope;
import dev.waterline.vex.sign.InTotoStatement;
import dev.waterline.vex.sign.KeyAlgorithm;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.sign.Subject;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.Verifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing and verifying an OpenVEX attestation with ECDSA P-256: our envelope creation (PAE,
 * signature, base64, JSON) against raw JCA {@code SHA256withECDSA} over the same PAE bytes, for a
 * payload already serialised (10 KB and 1 MB predicates). Verification is measured both as the full
 * path (JSON envelope in, statement parsed out) and as the signature check alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignBenchmark {
  /** Target predicate size. */
  @Param({"10KB", "1MB"})
  public String size = "10KB";

  private SigningKey key;
  private VerificationPolicy policy;
  private byte[] payload;
  private byte[] pae;
  private byte[] envelopeJson;
  private DsseEnvelope envelope;
  private byte[] rawSignature;

  /** Builds the statement once: its payload is the input of every benchmark. */
  @Setup
  public void setUp() throws GeneralSecurityException {
    int target = size.toUpperCase(Locale.ROOT).equals("1MB") ? 1 << 20 : 10 * 1024;
    key = Keys.generate(KeyAlgorithm.ECDSA_P256);
    policy = VerificationPolicy.keys(key.publicKey());
    String digest = "a".repeat(64);
    Subject subject = Subject.of("registry.local/app", digest);
    payload = statementOfSize(target, subject).toPayload();
    pae = DsseEnvelope.pae(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, payload);
    envelope = DsseEnvelope.of(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, payload).sign(key);
    envelopeJson = envelope.toJsonBytes();
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(privateKeyOf(key));
    s.update(pae);
    rawSignature = s.sign();
    // The yardstick must produce an envelope of the same shape that verifies.
    if (!Verifier.verify(rawJcaEnvelope(), policy).verified()
        || rawJcaEnvelope().length != envelopeJson.length) {
      throw new IllegalStateException("the raw JCA envelope differs from ours");
    }
    if (!Verifier.verify(envelopeJson, policy).verified()) {
      throw new IllegalStateException("the benchmark envelope does not verify");
    }
  }

  private static java.security.PrivateKey privateKeyOf(SigningKey key)
      throws GeneralSecurityException {
    byte[] der =
        java.util.Base64.getMimeDecoder()
            .decode(Keys.toPrivatePem(key).replaceAll("-----[A-Z ]+-----", ""));
    return java.security.KeyFactory.getInstance("EC")
        .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
  }

  private static InTotoStatement statementOfSize(int target, Subject subject) {
    VexDocument.Builder doc =
        Vex.document("Acme Security <psirt@acme.example>")
            .id("https://example.com/vex/bench")
            .timestamp(Instant.parse("2026-01-01T00:00:00Z"));
    int n = 0;
    int perStatement = 330;
    while (n * perStatement < target) {
      doc.statement(
          Vex.notAffected(
                  String.format(Locale.ROOT, "CVE-2024-%05d", n),
                  "pkg:oci/app@sha256%3A" + subject.sha256().orElseThrow())
              .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH));
      n++;
    }
    return InTotoStatement.of(doc.buildLenient(), subject);
  }

  /** Our envelope creation: PAE, ECDSA signature, base64 and envelope JSON. */
  @Benchmark
  public byte[] signEnvelope() {
    return DsseEnvelope.of(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, payload).sign(key).toJsonBytes();
  }

  /** Our envelope creation without the JSON: PAE and ECDSA signature. */
  @Benchmark
  public DsseEnvelope signOnly() {
    return DsseEnvelope.of(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, payload).sign(key);
  }

  /** Raw JCA SHA256withECDSA over the same PAE bytes. */
  @Benchmark
  public byte[] rawJcaSign() throws GeneralSecurityException {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(privateKeyOfCached());
    s.update(pae);
    return s.sign();
  }

  /**
   * The raw JCA equivalent of {@link #signEnvelope}, the yardstick for issue 3's overhead target
   * (envelope creation: PAE, signature, base64, on an already-serialised payload): PAE built by
   * hand, JCA {@code SHA256withECDSA}, JDK base64 of the payload and the signature, and the same
   * compact envelope JSON assembled by hand.
   */
  @Benchmark
  public byte[] rawJcaEnvelope() throws GeneralSecurityException {
    byte[] type = DsseEnvelope.IN_TOTO_PAYLOAD_TYPE.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("DSSEv1 "
                + type.length
                + " "
                + DsseEnvelope.IN_TOTO_PAYLOAD_TYPE
                + " "
                + payload.length
                + " ")
            .getBytes(StandardCharsets.UTF_8);
    byte[] paeBytes = Arrays.copyOf(head, head.length + payload.length);
    System.arraycopy(payload, 0, paeBytes, head.length, payload.length);
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(privateKeyOfCached());
    s.update(paeBytes);
    byte[] sig = s.sign();
    Base64.Encoder b64 = Base64.getEncoder();
    byte[] body = b64.encode(payload);
    byte[] sig64 = b64.encode(sig);
    byte[] a =
        ("{\"payloadType\":\"" + DsseEnvelope.IN_TOTO_PAYLOAD_TYPE + "\",\"payload\":\"")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] b =
        ("\",\"signatures\":[{\"keyid\":\"" + key.keyId() + "\",\"sig\":\"")
            .getBytes(StandardCharsets.UTF_8);
    byte[] c = "\"}]}".getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[a.length + body.length + b.length + sig64.length + c.length];
    int at = 0;
    for (byte[] part : new byte[][] {a, body, b, sig64, c}) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  private java.security.PrivateKey cachedPrivate;

  private java.security.PrivateKey privateKeyOfCached() throws GeneralSecurityException {
    if (cachedPrivate == null) {
      cachedPrivate = privateKeyOf(key);
    }
    return cachedPrivate;
  }

  /** Full verification: envelope JSON in, signature, payload type, statement parsed. */
  @Benchmark
  public VerificationResult verifyEnvelopeJson() {
    return Verifier.verify(envelopeJson, policy);
  }

  /** Verification of an envelope already parsed (signature, payload type, statement). */
  @Benchmark
  public VerificationResult verifyEnvelope() {
    return Verifier.verify(envelope, policy);
  }

  /** Our signature check alone: PAE and {@code PublicKey.verify}. */
  @Benchmark
  public boolean verifySignatureOnly() {
    return key.publicKey().verify(envelope.pae(), envelope.signatures().get(0).sig());
  }

  /** Raw JCA SHA256withECDSA verification over the same PAE bytes. */
  @Benchmark
  public boolean rawJcaVerify() throws GeneralSecurityException {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initVerify(key.publicKey().toJca());
    s.update(pae);
    return s.verify(rawSignature);
  }
}
