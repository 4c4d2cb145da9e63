package dev.waterline.vex.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.waterline.vex.Component;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.VexParseException.Kind;
import dev.waterline.vex.Vulnerability;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VexJsonReaderTest {
  static final String CTX = "\"@context\":\"https://openvex.dev/ns/v0.2.0\"";

  static byte[] resource(String name) {
    try (InputStream in = VexJsonReaderTest.class.getResourceAsStream("/json/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static VexDocument read(String json) {
    return VexJsonReader.read(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A v0.2.0 document holding one statement given as JSON text. */
  static String withStatement(String statement) {
    return "{" + CTX + ",\"author\":\"a\",\"statements\":[" + statement + "]}";
  }

  static VexParseException failure(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    VexParseException fromBytes =
        catchThrowableOfType(VexParseException.class, () -> VexJsonReader.read(bytes));
    assertThat(fromBytes).as("reading %s", json).isNotNull();
    VexParseException fromStream =
        catchThrowableOfType(
            VexParseException.class, () -> VexJsonReader.read(new ByteArrayInputStream(bytes)));
    assertThat(fromStream).as("streaming %s", json).isNotNull();
    assertThat(fromStream.getMessage()).isEqualTo(fromBytes.getMessage());
    return fromBytes;
  }

  static void assertFailure(
      VexParseException e, Kind kind, String pointer, long line, long column, String detail) {
    assertThat(e.detail()).isEqualTo(detail);
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.pointer()).isEqualTo(pointer);
    assertThat(e.line()).isEqualTo(line);
    assertThat(e.column()).isEqualTo(column);
  }

  @Nested
  class ReadsEveryV020Field {
    final VexDocument doc = VexJsonReader.read(resource("all-fields.json"));

    @Test
    void readsDocumentFields() {
      assertThat(doc.context()).isEqualTo("https://openvex.dev/ns/v0.2.0");
      assertThat(doc.id()).contains("https://example.com/vex/doc-1");
      assertThat(doc.author()).isEqualTo("Example Security <psirt@example.com>");
      assertThat(doc.role()).contains("Document Creator");
      assertThat(doc.timestamp()).contains(Instant.parse("2024-01-31T23:59:59Z"));
      assertThat(doc.lastUpdated()).contains(Instant.parse("2024-02-03T04:05:06.123456789Z"));
      assertThat(doc.version()).isEqualTo(3);
      assertThat(doc.tooling()).contains("hand-written fixture");
      assertThat(doc.statements()).hasSize(2);
    }

    @Test
    void readsStatementFields() {
      Statement s = doc.statements().get(0);
      assertThat(s.id()).contains("https://example.com/vex/stmt-1");
      assertThat(s.version()).hasValue(2);
      assertThat(s.timestamp()).contains(Instant.parse("2024-02-01T17:30:00Z"));
      assertThat(s.lastUpdated()).contains(Instant.parse("2024-02-02T00:00:00Z"));
      assertThat(s.status()).isEqualTo(Status.NOT_AFFECTED);
      assertThat(s.supplier()).contains("Example Corp");
      assertThat(s.statusNotes()).contains("Checked by the platform team");
      assertThat(s.justification()).contains(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH);
      assertThat(s.impactStatement()).contains("Only reachable with debug enabled");
      assertThat(s.actionStatement()).contains("Upgrade to 2.0.1");
      assertThat(s.actionStatementTimestamp()).contains(Instant.parse("2024-03-01T09:00:00.5Z"));
      assertThat(doc.statements().get(1).status()).isEqualTo(Status.AFFECTED);
    }

    @Test
    void readsVulnerabilityFields() {
      Vulnerability v = doc.statements().get(0).vulnerability();
      assertThat(v.name()).isEqualTo("CVE-2023-44487");
      assertThat(v.id()).contains("https://nvd.nist.gov/vuln/detail/CVE-2023-44487");
      assertThat(v.description()).contains("HTTP/2 rapid reset — naïve servers <fall> & crash");
      assertThat(v.aliases()).containsExactly("GHSA-qppj-fm5r-hxr3", "GO-2023-2102");
    }

    @Test
    void readsProductsAndSubcomponentsKeepingEveryIdentifierAndHashKey() {
      Product p = doc.statements().get(0).products().get(0);
      assertThat(p.id()).contains("pkg:oci/app@sha256%3Aaaaa");
      assertThat(p.identifiers())
          .containsExactly(
              Map.entry("cpe23", "cpe:2.3:a:example:app:1.0:*:*:*:*:*:*:*"),
              Map.entry("purl", "pkg:oci/app@sha256%3Aaaaa"));
      assertThat(p.hashes())
          .containsExactly(
              Map.entry(
                  "blake3", "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"),
              Map.entry("sha-256", "aaaa"));
      Component sub = p.subcomponents().get(0);
      assertThat(sub.id()).contains("pkg:golang/golang.org/x/net@v0.7.0");
      assertThat(sub.identifiers()).containsEntry("custom-id", "net-0.7");
      assertThat(sub.hashes()).containsOnlyKeys("sha-256");
    }

    @Test
    void keepsUnknownFieldsAtEveryLevelAsCompactJsonInOrder() {
      assertThat(doc.unknownFields())
          .containsExactly(
              Map.entry("x-doc-extra", "{\"note\":\"first unknown\",\"n\":[1,2.50,-3e2]}"),
              Map.entry("x-doc-tail", "\"last\""));
      Statement s = doc.statements().get(0);
      assertThat(s.unknownFields()).containsExactly(Map.entry("x-statement-extra", "true"));
      assertThat(s.vulnerability().unknownFields())
          .containsExactly(Map.entry("x-vuln-extra", "{\"score\":7.5}"));
      Product p = s.products().get(0);
      assertThat(p.component().unknownFields())
          .containsExactly(Map.entry("x-product-extra", "\"p\""));
      assertThat(p.subcomponents().get(0).unknownFields())
          .containsExactly(Map.entry("x-sub-extra", "null"));
    }

    @Test
    void readsTheSameFromAStream() {
      assertThat(VexJsonReader.read(new ByteArrayInputStream(resource("all-fields.json"))))
          .isEqualTo(doc);
    }
  }

  @Nested
  class Normalisations {
    @Test
    void treatsEmptyStringsAndNullsOfOptionalFieldsAsAbsent() {
      VexDocument doc =
          read(
              "{"
                  + CTX
                  + ",\"@id\":\"\",\"author\":\"a\",\"role\":null,\"tooling\":\"\","
                  + "\"timestamp\":\"\",\"statements\":[{\"vulnerability\":{\"name\":\"CVE-1\","
                  + "\"description\":\"\",\"aliases\":null},\"status\":\"fixed\","
                  + "\"status_notes\":\"\",\"justification\":\"\",\"supplier\":null,"
                  + "\"action_statement_timestamp\":null,\"products\":null}]}");
      assertThat(doc.id()).isEmpty();
      assertThat(doc.role()).isEmpty();
      assertThat(doc.tooling()).isEmpty();
      assertThat(doc.timestamp()).isEmpty();
      Statement s = doc.statements().get(0);
      assertThat(s.statusNotes()).isEmpty();
      assertThat(s.justification()).isEmpty();
      assertThat(s.supplier()).isEmpty();
      assertThat(s.actionStatementTimestamp()).isEmpty();
      assertThat(s.products()).isEmpty();
      assertThat(s.vulnerability().description()).isEmpty();
      assertThat(s.vulnerability().aliases()).isEmpty();
    }

    @Test
    void leavesMissingIdTimestampAndVersionMissing() {
      VexDocument doc = read("{" + CTX + ",\"author\":\"a\",\"statements\":[]}");
      assertThat(doc.id()).isEmpty();
      assertThat(doc.timestamp()).isEmpty();
      assertThat(doc.version()).isZero();
      assertThat(doc.statements()).isEmpty();
    }

    @Test
    void readsAMissingAuthorAsEmpty() {
      assertThat(read("{" + CTX + "}").author()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
      "2023-01-08T18:02:03-06:00, 2023-01-09T00:02:03Z",
      "2023-01-08T18:02:03.647787998-06:00, 2023-01-09T00:02:03.647787998Z",
      "2023-01-08t18:02:03z, 2023-01-08T18:02:03Z",
      "2023-01-08T18:02:03.5+05:30, 2023-01-08T12:32:03.500Z",
      "2024-02-29T23:59:59.1Z, 2024-02-29T23:59:59.100Z",
      "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z"
    })
    void readsRfc3339TimesWithAnyOffset(String written, String instant) {
      VexDocument doc = read("{" + CTX + ",\"timestamp\":\"" + written + "\"}");
      assertThat(doc.timestamp()).contains(Instant.parse(instant));
    }

    @Test
    void acceptsTheV020ContextWithATrailingSlash() {
      assertThat(read("{\"@context\":\"https://openvex.dev/ns/v0.2.0/\"}").context())
          .isEqualTo(VexDocument.CONTEXT_V0_2_0);
    }

    @Test
    void keepsAnUnknownContextAsWritten() {
      assertThat(read("{\"@context\":\"https://example.com/ns\"}").context())
          .isEqualTo("https://example.com/ns");
    }
  }

  @Nested
  class UpgradesLegacyDocuments {
    final VexDocument doc = VexJsonReader.read(resource("legacy-v001.json"));

    @Test
    void upgradesTheContextAndReadsAStringVersion() {
      assertThat(doc.context()).isEqualTo(VexDocument.CONTEXT_V0_2_0);
      assertThat(doc.version()).isEqualTo(4);
      assertThat(doc.timestamp()).contains(Instant.parse("2023-01-09T00:02:03.647787998Z"));
    }

    @Test
    void keepsDocumentSupplierAndFormatAsUnknownFields() {
      assertThat(doc.unknownFields())
          .containsExactly(
              Map.entry("supplier", "\"Legacy Supplier Inc.\""),
              Map.entry("format", "\"text/vex+json\""));
    }

    @Test
    void turnsStringVulnerabilityAndVulnDescriptionIntoAVulnerability() {
      Statement s = doc.statements().get(0);
      assertThat(s.vulnerability())
          .isEqualTo(
              Vulnerability.builder("CVE-2022-1111").description("A legacy description").build());
      assertThat(s.unknownFields()).isEmpty();
      assertThat(s.statusNotes()).isEmpty();
    }

    @Test
    void copiesStatementLevelSubcomponentsIntoEveryProductSkippingEmptyOnes() {
      assertThat(doc.statements().get(0).products())
          .containsExactly(
              Product.of("pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64", "pkg:apk/wolfi/openssl@3.0.7"),
              Product.of("pkg:apk/wolfi/git@2.39.0-r1?arch=armv7", "pkg:apk/wolfi/openssl@3.0.7"));
    }

    @Test
    void readsAStatementWithoutProducts() {
      Statement s = doc.statements().get(1);
      assertThat(s.products()).isEmpty();
      assertThat(s.actionStatement()).contains("Upgrade");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://openvex.dev/ns",
          "https://openvex.dev/ns/",
          "https://openvex.dev/ns/v0.0.1"
        })
    void recognisesLegacyContexts(String context) {
      assertThat(read("{\"@context\":\"" + context + "\",\"version\":1}").context())
          .isEqualTo(VexDocument.CONTEXT_V0_2_0);
    }

    @Test
    void upgradesALegacyShapeWhateverTheContext() {
      VexDocument d =
          read(
              "{\"@context\":\"https://example.com/other\",\"statements\":[{\"vulnerability\":"
                  + "\"CVE-1\",\"status\":\"fixed\"}]}");
      assertThat(d.context()).isEqualTo(VexDocument.CONTEXT_V0_2_0);
      assertThat(d.statements().get(0).vulnerability()).isEqualTo(Vulnerability.of("CVE-1"));
    }

    @Test
    void movesStatementLevelSubcomponentsOfAV020DocumentIntoItsProducts() {
      VexDocument d =
          read(
              withStatement(
                  "{\"vulnerability\":{\"name\":\"CVE-1\"},\"subcomponents\":[{\"@id\":"
                      + "\"pkg:golang/a/b@v1\"},\"pkg:golang/c/d@v2\"],\"products\":[{\"@id\":"
                      + "\"pkg:oci/app\",\"subcomponents\":[{\"@id\":\"pkg:golang/own@v0\"}]}],"
                      + "\"status\":\"not_affected\"}"));
      assertThat(d.statements().get(0).products())
          .containsExactly(
              Product.of(
                  "pkg:oci/app", "pkg:golang/own@v0", "pkg:golang/a/b@v1", "pkg:golang/c/d@v2"));
      assertThat(d.statements().get(0).unknownFields()).isEmpty();
    }

    @Test
    void keepsStatementLevelSubcomponentsAsUnknownWhenThereIsNoProduct() {
      VexDocument d =
          read(
              withStatement(
                  "{\"vulnerability\":\"CVE-1\",\"subcomponents\":[\"pkg:golang/a/b@v1\","
                      + "{\"@id\":\"pkg:golang/c\",\"hashes\":{\"sha-256\":\"ab\"}}],"
                      + "\"status\":\"fixed\"}"));
      assertThat(d.statements().get(0).unknownFields())
          .containsExactly(
              Map.entry(
                  "subcomponents",
                  "[\"pkg:golang/a/b@v1\",{\"@id\":\"pkg:golang/c\",\"hashes\":{\"sha-256\":\"ab\"}}]"));
      assertThat(VexDocument.parse(d.toJson())).isEqualTo(d);
    }

    @Test
    void keepsVulnDescriptionWhenTheVulnerabilityHasItsOwn() {
      VexDocument d =
          read(
              withStatement(
                  "{\"vulnerability\":{\"name\":\"CVE-1\",\"description\":\"own\"},"
                      + "\"vuln_description\":\"legacy\",\"status\":\"fixed\"}"));
      Statement s = d.statements().get(0);
      assertThat(s.vulnerability().description()).contains("own");
      assertThat(s.unknownFields()).containsExactly(Map.entry("vuln_description", "\"legacy\""));
    }

    @Test
    void acceptsAnIntegerVersionInALegacyDocument() {
      assertThat(read("{\"@context\":\"https://openvex.dev/ns\",\"version\":7}").version())
          .isEqualTo(7);
    }
  }

  @Nested
  class RejectsBadEncodings {
    @Test
    void acceptsAndSkipsAUtf8ByteOrderMark() {
      byte[] body = ("{" + CTX + ",\"author\":\"é\"}").getBytes(StandardCharsets.UTF_8);
      byte[] withBom = new byte[body.length + 3];
      withBom[0] = (byte) 0xEF;
      withBom[1] = (byte) 0xBB;
      withBom[2] = (byte) 0xBF;
      System.arraycopy(body, 0, withBom, 3, body.length);
      assertThat(VexJsonReader.read(withBom).author()).isEqualTo("é");
      assertThat(VexJsonReader.read(new ByteArrayInputStream(withBom)).author()).isEqualTo("é");
    }

    @ParameterizedTest
    @CsvSource({
      "UTF-16LE, true, UTF-16LE (it starts with a byte order mark)",
      "UTF-16BE, true, UTF-16BE (it starts with a byte order mark)",
      "UTF-16LE, false, UTF-16LE",
      "UTF-16BE, false, UTF-16BE",
      "UTF-32LE, false, UTF-32LE",
      "UTF-32BE, false, UTF-32BE",
      "UTF-32LE, true, UTF-32LE (it starts with a byte order mark)",
      "UTF-32BE, true, UTF-32BE (it starts with a byte order mark)"
    })
    void rejectsUtf16AndUtf32(String charset, boolean bom, String described) {
      String text = (bom ? "\uFEFF" : "") + "{" + CTX + "}";
      byte[] bytes = text.getBytes(Charset.forName(charset));
      VexParseException e =
          catchThrowableOfType(VexParseException.class, () -> VexJsonReader.read(bytes));
      assertFailure(
          e, Kind.SYNTAX, "", 1, 1, "JSON must be UTF-8 (RFC 8259); this input is " + described);
      assertThat(e.getMessage())
          .isEqualTo(
              "not valid JSON at / (line 1, column 1): JSON must be UTF-8 (RFC 8259); this input is "
                  + described);
      assertThatThrownBy(() -> VexJsonReader.read(new ByteArrayInputStream(bytes)))
          .isInstanceOf(VexParseException.class)
          .hasMessage(e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"00 00 28 00", "00 00 00 00", "00", "ef bb bf 01 00 00 00 7b 7d", "7b 20 20 00"})
    void rejectsANulByteInTheFirstFourBytesAsAParseException(String hex) {
      // Found by VexDocumentFuzzTest: 00 00 xx 00, and 01 00 00 00 after a UTF-8 byte order mark,
      // escaped as UncheckedIOException from Jackson's encoding detection ("Unsupported UCS-4
      // endianness (2143)", "Invalid UTF-32 character").
      String[] parts = hex.split(" ");
      byte[] bytes = new byte[parts.length];
      for (int i = 0; i < parts.length; i++) {
        bytes[i] = (byte) Integer.parseInt(parts[i], 16);
      }
      String detail =
          "JSON must be UTF-8 (RFC 8259); this input is not text (it has a NUL byte among its"
              + " first four bytes)";
      assertFailure(
          catchThrowableOfType(VexParseException.class, () -> VexJsonReader.read(bytes)),
          Kind.SYNTAX,
          "",
          1,
          1,
          detail);
      assertFailure(
          catchThrowableOfType(
              VexParseException.class, () -> VexJsonReader.read(new ByteArrayInputStream(bytes))),
          Kind.SYNTAX,
          "",
          1,
          1,
          detail);
    }

    @Test
    void rejectsAnEmptyInput() {
      VexParseException e = failure("");
      assertFailure(e, Kind.SYNTAX, "", 0, 0, "the input is empty: expected a JSON document");
      assertThat(e.getMessage())
          .isEqualTo("not valid JSON at /: the input is empty: expected a JSON document");
    }

    @Test
    void rejectsAByteOrderMarkAlone() {
      VexParseException e = failure("\uFEFF");
      assertFailure(e, Kind.SYNTAX, "", 0, 0, "the input is empty: expected a JSON document");
    }

    @Test
    void rejectsWhitespaceOnly() {
      VexParseException e = failure(" \n\n  ");
      assertFailure(
          e,
          Kind.SYNTAX,
          "",
          3,
          3,
          "the input is empty: expected an OpenVEX document (a JSON object)");
    }

    @Test
    void rejectsInvalidUtf8() {
      byte[] bytes = ("{" + CTX + ",\"author\":\"ab\"}").getBytes(StandardCharsets.UTF_8);
      bytes[bytes.length - 4] = (byte) 0xC3; // a lead byte followed by an ASCII 'b'
      VexParseException e =
          catchThrowableOfType(VexParseException.class, () -> VexJsonReader.read(bytes));
      assertThat(e.kind()).isEqualTo(Kind.SYNTAX);
      assertThat(e.pointer()).isEqualTo("/author");
      assertThat(e.detail()).startsWith("Invalid UTF-8 middle byte 0x62");
    }
  }

  @Nested
  class RejectsMalformedJson {
    @Test
    void rejectsTruncatedJson() {
      VexParseException e =
          failure("{" + CTX + ",\"statements\":[{\"vulnerability\":{\"name\":\"CVE-1\"");
      assertFailure(
          e,
          Kind.SYNTAX,
          "/statements/0/vulnerability/name",
          1,
          91,
          "unexpected end of input: the JSON is truncated");
    }

    @Test
    void rejectsTruncatedJsonInsideAnUnknownField() {
      VexParseException e = failure("{" + CTX + ",\"x\":{\"a\":[1,");
      assertFailure(
          e, Kind.SYNTAX, "/x/a/1", 1, 57, "unexpected end of input: the JSON is truncated");
    }

    @Test
    void rejectsDuplicateKeys() {
      VexParseException e =
          failure(
              withStatement(
                  "{\"vulnerability\":{\"name\":\"CVE-1\"},\"status\":\"fixed\",\"status\":\"affected\"}"));
      assertFailure(
          e, Kind.SYNTAX, "/statements/0/status", 1, 131, "duplicate field 'status' in one object");
    }

    @Test
    void rejectsDuplicateKeysInUnknownFields() {
      VexParseException e = failure("{" + CTX + ",\"x\":{\"a\":1,\"a\":2}}");
      assertFailure(e, Kind.SYNTAX, "/x/a", 1, 59, "duplicate field 'a' in one object");
    }

    @Test
    void rejectsContentAfterTheDocument() {
      VexParseException e = failure("{" + CTX + "} {}");
      assertFailure(
          e,
          Kind.SYNTAX,
          "",
          1,
          46,
          "expected the end of the input after the document but found more JSON");
    }

    @Test
    void rejectsGarbageAfterTheDocument() {
      VexParseException e = failure("{" + CTX + "} x");
      assertThat(e.kind()).isEqualTo(Kind.SYNTAX);
      assertThat(e.detail()).startsWith("Unrecognized token 'x'");
    }

    @Test
    void rejectsNestingTenThousandLevelsDeep() {
      String deep = "[".repeat(10_000) + "]".repeat(10_000);
      VexParseException e = failure("{" + CTX + ",\"x\":" + deep + "}");
      assertThat(e.kind()).isEqualTo(Kind.SYNTAX);
      assertThat(e.detail()).isEqualTo("nesting deeper than 256 levels");
      assertThat(e.pointer()).isEqualTo("/x" + "/0".repeat(255));
      assertThat(e.line()).isEqualTo(1);
      assertThat(e.column()).isEqualTo(305);
    }

    @Test
    void rejectsDeepNestingAtTheTop() {
      VexParseException e = failure("[".repeat(10_000));
      assertThat(e.kind()).isEqualTo(Kind.DATA);
      assertThat(e.pointer()).isEmpty();
      assertThat(e.detail())
          .isEqualTo("expected an OpenVEX document (a JSON object) but was an array");
    }
  }

  @Nested
  class RejectsJsonThatIsNotOpenVex {
    @Test
    void rejectsAnArrayAtTheTop() {
      VexParseException e = failure("[{" + CTX + "}]");
      assertFailure(
          e, Kind.DATA, "", 1, 1, "expected an OpenVEX document (a JSON object) but was an array");
      assertThat(e.getMessage())
          .isEqualTo(
              "not an OpenVEX document at / (line 1, column 1): expected an OpenVEX document"
                  + " (a JSON object) but was an array");
    }

    @Test
    void rejectsAStringAtTheTop() {
      assertFailure(
          failure("\"vex\""),
          Kind.DATA,
          "",
          1,
          1,
          "expected an OpenVEX document (a JSON object) but was 'vex'");
    }

    @Test
    void rejectsAnUnknownStatus() {
      VexParseException e =
          failure(withStatement("{\"vulnerability\":{\"name\":\"CVE-1\"},\"status\":\"fixd\"}"));
      assertFailure(
          e,
          Kind.DATA,
          "/statements/0/status",
          1,
          115,
          "expected one of [not_affected, affected, fixed, under_investigation] but was 'fixd'");
      assertThat(e.getMessage())
          .isEqualTo(
              "not an OpenVEX document at /statements/0/status (line 1, column 115): expected"
                  + " one of [not_affected, affected, fixed, under_investigation] but was 'fixd'");
    }

    @Test
    void rejectsAnUnknownJustification() {
      VexParseException e =
          failure(
              withStatement(
                  "{\"vulnerability\":{\"name\":\"CVE-1\"},\"status\":\"not_affected\","
                      + "\"justification\":\"no_reason\"}"));
      assertFailure(
          e,
          Kind.DATA,
          "/statements/0/justification",
          1,
          146,
          "expected one of [component_not_present, vulnerable_code_not_present,"
              + " vulnerable_code_not_in_execute_path,"
              + " vulnerable_code_cannot_be_controlled_by_adversary,"
              + " inline_mitigations_already_exist] but was 'no_reason'");
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "\"author\":[]|/author|expected a string but was an array",
          "\"timestamp\":1700000000|/timestamp|expected an RFC 3339 date-time such as"
              + " 2023-01-08T18:02:03Z (a string) but was 1700000000",
          "\"timestamp\":\"2023-01-08 18:02:03Z\"|/timestamp|expected an RFC 3339 date-time such"
              + " as 2023-01-08T18:02:03Z but was '2023-01-08 18:02:03Z'",
          "\"last_updated\":\"2023-01-08T18:02Z\"|/last_updated|expected an RFC 3339 date-time"
              + " such as 2023-01-08T18:02:03Z but was '2023-01-08T18:02Z'",
          "\"timestamp\":\"2023-02-30T00:00:00Z\"|/timestamp|expected an RFC 3339 date-time such"
              + " as 2023-01-08T18:02:03Z but was '2023-02-30T00:00:00Z'",
          "\"timestamp\":\"2023-01-08T18:02:03\"|/timestamp|expected an RFC 3339 date-time such"
              + " as 2023-01-08T18:02:03Z but was '2023-01-08T18:02:03'",
          "\"timestamp\":\"2023-01-08T18:02:03.Z\"|/timestamp|expected an RFC 3339 date-time such"
              + " as 2023-01-08T18:02:03Z but was '2023-01-08T18:02:03.Z'",
          "\"version\":-1|/version|expected an integer >= 0 but was -1",
          "\"version\":1.0|/version|expected an integer >= 0 but was 1.0",
          "\"version\":\"one\"|/version|expected an integer >= 0 but was 'one'",
          "\"version\":3000000000|/version|expected an integer >= 0 but was 3000000000",
          "\"version\":true|/version|expected an integer >= 0 but was true",
          "\"statements\":{}|/statements|expected an array of statements but was an object",
          "\"statements\":[1]|/statements/0|expected a statement (a JSON object) but was 1",
          "\"statements\":[null]|/statements/0|expected a statement (a JSON object) but was null",
        })
    void rejectsWrongTypesInTheDocument(String field, String pointer, String detail) {
      VexParseException e = failure("{" + CTX + "," + field + "}");
      assertThat(e.detail()).isEqualTo(detail);
      assertThat(e.kind()).isEqualTo(Kind.DATA);
      assertThat(e.pointer()).isEqualTo(pointer);
      assertThat(e.line()).isEqualTo(1);
      assertThat(e.column()).isGreaterThan(40);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "\"status\":3|/statements/0/status|expected one of [not_affected, affected, fixed,"
              + " under_investigation] but was 3",
          "\"status\":\"fixed\",\"products\":\"pkg:oci/x\"|/statements/0/products|expected an"
              + " array of products but was 'pkg:oci/x'",
          "\"status\":\"fixed\",\"products\":[true]|/statements/0/products/0|expected a product"
              + " (a JSON object, or a string in the legacy format) but was true",
          "\"status\":\"fixed\",\"products\":[{\"@id\":5}]|/statements/0/products/0/@id|expected"
              + " a string but was 5",
          "\"status\":\"fixed\",\"products\":[{\"@id\":\"p\",\"identifiers\":[]}]"
              + "|/statements/0/products/0/identifiers|expected an object of identifiers but"
              + " was an array",
          "\"status\":\"fixed\",\"products\":[{\"@id\":\"p\",\"hashes\":{\"sha-256\":1}}]"
              + "|/statements/0/products/0/hashes/sha-256|expected a string but was 1",
          "\"status\":\"fixed\",\"products\":[{\"identifiers\":{\"a/b~c\":null}}]"
              + "|/statements/0/products/0/identifiers/a~1b~0c|expected a string but was null",
          "\"status\":\"fixed\",\"products\":[{\"@id\":\"p\",\"subcomponents\":{}}]"
              + "|/statements/0/products/0/subcomponents|expected an array of subcomponents"
              + " but was an object",
          "\"status\":\"fixed\",\"products\":[{\"@id\":\"p\",\"subcomponents\":[{}]}]"
              + "|/statements/0/products/0/subcomponents/0|a component needs an @id, an"
              + " identifier or a hash to be identified",
          "\"status\":\"fixed\",\"products\":[{\"@id\":\"\"}]|/statements/0/products/0|a"
              + " component needs an @id, an identifier or a hash to be identified",
          "\"status\":\"fixed\",\"products\":[\"\"]|/statements/0/products/0|expected a"
              + " component @id but was ''",
          "\"status\":\"fixed\",\"timestamp\":\"yesterday\"|/statements/0/timestamp|expected an"
              + " RFC 3339 date-time such as 2023-01-08T18:02:03Z but was 'yesterday'",
          "\"status\":\"fixed\",\"action_statement_timestamp\":\"2023-13-01T00:00:00Z\""
              + "|/statements/0/action_statement_timestamp|expected an RFC 3339 date-time such"
              + " as 2023-01-08T18:02:03Z but was '2023-13-01T00:00:00Z'",
          "\"status\":\"fixed\",\"version\":-2|/statements/0/version|expected an integer >= 0"
              + " but was -2",
          "\"status\":\"fixed\",\"status_notes\":{}|/statements/0/status_notes|expected a string"
              + " but was an object",
          "\"status\":\"not_affected\",\"justification\":1|/statements/0/justification|expected"
              + " one of [component_not_present, vulnerable_code_not_present,"
              + " vulnerable_code_not_in_execute_path,"
              + " vulnerable_code_cannot_be_controlled_by_adversary,"
              + " inline_mitigations_already_exist] but was 1",
        })
    void rejectsWrongTypesInAStatement(String fields, String pointer, String detail) {
      VexParseException e =
          failure(withStatement("{\"vulnerability\":{\"name\":\"CVE-1\"}," + fields + "}"));
      assertThat(e.detail()).isEqualTo(detail);
      assertThat(e.kind()).isEqualTo(Kind.DATA);
      assertThat(e.pointer()).isEqualTo(pointer);
      assertThat(e.line()).isEqualTo(1);
      assertThat(e.column()).isGreaterThan(80);
    }

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "{}|/statements/0/vulnerability|missing required field 'name'",
          "{\"name\":\"\"}|/statements/0/vulnerability|missing required field 'name'",
          "{\"name\":\"  \"}|/statements/0/vulnerability|vulnerability name must not be empty",
          "{\"name\":1}|/statements/0/vulnerability/name|expected a string but was 1",
          "{\"name\":\"a\",\"aliases\":\"b\"}|/statements/0/vulnerability/aliases|expected an"
              + " array of aliases but was 'b'",
          "{\"name\":\"a\",\"aliases\":[\"b\",2]}|/statements/0/vulnerability/aliases/1|expected"
              + " an alias (a string) but was 2",
          "\"\"|/statements/0/vulnerability|expected a vulnerability name but was ''",
          // Found by VexDocumentFuzzTest: a blank legacy name escaped as IllegalArgumentException.
          "\" \"|/statements/0/vulnerability|expected a vulnerability name but was ' '",
          "7|/statements/0/vulnerability|expected a vulnerability (a JSON object, or a string in"
              + " the legacy format) but was 7",
          "null|/statements/0|missing required field 'vulnerability'",
        })
    void rejectsBadVulnerabilities(String vulnerability, String pointer, String detail) {
      VexParseException e =
          failure(withStatement("{\"vulnerability\":" + vulnerability + ",\"status\":\"fixed\"}"));
      assertThat(e.detail()).isEqualTo(detail);
      assertThat(e.kind()).isEqualTo(Kind.DATA);
      assertThat(e.pointer()).isEqualTo(pointer);
    }

    @Test
    void rejectsAStatementWithoutStatusAtItsStart() {
      VexParseException e = failure(withStatement("{\"vulnerability\":{\"name\":\"CVE-1\"}}"));
      assertFailure(e, Kind.DATA, "/statements/0", 1, 72, "missing required field 'status'");
    }

    @Test
    void rejectsAStatementWithoutVulnerability() {
      VexParseException e =
          failure(
              "{"
                  + CTX
                  + ",\n\"statements\": [\n  {\"status\":\"fixed\"},\n  {\"status\":\"fixed\"}]}");
      assertFailure(e, Kind.DATA, "/statements/0", 3, 3, "missing required field 'vulnerability'");
    }

    @Test
    void rejectsAContextThatIsNotAString() {
      assertFailure(
          failure("{\"@context\":7}"),
          Kind.DATA,
          "/@context",
          1,
          13,
          "expected a JSON-LD context IRI (a string) but was 7");
    }

    @Test
    void rejectsADocumentWithoutContext() {
      VexParseException e = failure("{\"author\":\"a\"}");
      assertFailure(
          e,
          Kind.DATA,
          "",
          1,
          1,
          "missing required field '@context': expected an OpenVEX document with @context"
              + " https://openvex.dev/ns/v0.2.0");
    }

    @Test
    void escapesPointerSegments() {
      assertThat(Errors.escape("a/b~c")).isEqualTo("a~1b~0c");
      assertThat(Errors.escape("plain")).isEqualTo("plain");
    }
  }
}
