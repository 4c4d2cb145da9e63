package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttestationTest {
  static final Digest SUBJECT = Digest.of("image".getBytes(StandardCharsets.UTF_8));

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Nested
  class Detects {
    @Test
    void aSigstoreBundleAndTakesTheStatementOutOfItsEnvelope() {
      byte[] statement = Fixtures.statement(SUBJECT, Fixtures.OPENVEX, "x");
      Attestation a = Attestation.of(Fixtures.bundle(statement));
      assertThat(a.kind()).isEqualTo(AttestationKind.SIGSTORE_BUNDLE);
      assertThat(a.statement()).isEqualTo(statement);
      assertThat(a.predicateType()).isEqualTo(Fixtures.OPENVEX);
      assertThat(new String(a.envelope().orElseThrow(), StandardCharsets.UTF_8))
          .matches(
              "\\{\"payloadType\":\"application/vnd.in-toto\\+json\",\"payload\":\"[A-Za-z0-9+/=]+\","
                  + "\"signatures\":\\[\\{\"keyid\":\"\",\"sig\":\"[A-Za-z0-9+/=]+\"}]}");
    }

    @Test
    void theDigestsTheStatementIsAbout() {
      Digest sha512 = Digest.sha512Of(new byte[] {1});
      byte[] statement =
          utf8(
              "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":["
                  + "{\"name\":\"a\",\"digest\":{\"sha256\":\""
                  + SUBJECT.hex()
                  + "\",\"sha512\":\""
                  + sha512.hex()
                  + "\"}},{\"name\":\"b\",\"digest\":{\"gitCommit\":\"abc\"}},"
                  + "{\"name\":\"c\",\"digest\":{\"sha256\":\"not-hex\"}}],"
                  + "\"predicateType\":\"https://openvex.dev/ns\",\"predicate\":{}}");
      assertThat(Attestation.of(Fixtures.dsse(statement)).subjects())
          .containsExactly(SUBJECT, sha512);
    }

    @Test
    void aDsseEnvelopeWhoseEnvelopeIsItsOwnBytes() {
      byte[] envelope = Fixtures.dsse(Fixtures.statement(SUBJECT, Fixtures.OPENVEX_V020, "x"));
      Attestation a = Attestation.of(envelope);
      assertThat(a.kind()).isEqualTo(AttestationKind.DSSE_ENVELOPE);
      assertThat(a.envelope()).hasValueSatisfying(e -> assertThat(e).isEqualTo(envelope));
      assertThat(a.predicateType()).isEqualTo(Fixtures.OPENVEX_V020);
      assertThat(a.digest()).isEqualTo(Digest.of(envelope));
    }

    @Test
    void aBareStatementOfVersionZeroPointOne() {
      byte[] statement =
          utf8(
              "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":"
                  + "\"https://openvex.dev/ns\",\"subject\":[],\"predicate\":{}}");
      Attestation a = Attestation.of(statement);
      assertThat(a.kind()).isEqualTo(AttestationKind.IN_TOTO_STATEMENT);
      assertThat(a.statement()).isEqualTo(statement);
      assertThat(a.envelope()).isEmpty();
      assertThat(a.toString())
          .isEqualTo(
              "Attestation[IN_TOTO_STATEMENT predicateType=https://openvex.dev/ns "
                  + statement.length
                  + " bytes "
                  + Digest.of(statement)
                  + "]");
    }

    @Test
    void fromAFile(@TempDir Path dir) throws Exception {
      Path f = dir.resolve("att.json");
      Files.write(f, Fixtures.dsse(Fixtures.statement(SUBJECT, Fixtures.OPENVEX, "f")));
      assertThat(Attestation.read(f).kind()).isEqualTo(AttestationKind.DSSE_ENVELOPE);
    }
  }

  @Nested
  class Rejects {
    @Test
    void aMessageSignatureBundle() {
      byte[] b =
          utf8(
              "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\","
                  + "\"messageSignature\":{}}");
      assertThatThrownBy(() -> Attestation.of(b))
          .isInstanceOf(OciException.class)
          .hasMessage(
              "the attestation ("
                  + b.length
                  + " bytes) is not a valid attestation at /dsseEnvelope: the Sigstore bundle"
                  + " (application/vnd.dev.sigstore.bundle.v0.3+json) holds no DSSE envelope (a"
                  + " message signature is not an attestation)");
    }

    @Test
    void anEnvelopeOfAnotherPayloadType() {
      byte[] b = utf8("{\"payloadType\":\"text/plain\",\"payload\":\"aGk=\",\"signatures\":[]}");
      assertThatThrownBy(() -> Attestation.of(b))
          .hasMessageEndingWith(
              "is not a valid attestation at /payloadType: expected application/vnd.in-toto+json"
                  + " but was \"text/plain\"");
    }

    @Test
    void aPayloadThatIsNotBase64() {
      byte[] b =
          utf8(
              "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"%%%\","
                  + "\"signatures\":[]}");
      assertThatThrownBy(() -> Attestation.of(b))
          .hasMessageContaining(
              "is not a valid attestation at /payload: not valid standard base64");
    }

    @Test
    void aStatementWithoutPredicateType() {
      byte[] b = utf8("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[]}");
      assertThatThrownBy(() -> Attestation.of(b))
          .hasMessageEndingWith(
              "is not a valid attestation at /predicateType: the required \"predicateType\" is"
                  + " missing");
    }

    @Test
    void jsonThatIsNoAttestation() {
      assertThatThrownBy(() -> Attestation.of(utf8("{\"hello\":1}")))
          .hasMessageEndingWith(
              "not an attestation: expected a Sigstore bundle (\"mediaType\"), a DSSE envelope"
                  + " (\"payloadType\", \"payload\") or an in-toto statement (\"_type\")");
    }

    @Test
    void bytesOfTheWrongKindWhenAKindIsRequired() {
      byte[] statement = Fixtures.statement(SUBJECT, Fixtures.OPENVEX, "x");
      assertThatThrownBy(() -> Attestation.of(statement, AttestationKind.SIGSTORE_BUNDLE))
          .hasMessageEndingWith(
              "it is stored as application/vnd.dev.sigstore.bundle.v0.3+json but holds an in-toto"
                  + " statement");
    }

    @Test
    void aMissingFile(@TempDir Path dir) {
      assertThatThrownBy(() -> Attestation.read(dir.resolve("nope.json")))
          .isInstanceOf(dev.waterline.vex.UnreadableInputException.class)
          .hasMessage("cannot read " + dir.resolve("nope.json") + ": no such file");
    }

    @Test
    void aDeviceIsNotReadForever() {
      assertThatThrownBy(() -> Attestation.read(Path.of("/dev/zero")))
          .isInstanceOf(dev.waterline.vex.UnreadableInputException.class)
          .hasMessage("cannot read /dev/zero: it is a character device, not a regular file");
    }

    @Test
    void aFifoIsRefusedWithoutBlocking(@TempDir Path dir) throws Exception {
      Path fifo = dir.resolve("att.json");
      dev.waterline.vex.oci.internal.store.LayoutFilesTest.fifo(fifo);
      assertThatThrownBy(() -> Attestation.read(fifo))
          .hasMessage("cannot read " + fifo + ": it is a FIFO (named pipe), not a regular file");
    }

    @Test
    void aSparseHugeFileIsRefusedByItsSize(@TempDir Path dir) throws Exception {
      Path big = dir.resolve("att.json");
      try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
        f.setLength(3L << 30);
      }
      assertThatThrownBy(() -> Attestation.read(big))
          .hasMessage(
              "cannot read "
                  + big
                  + ": it is 3 GiB, larger than the 64 MiB limit for an attestation (raise it with"
                  + " -Dwaterline.limit.attestation=SIZE)");
    }
  }
}
