package dev.waterline.vex.oci.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RegistryClientTest {
  static RegistryConfig config(Set<String> insecure) {
    return new RegistryConfig(null, null, null, insecure, 1024, 1, Duration.ZERO);
  }

  @Nested
  class PlainHttpPolicy {
    @Test
    void onlyLoopbackIsPlainWithoutBeingAsked() {
      assertThat(new RegistryClient("localhost:5000", config(Set.of())).plainHttpAllowed())
          .isTrue();
      assertThat(new RegistryClient("127.3.2.1:5000", config(Set.of())).plainHttpAllowed())
          .isTrue();
      assertThat(new RegistryClient("[::1]:5000", config(Set.of())).plainHttpAllowed()).isTrue();
      assertThat(new RegistryClient("registry.local:5000", config(Set.of())).plainHttpAllowed())
          .isFalse();
      assertThat(new RegistryClient("10.0.0.1", config(Set.of())).plainHttpAllowed()).isFalse();
      assertThat(new RegistryClient("128.0.0.1", config(Set.of())).plainHttpAllowed()).isFalse();
    }

    @Test
    void anAllowedHostIsPlainByNameOrByHostAndPort() {
      assertThat(
              new RegistryClient("registry.local:5000", config(Set.of("registry.local")))
                  .plainHttpAllowed())
          .isTrue();
      assertThat(
              new RegistryClient("registry.local:5000", config(Set.of("registry.local:5000")))
                  .plainHttpAllowed())
          .isTrue();
      assertThat(
              new RegistryClient("registry.local:5001", config(Set.of("registry.local:5000")))
                  .plainHttpAllowed())
          .isFalse();
    }
  }

  @Nested
  class Challenges {
    @Test
    void parsesABearerChallengeWithCommasInsideQuotes() {
      assertThat(
              Challenge.parse(
                  "Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                      + "scope=\"repository:demo/app:pull,push\",error=\"insufficient_scope\""))
          .contains(
              new Challenge(
                  "bearer",
                  Map.of(
                      "realm", "https://auth.example/token",
                      "service", "registry.example",
                      "scope", "repository:demo/app:pull,push",
                      "error", "insufficient_scope")));
    }

    @Test
    void parsesBasicAndIgnoresAnEmptyHeader() {
      assertThat(Challenge.parse("Basic realm=\"test-realm\""))
          .contains(new Challenge("basic", Map.of("realm", "test-realm")));
      assertThat(Challenge.parse("   ")).isEmpty();
    }
  }

  @Nested
  class Secrets {
    @Test
    void credentialsPrintWithoutTheSecret() {
      RegistryCredential c = RegistryCredential.of("alice", "s3cret-value");
      assertThat(c.toString()).isEqualTo("RegistryCredential[alice:***]");
      assertThat(new RegistryConfig(c, null, null, Set.of(), 1, 1, Duration.ZERO).toString())
          .doesNotContain("s3cret-value");
      assertThat(new RegistryClient("r.example", config(Set.of())).toString())
          .startsWith("RegistryClient[r.example, RegistryConfig[credential=none");
    }

    @Test
    void errorCodesComeFromTheDistributionErrorBody() {
      assertThat(
              new RegistryErrors("r.example")
                  .errorCodes(
                      "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"
                          .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .isEqualTo(" MANIFEST_UNKNOWN (manifest unknown)");
      assertThat(
              new RegistryErrors("r.example")
                  .errorCodes(
                      "404 page not found".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .isEmpty();
    }
  }
}
