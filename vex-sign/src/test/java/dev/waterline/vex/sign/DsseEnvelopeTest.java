package dev.waterline.vex.sign;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.VexException;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DsseEnvelopeTest {

  @Nested
  class Pae {
    @Test
    void matchesTheSpecVector() {
      byte[] pae = DsseEnvelope.pae("http://example.com/HelloWorld", "hello world".getBytes(UTF_8));
      assertThat(new String(pae, UTF_8))
          .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    }

    @Test
    void countsUtf8BytesNotCharsForNonAsciiPayloads() {
      // "é" is 2 UTF-8 bytes (0xC3 0xA9), "€" 3 bytes, "😀" 4 bytes: 9 bytes, 4 Java chars + 1.
      byte[] payload = "é€😀".getBytes(UTF_8);
      assertThat(payload).hasSize(9);
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      expected.writeBytes(
          new byte[] {
            'D', 'S', 'S', 'E', 'v', '1', ' ', '1', '0', ' ', 't', 'e', 'x', 't', '/', 'p', 'l',
            'a', 'i', 'n', ' ', '9', ' '
          });
      expected.writeBytes(
          new byte[] {
            (byte) 0xC3,
            (byte) 0xA9,
            (byte) 0xE2,
            (byte) 0x82,
            (byte) 0xAC,
            (byte) 0xF0,
            (byte) 0x9F,
            (byte) 0x98,
            (byte) 0x80
          });
      assertThat(DsseEnvelope.pae("text/plain", payload)).isEqualTo(expected.toByteArray());
    }

    @Test
    void countsUtf8BytesOfTheTypeToo() {
      byte[] pae = DsseEnvelope.pae("tÿpe", new byte[0]);
      assertThat(new String(pae, UTF_8)).isEqualTo("DSSEv1 5 tÿpe 0 ");
    }

    @Test
    void matchesTheSharedInTotoVectorByteForByte() throws Exception {
      var dir = Shared.fixtures("plain-key");
      byte[] payload = java.nio.file.Files.readAllBytes(dir.resolve("payload.json"));
      byte[] expected = java.nio.file.Files.readAllBytes(dir.resolve("pae.txt"));
      assertThat(DsseEnvelope.pae(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, payload)).isEqualTo(expected);
    }
  }

  @Nested
  class Json {
    @Test
    void writesCompactJsonInFixedOrderWithStandardPaddedBase64() {
      DsseEnvelope env =
          DsseEnvelope.of(
              "t",
              new byte[] {(byte) 0xfb, (byte) 0xff},
              java.util.List.of(DsseSignature.of("k", new byte[] {(byte) 0xff, 1})));
      assertThat(env.toJson())
          .isEqualTo(
              "{\"payloadType\":\"t\",\"payload\":\"+/8=\",\"signatures\":[{\"keyid\":\"k\",\"sig\":\"/wE=\"}]}");
    }

    @Test
    void escapesTypeAndKeyIdAsAsciiJson() {
      DsseEnvelope env =
          DsseEnvelope.of(
              "a\"é", new byte[0], java.util.List.of(DsseSignature.of("k\\\n", new byte[0])));
      assertThat(env.toJson())
          .isEqualTo(
              "{\"payloadType\":\"a\\\"\\u00E9\",\"payload\":\"\",\"signatures\":[{\"keyid\":\"k\\\\\\n\",\"sig\":\"\"}]}");
      assertThat(DsseEnvelope.parse(env.toJsonBytes())).isEqualTo(env);
    }

    @Test
    void roundTrips() {
      SigningKey key = Keys.generate();
      DsseEnvelope env = DsseEnvelope.of("a/b", "x".getBytes(UTF_8)).sign(key).sign(key);
      assertThat(DsseEnvelope.parse(env.toJsonBytes())).isEqualTo(env);
    }

    @Test
    void readsAMissingKeyidAsEmptyAndIgnoresUnknownFields() {
      DsseEnvelope env =
          DsseEnvelope.parse(
              "{\"payload\":\"eA==\",\"payloadType\":\"t\",\"x\":1,\"signatures\":[{\"sig\":\"AQ==\"}]}");
      assertThat(env.signatures()).containsExactly(DsseSignature.of("", new byte[] {1}));
    }

    @Test
    void acceptsUrlSafeBase64AsDsseRequires() {
      DsseEnvelope env =
          DsseEnvelope.parse("{\"payload\":\"-_8\",\"payloadType\":\"t\",\"signatures\":[]}");
      assertThat(env.payload()).containsExactly(0xfb, 0xff);
    }

    @Test
    void rejectsInvalidBase64InThePayloadNamingThePointer() {
      assertThatThrownBy(
              () ->
                  DsseEnvelope.parse(
                      "{\"payload\":\"e!A=\",\"payloadType\":\"t\",\"signatures\":[]}"))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "DSSE envelope: /payload is not valid base64 (expected standard padded base64,"
                  + " RFC 4648 section 4)");
    }

    @Test
    void rejectsUnpaddedStandardBase64InASignature() {
      assertThatThrownBy(
              () ->
                  DsseEnvelope.parse(
                      "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AQ\"}]}"))
          .hasMessageStartingWith("DSSE envelope: /signatures/0/sig is not valid base64");
    }

    @Test
    void rejectsAMissingPayloadType() {
      assertThatThrownBy(() -> DsseEnvelope.parse("{\"payload\":\"\",\"signatures\":[]}"))
          .hasMessage("DSSE envelope: /payloadType must be a string but is missing");
    }

    @Test
    void rejectsSomethingThatIsNotJson() {
      assertThatThrownBy(() -> DsseEnvelope.parse("not json"))
          .isInstanceOf(VexException.class)
          .hasMessageStartingWith("expected JSON in the DSSE envelope but");
    }
  }

  @Nested
  class Signing {
    @Test
    void addsOneSignatureWithTheKeyIdPerSigner() {
      SigningKey a = Keys.generate();
      SigningKey b = Keys.generate(KeyAlgorithm.ED25519);
      DsseEnvelope env = DsseEnvelope.of("t", "p".getBytes(UTF_8)).sign(a).sign(b);
      assertThat(env.signatures())
          .extracting(DsseSignature::keyId)
          .containsExactly(a.keyId(), b.keyId());
      for (int i = 0; i < 2; i++) {
        PublicKey k = (i == 0 ? a : b).publicKey();
        assertThat(k.verify(env.pae(), env.signatures().get(i).sig())).isTrue();
      }
    }

    @Test
    void keyIdIsBase64OfSha256OfTheSpki() throws Exception {
      SigningKey key = Keys.generate();
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256").digest(key.publicKey().der());
      assertThat(key.keyId()).isEqualTo(Base64.getEncoder().encodeToString(digest));
    }

    @Test
    void printsTypeSizeAndKeyIds() {
      DsseEnvelope env = DsseEnvelope.of("t", new byte[3]).sign(Keys.generate());
      assertThat(env.toString()).startsWith("DsseEnvelope[t, 3 bytes, 1 signature keyid=");
    }
  }
}
