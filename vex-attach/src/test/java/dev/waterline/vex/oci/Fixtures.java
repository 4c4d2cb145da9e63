package dev.waterline.vex.oci;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Attestation bytes written for these tests (signatures are placeholders: nothing verifies). */
public final class Fixtures {
  private Fixtures() {}

  public static final String OPENVEX = "https://openvex.dev/ns";
  public static final String OPENVEX_V020 = "https://openvex.dev/ns/v0.2.0";

  /** An in-toto v1 statement about {@code subject} with a tiny OpenVEX predicate. */
  public static byte[] statement(Digest subject, String predicateType, String note) {
    String json =
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"registry.test/app\","
            + "\"digest\":{\""
            + subject.algorithm()
            + "\":\""
            + subject.hex()
            + "\"}}],\"predicateType\":\""
            + predicateType
            + "\",\"predicate\":{\"@context\":\"https://openvex.dev/ns/v0.2.0\","
            + "\"@id\":\"https://waterline.test/vex/"
            + note
            + "\",\"author\":\"Test\",\"timestamp\":\"2026-11-26T00:00:00Z\",\"version\":1,"
            + "\"statements\":[{\"vulnerability\":{\"name\":\"CVE-2026-0001\"},\"products\":[{\"@id\":\"pkg:oci/app\"}],"
            + "\"status\":\"not_affected\",\"justification\":\"component_not_present\"}]}}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] dsse(byte[] statement) {
    String sig =
        Base64.getEncoder()
            .encodeToString(("sig:" + Digest.of(statement)).getBytes(StandardCharsets.UTF_8));
    return ("{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\""
            + Base64.getEncoder().encodeToString(statement)
            + "\",\"signatures\":[{\"keyid\":\"test-key\",\"sig\":\""
            + sig
            + "\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A key-based Sigstore bundle v0.3 around a DSSE envelope of {@code statement}. */
  public static byte[] bundle(byte[] statement) {
    String sig =
        Base64.getEncoder()
            .encodeToString(("sig:" + Digest.of(statement)).getBytes(StandardCharsets.UTF_8));
    return ("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\","
            + "\"verificationMaterial\":{\"publicKey\":{\"hint\":\"test-key\"},\"tlogEntries\":[]},"
            + "\"dsseEnvelope\":{\"payload\":\""
            + Base64.getEncoder().encodeToString(statement)
            + "\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\""
            + sig
            + "\",\"keyid\":\"\"}]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  public static Attestation bundleAttestation(Digest subject, String note) {
    return Attestation.of(bundle(statement(subject, OPENVEX, note)));
  }

  public static Attestation dsseAttestation(Digest subject, String note) {
    return Attestation.of(dsse(statement(subject, OPENVEX, note)));
  }

  public static Attestation statementAttestation(Digest subject, String note) {
    return Attestation.of(statement(subject, OPENVEX_V020, note));
  }

  /**
   * A bundle around an OpenVEX document {@code id} at {@code version}, by {@code author}, about
   * {@code product}, last updated at {@code time} (an ISO instant).
   */
  public static Attestation versionedBundle(
      Digest subject, String id, int version, String author, String time, String product) {
    String json =
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"registry.test/app\","
            + "\"digest\":{\"sha256\":\""
            + subject.hex()
            + "\"}}],\"predicateType\":\""
            + OPENVEX
            + "\",\"predicate\":{\"@context\":\"https://openvex.dev/ns/v0.2.0\","
            + "\"@id\":\"https://waterline.test/vex/"
            + id
            + "\",\"author\":\""
            + author
            + "\",\"timestamp\":\"2026-11-01T00:00:00Z\",\"last_updated\":\""
            + time
            + "\",\"version\":"
            + version
            + ",\"statements\":[{\"vulnerability\":{\"name\":\"CVE-2026-0001\"},\"products\":[{\"@id\":\""
            + product
            + "\"}],\"status\":\"not_affected\",\"justification\":\"component_not_present\"}]}}";
    return Attestation.of(bundle(json.getBytes(StandardCharsets.UTF_8)));
  }
}
