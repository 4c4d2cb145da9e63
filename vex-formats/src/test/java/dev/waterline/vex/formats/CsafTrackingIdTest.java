package dev.waterline.vex.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.Component;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.Vulnerability;
import dev.waterline.vex.internal.json.Json;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The document's {@code @id} as CSAF's {@code /document/tracking/id}, which has a pattern. */
class CsafTrackingIdTest {
  static VexDocument withId(@Nullable String id) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    return VexDocument.builder("Example Security Team <psirt@example.com>")
        .id(id)
        .timestamp(t)
        .statements(
            List.of(
                Statement.builder()
                    .vulnerability(Vulnerability.builder("CVE-2024-0001").build())
                    .status(Status.FIXED)
                    .timestamp(t)
                    .product(Product.of(Component.of("pkg:npm/a@1.0.0"), List.of()))
                    .build()))
        .buildLenient();
  }

  private static String trackingId(WriteResult w) {
    JsonNode root = Json.readTree(w.bytes());
    return root.path("document").path("tracking").path("id").textValue();
  }

  @Test
  void anIdThatIsATrackingIdIsWrittenAsIt() {
    WriteResult w = VexFormats.write(withId("https://vex.example.com/docs/1"), VexFormat.CSAF);
    assertThat(trackingId(w)).isEqualTo("https://vex.example.com/docs/1");
    assertThat(w.warnings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        " https://vex.example.com/docs/1",
        "https://vex.example.com/docs/1 ",
        "https://vex.example.com/docs/1\u00a0",
        "\u3000https://vex.example.com/docs/1",
        "https://vex.example.com/docs/\n1",
        "https://vex.example.com/docs/\u20281"
      })
  void anIdTheTrackingIdPatternRefusesIsReplacedByTheDocumentsHashAndWarned(String id) {
    WriteResult w = VexFormats.write(withId(id), VexFormat.CSAF);
    String written = trackingId(w);
    assertThat(written).matches("vex-[0-9a-f]{64}");
    assertThat(w.warnings())
        .extracting(ConversionWarning::toString)
        .containsExactly(
            "warning at /@id: @id '"
                + id.replace('\n', '?')
                + "' is not a CSAF tracking id (white space at an end, or a line break): tracking"
                + " id "
                + written
                + " is written");
  }
}
