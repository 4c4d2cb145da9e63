package dev.waterline.vex.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.Component;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.Vulnerability;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A written document is held in the chunks it was written in; what a caller gets from it is the
 * same however it is asked for.
 */
class WriteResultTest {
  /** A document whose CSAF and CycloneDX run to several megabytes (many chunks). */
  private static VexDocument large() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    List<Statement> statements = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      statements.add(
          Statement.builder()
              .vulnerability(Vulnerability.builder("CVE-2024-" + (10_000 + i % 300)).build())
              .status(i % 2 == 0 ? Status.FIXED : Status.UNDER_INVESTIGATION)
              .timestamp(t.plusSeconds(i))
              .product(
                  Product.of(
                      Component.of("pkg:npm/n\u00e9-" + i + "@1.0." + i),
                      List.of(Component.of("pkg:npm/sub-" + i % 17 + "@2.0.0"))))
              .build());
    }
    return VexDocument.builder("Example Security Team <psirt@example.com>")
        .id("https://vex.example.com/docs/large")
        .timestamp(t)
        .statements(statements)
        .build();
  }

  @Test
  void bytesTextSizeAndWriteToAgreeForALargeDocumentInEveryDialect() {
    VexDocument doc = large();
    for (VexFormat f : VexFormat.values()) {
      WriteResult w = VexFormats.write(doc, f);
      byte[] bytes = w.bytes();
      assertThat(bytes.length).as(f.toString()).isGreaterThan(1_000_000);
      assertThat(w.size()).isEqualTo(bytes.length);
      assertThat(w.text()).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      w.writeTo(out);
      assertThat(out.toByteArray()).isEqualTo(bytes);
      assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
    }
  }

  @Test
  void bytesIsANewArrayEachTimeSoChangingOneChangesNothingHeld() {
    WriteResult w = VexFormats.write(large(), VexFormat.CYCLONEDX);
    byte[] first = w.bytes();
    first[0] = 'X';
    assertThat(w.bytes()[0]).isEqualTo((byte) '{');
  }

  @Test
  void aWrittenResultEqualsOneMadeOfItsBytesAndHashesAlike() {
    WriteResult w = VexFormats.write(large(), VexFormat.CSAF);
    WriteResult same = WriteResult.of(VexFormat.CSAF, w.bytes(), w.warnings());
    assertThat(same).isEqualTo(w).hasSameHashCodeAs(w);
    assertThat(w).isEqualTo(same);
    byte[] changed = w.bytes();
    changed[changed.length / 2] ^= 1;
    assertThat(WriteResult.of(VexFormat.CSAF, changed, w.warnings())).isNotEqualTo(w);
    assertThat(w.toString())
        .isEqualTo(
            "WriteResult[csaf, " + w.size() + " bytes, " + w.warnings().size() + " warnings]");
  }

  @Test
  void aStreamThatFailsGivesAVexExceptionNamingTheDocumentWithTheCause() {
    WriteResult w = WriteResult.of(VexFormat.CSAF, new byte[] {'{', '}'}, List.of());
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("no space left on device");
          }
        };
    assertThatThrownBy(() -> w.writeTo(broken))
        .isInstanceOf(VexException.class)
        .hasMessage("cannot write the csaf document: no space left on device")
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void ofTakesACopySoTheCallersArrayCanChangeAfterwards() {
    byte[] mine = "{}\n".getBytes(StandardCharsets.UTF_8);
    WriteResult w = WriteResult.of(VexFormat.OPENVEX, mine, List.of());
    mine[0] = '[';
    assertThat(w.text()).isEqualTo("{}\n");
  }
}
