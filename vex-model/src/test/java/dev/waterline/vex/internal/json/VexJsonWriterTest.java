package dev.waterline.vex.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.Component;
import dev.waterline.vex.HashAlgorithm;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.Vulnerability;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VexJsonWriterTest {
  static String write(VexDocument doc) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VexJsonWriter.write(doc, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  static VexDocument minimal(Statement... statements) {
    return VexDocument.builder("Acme")
        .defaults(false)
        .id("https://example.com/vex/1")
        .timestamp(Instant.parse("2024-01-01T00:00:00Z"))
        .statements(List.of(statements))
        .buildLenient();
  }

  @Nested
  class FieldOrderAndFormat {
    @Test
    void writesEveryFieldInSpecOrderWithUnknownFieldsLast() {
      VexDocument doc = VexJsonReader.read(VexJsonReaderTest.resource("all-fields.json"));
      String expected =
          new String(
              VexJsonReaderTest.resource("all-fields.expected.json"), StandardCharsets.UTF_8);
      assertThat(write(doc)).isEqualTo(expected);
    }

    @Test
    void writesTheGoldenFileUnchanged() {
      byte[] golden = VexJsonReaderTest.resource("all-fields.expected.json");
      assertThat(write(VexJsonReader.read(golden)))
          .isEqualTo(new String(golden, StandardCharsets.UTF_8));
    }

    @Test
    void usesLineFeedsTwoSpacesAndATrailingNewline() {
      String json =
          write(
              minimal(
                  Statement.builder().vulnerability("CVE-1").status(Status.FIXED).buildLenient()));
      assertThat(json)
          .isEqualTo(
              "{\n"
                  + "  \"@context\": \"https://openvex.dev/ns/v0.2.0\",\n"
                  + "  \"@id\": \"https://example.com/vex/1\",\n"
                  + "  \"author\": \"Acme\",\n"
                  + "  \"timestamp\": \"2024-01-01T00:00:00Z\",\n"
                  + "  \"version\": 1,\n"
                  + "  \"statements\": [\n"
                  + "    {\n"
                  + "      \"vulnerability\": {\n"
                  + "        \"name\": \"CVE-1\"\n"
                  + "      },\n"
                  + "      \"status\": \"fixed\"\n"
                  + "    }\n"
                  + "  ]\n"
                  + "}\n");
      assertThat(json).doesNotContain("\r");
    }

    @Test
    void writesAnEmptyStatementListCompactly() {
      assertThat(write(minimal())).contains("  \"statements\": []\n");
    }

    @Test
    void writesNonAsciiAsUtf8AndDoesNotEscapeHtml() {
      Statement s =
          Statement.builder()
              .vulnerability(
                  Vulnerability.builder("CVE-1").description("<b>&</b> — ünïcödé 🚀").build())
              .status(Status.FIXED)
              .buildLenient();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      VexJsonWriter.write(minimal(s), out);
      String json = out.toString(StandardCharsets.UTF_8);
      assertThat(json).contains("\"description\": \"<b>&</b> — ünïcödé 🚀\"");
      assertThat(out.toByteArray()).contains("ü".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void escapesControlCharactersAndQuotes() {
      Statement s =
          Statement.builder()
              .vulnerability("CVE-1")
              .status(Status.FIXED)
              .statusNotes("line1\nline2\t\"q\" \\")
              .buildLenient();
      assertThat(write(minimal(s)))
          .contains("\"status_notes\": \"line1\\nline2\\t\\\"q\\\" \\\\\"");
    }

    @Test
    void writesTimesInUtcWithAFractionOnlyWhenNeeded() {
      Statement s =
          Statement.builder()
              .vulnerability("CVE-1")
              .status(Status.FIXED)
              .timestamp(Instant.parse("2024-05-06T07:08:09.120Z"))
              .lastUpdated(Instant.parse("2024-05-06T07:08:09Z"))
              .buildLenient();
      String json = write(minimal(s));
      assertThat(json).contains("\"timestamp\": \"2024-05-06T07:08:09.120Z\"");
      assertThat(json).contains("\"last_updated\": \"2024-05-06T07:08:09Z\"");
    }

    @Test
    void refusesATimeThatRfc3339CannotExpress() {
      VexDocument doc =
          minimal().toBuilder().timestamp(Instant.parse("+10000-01-01T00:00:00Z")).buildLenient();
      assertThatThrownBy(() -> write(doc))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "cannot write timestamp +10000-01-01T00:00:00Z: RFC 3339 needs a year from 0000 to"
                  + " 9999");
    }

    @Test
    void omitsAbsentAndEmptyOptionalFields() {
      VexDocument doc =
          VexDocument.builder("")
              .defaults(false)
              .version(0)
              .statements(
                  List.of(
                      Statement.builder()
                          .vulnerability(Vulnerability.of("CVE-1"))
                          .status(Status.UNDER_INVESTIGATION)
                          .statusNotes("")
                          .buildLenient()))
              .buildLenient();
      assertThat(write(doc))
          .isEqualTo(
              "{\n"
                  + "  \"@context\": \"https://openvex.dev/ns/v0.2.0\",\n"
                  + "  \"statements\": [\n"
                  + "    {\n"
                  + "      \"vulnerability\": {\n"
                  + "        \"name\": \"CVE-1\"\n"
                  + "      },\n"
                  + "      \"status\": \"under_investigation\"\n"
                  + "    }\n"
                  + "  ]\n"
                  + "}\n");
    }

    @Test
    void writesComponentsInSpecOrder() {
      Component sub =
          Component.builder()
              .hash(HashAlgorithm.SHA_256, "ab")
              .purl("pkg:golang/x@v1")
              .id("pkg:golang/x@v1")
              .build();
      Product product =
          Product.of(
              Component.builder().hash(HashAlgorithm.SHA_256, "cd").id("pkg:oci/app").build(),
              List.of(sub));
      Statement s =
          Statement.builder()
              .vulnerability("CVE-1")
              .product(product)
              .status(Status.NOT_AFFECTED)
              .justification(Justification.COMPONENT_NOT_PRESENT)
              .buildLenient();
      assertThat(write(minimal(s)))
          .contains(
              "      \"products\": [\n"
                  + "        {\n"
                  + "          \"@id\": \"pkg:oci/app\",\n"
                  + "          \"hashes\": {\n"
                  + "            \"sha-256\": \"cd\"\n"
                  + "          },\n"
                  + "          \"subcomponents\": [\n"
                  + "            {\n"
                  + "              \"@id\": \"pkg:golang/x@v1\",\n"
                  + "              \"identifiers\": {\n"
                  + "                \"purl\": \"pkg:golang/x@v1\"\n"
                  + "              },\n"
                  + "              \"hashes\": {\n"
                  + "                \"sha-256\": \"ab\"\n"
                  + "              }\n"
                  + "            }\n"
                  + "          ]\n"
                  + "        }\n"
                  + "      ],\n");
    }
  }

  @Nested
  class UnknownFields {
    @Test
    void reindentsUnknownFieldsAndKeepsNumbersExactly() {
      VexDocument doc =
          minimal().toBuilder()
              .unknownFields(Map.of("x", "{\"a\":[1.50,  2e10,{}],\"b\":\"\\u00e9\"}"))
              .buildLenient();
      assertThat(write(doc))
          .endsWith(
              "  \"statements\": [],\n"
                  + "  \"x\": {\n"
                  + "    \"a\": [\n"
                  + "      1.50,\n"
                  + "      2e10,\n"
                  + "      {}\n"
                  + "    ],\n"
                  + "    \"b\": \"é\"\n"
                  + "  }\n"
                  + "}\n");
    }

    @Test
    void refusesUnknownFieldTextThatIsNotJson() {
      VexDocument doc = minimal().toBuilder().unknownFields(Map.of("x", "{\"a\":")).buildLenient();
      assertThatThrownBy(() -> write(doc))
          .isInstanceOf(VexException.class)
          .hasMessageStartingWith("cannot write unknown field 'x': its text is not valid JSON (");
    }

    @Test
    void refusesUnknownFieldTextWithTwoValues() {
      VexDocument doc = minimal().toBuilder().unknownFields(Map.of("x", "1 2")).buildLenient();
      assertThatThrownBy(() -> write(doc))
          .isInstanceOf(VexException.class)
          .hasMessage("cannot write unknown field 'x': its text holds more than one JSON value");
    }

    @Test
    void refusesEmptyUnknownFieldText() {
      VexDocument doc = minimal().toBuilder().unknownFields(Map.of("x", " ")).buildLenient();
      assertThatThrownBy(() -> write(doc))
          .isInstanceOf(VexException.class)
          .hasMessage("cannot write unknown field 'x': its JSON text is empty");
    }
  }

  @Nested
  class RoundTrips {
    @Test
    void readWriteReadGivesAnEqualDocumentAndStableBytes() {
      for (String name : List.of("all-fields.json", "legacy-v001.json")) {
        VexDocument first = VexJsonReader.read(VexJsonReaderTest.resource(name));
        String written = write(first);
        VexDocument second = VexJsonReader.read(written.getBytes(StandardCharsets.UTF_8));
        assertThat(second).as(name).isEqualTo(first);
        assertThat(write(second)).as(name).isEqualTo(written);
      }
    }

    @Test
    void roundTripsADocumentBuiltInCode() {
      VexDocument doc =
          VexDocument.builder("Acme <psirt@acme.example>")
              .defaults(false)
              .id("https://example.com/vex/2")
              .role("vendor")
              .timestamp(Instant.parse("2024-01-01T10:00:00.000000001Z"))
              .lastUpdated(Instant.parse("2024-01-02T10:00:00Z"))
              .version(5)
              .tooling("test")
              .statement(
                  Statement.builder()
                      .id("stmt-1")
                      .version(0)
                      .vulnerability(Vulnerability.of("GHSA-1", "CVE-1"))
                      .product(Product.of("pkg:oci/app", "pkg:golang/x@v1"))
                      .status(Status.AFFECTED)
                      .supplier("s")
                      .actionStatement("upgrade")
                      .actionStatementTimestamp(Instant.parse("2024-01-01T11:00:00Z"))
                      .unknownFields(Map.of("x-list", "[]", "x-obj", "{}"))
                      .buildLenient())
              .buildLenient();
      VexDocument again = VexJsonReader.read(write(doc).getBytes(StandardCharsets.UTF_8));
      assertThat(again).isEqualTo(doc);
      assertThat(again.statements().get(0).version()).hasValue(0);
    }

    @Test
    void writesALegacyDocumentAsV020() {
      String json = write(VexJsonReader.read(VexJsonReaderTest.resource("legacy-v001.json")));
      assertThat(json)
          .startsWith("{\n  \"@context\": \"https://openvex.dev/ns/v0.2.0\",\n")
          .contains("  \"version\": 4,\n")
          .contains(
              "      \"vulnerability\": {\n"
                  + "        \"name\": \"CVE-2022-1111\",\n"
                  + "        \"description\": \"A legacy description\"\n"
                  + "      },\n")
          .contains(
              "  \"supplier\": \"Legacy Supplier Inc.\",\n  \"format\": \"text/vex+json\"\n}\n")
          .doesNotContain("vuln_description");
    }
  }
}
