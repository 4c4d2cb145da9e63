package dev.waterline.vex.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.VexDocument;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** OpenVEX written as YAML, as go-vex reads it; anchors, aliases and tags refused. */
class YamlTest {
  static final String YAML =
      "'@context': https://openvex.dev/ns/v0.2.0\n"
          + "'@id': https://acme.example/vex/1\n"
          + "author: Acme Security <psirt@acme.example>\n"
          + "timestamp: 2024-01-01T00:00:00Z\n"
          + "version: 1\n"
          + "statements:\n"
          + "  - vulnerability:\n"
          + "      name: CVE-2023-44487\n"
          + "    products:\n"
          + "      - '@id': pkg:oci/app@sha256%3Aabc\n"
          + "    status: not_affected\n"
          + "    justification: vulnerable_code_not_in_execute_path\n";

  static final String JSON =
      "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"@id\":\"https://acme.example/vex/1\","
          + "\"author\":\"Acme Security <psirt@acme.example>\",\"timestamp\":"
          + "\"2024-01-01T00:00:00Z\",\"version\":1,\"statements\":[{\"vulnerability\":{\"name\":"
          + "\"CVE-2023-44487\"},\"products\":[{\"@id\":\"pkg:oci/app@sha256%3Aabc\"}],\"status\":"
          + "\"not_affected\",\"justification\":\"vulnerable_code_not_in_execute_path\"}]}";

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsTheSameDocumentAsTheJson() {
    ReadResult r = VexFormats.read(utf8(YAML));
    assertThat(r.format()).isEqualTo(VexFormat.OPENVEX);
    assertThat(r.yaml()).isTrue();
    assertThat(r.document()).isEqualTo(VexDocument.parse(JSON));
    assertThat(VexFormats.validate(utf8(YAML)).isValid()).isTrue();
  }

  @Test
  void refusesAnchorsAndAliasesSoThatABillionLaughsCannotExpand() {
    StringBuilder laughs = new StringBuilder(YAML).append("x0: &a0 [lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      laughs
          .append("x")
          .append(i)
          .append(": &a")
          .append(i)
          .append(" [*a")
          .append(i - 1)
          .append(", *a")
          .append(i - 1)
          .append("]\n");
    }
    assertThatThrownBy(() -> VexFormats.read(utf8(laughs.toString())))
        .hasMessage(
            "not an OpenVEX document written as YAML at /x0 (line 13, column 5): YAML anchor &a0:"
                + " anchors and aliases are not accepted (they let a small document expand)");
  }

  @Test
  void refusesAnAliasAlone() {
    assertThatThrownBy(() -> VexFormats.read(utf8(YAML + "tooling: *nothing\n")))
        .hasMessageContaining(
            "YAML alias *nothing: anchors and aliases are not accepted (they let a small document"
                + " expand)");
  }

  @Test
  void refusesDuplicateKeys() {
    assertThatThrownBy(() -> VexFormats.read(utf8(YAML + "version: 2\n")))
        .hasMessageContaining("duplicate field 'version' in one mapping");
  }

  @Test
  void refusesExplicitTags() {
    assertThatThrownBy(() -> VexFormats.read(utf8(YAML + "tooling: !!python/object x\n")))
        .hasMessageContaining("YAML tag 'tag:yaml.org,2002:python/object' is not accepted");
  }

  @Test
  void refusesASecondDocument() {
    assertThatThrownBy(() -> VexFormats.read(utf8(YAML + "---\n" + YAML)))
        .hasMessageContaining("more than one YAML document: expected one OpenVEX document");
  }

  @Test
  void pointsIntoTheYamlForAnOpenVexError() {
    assertThatThrownBy(() -> VexFormats.read(utf8(YAML.replace("not_affected", "fine"))))
        .hasMessage(
            "not an OpenVEX document written as YAML at /statements/0/status: expected one of"
                + " [not_affected, affected, fixed, under_investigation] but was 'fine'");
  }
}
