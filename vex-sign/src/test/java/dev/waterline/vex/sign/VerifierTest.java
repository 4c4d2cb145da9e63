package dev.waterline.vex.sign;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VerifierTest {
  private static final SigningKey KEY = Keys.generate();

  private static DsseEnvelope signed(SigningKey key) {
    return Attestations.of(TestDocs.document()).subject(TestDocs.IMAGE).sign(key);
  }

  private static VerificationResult verify(DsseEnvelope env, PublicKey... keys) {
    return Verifier.verify(env.toJsonBytes(), VerificationPolicy.keys(keys));
  }

  private static FailureReason reason(VerificationResult r) {
    assertThat(r.verified()).as(r.toString()).isFalse();
    return r.failure().orElseThrow().reason();
  }

  @Nested
  class Verified {
    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void roundTripsForEveryAlgorithm(KeyAlgorithm alg) {
      SigningKey key = alg == KeyAlgorithm.ECDSA_P256 ? KEY : Keys.generate(alg);
      VerificationResult r =
          Verifier.verify(
              signed(key).toJsonBytes(),
              VerificationPolicy.keys(key.publicKey()).subject(TestDocs.IMAGE));
      assertThat(r.verified()).as(r.toString()).isTrue();
      assertThat(r.signerKey()).contains(key.publicKey());
      assertThat(r.signer()).contains("key " + alg + " keyid=" + key.keyId());
      assertThat(r.subjects()).containsExactly(Subject.parse(TestDocs.IMAGE));
      assertThat(r.predicateType()).contains("https://openvex.dev/ns");
      assertThat(r.statement().orElseThrow().predicate()).isEqualTo(TestDocs.document());
      assertThat(r.failure()).isEmpty();
      assertThat(r.toString())
          .isEqualTo(
              "VerificationResult[verified: key "
                  + alg
                  + " keyid="
                  + key.keyId()
                  + ", subjects ["
                  + TestDocs.IMAGE
                  + "], predicateType https://openvex.dev/ns]");
    }

    @Test
    void acceptsAnyOfSeveralSignaturesAndKeys() {
      SigningKey other = Keys.generate(KeyAlgorithm.ED25519);
      SigningKey third = Keys.generate(KeyAlgorithm.ECDSA_P384);
      DsseEnvelope env = signed(other).sign(KEY);
      assertThat(env.signatures()).hasSize(2);
      assertThat(verify(env, KEY.publicKey()).signerKey()).contains(KEY.publicKey());
      assertThat(verify(env, third.publicKey(), other.publicKey()).signerKey())
          .contains(other.publicKey());
    }

    @Test
    void acceptsAnySignerBehindTheSpiAsAKmsWouldBe() {
      Signer kms =
          new Signer() {
            @Override
            public byte[] sign(byte[] message) {
              return KEY.sign(message);
            }

            @Override
            public PublicKey publicKey() {
              return KEY.publicKey();
            }
          };
      DsseEnvelope env = Attestations.of(TestDocs.document()).subject(TestDocs.IMAGE).sign(kms);
      assertThat(env.signatures().get(0).keyId()).isEqualTo(KEY.keyId());
      assertThat(verify(env, KEY.publicKey()).verified()).isTrue();
    }

    @Test
    void aPolicyNeedsAKey() {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> VerificationPolicy.keys(List.of()))
          .hasMessage("a key-based verification policy needs at least one public key");
    }

    @Test
    void usesKeyIdsOnlyAsHints() {
      DsseEnvelope env = signed(KEY);
      DsseSignature s = env.signatures().get(0);
      DsseEnvelope relabelled =
          DsseEnvelope.of(env.payloadType(), env.payload(), List.of(DsseSignature.of("", s.sig())));
      assertThat(verify(relabelled, KEY.publicKey()).verified()).isTrue();
    }

    @Test
    void verifiesTheOpensslMadeSharedEnvelopesWithNonAsciiPayload() throws Exception {
      Path dir = Shared.fixtures("plain-key");
      PublicKey pub = PublicKey.read(dir.resolve("pub.pem"));
      for (String name : new String[] {"envelope.json", "envelope-ascii.json"}) {
        VerificationResult r =
            Verifier.verify(
                Files.readAllBytes(dir.resolve(name)),
                VerificationPolicy.keys(pub)
                    .subject(
                        "artifact.txt@sha256:f43e7cfabcb75cf1348ad58fb4d5a212d2853e7cd4345e4dda2be6cb43d0f83f"));
        assertThat(r.verified()).as(name + ": " + r).isTrue();
        assertThat(r.predicateType()).contains("https://openvex.dev/ns/v0.2.0");
      }
    }
  }

  @Nested
  class NotVerified {
    @Test
    void tamperedPayloadIsABadSignature() {
      DsseEnvelope env = signed(KEY);
      byte[] payload = env.payload();
      payload[payload.length - 3] ^= 1;
      DsseEnvelope tampered = DsseEnvelope.of(env.payloadType(), payload, env.signatures());
      VerificationResult r = verify(tampered, KEY.publicKey());
      assertThat(reason(r)).isEqualTo(FailureReason.BAD_SIGNATURE);
      assertThat(r.failure().orElseThrow().message())
          .isEqualTo(
              "the signature by trusted key "
                  + KEY.keyId()
                  + " does not match the payload and payload type (altered or truncated)");
    }

    @Test
    void tamperedPayloadTypeIsABadSignature() {
      DsseEnvelope env = signed(KEY);
      DsseEnvelope tampered =
          DsseEnvelope.of("application/vnd.in-toto+jsox", env.payload(), env.signatures());
      assertThat(reason(verify(tampered, KEY.publicKey()))).isEqualTo(FailureReason.BAD_SIGNATURE);
    }

    @Test
    void signedOtherPayloadTypeIsAWrongPayloadType() {
      DsseEnvelope env = DsseEnvelope.of("application/json", signed(KEY).payload()).sign(KEY);
      VerificationResult r = verify(env, KEY.publicKey());
      assertThat(reason(r)).isEqualTo(FailureReason.WRONG_PAYLOAD_TYPE);
      assertThat(r.failure().orElseThrow().message())
          .isEqualTo(
              "expected payload type 'application/vnd.in-toto+json' but the signed envelope has"
                  + " 'application/json'");
    }

    @Test
    void wrongKeyOfTheSameAlgorithmIsAnUnknownKey() {
      PublicKey other = Keys.generate().publicKey();
      VerificationResult r = verify(signed(KEY), other);
      assertThat(reason(r)).isEqualTo(FailureReason.UNKNOWN_KEY);
      assertThat(r.failure().orElseThrow().message())
          .isEqualTo(
              "signed by keyid "
                  + KEY.keyId()
                  + ", which is none of the trusted keys [ECDSA_P256 keyid="
                  + other.keyId()
                  + "]");
    }

    @Test
    void keyOfAnotherAlgorithmIsAWrongKeyAlgorithm() {
      PublicKey ed = Keys.generate(KeyAlgorithm.ED25519).publicKey();
      PublicKey rsa = Keys.generate(KeyAlgorithm.RSA_3072).publicKey();
      assertThat(reason(verify(signed(KEY), ed))).isEqualTo(FailureReason.WRONG_KEY_ALGORITHM);
      assertThat(reason(verify(signed(KEY), rsa))).isEqualTo(FailureReason.WRONG_KEY_ALGORITHM);
      SigningKey p384 = Keys.generate(KeyAlgorithm.ECDSA_P384);
      VerificationResult r = verify(signed(p384), KEY.publicKey());
      assertThat(reason(r)).isEqualTo(FailureReason.WRONG_KEY_ALGORITHM);
      assertThat(r.failure().orElseThrow().message())
          .isEqualTo(
              "the signature (keyid "
                  + p384.keyId()
                  + ") is not of the algorithm of any trusted key [ECDSA_P256 keyid="
                  + KEY.keyId()
                  + "]");
      SigningKey edKey = Keys.generate(KeyAlgorithm.ED25519);
      assertThat(reason(verify(signed(edKey), KEY.publicKey())))
          .isEqualTo(FailureReason.WRONG_KEY_ALGORITHM);
    }

    @Test
    void truncatedSignatureIsABadSignature() {
      DsseEnvelope env = signed(KEY);
      byte[] sig = env.signatures().get(0).sig();
      DsseEnvelope truncated =
          DsseEnvelope.of(
              env.payloadType(),
              env.payload(),
              List.of(DsseSignature.of(KEY.keyId(), Arrays.copyOf(sig, sig.length - 5))));
      assertThat(reason(verify(truncated, KEY.publicKey()))).isEqualTo(FailureReason.BAD_SIGNATURE);
    }

    @Test
    void invalidBase64IsMalformed() {
      String json = new String(signed(KEY).toJsonBytes(), UTF_8);
      String sig = Base64.getEncoder().encodeToString(signed(KEY).signatures().get(0).sig());
      String broken =
          json.replaceFirst("\"sig\":\"[^\"]+\"", "\"sig\":\"" + sig.substring(1) + "\"");
      VerificationResult r =
          Verifier.verify(broken.getBytes(UTF_8), VerificationPolicy.keys(KEY.publicKey()));
      assertThat(reason(r)).isEqualTo(FailureReason.MALFORMED);
      assertThat(r.failure().orElseThrow().message())
          .isEqualTo(
              "DSSE envelope: /signatures/0/sig is not valid base64 (expected standard padded"
                  + " base64, RFC 4648 section 4)");
    }

    @Test
    void noSignaturesIsNoSignatures() {
      DsseEnvelope env = DsseEnvelope.of(signed(KEY).payloadType(), signed(KEY).payload());
      VerificationResult r = verify(env, KEY.publicKey());
      assertThat(reason(r)).isEqualTo(FailureReason.NO_SIGNATURES);
      assertThat(r)
          .hasToString(
              "VerificationResult[NOT verified: NO_SIGNATURES: the DSSE envelope has no signatures]");
    }

    @Test
    void otherSubjectDigestIsASubjectMismatch() {
      String other = "registry.local/app@sha256:" + "0".repeat(64);
      VerificationResult r =
          Verifier.verify(
              signed(KEY).toJsonBytes(), VerificationPolicy.keys(KEY.publicKey()).subject(other));
      assertThat(reason(r)).isEqualTo(FailureReason.SUBJECT_MISMATCH);
      assertThat(r.failure().orElseThrow().message())
          .isEqualTo(
              "expected a subject with digest sha256:"
                  + "0".repeat(64)
                  + " ("
                  + other
                  + ") but the statement names ["
                  + TestDocs.IMAGE
                  + "]");
      assertThat(r.subjects()).isEmpty();
      assertThat(r.statement()).isEmpty();
    }

    @Test
    void signedPayloadThatIsNoStatementIsMalformed() {
      DsseEnvelope env =
          DsseEnvelope.of(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, "{}".getBytes(UTF_8)).sign(KEY);
      assertThat(reason(verify(env, KEY.publicKey()))).isEqualTo(FailureReason.MALFORMED);
    }

    @Test
    void requiringATransparencyLogFailsForABareEnvelope() {
      VerificationResult r =
          Verifier.verify(
              signed(KEY).toJsonBytes(),
              VerificationPolicy.keys(KEY.publicKey()).requireTransparencyLog(true));
      assertThat(reason(r)).isEqualTo(FailureReason.MISSING_TLOG_ENTRY);
    }

    @Test
    void notJsonIsMalformed() {
      VerificationResult r =
          Verifier.verify("{".getBytes(UTF_8), VerificationPolicy.keys(KEY.publicKey()));
      assertThat(reason(r)).isEqualTo(FailureReason.MALFORMED);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void garbageSignaturesOfAnyLengthAreRejectedWithoutExceptions(KeyAlgorithm alg) {
      PublicKey key =
          alg == KeyAlgorithm.ECDSA_P256 ? KEY.publicKey() : Keys.generate(alg).publicKey();
      java.util.Random random = new java.util.Random(42);
      for (int len : new int[] {0, 1, 8, 63, 64, 65, 70, 72, 104, 384, 512, 600}) {
        byte[] sig = new byte[len];
        random.nextBytes(sig);
        if (len > 2) {
          sig[0] = 0x30;
          sig[1] = (byte) (len - 2);
        }
        assertThat(key.verify("m".getBytes(UTF_8), sig)).as(alg + " len " + len).isFalse();
      }
    }

    @Test
    void sigstoreBundlesGoToTheBundleVerifier() {
      String bundle = "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\"}";
      VerificationResult r =
          Verifier.verify(bundle.getBytes(UTF_8), VerificationPolicy.keys(KEY.publicKey()));
      assertThat(r.verified()).isFalse();
    }
  }
}
