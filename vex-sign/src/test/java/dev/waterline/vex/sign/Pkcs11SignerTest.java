package dev.waterline.vex.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.VexException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Signing with a key held in a real PKCS#11 token: SoftHSM2 (Debian {@code softhsm2}, installed by
 * scripts/install-test-deps.sh), initialised here in target/softhsm2 (the library finds it through
 * {@code SOFTHSM2_CONF}, which the vex-sign pom sets for the test JVM). An ECDSA P-256 key made by
 * keytool is imported into the token with its certificate; every signature is then made inside the
 * token through the JDK's SunPKCS11.
 */
class Pkcs11SignerTest {
  private static final String PIN = "hsm-pin-31337";
  private static final String ALIAS = "vex-signing";
  private static Path library;
  private static Path config;

  @BeforeAll
  static void startSoftHsm() throws Exception {
    library = softHsmLibrary();
    String conf = System.getenv("SOFTHSM2_CONF");
    assertThat(conf).as("SOFTHSM2_CONF, set by the vex-sign pom for the tests").isNotNull();
    Path dir = Path.of(conf).getParent();
    deleteTree(dir);
    Path tokens = Files.createDirectories(dir.resolve("tokens"));
    Files.writeString(
        Path.of(conf),
        "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    run(
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        "waterline-test",
        "--pin",
        PIN,
        "--so-pin",
        "so-pin-4711");
    Path p12 = dir.resolve("key.p12");
    run(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-alias",
        ALIAS,
        "-dname",
        "CN=Waterline PKCS#11 test",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        p12.toString(),
        "-storepass",
        "changeit");
    KeyStore software = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      software.load(in, "changeit".toCharArray());
    }
    config = dir.resolve("sunpkcs11.cfg");
    Files.writeString(
        config, "name = waterline-test\nlibrary = " + library + "\nslotListIndex = 0\n");
    Provider provider = Security.getProvider("SunPKCS11").configure(config.toString());
    KeyStore token = KeyStore.getInstance("PKCS11", provider);
    token.load(null, PIN.toCharArray());
    token.setKeyEntry(
        ALIAS,
        software.getKey(ALIAS, "changeit".toCharArray()),
        null,
        software.getCertificateChain(ALIAS));
    // PKCS#11 login state is per process, not per provider: log out so that each test logs in.
    ((java.security.AuthProvider) provider).logout();
    Files.delete(p12);
  }

  @AfterAll
  static void removeToken() throws IOException {
    if (library == null) {
      return;
    }
    Path conf = Path.of(System.getenv("SOFTHSM2_CONF"));
    deleteTree(conf.getParent().resolve("tokens"));
  }

  @Nested
  class Signing {
    @Test
    void aDsseEnvelopeSignedInTheTokenVerifiesWithTheCertificatesPublicKey() {
      try (Pkcs11Signer hsm =
          Pkcs11Signer.open(library, 0, ALIAS, Password.of(PIN.toCharArray()))) {
        DsseEnvelope envelope =
            Attestations.of(TestDocs.document())
                .subject("registry.local/app@sha256:" + "ab".repeat(32))
                .sign(hsm);

        VerificationResult result =
            Verifier.verify(envelope, VerificationPolicy.keys(hsm.publicKey()));

        assertThat(result.verified()).as(result.toString()).isTrue();
        assertThat(hsm.publicKey().algorithm()).isEqualTo(KeyAlgorithm.ECDSA_P256);
        assertThat(envelope.signatures())
            .extracting(DsseSignature::keyId)
            .containsExactly(hsm.publicKey().keyId());
      }
    }

    @Test
    void aSunPkcs11ConfigurationFileNamesTheTokenToo() {
      try (Pkcs11Signer hsm = Pkcs11Signer.open(config, ALIAS, Password.of(PIN.toCharArray()))) {
        byte[] message = "payload".getBytes(StandardCharsets.UTF_8);

        assertThat(hsm.publicKey().verify(message, hsm.sign(message))).isTrue();
        assertThat(hsm.toString())
            .startsWith("Pkcs11Signer[ECDSA_P256 keyid=")
            .contains("alias " + ALIAS + " in " + config)
            .doesNotContain(PIN);
      }
    }
  }

  @Nested
  class Errors {
    @Test
    void aWrongPinSaysTheLoginFailed() {
      assertThatThrownBy(
              () -> Pkcs11Signer.open(library, 0, ALIAS, Password.of("wrong".toCharArray())))
          .isInstanceOf(VexException.class)
          .hasMessageStartingWith(
              "PKCS#11: cannot log in to the token "
                  + library
                  + " slot list index 0 (wrong PIN, or no token in that slot): ")
          .hasMessageNotContaining("wrong\n");
    }

    @Test
    void aFailedOpenLeavesTheTokenLoggedOutSoAWrongPinStillFails() {
      assertThatThrownBy(
              () -> Pkcs11Signer.open(library, 0, "nope", Password.of(PIN.toCharArray())))
          .hasMessageContaining("no private key with a certificate under the alias 'nope'");

      assertThatThrownBy(
              () -> Pkcs11Signer.open(library, 0, ALIAS, Password.of("wrong".toCharArray())))
          .isInstanceOf(VexException.class)
          .hasMessageContaining("cannot log in to the token");
    }

    @Test
    void anUnknownAliasListsTheAliasesTheTokenHas() {
      assertThatThrownBy(
              () -> Pkcs11Signer.open(library, 0, "nope", Password.of(PIN.toCharArray())))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "PKCS#11: no private key with a certificate under the alias 'nope' in the token "
                  + library
                  + " slot list index 0; its aliases: ["
                  + ALIAS
                  + "]");
    }

    @Test
    void aMissingLibraryOrConfigurationIsNamed(@org.junit.jupiter.api.io.TempDir Path tmp) {
      Path missing = tmp.resolve("libnothing.so");
      assertThatThrownBy(() -> Pkcs11Signer.open(missing, 0, ALIAS, Password.of(PIN.toCharArray())))
          .isInstanceOf(VexException.class)
          .hasMessage("PKCS#11: the library " + missing + " does not exist");
      assertThatThrownBy(() -> Pkcs11Signer.open(tmp, ALIAS, Password.of(PIN.toCharArray())))
          .isInstanceOf(VexException.class)
          .hasMessage("PKCS#11: the SunPKCS11 configuration " + tmp + " is not a readable file");
    }
  }

  private static Path softHsmLibrary() {
    for (String candidate :
        List.of(
            "/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
            "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
            "/usr/local/lib/softhsm/libsofthsm2.so")) {
      if (Files.isRegularFile(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    Assumptions.abort(
        "skipped: SoftHSM2 is not installed (no libsofthsm2.so): run scripts/install-test-deps.sh");
    throw new AssertionError("unreachable");
  }

  private static void run(String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(command[0] + " failed: " + out);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
