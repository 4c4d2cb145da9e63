package dev.waterline.vex.oci;

import static dev.waterline.vex.oci.EmbedFixtures.document;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedding on distribution 2.8.2 with TLS (a CA made in the test) and htpasswd: a custom CA cannot
 * be handed to jib, so our own writer builds the image, with the credentials.
 */
class EmbedTlsTest {
  @TempDir static Path dir;
  static DistributionRegistry server;

  @BeforeAll
  static void start() {
    server = DistributionRegistry.tlsWithHtpasswd(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static RegistryOptions options(String password) {
    return RegistryOptions.builder()
        .withoutDockerConfig()
        .caCertificates(server.caFile())
        .credentials(DistributionRegistry.USER, password)
        .retryDelay(Duration.ofMillis(10))
        .build();
  }

  @Test
  void aCustomCaGoesToTheOwnWriterWithTheCredentials() {
    RegistryOptions options = options(server.password());
    ImageWriter.write(
        Registry.of(server.host(), options).store("secure/app"),
        "1.0",
        "hello.txt",
        "hello",
        List.of("linux/amd64"));
    String base = server.host() + "/secure/app";

    EmbedResult r =
        VexEmbedding.of(document("CVE-2024-0001"))
            .withOptions(options)
            .embed(base + ":1.0", base + ":vex");

    assertThat(r.builder()).isEqualTo(EmbedResult.Builder.WATERLINE);
    assertThat(EmbeddedVex.read(ImageReference.parse(base + ":vex"), options).documents())
        .hasSize(1);
  }

  @Test
  void wrongCredentialsAreAClearErrorWithoutTheSecret() {
    String wrong = "not-the-password-" + System.nanoTime();
    String base = server.host() + "/secure/other";

    assertThatThrownBy(
            () ->
                VexEmbedding.of(document("CVE-2024-0001"))
                    .withOptions(options(wrong))
                    .embed(base + ":1.0", base + ":vex"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("secure/other")
        .hasMessageContaining("the credentials of alice for " + server.host() + " were refused")
        .satisfies(e -> assertThat(e.toString()).doesNotContain(wrong));
  }
}
