package dev.waterline.vex.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.FailureReason;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which VEX files a gate trusts, and as whose: the rules {@code waterline triage --vex} applies.
 */
class VexTrustTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);
  private static final String SUBJECT = "registry.example/app@" + DIGEST;

  @TempDir Path dir;

  private static VexDocument document() {
    return Vex.document("Acme")
        .timestamp(Instant.parse("2026-01-01T00:00:00Z"))
        .statement(
            Vex.notAffected("CVE-2024-0001", "pkg:oci/app")
                .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH))
        .build();
  }

  private Path write(String name, byte[] bytes) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private Path signed(SigningKey key) throws Exception {
    return write(
        "signed.intoto.json", Attestations.of(document()).subject(SUBJECT).sign(key).toJsonBytes());
  }

  @Test
  void aPlainDocumentIsAnUnsignedSourceNamedByItsPath() throws Exception {
    Path file = write("app.vex.json", document().toJsonBytes());
    VexSource source = VexTrust.unsignedOnly().read(file);
    assertThat(source.signer()).isEmpty();
    assertThat(source.trusted()).isFalse();
    assertThat(source.origin()).isEqualTo(file.toString());
    assertThat(source.subjects()).isEmpty();
    assertThat(source.document().statements()).hasSize(1);
  }

  @Test
  void aSignedFileIsSignedByTheKeyThatVerifiedItWithItsSubjects() throws Exception {
    SigningKey key = Keys.generate();
    VexSource source = VexTrust.of(VerificationPolicy.keys(key.publicKey())).read(signed(key));
    assertThat(source.signer()).contains(key.publicKey().keyId());
    assertThat(source.trusted()).isTrue();
    assertThat(source.subjects()).containsExactly(DIGEST);
    assertThat(source.document().author()).isEqualTo("Acme");
  }

  @Test
  void theFirstPolicyThatVerifiesNamesTheSigner() throws Exception {
    SigningKey other = Keys.generate();
    SigningKey key = Keys.generate();
    VexTrust trust =
        VexTrust.of(
            VerificationPolicy.keys(other.publicKey()), VerificationPolicy.keys(key.publicKey()));
    assertThat(trust.read(signed(key)).signer()).contains(key.publicKey().keyId());
  }

  @Test
  void aSignatureNoPolicyTrustsIsRefusedNamingTheFileAndReason() throws Exception {
    SigningKey key = Keys.generate();
    Path file = signed(key);
    VexTrust trust = VexTrust.of(VerificationPolicy.keys(Keys.generate().publicKey()));
    assertThatThrownBy(() -> trust.read(file))
        .isInstanceOf(VexException.class)
        .hasMessageStartingWith(file + ": verification failed: UNKNOWN_KEY");
  }

  @Test
  void aSignedFileWithNothingTrustedIsRefusedNotReadAsUnsigned() throws Exception {
    Path file = signed(Keys.generate());
    assertThatThrownBy(() -> VexTrust.unsignedOnly().read(file))
        .isInstanceOf(VexException.class)
        .hasMessageContaining(file + " is a signed attestation");
  }

  @Test
  void aTamperedPayloadFailsVerification() throws Exception {
    SigningKey key = Keys.generate();
    String envelope =
        new String(
            Attestations.of(document()).subject(SUBJECT).sign(key).toJsonBytes(),
            StandardCharsets.UTF_8);
    String payload = envelope.replaceAll(".*\"payload\":\"([^\"]+)\".*", "$1");
    String decoded = new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8);
    String forged =
        Base64.getEncoder()
            .encodeToString(
                decoded.replace("not_affected", "fixed").getBytes(StandardCharsets.UTF_8));
    Path file =
        write("forged.json", envelope.replace(payload, forged).getBytes(StandardCharsets.UTF_8));
    VexTrust trust = VexTrust.of(VerificationPolicy.keys(key.publicKey()));
    assertThatThrownBy(() -> trust.read(file))
        .isInstanceOf(VexException.class)
        .hasMessageStartingWith(file + ": verification failed: ");
  }

  @Test
  void aFailedVerificationCannotMakeASignedSource() {
    VerificationResult failed = VerificationResult.failed(FailureReason.BAD_SIGNATURE, "no");
    assertThatThrownBy(() -> VexSource.verified(failed, "x.json"))
        .isInstanceOf(VexException.class)
        .hasMessageContaining("x.json")
        .hasMessageContaining("BAD_SIGNATURE");
  }

  @Test
  void aForcedInputFormatThatDoesNotFitIsAnErrorNamingTheFile() throws Exception {
    Path file = write("app.vex.json", document().toJsonBytes());
    VexTrust trust =
        VexTrust.unsignedOnly().withInputFormat(dev.waterline.vex.formats.VexFormat.CSAF);
    assertThatThrownBy(() -> trust.read(file))
        .isInstanceOf(VexException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void policiesAreKeptInOrder() {
    VerificationPolicy a = VerificationPolicy.keys(Keys.generate().publicKey());
    VerificationPolicy b = VerificationPolicy.keys(Keys.generate().publicKey());
    assertThat(VexTrust.of(List.of(a, b)).policies()).containsExactly(a, b);
    assertThat(VexTrust.of(a, b).toString())
        .isEqualTo("VexTrust[2 policies, input format detected]");
  }
}
