package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.registry.TokenServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** distribution 2.8.2 behind a token server: the Bearer challenge flow and token caching. */
class RegistryTokenAuthTest {
  @TempDir static Path dir;
  static TokenServer tokens;
  static DistributionRegistry server;
  static final String PASSWORD = "token-pass-" + Long.toHexString(System.nanoTime());
  static final AtomicInteger REPO = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    DistributionRegistry.assumeInstalled();
    assumeTrue(DistributionRegistry.onPath("openssl"), "openssl is missing: token tests skipped");
    tokens = new TokenServer(dir, "alice", PASSWORD);
    server = DistributionRegistry.withTokenAuth(dir, tokens.realm(), TokenServer.certificate(dir));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }

  static Registry registry(String password) {
    return Registry.of(
        server.host(),
        RegistryOptions.builder()
            .withoutDockerConfig()
            .credentials("alice", password)
            .retryDelay(Duration.ofMillis(5))
            .build());
  }

  @Nested
  class BearerTokens {
    @Test
    void attachAndFetchWithTokensAskedOncePerRepositoryAndAccess() {
      String repo = "tok/app" + REPO.incrementAndGet();
      Registry registry = registry(PASSWORD);
      int before = tokens.tokens();
      // push the image through the public API's store: the same auth path
      Digest subject =
          dev.waterline.vex.oci.internal.store.ImageWriter.write(
                  registryStore(registry, repo),
                  "1.0",
                  "f",
                  "token " + repo,
                  List.of("linux/amd64"))
              .digest();

      registry.attach(repo + ":1.0", Fixtures.statementAttestation(subject, "bearer"));
      FetchResult fetched = registry.fetch(repo + ":1.0");
      registry.fetch(repo + ":1.0");

      assertThat(fetched.problems()).isEmpty();
      assertThat(fetched.attestations()).hasSize(1);
      assertThat(tokens.tokens() - before).isEqualTo(1); // one pull,push token, then cached
      // distribution names the actions in either order
      assertThat(tokens.scopes())
          .containsAnyOf("repository:" + repo + ":pull,push", "repository:" + repo + ":push,pull");
    }

    @Test
    void aRefusedTokenIsAClearErrorWithoutTheSecret() {
      String repo = "tok/app" + REPO.incrementAndGet();
      String wrong = "wrong-" + PASSWORD;

      OciException e =
          catchThrowableOfType(OciException.class, () -> registry(wrong).fetch(repo + ":1.0"));

      assertThat(e)
          .hasMessage(
              "the token server "
                  + tokens.realm()
                  + " of the registry "
                  + server.host()
                  + " refused a token for "
                  + server.host()
                  + "/"
                  + repo
                  + " (scope repository:"
                  + repo
                  + ":pull): HTTP 401 UNAUTHORIZED (bad credentials); the credentials of alice"
                  + " were refused");
      StringWriter w = new StringWriter();
      e.printStackTrace(new PrintWriter(w));
      assertThat(w.toString()).doesNotContain(wrong).doesNotContain(PASSWORD);
    }
  }

  static dev.waterline.vex.oci.internal.store.OciStore registryStore(
      Registry registry, String repo) {
    return registry.store(repo);
  }
}
