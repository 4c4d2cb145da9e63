package dev.waterline.vex.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.spi.Dialect;
import dev.waterline.vex.internal.spi.Dialects;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Without vex-formats on the path (vex-model's own tests), {@code Vex.read} of another dialect says
 * what the input is and what reads it; detection works from the content alone.
 */
class DialectsWithoutFormatsTest {
  static byte[] utf8(String s) {
    return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void saysACsafDocumentNeedsVexFormats() {
    assertThatThrownBy(
            () ->
                VexDocument.parse(
                    utf8("{'document':{'category':'csaf_vex','csaf_version':'2.0'}}")))
        .isInstanceOf(VexParseException.class)
        .hasMessage(
            "not an OpenVEX document at /: this is a CSAF 2.0 document; add"
                + " dev.waterline:vex-formats to the class path (or module path) to read it");
  }

  @Test
  void saysACycloneDxBomNeedsVexFormats() {
    assertThatThrownBy(
            () -> VexDocument.parse("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\"}"))
        .hasMessage(
            "not an OpenVEX document at /: this is a CycloneDX 1.6 BOM; add"
                + " dev.waterline:vex-formats to the class path (or module path) to read it");
  }

  @Test
  void saysOpenVexInYamlNeedsVexFormats() {
    assertThatThrownBy(
            () -> VexDocument.parse("'@context': https://openvex.dev/ns/v0.2.0\nauthor: a\n"))
        .hasMessage(
            "not an OpenVEX document at /: this is an OpenVEX document written as YAML; add"
                + " dev.waterline:vex-formats to the class path (or module path) to read it");
  }

  @Test
  void keepsTheOpenVexErrorForBrokenOpenVex() {
    assertThatThrownBy(
            () ->
                VexDocument.parse(
                    "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":5}"))
        .hasMessageStartingWith("not an OpenVEX document at /statements");
  }

  @Test
  void detectsFromTheContentOnly() {
    assertThat(Dialects.detect(utf8("{'bomFormat':'CycloneDX','specVersion':'1.4'}")).dialect())
        .isEqualTo(Dialect.CYCLONEDX);
    assertThat(Dialects.detect(utf8("  {'document':{'title':'x','csaf_version':'2.0'}}")).dialect())
        .isEqualTo(Dialect.CSAF);
    assertThat(Dialects.detect(utf8("[1,2]"))).isNull();
    assertThat(Dialects.detect(utf8("just: yaml\n"))).isNull();
  }
}
