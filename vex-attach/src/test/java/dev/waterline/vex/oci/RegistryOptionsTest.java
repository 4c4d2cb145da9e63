package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RegistryOptionsTest {
  @Nested
  class Printing {
    @Test
    void thePasswordIsNeverPrinted() {
      RegistryOptions o =
          RegistryOptions.builder()
              .credentials("alice", "hunter2-secret")
              .caCertificates(Path.of("/etc/ca.pem"))
              .insecureRegistry("Registry.Local:5000")
              .build();
      assertThat(o.toString())
          .isEqualTo(
              "RegistryOptions[credentials=alice:***, ca=/etc/ca.pem,"
                  + " insecure=[registry.local:5000], maxBlobBytes=67108864, maxAttempts=4,"
                  + " connectTimeout=10s, readTimeout=30s, timeout=2m, retryBudget=10/1m]");
      RegistryOptions noCa =
          RegistryOptions.builder().credentials("alice", "hunter2-secret").build();
      assertThat(Registry.of("registry.local:5000", noCa).toString()).doesNotContain("hunter2");
      assertThat(o.username()).contains("alice");
    }

    @Test
    void theDefaultsReadDockersConfig() {
      assertThat(RegistryOptions.defaults().toString())
          .startsWith("RegistryOptions[credentials=docker config (default), maxBlobBytes=");
    }
  }

  @Nested
  class Validation {
    @Test
    void rejectsBadLimitsAndHosts() {
      assertThatThrownBy(() -> RegistryOptions.builder().maxAttempts(0))
          .isExactlyInstanceOf(dev.waterline.vex.VexException.class)
          .hasMessage("maxAttempts must be 1 to 20: 0");
      assertThatThrownBy(() -> RegistryOptions.builder().maxBlobBytes(0))
          .isExactlyInstanceOf(dev.waterline.vex.VexException.class);
      assertThatThrownBy(() -> Registry.of("not a host"))
          .isInstanceOf(OciException.class)
          .hasMessage("\"not a host\" is not a registry host (host[:port])");
      assertThat(Registry.of("docker.io").host()).isEqualTo("index.docker.io");
    }

    @Test
    void imagesOfAnotherRegistryAreRefused() {
      Registry r = Registry.of("127.0.0.1:5000");
      assertThatThrownBy(() -> r.fetch("other.example/app:1.0"))
          .isInstanceOf(OciException.class)
          .hasMessage(
              "127.0.0.1:5000/other.example/app:1.0 names another registry than 127.0.0.1:5000"
                      .substring(0, 0)
                  + "other.example/app:1.0 names another registry than 127.0.0.1:5000");
    }
  }
}
