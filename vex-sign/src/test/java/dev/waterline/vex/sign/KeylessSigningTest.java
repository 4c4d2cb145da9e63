package dev.waterline.vex.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.VexException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeylessSigningTest {
  static String config(String rekorVersion, String rekorStart, boolean tsa) {
    return "{\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.2+json\","
        + "\"caUrls\":[{\"url\":\"http://127.0.0.1:9\",\"majorApiVersion\":1,"
        + "\"validFor\":{\"start\":\"2022-01-01T00:00:00Z\"}}],"
        + "\"oidcUrls\":[{\"url\":\"http://127.0.0.1:9/auth\",\"majorApiVersion\":1,"
        + "\"validFor\":{\"start\":\"2022-01-01T00:00:00Z\"}}],"
        + "\"rekorTlogUrls\":[{\"url\":\"http://127.0.0.1:9\",\"majorApiVersion\":"
        + rekorVersion
        + ",\"validFor\":{\"start\":\""
        + rekorStart
        + "\"}}],"
        + "\"tsaUrls\":["
        + (tsa
            ? "{\"url\":\"http://127.0.0.1:9/api/v1/timestamp\",\"majorApiVersion\":1,"
                + "\"validFor\":{\"start\":\"2022-01-01T00:00:00Z\"}}"
            : "")
        + "],\"rekorTlogConfig\":{\"selector\":\"ANY\"},\"tsaConfig\":{\"selector\":\"ANY\"}}";
  }

  @TempDir Path tmp;

  private Path write(String json) throws Exception {
    Path p = tmp.resolve("signing_config.json");
    Files.writeString(p, json);
    return p;
  }

  private static TrustedRoot anyRoot() {
    return TrustedRoot.stagingFromTuf();
  }

  @Nested
  class SigningConfig {
    @Test
    void acceptsRekorV2AndTsa() throws Exception {
      KeylessSigning k =
          KeylessSigning.fromFiles(write(config("2", "2022-01-01T00:00:00Z", true)), anyRoot());
      assertThat(k.signingConfig()).isPresent();
    }

    @Test
    void rejectsRekorV1OnlyWithReason() throws Exception {
      Path p = write(config("1", "2022-01-01T00:00:00Z", true));
      assertThatThrownBy(() -> KeylessSigning.fromFiles(p, anyRoot()))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "signing config "
                  + p
                  + ": /rekorTlogUrls lists no a Rekor v2 log (majorApiVersion 2); sigstore-java"
                  + " 2.0.0 attests only through Rekor v2 (a config listing only Rekor v1, like"
                  + " today's public-good signing_config.v0.2.json, cannot be used) valid now");
    }

    @Test
    void rejectsRekorV2NotYetValid() throws Exception {
      Path p = write(config("2", "2999-01-01T00:00:00Z", true));
      assertThatThrownBy(() -> KeylessSigning.fromFiles(p, anyRoot()))
          .hasMessageContaining("/rekorTlogUrls lists no a Rekor v2 log");
    }

    @Test
    void rejectsMissingTsa() throws Exception {
      Path p = write(config("2", "2022-01-01T00:00:00Z", false));
      assertThatThrownBy(() -> KeylessSigning.fromFiles(p, anyRoot()))
          .hasMessage(
              "signing config "
                  + p
                  + ": /tsaUrls lists no a timestamp authority, which Rekor v2 signing requires"
                  + " valid now");
    }

    @Test
    void rejectsOtherMediaType() throws Exception {
      Path p = write("{\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.1+json\"}");
      assertThatThrownBy(() -> KeylessSigning.fromFiles(p, anyRoot()))
          .hasMessage(
              "signing config "
                  + p
                  + ": /mediaType must be 'application/vnd.dev.sigstore.signingconfig.v0.2+json'"
                  + " but is \"application/vnd.dev.sigstore.signingconfig.v0.1+json\"");
    }
  }

  @Test
  void toStringHidesTheToken() {
    KeylessSigning k = KeylessSigning.staging().identityToken("eyJhbGciOiJ.secret.sig");
    assertThat(k.toString())
        .isEqualTo("KeylessSigning[staging, TrustedRoot[staging TUF], token ***]")
        .doesNotContain("secret");
  }

  @Test
  void offlineSigningAgainstUnreachableServicesFailsWithAClearError() throws Exception {
    String shared = System.getProperty("waterline.shared");
    assumeTrue(shared != null, "skipped: waterline.shared not set (needs a trusted root file)");
    Path root = Path.of(shared, "sigstore", "fixtures", "keyless-fake-root", "trusted_root.json");
    assumeTrue(Files.exists(root), "skipped: no " + root);
    KeylessSigning k =
        KeylessSigning.fromFiles(
                write(config("2", "2022-01-01T00:00:00Z", true)), TrustedRoot.fromFile(root))
            .identityToken(
                "eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoieCIsImVtYWlsIjoieEBleGFtcGxlLmNvbSIsImVtYWlsX3ZlcmlmaWVkIjp0cnVlfQ.");
    InTotoStatement statement =
        InTotoStatement.of(TestDocs.document(), Subject.parse(TestDocs.IMAGE));
    assertThatThrownBy(() -> k.sign(statement))
        .isInstanceOf(VexException.class)
        // Fulcio is reached over gRPC (status UNAVAILABLE): the token and the config were accepted
        .hasMessageStartingWith("keyless signing with sigstore-java failed: UNAVAILABLE");
  }

  /**
   * Real keyless signing against Sigstore staging. Opt-in: {@code WATERLINE_SIGSTORE_STAGING=1} and
   * an OIDC token for staging in {@code WATERLINE_SIGSTORE_TOKEN}; optionally {@code
   * WATERLINE_SIGSTORE_IDENTITY} / {@code WATERLINE_SIGSTORE_ISSUER} to check the certificate.
   */
  @Test
  void signsAgainstSigstoreStagingWhenOptedIn() {
    assumeTrue(
        "1".equals(System.getenv("WATERLINE_SIGSTORE_STAGING")),
        "skipped: keyless signing against Sigstore staging is opt-in;"
            + " set WATERLINE_SIGSTORE_STAGING=1 and WATERLINE_SIGSTORE_TOKEN=<OIDC token>");
    String token = System.getenv("WATERLINE_SIGSTORE_TOKEN");
    assumeTrue(
        token != null && !token.isBlank(),
        "skipped: WATERLINE_SIGSTORE_STAGING=1 but WATERLINE_SIGSTORE_TOKEN is not set");
    InTotoStatement statement =
        InTotoStatement.of(TestDocs.document(), Subject.parse(TestDocs.IMAGE));
    SigstoreBundle bundle = KeylessSigning.staging().identityToken(token).sign(statement);
    assertThat(bundle.mediaType()).isEqualTo(SigstoreBundle.MEDIA_TYPE_V0_3);
    assertThat(bundle.certificate()).isPresent();
    assertThat(bundle.hasTransparencyLogEntry()).isTrue();
    String id = System.getenv().getOrDefault("WATERLINE_SIGSTORE_IDENTITY", "");
    String iss = System.getenv().getOrDefault("WATERLINE_SIGSTORE_ISSUER", "");
    CertificateIdentity identity =
        CertificateIdentity.builder()
            .sanRegex(id.isEmpty() ? ".+" : java.util.regex.Pattern.quote(id))
            .issuerRegex(iss.isEmpty() ? ".+" : java.util.regex.Pattern.quote(iss))
            .build();
    VerificationResult r =
        Verifier.verify(
            bundle.toJsonBytes(),
            VerificationPolicy.keyless(identity, TrustedRoot.stagingFromTuf())
                .subject(TestDocs.IMAGE));
    assertThat(r.verified()).as(r.toString()).isTrue();
  }
}
