package dev.waterline.vex.sign;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.VexException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeysTest {
  private static final byte[] MESSAGE = "DSSEv1 1 t 1 é".getBytes(UTF_8);

  @Nested
  class Generate {
    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void signsAndVerifiesWithEveryAlgorithm(KeyAlgorithm alg) {
      SigningKey key = Keys.generate(alg);
      assertThat(key.algorithm()).isEqualTo(alg);
      byte[] sig = key.sign(MESSAGE);
      assertThat(key.publicKey().verify(MESSAGE, sig)).isTrue();
      byte[] other = MESSAGE.clone();
      other[0] ^= 1;
      assertThat(key.publicKey().verify(other, sig)).isFalse();
    }

    @Test
    void defaultsToEcdsaP256WithDerSignatures() {
      SigningKey key = Keys.generate();
      assertThat(key.algorithm()).isEqualTo(KeyAlgorithm.ECDSA_P256);
      assertThat(key.sign(MESSAGE)[0]).isEqualTo((byte) 0x30);
    }

    @Test
    void makesEd25519SignaturesOf64RawBytesAndRsaOfTheModulusSize() {
      assertThat(Keys.generate(KeyAlgorithm.ED25519).sign(MESSAGE)).hasSize(64);
      assertThat(Keys.generate(KeyAlgorithm.RSA_3072).sign(MESSAGE)).hasSize(384);
    }
  }

  @Nested
  class Pem {
    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void roundTripsPkcs8AndSpkiForEveryAlgorithm(KeyAlgorithm alg) {
      SigningKey key = Keys.generate(alg);
      String privatePem = Keys.toPrivatePem(key);
      assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n");
      SigningKey back = Keys.parsePrivatePem(privatePem);
      assertThat(back.publicKey()).isEqualTo(key.publicKey());
      assertThat(key.publicKey().verify(MESSAGE, back.sign(MESSAGE))).isTrue();
      String pub = key.publicKey().toPem();
      assertThat(pub)
          .startsWith("-----BEGIN PUBLIC KEY-----\n")
          .endsWith("-----END PUBLIC KEY-----\n");
      assertThat(PublicKey.parsePem(pub)).isEqualTo(key.publicKey());
    }

    @Test
    void rejectsASec1PemWithAHint() {
      String sec1 = "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n";
      assertThatThrownBy(() -> Keys.parsePrivatePem(sec1))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "the PEM text holds a SEC1 'EC PRIVATE KEY'; expected PKCS#8 'PRIVATE KEY' (convert"
                  + " it with 'openssl pkcs8 -topk8 -nocrypt')");
    }

    @Test
    void rejectsAPublicKeyWhereAPrivateKeyIsExpected() {
      String pub = Keys.generate().publicKey().toPem();
      assertThatThrownBy(() -> Keys.parsePrivatePem(pub))
          .hasMessage("expected a 'PRIVATE KEY' PEM block in the PEM text but found 'PUBLIC KEY'");
    }

    @Test
    void rejectsTextWithoutPem() {
      assertThatThrownBy(() -> PublicKey.parsePem("hello"))
          .hasMessage("expected a PEM block (-----BEGIN …-----) in the PEM text but found none");
    }

    @Test
    void rejectsAPkcs8KeyOfAnUnsupportedAlgorithmNamingItsOid() throws Exception {
      var gen = java.security.KeyPairGenerator.getInstance("DSA");
      gen.initialize(2048);
      byte[] der = gen.generateKeyPair().getPrivate().getEncoded();
      String pem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder().encodeToString(der)
              + "\n-----END PRIVATE KEY-----\n";
      assertThatThrownBy(() -> Keys.parsePrivatePem(pem))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "unsupported key algorithm (OID 1.2.840.10040.4.1) in the PEM text; expected ECDSA,"
                  + " Ed25519 or RSA");
    }

    @Test
    void rejectsRsaKeysShorterThan3072Bits() throws Exception {
      var gen = java.security.KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      var pair = gen.generateKeyPair();
      assertThatThrownBy(() -> PublicKey.of(pair.getPublic()))
          .hasMessage("unsupported RSA key of 2048 bits; expected 3072 or 4096 bits");
    }

    @Test
    void writesPrivateKeysWithMode0600AndRefusesToOverwrite(@TempDir Path dir) throws Exception {
      assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX");
      SigningKey key = Keys.generate();
      Path file = dir.resolve("key.pem");
      Keys.writePrivatePem(key, file);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(Keys.readPrivatePem(file).publicKey()).isEqualTo(key.publicKey());
      assertThatThrownBy(() -> Keys.writePrivatePem(key, file))
          .isExactlyInstanceOf(dev.waterline.vex.VexException.class)
          .hasMessage("not overwriting " + file + ": the file exists (remove it first)");
    }

    @Test
    void writesAndReadsPublicKeyFiles(@TempDir Path dir) {
      SigningKey key = Keys.generate(KeyAlgorithm.ECDSA_P384);
      Path file = dir.resolve("k.pub");
      Keys.writePublicPem(key.publicKey(), file);
      assertThat(PublicKey.read(file)).isEqualTo(key.publicKey());
    }

    @Test
    @SuppressWarnings("removal")
    void theDeprecatedReadPublicPemReadsAsPublicKeyRead(@TempDir Path dir) {
      SigningKey key = Keys.generate(KeyAlgorithm.ECDSA_P256);
      Path file = dir.resolve("k.pub");
      Keys.writePublicPem(key.publicKey(), file);
      assertThat(Keys.readPublicPem(file)).isEqualTo(PublicKey.read(file));
    }
  }

  @Nested
  class Cosign {
    @Test
    void roundTripsWithTheSigstoreLabelAndCosignsJsonLayout() {
      SigningKey key = Keys.generate();
      String pem = Keys.toCosignPem(key, Password.of("pw".toCharArray()));
      assertThat(pem).startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
      String body = pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
      String json = new String(Base64.getDecoder().decode(body), UTF_8);
      assertThat(json)
          .matches(
              "\\{\"kdf\":\\{\"name\":\"scrypt\",\"params\":\\{\"N\":65536,\"r\":8,\"p\":1\\},"
                  + "\"salt\":\"[A-Za-z0-9+/]{43}=\"\\},\"cipher\":\\{\"name\":\"nacl/secretbox\","
                  + "\"nonce\":\"[A-Za-z0-9+/]{32}\"\\},\"ciphertext\":\"[A-Za-z0-9+/=]+\"\\}");
      SigningKey back = Keys.parseCosign(pem, Password.of("pw".toCharArray()));
      assertThat(back.publicKey()).isEqualTo(key.publicKey());
    }

    @Test
    void roundTripsEd25519AndTheEmptyPasswordAtN32768() {
      SigningKey key = Keys.generate(KeyAlgorithm.ED25519);
      String pem = Keys.toCosignPem(key, Password.empty(), 32768);
      assertThat(Keys.parseCosign(pem, Password.empty()).publicKey()).isEqualTo(key.publicKey());
    }

    @Test
    void failsOnAWrongPasswordWithAMessageThatHoldsNoSecret() {
      SigningKey key = Keys.generate();
      String pem = Keys.toCosignPem(key, Password.of("right-pw".toCharArray()), 32768);
      assertThatThrownBy(() -> Keys.parseCosign(pem, Password.of("wrong-pw".toCharArray())))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "cannot decrypt the cosign key the PEM text: wrong password, or the file was"
                  + " altered (the secretbox authentication failed)")
          .hasNoCause()
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("right-pw", "wrong-pw"));
    }

    @Test
    void rejectsScryptParametersOutsideCosignsAllowList() {
      String json =
          "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":1048576,\"r\":8,\"p\":1},\"salt\":\"AA==\"},"
              + "\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"AA==\"},\"ciphertext\":\"AA==\"}";
      String pem =
          "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"
              + Base64.getEncoder().encodeToString(json.getBytes(UTF_8))
              + "\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n";
      assertThatThrownBy(() -> Keys.parseCosign(pem, Password.empty()))
          .hasMessage(
              "cosign key the PEM text: unsupported scrypt parameters N=1048576 r=8 p=1"
                  + " (accepted: N 32768, 65536 or 131072 with r=8 p=1)");
    }

    @Test
    void writesCosignKeysWithMode0600(@TempDir Path dir) throws Exception {
      assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX");
      SigningKey key = Keys.generate();
      Path file = dir.resolve("cosign.key");
      Keys.writeCosign(key, file, Password.of("x".toCharArray()));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(Keys.readCosign(file, Password.of("x".toCharArray())).publicKey())
          .isEqualTo(key.publicKey());
      assertThat(Keys.readPrivate(file, () -> Password.of("x".toCharArray())).publicKey())
          .isEqualTo(key.publicKey());
    }

    @Test
    void readsCosignsOwnTestKeysAndMatchesTheirPublicKeys() {
      Path dir = Shared.fixtures("cosign-keys");
      for (String name : new String[] {"sigstore-p256-N32768", "cosign-labelled-p256-N32768"}) {
        SigningKey key =
            Keys.readCosign(dir.resolve(name + ".key"), Password.of("hello".toCharArray()));
        assertThat(key.publicKey()).as(name).isEqualTo(PublicKey.read(dir.resolve(name + ".pub")));
      }
    }

    @Test
    void rejectsCosignsSec1TestKeyClearly() {
      Path file = Shared.fixtures("cosign-keys").resolve("cosign-labelled-sec1-N65536.key");
      assertThatThrownBy(() -> Keys.readCosign(file, Password.of("hello".toCharArray())))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "the private key in "
                  + file
                  + " is a SEC1 'EC PRIVATE KEY', not PKCS#8 (cosign rejects it too); convert it"
                  + " with 'openssl pkcs8 -topk8' first");
    }

    @Test
    void rejectsAWrongPasswordOnCosignsTestKey() {
      Path file = Shared.fixtures("cosign-keys").resolve("sigstore-p256-N32768.key");
      assertThatThrownBy(() -> Keys.readCosign(file, Password.of("wrong".toCharArray())))
          .hasMessage(
              "cannot decrypt the cosign key "
                  + file
                  + ": wrong password, or the file was altered (the secretbox authentication"
                  + " failed)");
    }

    @Test
    void readsTheSharedSigstoreEncryptedKeyAtN65536() {
      Path dir = Shared.fixtures("plain-key");
      SigningKey key =
          Keys.readCosign(
              dir.resolve("key.sigstore-encrypted.pem"), Password.of("s3cret".toCharArray()));
      assertThat(key.publicKey()).isEqualTo(PublicKey.read(dir.resolve("pub.pem")));
      assertThat(Keys.readPrivatePem(dir.resolve("key.pem")).publicKey())
          .isEqualTo(key.publicKey());
      assertThat(key.keyId()).isEqualTo("wq3i6/9nzOKNe5kiG1DxRXH4MM7briKIQXIACu9zYtk=");
    }
  }

  @Nested
  class Secrets {
    @Test
    void signingKeyPrintsAlgorithmKeyIdAndStars() {
      SigningKey key = Keys.generate();
      assertThat(key.toString()).isEqualTo("SigningKey[ECDSA_P256 keyid=" + key.keyId() + " ***]");
      String pkcs8 = Base64.getEncoder().encodeToString(key.pkcs8());
      assertThat(key.toString()).doesNotContain(pkcs8.substring(0, 20));
    }

    @Test
    void publicKeyPrintsAlgorithmAndKeyId() {
      PublicKey key = Keys.generate(KeyAlgorithm.ED25519).publicKey();
      assertThat(key.toString()).isEqualTo("PublicKey[ED25519 keyid=" + key.keyId() + "]");
    }

    @Test
    void passwordPrintsStars() {
      assertThat(Password.of("hunter2".toCharArray()).toString()).isEqualTo("***");
    }

    @Test
    void passwordComesFromCosignPasswordThenWaterlinePassword() {
      Password a =
          Password.fromEnvironment(Map.of("COSIGN_PASSWORD", "a", "WATERLINE_PASSWORD", "b"))
              .orElseThrow();
      assertThat(a.sameAs(Password.of("a".toCharArray()))).isTrue();
      Password b = Password.fromEnvironment(Map.of("WATERLINE_PASSWORD", "b")).orElseThrow();
      assertThat(b.sameAs(Password.of("b".toCharArray()))).isTrue();
      assertThat(Password.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void passwordFileLosesOneTrailingNewline(@TempDir Path dir) throws Exception {
      Path f = dir.resolve("pw");
      Files.writeString(f, "s3cret\r\n");
      assertThat(Password.fromFile(f).sameAs(Password.of("s3cret".toCharArray()))).isTrue();
    }

    @Test
    void promptWithoutATerminalSaysWhichVariablesToSet() {
      assumeTrue(System.console() == null, "skipped: running on a terminal");
      assertThatThrownBy(() -> Password.prompt("Password: "))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "no terminal to ask for a password; set COSIGN_PASSWORD or WATERLINE_PASSWORD");
    }

    @Test
    void clearOverwritesThePassword() {
      Password p = Password.of("abc".toCharArray());
      p.clear();
      assertThat(p.sameAs(Password.of("abc".toCharArray()))).isFalse();
    }

    @Test
    void keyParseErrorsDoNotShowKeyMaterial() {
      String pem = Keys.toPrivatePem(Keys.generate());
      String body = pem.lines().skip(1).findFirst().orElseThrow();
      String broken = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
      assertThatThrownBy(() -> Keys.parsePrivatePem(broken))
          .isInstanceOf(VexException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(body.substring(0, 16)));
    }
  }
}
