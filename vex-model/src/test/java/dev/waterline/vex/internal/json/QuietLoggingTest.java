package dev.waterline.vex.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.Validator;
import org.junit.jupiter.api.Test;

class QuietLoggingTest {
  @Test
  void withoutAProviderValidationNamesSlf4jsOwnNoOperationFallbackSoNothingIsPrinted() {
    // vex-model's test class path has slf4j-api and no provider, as a library user's may.
    assertThat(QuietLogging.hasProvider()).isFalse();

    Validator.validate(
        "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"@id\":\"https://example.com/v/1\","
            + "\"author\":\"a\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"version\":1,"
            + "\"statements\":[]}");

    assertThat(System.getProperty(QuietLogging.PROVIDER)).isEqualTo(QuietLogging.NOP_PROVIDER);
    assertThat(System.getProperty(QuietLogging.VERBOSITY)).isEqualTo("WARN");
  }
}
