package dev.waterline.vex.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @Nested
  class WithoutVexSignSigstore {
    @Test
    void signingSaysToAddTheModule() {
      KeylessSigning k = KeylessSigning.staging().identityToken("eyJhbGciOiJ.secret.sig");
      InTotoStatement statement =
          InTotoStatement.of(TestDocs.document(), Subject.parse(TestDocs.IMAGE));
      assertThatThrownBy(() -> k.sign(statement))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "keyless signing and keyless verification need the module"
                  + " dev.waterline:vex-sign-sigstore on the class path (it brings sigstore-java);"
                  + " add it as a dependency next to dev.waterline:vex-sign");
    }
  }
}
