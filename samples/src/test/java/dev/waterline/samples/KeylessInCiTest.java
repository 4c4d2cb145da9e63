package dev.waterline.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.sign.CertificateIdentity;
import dev.waterline.vex.sign.SigstoreBundle;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeylessInCiTest {
  @TempDir Path dir;

  @Nested
  class OptIn {
    @Test
    void isSkippedWithAClearMessageWithoutAToken() {
      assertThat(KeylessInCi.skipReason(Map.of()))
          .contains(
              "skipped: keyless signing is opt-in; set WATERLINE_SIGSTORE_TOKEN to an OIDC"
                  + " identity token for Sigstore staging (in GitHub Actions: the job's ID token"
                  + " with audience sigstore)");
      assertThat(KeylessInCi.skipReason(Map.of(KeylessInCi.TOKEN, "  "))).isPresent();
    }

    @Test
    void runsWithAToken() {
      assertThat(KeylessInCi.skipReason(Map.of(KeylessInCi.TOKEN, "eyJ…"))).isEmpty();
    }

    @Test
    void mainSaysWhyAndDoesNothingWithoutAToken() throws Exception {
      assumeTrue(
          KeylessInCi.skipReason(System.getenv()).isPresent(),
          "skipped: WATERLINE_SIGSTORE_TOKEN is set, so main would sign for real");
      PrintStream old = System.out;
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      try {
        KeylessInCi.main(new String[] {dir.resolve("b.json").toString()});
      } finally {
        System.setOut(old);
      }
      assertThat(buf.toString(StandardCharsets.UTF_8)).startsWith("skipped: keyless signing");
      assertThat(dir.resolve("b.json")).doesNotExist();
    }
  }

  @Nested
  class ExpectedIdentity {
    @Test
    void isExactWhenTheEnvironmentNamesIt() {
      String san = "https://github.com/acme/app/.github/workflows/vex.yml@refs/heads/main";
      CertificateIdentity id =
          KeylessInCi.expectedIdentity(
              Map.of(
                  KeylessInCi.IDENTITY,
                  san,
                  KeylessInCi.ISSUER,
                  "https://token.actions.githubusercontent.com"));

      assertThat(id.matchesSan(san)).isTrue();
      assertThat(id.matchesSan(san + "x")).isFalse();
      assertThat(
              id.matchesSan(
                  "https://github.com/acme/app/.github/workflows/vex.yml@refs/heads/mainx"))
          .isFalse();
      assertThat(id.matchesIssuer("https://token.actions.githubusercontent.com")).isTrue();
      assertThat(id.matchesIssuer("https://accounts.google.com")).isFalse();
    }

    @Test
    void acceptsAnySignerOtherwise() {
      CertificateIdentity id = KeylessInCi.expectedIdentity(Map.of());
      assertThat(id.matchesSan("someone@example.com")).isTrue();
      assertThat(id.matchesIssuer("https://oauth2.sigstore.dev/auth")).isTrue();
    }
  }

  /** The real thing against Sigstore staging: runs only with WATERLINE_SIGSTORE_TOKEN set. */
  @Test
  void signsOnStagingAndVerifiesWhenOptedIn() throws Exception {
    Map<String, String> env = System.getenv();
    assumeTrue(KeylessInCi.skipReason(env).isEmpty(), KeylessInCi.skipReason(env).orElse(""));

    KeylessInCi.Signed s =
        KeylessInCi.signAndVerify(
            KeylessInCi.document(),
            env.get(KeylessInCi.TOKEN),
            KeylessInCi.expectedIdentity(env),
            dir.resolve("app.sigstore.json"));

    assertThat(s.bundle().mediaType()).isEqualTo(SigstoreBundle.MEDIA_TYPE_V0_3);
    assertThat(s.bundle().certificate()).isPresent();
    assertThat(s.bundle().hasTransparencyLogEntry()).isTrue();
    assertThat(s.verification().verified()).as("%s", s.verification()).isTrue();
    assertThat(s.verification().statement().orElseThrow().vexDocument())
        .contains(KeylessInCi.document());
  }
}
