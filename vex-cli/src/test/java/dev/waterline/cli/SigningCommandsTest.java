package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.sign.DsseEnvelope;
import dev.waterline.vex.sign.InTotoStatement;
import dev.waterline.vex.sign.KeyAlgorithm;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.Password;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.sign.SigstoreBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keygen}, {@code attest} and {@code verify}. */
class SigningCommandsTest {
  static final String IMAGE = "registry.local/app@" + Fixtures.DIGEST;

  @TempDir Path dir;

  private final Cli cli = Cli.atFixedTime().env("COSIGN_PASSWORD", "pw");

  private Path keygen(String prefix) {
    Cli.Result r = cli.run("keygen", "--output-key-prefix", dir.resolve(prefix).toString());
    assertThat(r.code()).as(r.toString()).isZero();
    return dir.resolve(prefix + ".key");
  }

  private Path doc() {
    return Cli.write(dir.resolve("doc.json"), Fixtures.OURS);
  }

  private Path attest(Path key, String... extra) {
    Path out = dir.resolve("att.json");
    String[] base = {
      "attest",
      doc().toString(),
      "--subject",
      IMAGE,
      "--key",
      key.toString(),
      "--format",
      "dsse",
      "--file",
      out.toString()
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    Cli.Result r = cli.run(args);
    assertThat(r.code()).as(r.toString()).isZero();
    return out;
  }

  /** The shared keyless fixtures, or the test is skipped. */
  static Path sharedKeyless() {
    String shared = System.getProperty("waterline.shared");
    assumeTrue(shared != null, "skipped: system property waterline.shared is not set");
    Path dir = Path.of(shared, "sigstore", "fixtures", "keyless-fake-root");
    assumeTrue(Files.isDirectory(dir), "skipped: shared keyless fixtures not found at " + dir);
    return dir;
  }

  @Nested
  class Keygen {
    @Test
    void writesACosignKeyPairWithMode0600() throws Exception {
      Path key = keygen("release");
      Path pub = dir.resolve("release.pub");
      SigningKey read = Keys.readCosign(key, Password.of("pw".toCharArray()));
      assertThat(read.publicKey()).isEqualTo(PublicKey.read(pub));
      assertThat(Files.readString(key))
          .startsWith("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----");
      assumeTrue(key.getFileSystem().supportedFileAttributeViews().contains("posix"));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
          .isEqualTo("rw-------");
    }

    @Test
    void takesThePasswordFromWaterlinePasswordWhenCosignPasswordIsUnset() {
      Cli other = Cli.atFixedTime().env("WATERLINE_PASSWORD", "wpw");
      Path prefix = dir.resolve("w");
      Cli.Result r =
          other.run(
              "keygen",
              "--output-key-prefix",
              prefix.toString(),
              "--algorithm",
              "ed25519",
              "--format",
              "json");
      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode json = r.json();
      assertThat(json.get("algorithm").asText()).isEqualTo("ED25519");
      SigningKey k = Keys.readCosign(dir.resolve("w.key"), Password.of("wpw".toCharArray()));
      assertThat(k.algorithm()).isEqualTo(KeyAlgorithm.ED25519);
      assertThat(json.get("keyid").asText()).isEqualTo(k.keyId());
    }

    @Test
    void refusesToOverwriteAKey() {
      keygen("twice");
      Cli.Result r = cli.run("keygen", "--output-key-prefix", dir.resolve("twice").toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: not overwriting "
                  + dir.resolve("twice.key")
                  + " and "
                  + dir.resolve("twice.pub")
                  + ": the files exist (remove them, or pass --force to replace them); nothing"
                  + " was written");
    }

    @Test
    void withoutPasswordOrTerminalFailsClearly() {
      Cli.Result r =
          Cli.atFixedTime().run("keygen", "--output-key-prefix", dir.resolve("x").toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: no password: set COSIGN_PASSWORD or WATERLINE_PASSWORD, or run"
                  + " on a terminal to be asked");
      assertThat(dir.resolve("x.key")).doesNotExist();
    }

    @Test
    void rejectsAnUnknownAlgorithmAsUsage() {
      Cli.Result r = cli.run("keygen", "--algorithm", "dsa");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("'dsa' is not a key algorithm");
    }
  }

  @Nested
  class Attest {
    @Test
    void writesADsseEnvelopeWithAnInTotoStatement() throws Exception {
      Path key = keygen("cosign");
      Path out = attest(key);
      DsseEnvelope env = DsseEnvelope.parse(Files.readAllBytes(out));
      assertThat(env.payloadType()).isEqualTo("application/vnd.in-toto+json");
      InTotoStatement st = InTotoStatement.parse(env.payload());
      assertThat(st.type()).isEqualTo(InTotoStatement.TYPE_V1);
      assertThat(st.predicateType()).isEqualTo("https://openvex.dev/ns");
      assertThat(st.subjects()).extracting(Object::toString).containsExactly(IMAGE);
      assertThat(st.predicate().author()).isEqualTo("Acme Security <psirt@acme.example>");
      PublicKey pub = PublicKey.read(dir.resolve("cosign.pub"));
      assertThat(env.signatures()).hasSize(1);
      assertThat(env.signatures().get(0).keyId()).isEqualTo(pub.keyId());
      assertThat(pub.verify(env.pae(), env.signatures().get(0).sig())).isTrue();
    }

    @Test
    void acceptsTheVexctlFormAndAPredicateType() throws Exception {
      Path key = keygen("cosign");
      Cli.Result r =
          cli.run(
              "attest",
              doc().toString(),
              IMAGE,
              "-s",
              "--key",
              key.toString(),
              "--format",
              "dsse",
              "--predicate-type",
              "https://openvex.dev/ns/v0.2.0");
      assertThat(r.code()).as(r.toString()).isZero();
      DsseEnvelope env = DsseEnvelope.parse(r.out().strip());
      assertThat(InTotoStatement.parse(env.payload()).predicateType())
          .isEqualTo("https://openvex.dev/ns/v0.2.0");
    }

    @Test
    void signsWithAnUnencryptedPkcs8Key() throws Exception {
      Path pem = dir.resolve("plain.pem");
      Keys.writePrivatePem(Keys.generate(KeyAlgorithm.ECDSA_P384), pem);
      Path out = attest(pem);
      assertThat(DsseEnvelope.parse(Files.readAllBytes(out)).signatures()).hasSize(1);
    }

    @Test
    void aSubjectWithoutDigestIsAUsageErrorThatSaysHowToGetOne() {
      Path key = keygen("cosign");
      Cli.Result r =
          cli.run(
              "attest",
              doc().toString(),
              "--subject",
              "registry.local/app:1.0",
              "--key",
              key.toString(),
              "--format",
              "dsse");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("has no digest").contains("crane digest registry.local/app:1.0");
    }

    @Test
    void aWrongPasswordIsAUsageErrorWithoutThePassword() {
      Path key = keygen("cosign");
      Cli.Result r =
          Cli.atFixedTime()
              .env("COSIGN_PASSWORD", "not-the-pw")
              .run(
                  "attest",
                  doc().toString(),
                  "--subject",
                  IMAGE,
                  "--key",
                  key.toString(),
                  "--format",
                  "dsse");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: cannot decrypt the cosign key "
                  + key
                  + ": wrong password, or the file was altered (the secretbox authentication"
                  + " failed)");
      assertThat(r.out()).isEmpty();
    }

    @Test
    void withoutSubjectOrKeyIsAUsageError() {
      assertThat(cli.run("attest", doc().toString(), "--key", "k").code()).isEqualTo(2);
      Cli.Result r = cli.run("attest", doc().toString(), IMAGE);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly("waterline: error: attest needs --key KEY (or --keyless)");
    }

    @Test
    void writesAKeyBasedSigstoreBundleByDefault() throws Exception {
      Path key = keygen("cosign");
      Path out = dir.resolve("att.sigstore.json");
      Cli.Result r =
          cli.run(
              "attest",
              doc().toString(),
              "--subject",
              IMAGE,
              "--key",
              key.toString(),
              "--file",
              out.toString());
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).isEmpty();
      PublicKey pub = PublicKey.read(dir.resolve("cosign.pub"));
      SigstoreBundle bundle = SigstoreBundle.parse(Files.readAllBytes(out));
      assertThat(bundle.mediaType()).isEqualTo("application/vnd.dev.sigstore.bundle.v0.3+json");
      assertThat(bundle.publicKeyHint()).contains(pub.keyId());
      assertThat(bundle.hasTransparencyLogEntry()).isFalse();
      DsseEnvelope env = bundle.envelope();
      assertThat(env.signatures())
          .singleElement()
          .satisfies(s -> assertThat(pub.verify(env.pae(), s.sig())).isTrue());

      Cli.Result v =
          cli.run(
              "verify",
              out.toString(),
              "--key",
              dir.resolve("cosign.pub").toString(),
              "--subject",
              IMAGE);
      assertThat(v.code()).as(v.toString()).isZero();
      assertThat(v.outLines()).first().isEqualTo(out + ": verified");
    }

    @Test
    void keylessRefusesABareEnvelopeBecauseTheCertificateWouldBeLost() {
      Cli.Result r = cli.run("attest", doc().toString(), IMAGE, "--keyless", "--format", "dsse");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: keyless signatures need their certificate and log entry: use"
                  + " --format bundle");
    }

    @Test
    void keylessSigningConfigNeedsItsTrustedRoot() {
      Cli.Result r =
          cli.run("attest", doc().toString(), IMAGE, "--keyless", "--signing-config", "cfg.json");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly("waterline: error: --signing-config needs --trusted-root FILE");
    }

    @Test
    void keylessOptionsWithoutKeylessAreAUsageError() {
      Cli.Result r = cli.run("attest", doc().toString(), IMAGE, "--key", "k", "--staging");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: --signing-config, --staging and --identity-token only apply with"
                  + " --keyless");
    }

    @Test
    void rejectsAnUnknownFormat() {
      Cli.Result r = cli.run("attest", doc().toString(), IMAGE, "--key", "k", "--format", "jwt");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly("waterline: error: --format must be bundle or dsse but was 'jwt'");
    }
  }

  @Nested
  class Verify {
    @Test
    void verifiedExitsZeroAndSaysWhoSignedWhat() {
      Path key = keygen("cosign");
      Path att = attest(key);
      PublicKey pub = PublicKey.read(dir.resolve("cosign.pub"));
      Cli.Result r =
          cli.run(
              "verify",
              att.toString(),
              "--key",
              dir.resolve("cosign.pub").toString(),
              "--subject",
              IMAGE);
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.outLines())
          .containsExactly(
              att + ": verified",
              "  signer: key ECDSA_P256 keyid=" + pub.keyId(),
              "  subject: " + IMAGE,
              "  predicateType: https://openvex.dev/ns");
      assertThat(r.err()).isEmpty();
    }

    @Test
    void jsonReportsTheVerifiedStatement() {
      Path att = attest(keygen("cosign"));
      Cli.Result r =
          cli.run(
              "verify",
              att.toString(),
              "--key",
              dir.resolve("cosign.pub").toString(),
              "--format",
              "json");
      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode json = r.json();
      assertThat(json.get("verified").asBoolean()).isTrue();
      assertThat(json.get("subjects").get(0).get("name").asText()).isEqualTo("registry.local/app");
      assertThat(json.get("subjects").get(0).get("digest").get("sha256").asText())
          .isEqualTo(Fixtures.DIGEST.substring(7));
      assertThat(json.get("predicateType").asText()).isEqualTo("https://openvex.dev/ns");
    }

    @Test
    void wrongKeyExitsOneWithTheReason() {
      Path att = attest(keygen("cosign"));
      keygen("other");
      Cli.Result r =
          cli.run(
              "verify",
              att.toString(),
              "--key",
              dir.resolve("other.pub").toString(),
              "--format",
              "json");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.json().get("verified").asBoolean()).isFalse();
      assertThat(r.json().get("reason").asText()).isEqualTo("UNKNOWN_KEY");
    }

    @Test
    void tamperedEnvelopeExitsOneWithBadSignature() throws Exception {
      Path att = attest(keygen("cosign"));
      JsonNode env = Cli.readJson(att);
      String payload =
          new String(
                  Base64.getDecoder().decode(env.get("payload").asText()), StandardCharsets.UTF_8)
              .replace("not_affected", "affected_not");
      String tampered =
          Files.readString(att)
              .replace(
                  env.get("payload").asText(),
                  Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8)));
      Files.writeString(att, tampered);
      Cli.Result r =
          cli.run("verify", att.toString(), "--key", dir.resolve("cosign.pub").toString());
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.outLines())
          .singleElement()
          .asString()
          .startsWith(att + ": not verified: BAD_SIGNATURE: the signature by trusted key");
    }

    @Test
    void aSubjectMayNameALayoutImageByDigestAsAttestAccepts() {
      Path att = attest(keygen("cosign"));
      Cli.Result r =
          cli.run(
              "verify",
              att.toString(),
              "--key",
              dir.resolve("cosign.pub").toString(),
              "--subject",
              "oci:" + dir.resolve("layout") + "@" + Fixtures.DIGEST);
      assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void anInvalidSubjectNameIsAnErrorSayingWhichPart() {
      Path att = attest(keygen("cosign"));
      Cli.Result r =
          cli.run(
              "verify",
              att.toString(),
              "--key",
              dir.resolve("cosign.pub").toString(),
              "--subject",
              "registry.local/App@" + Fixtures.DIGEST);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .contains(
              "invalid image reference \"registry.local/App@"
                  + Fixtures.DIGEST
                  + "\": the repository name must be lowercase, but has \"App\"");
    }

    @Test
    void otherSubjectExitsOneWithSubjectMismatch() {
      Path att = attest(keygen("cosign"));
      Cli.Result r =
          cli.run(
              "verify",
              att.toString(),
              "--key",
              dir.resolve("cosign.pub").toString(),
              "--subject",
              "registry.local/app@sha256:" + "1".repeat(64),
              "--format",
              "json");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.json().get("reason").asText()).isEqualTo("SUBJECT_MISMATCH");
    }

    @Test
    void keylessBundleFromTheSharedFakeRootVerifiesWithIdentityAndIssuer() throws Exception {
      Path fixtures = sharedKeyless();
      String identity = Files.readString(fixtures.resolve("identity.txt")).strip();
      String issuer = Files.readString(fixtures.resolve("issuer.txt")).strip();
      Path bundle = fixtures.resolve("bundle-nonascii.sigstore.json");
      Cli.Result r =
          cli.run(
              "verify",
              bundle.toString(),
              "--certificate-identity",
              identity,
              "--certificate-oidc-issuer",
              issuer,
              "--trusted-root",
              fixtures.resolve("trusted_root.json").toString(),
              "--format",
              "json");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.json().get("signer").asText())
          .isEqualTo("certificate identity " + identity + " issuer " + issuer);
      assertThat(r.json().get("predicateType").asText()).startsWith("https://openvex.dev/ns");
    }

    @Test
    void keylessBundleWithAnotherIdentityExitsOneWithIdentityMismatch() throws Exception {
      Path fixtures = sharedKeyless();
      String issuer = Files.readString(fixtures.resolve("issuer.txt")).strip();
      Cli.Result r =
          cli.run(
              "verify",
              fixtures.resolve("bundle-ascii.sigstore.json").toString(),
              "--certificate-identity-regexp",
              "^https://github\\.com/evil/.*",
              "--certificate-oidc-issuer",
              issuer,
              "--trusted-root",
              fixtures.resolve("trusted_root.json").toString(),
              "--format",
              "json");
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.json().get("reason").asText()).isEqualTo("IDENTITY_MISMATCH");
    }

    @Test
    void keylessWithoutIssuerIsAUsageError() {
      Path att = Cli.write(dir.resolve("a.json"), "{}");
      Cli.Result r = cli.run("verify", att.toString(), "--certificate-identity", "x");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: keyless verification needs --certificate-oidc-issuer ISS (or"
                  + " --certificate-oidc-issuer-regexp RE)");
    }

    @Test
    void withoutKeyIsAUsageError() {
      Path att = Cli.write(dir.resolve("a.json"), "{}");
      Cli.Result r = cli.run("verify", att.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: verify needs --key PUB, or --certificate-identity ID with"
                  + " --certificate-oidc-issuer ISS");
    }

    @Test
    void unreadableAttestationIsAUsageError() {
      keygen("cosign");
      Cli.Result r =
          cli.run(
              "verify",
              dir.resolve("missing.json").toString(),
              "--key",
              dir.resolve("cosign.pub").toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: cannot read " + dir.resolve("missing.json") + ": no such file");
    }

    @Test
    void notAnAttestationExitsOneAsMalformed() {
      keygen("cosign");
      Path att = Cli.write(dir.resolve("a.json"), "[1]");
      Cli.Result r =
          cli.run("verify", att.toString(), "--key", dir.resolve("cosign.pub").toString());
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.out()).contains("not verified: MALFORMED");
    }
  }
}
