package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.registry.RegistryClient;
import dev.waterline.vex.oci.internal.registry.RegistryConfig;
import dev.waterline.vex.oci.internal.registry.RegistryCredential;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** distribution 2.8.2 with TLS (a CA made in the test) and htpasswd Basic auth. */
class RegistryTlsBasicAuthTest {
  @TempDir static Path dir;
  static DistributionRegistry server;
  static final AtomicInteger REPO = new AtomicInteger();

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

  static RegistryOptions.Builder tls() {
    return RegistryOptions.builder()
        .withoutDockerConfig()
        .caCertificates(server.caFile())
        .retryDelay(Duration.ofMillis(10));
  }

  static String newRepositoryWithImage() {
    String repo = "secure/app" + REPO.incrementAndGet();
    RegistryClient pusher =
        new RegistryClient(
            server.host(),
            new RegistryConfig(
                RegistryCredential.of(DistributionRegistry.USER, server.password()),
                null,
                server.caFile(),
                Set.of(),
                1 << 20,
                2,
                Duration.ofMillis(10)));
    ImageWriter.write(
        pusher.repository(repo), "1.0", "hello.txt", "secure " + repo, List.of("linux/amd64"));
    return repo;
  }

  static String everything(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  @Nested
  class WithTheRightCredentials {
    @Test
    void attachAndFetchRoundTripOverTlsWithTheCustomCa() {
      String repo = newRepositoryWithImage();
      Registry registry =
          Registry.of(
              server.host(),
              tls().credentials(DistributionRegistry.USER, server.password()).build());
      Digest subject = registry.attachments(repo).fetch("1.0").digest();

      registry.attach(repo + ":1.0", Fixtures.bundleAttestation(subject, "tls"));
      FetchResult fetched = registry.fetch(repo + ":1.0");

      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations())
          .extracting(FetchedAttestation::layout)
          .containsExactlyInAnyOrder(
              AttachmentLayout.SIGSTORE_BUNDLE_REFERRER, AttachmentLayout.COSIGN_ATT_TAG);
    }

    @Test
    void credentialsComeFromADockerConfigAuthsEntry() throws Exception {
      String repo = newRepositoryWithImage();
      Path config = dir.resolve("docker-config.json");
      String auth =
          Base64.getEncoder()
              .encodeToString(
                  (DistributionRegistry.USER + ":" + server.password())
                      .getBytes(StandardCharsets.UTF_8));
      Files.writeString(
          config, "{\"auths\":{\"" + server.host() + "\":{\"auth\":\"" + auth + "\"}}}");
      Registry registry = Registry.of(server.host(), tls().dockerConfig(config).build());

      assertThat(registry.fetch(repo + ":1.0").attestations()).isEmpty();
      assertThat(registry.toString()).doesNotContain(server.password()).doesNotContain(auth);
    }
  }

  @Nested
  class CredentialHelpers {
    /** Stores what docker-credential-waterline-test answers for this registry. */
    void storeInHelper(String password) throws Exception {
      Path store = Path.of("target", "test-credential-helper");
      Files.createDirectories(store);
      String json =
          "{\"ServerURL\":\""
              + server.host()
              + "\",\"Username\":\""
              + DistributionRegistry.USER
              + "\",\"Secret\":\""
              + password
              + "\"}";
      for (String name : List.of(server.host(), "https://" + server.host())) {
        Files.writeString(store.resolve(name.replaceAll("[^A-Za-z0-9.]", "_")), json);
      }
    }

    @Test
    void credentialsComeFromACredHelpersScript() throws Exception {
      assumeTrue(
          DistributionRegistry.onPath("docker-credential-waterline-test"),
          "the test credential helper is not on PATH (run the tests with Maven)");
      storeInHelper(server.password());
      String repo = newRepositoryWithImage();
      Path config = dir.resolve("helpers-config.json");
      Files.writeString(config, "{\"credHelpers\":{\"" + server.host() + "\":\"waterline-test\"}}");

      Registry registry = Registry.of(server.host(), tls().dockerConfig(config).build());

      assertThat(registry.fetch(repo + ":1.0").attestations()).isEmpty();
    }

    @Test
    void credentialsComeFromACredsStoreScript() throws Exception {
      assumeTrue(
          DistributionRegistry.onPath("docker-credential-waterline-test"),
          "the test credential helper is not on PATH (run the tests with Maven)");
      storeInHelper(server.password());
      String repo = newRepositoryWithImage();
      Path config = dir.resolve("store-config.json");
      Files.writeString(config, "{\"credsStore\":\"waterline-test\"}");

      Registry registry = Registry.of(server.host(), tls().dockerConfig(config).build());

      assertThat(registry.fetch(repo + ":1.0").attestations()).isEmpty();
    }
  }

  @Nested
  class Failures {
    @Test
    void wrongCredentialsGiveAClearErrorNamingRegistryAndRepositoryAndNoSecret() {
      String repo = newRepositoryWithImage();
      String wrong = "not-the-password-" + server.password();
      Registry registry =
          Registry.of(server.host(), tls().credentials(DistributionRegistry.USER, wrong).build());

      OciException e =
          catchThrowableOfType(OciException.class, () -> registry.fetch(repo + ":1.0"));

      assertThat(e)
          .hasMessage(
              "reading the manifest 1.0 in "
                  + server.host()
                  + "/"
                  + repo
                  + " failed: HTTP 401 UNAUTHORIZED (authentication required); the credentials of "
                  + DistributionRegistry.USER
                  + " for "
                  + server.host()
                  + " were refused");
      assertThat(everything(e)).doesNotContain(wrong).doesNotContain(server.password());
      assertThat(registry.toString())
          .isEqualTo(
              "Registry["
                  + server.host()
                  + ", RegistryOptions[credentials=alice:***, ca="
                  + server.caFile()
                  + ", maxBlobBytes=67108864, maxAttempts=4, connectTimeout=10s, readTimeout=30s,"
                  + " timeout=2m, retryBudget=10/1m]]");
      assertThat(registry.options().toString()).doesNotContain(wrong);
    }

    @Test
    void noCredentialsSaysSo() {
      String repo = newRepositoryWithImage();
      Registry registry = Registry.of(server.host(), tls().build());

      OciException e =
          catchThrowableOfType(OciException.class, () -> registry.fetch(repo + ":1.0"));

      assertThat(e.getMessage())
          .contains(server.host() + "/" + repo)
          .contains("HTTP 401 UNAUTHORIZED")
          .endsWith(
              "no credentials are configured for "
                  + server.host()
                  + " (RegistryOptions.credentials, or docker login)");
    }

    @Test
    void withoutTheCaTheCertificateIsRefusedAndNotRetried() {
      String repo = newRepositoryWithImage();
      Registry registry =
          Registry.of(
              server.host(),
              RegistryOptions.builder()
                  .withoutDockerConfig()
                  .credentials(DistributionRegistry.USER, server.password())
                  .build());

      OciException e =
          catchThrowableOfType(OciException.class, () -> registry.fetch(repo + ":1.0"));

      assertThat(e.getMessage())
          .startsWith(
              "could not reach the registry "
                  + server.host()
                  + " (GET /v2/"
                  + repo
                  + "/manifests/1.0) after 1 attempt(s)")
          .contains("PKIX");
      assertThat(everything(e)).doesNotContain(server.password());
    }
  }
}
