package dev.waterline.vex.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.VexException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KeylessSigning} with this module on the class path: signing reaches sigstore-java. */
class KeylessSigningWithSigstoreJavaTest {
  static String config() {
    return "{\"mediaType\":\"application/vnd.dev.sigstore.signingconfig.v0.2+json\","
        + "\"caUrls\":[{\"url\":\"http://127.0.0.1:9\",\"majorApiVersion\":1,"
        + "\"validFor\":{\"start\":\"2022-01-01T00:00:00Z\"}}],"
        + "\"oidcUrls\":[{\"url\":\"http://127.0.0.1:9/auth\",\"majorApiVersion\":1,"
        + "\"validFor\":{\"start\":\"2022-01-01T00:00:00Z\"}}],"
        + "\"rekorTlogUrls\":[{\"url\":\"http://127.0.0.1:9\",\"majorApiVersion\":2,"
        + "\"validFor\":{\"start\":\"2022-01-01T00:00:00Z\"}}],"
        + "\"tsaUrls\":[{\"url\":\"http://127.0.0.1:9/api/v1/timestamp\",\"majorApiVersion\":1,"
        + "\"validFor\":{\"start\":\"2022-01-01T00:00:00Z\"}}],"
        + "\"rekorTlogConfig\":{\"selector\":\"ANY\"},\"tsaConfig\":{\"selector\":\"ANY\"}}";
  }

  @TempDir Path tmp;

  private Path write(String json) throws Exception {
    Path p = tmp.resolve("signing_config.json");
    Files.writeString(p, json);
    return p;
  }

  @Test
  void offlineSigningAgainstUnreachableServicesFailsWithAClearError() throws Exception {
    String shared = System.getProperty("waterline.shared");
    assumeTrue(shared != null, "skipped: waterline.shared not set (needs a trusted root file)");
    Path root = Path.of(shared, "sigstore", "fixtures", "keyless-fake-root", "trusted_root.json");
    assumeTrue(Files.exists(root), "skipped: no " + root);
    KeylessSigning k =
        KeylessSigning.fromFiles(write(config()), TrustedRoot.fromFile(root))
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
