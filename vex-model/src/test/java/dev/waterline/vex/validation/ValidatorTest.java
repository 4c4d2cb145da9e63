package dev.waterline.vex.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.ValidationSeverity;
import dev.waterline.vex.Validator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidatorTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A valid document exercising most fields; each case below breaks one thing. */
  static final String VALID =
      """
      {
        "@context": "https://openvex.dev/ns/v0.2.0",
        "@id": "https://example.test/vex/1",
        "author": "Acme Security <psirt@acme.example>",
        "role": "Document Creator",
        "timestamp": "2024-03-01T10:00:00Z",
        "last_updated": "2024-03-02T10:00:00+01:00",
        "version": 2,
        "tooling": "hand",
        "statements": [
          {
            "vulnerability": {"name": "CVE-2023-44487", "aliases": ["GHSA-qppj-fm5r-hxr3"]},
            "products": [
              {
                "@id": "pkg:oci/app@sha256%3A0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "identifiers": {"cpe23": "cpe:2.3:a:acme:app:1.0:*:*:*:*:*:*:*"},
                "hashes": {"sha-256": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
                "subcomponents": [{"@id": "pkg:golang/golang.org/x/net@v0.7.0"}]
              }
            ],
            "status": "not_affected",
            "justification": "vulnerable_code_not_in_execute_path"
          },
          {
            "vulnerability": {"name": "CVE-2024-0001"},
            "timestamp": "2024-03-01T11:00:00.123Z",
            "products": [{"identifiers": {"purl": "pkg:maven/org.acme/lib@1.2", "cpe22": "cpe:/a:acme:lib:1.2"}}],
            "status": "affected",
            "action_statement": "Upgrade to 1.3",
            "action_statement_timestamp": "2024-03-01T11:00:00Z"
          },
          {
            "vulnerability": {"name": "CVE-2024-0002"},
            "products": [{"@id": "https://example.test/product"}],
            "status": "fixed"
          },
          {
            "vulnerability": {"name": "CVE-2024-0003"},
            "products": [{"@id": "https://example.test/product"}],
            "status": "under_investigation",
            "status_notes": "looking"
          }
        ]
      }
      """;

  static ValidationReport validate(Consumer<ObjectNode> change) {
    try {
      ObjectNode doc = (ObjectNode) JSON.readTree(VALID);
      change.accept(doc);
      return Validator.validate(JSON.writeValueAsBytes(doc));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static ObjectNode statement(ObjectNode doc, int i) {
    return (ObjectNode) doc.withArray("/statements").get(i);
  }

  static ObjectNode product(ObjectNode doc, int s, int p) {
    return (ObjectNode) statement(doc, s).withArray("/products").get(p);
  }

  @Test
  void theBaseDocumentIsValidWithoutFindings() {
    assertThat(Validator.validate(VALID).findings()).isEmpty();
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        rule(
            "unknown status",
            d -> statement(d, 0).put("status", "fixd"),
            "/statements/0/status",
            "expected one of [not_affected, affected, fixed, under_investigation] but was 'fixd'"),
        rule(
            "unknown justification",
            d -> statement(d, 0).put("justification", "because"),
            "/statements/0/justification",
            "expected one of [component_not_present, vulnerable_code_not_present,"
                + " vulnerable_code_not_in_execute_path,"
                + " vulnerable_code_cannot_be_controlled_by_adversary,"
                + " inline_mitigations_already_exist] but was 'because'"),
        rule(
            "missing document timestamp",
            d -> d.remove("timestamp"),
            "",
            "required field 'timestamp' is missing"),
        rule("missing @id", d -> d.remove("@id"), "", "required field '@id' is missing"),
        rule("missing author", d -> d.remove("author"), "", "required field 'author' is missing"),
        rule(
            "missing version", d -> d.remove("version"), "", "required field 'version' is missing"),
        rule(
            "version zero",
            d -> d.put("version", 0),
            "/version",
            "expected an integer >= 1 but was 0"),
        rule(
            "version as string",
            d -> d.put("version", "1"),
            "/version",
            "a version written as a string ('1') is the legacy v0.0.1 form: OpenVEX v0.2.0 has an"
                + " integer >= 1"),
        rule(
            "statement version zero",
            d -> statement(d, 0).put("version", 0),
            "/statements/0/version",
            "expected an integer >= 1 but was 0"),
        rule(
            "empty statements",
            d -> d.putArray("statements"),
            "/statements",
            "expected at least one statement but the array is empty"),
        rule(
            "statements not an array",
            d -> d.put("statements", "none"),
            "/statements",
            "expected an array of statements but found a string"),
        rule(
            "author wrong type",
            d -> d.put("author", 42),
            "/author",
            "expected a string but found a number"),
        rule(
            "not_affected without justification or impact",
            d -> statement(d, 0).remove("justification"),
            "/statements/0/status",
            "a not_affected statement needs a justification (one of [component_not_present,"
                + " vulnerable_code_not_present, vulnerable_code_not_in_execute_path,"
                + " vulnerable_code_cannot_be_controlled_by_adversary,"
                + " inline_mitigations_already_exist]) or an impact_statement"),
        rule(
            "affected without action",
            d -> statement(d, 1).remove("action_statement"),
            "/statements/1/status",
            "an affected statement needs an action_statement describing how to remediate or"
                + " mitigate"),
        rule(
            "empty products",
            d -> statement(d, 2).putArray("products"),
            "/statements/2/products",
            "expected at least one product but the array is empty"),
        rule(
            "no timestamp anywhere",
            d -> d.remove("timestamp"),
            "/statements/0",
            "no timestamp: the statement has none and the document has none for it to inherit"),
        rule(
            "bad timestamp",
            d -> statement(d, 1).put("timestamp", "2024-03-01 11:00"),
            "/statements/1/timestamp",
            "expected an RFC 3339 date-time such as 2023-01-08T18:02:03Z but was"
                + " '2024-03-01 11:00'"),
        rule(
            "impossible date",
            d -> d.put("last_updated", "2024-02-30T10:00:00Z"),
            "/last_updated",
            "expected an RFC 3339 date-time such as 2023-01-08T18:02:03Z but was"
                + " '2024-02-30T10:00:00Z'"),
        rule(
            "invalid purl",
            d -> product(d, 1, 0).withObjectProperty("identifiers").put("purl", "pkg:maven"),
            "/statements/1/products/0/identifiers/purl",
            null),
        rule(
            "invalid purl in @id",
            d -> product(d, 0, 0).put("@id", "pkg:/nothing"),
            "/statements/0/products/0/@id",
            null),
        rule(
            "malformed cpe23",
            d -> product(d, 0, 0).withObjectProperty("identifiers").put("cpe23", "cpe:2.3:a:acme"),
            "/statements/0/products/0/identifiers/cpe23",
            null),
        rule(
            "malformed cpe22",
            d -> product(d, 1, 0).withObjectProperty("identifiers").put("cpe22", "cpe:acme:lib"),
            "/statements/1/products/0/identifiers/cpe22",
            "not a well-formed CPE 2.2 URI (cpe:/part:vendor:product:…): 'cpe:acme:lib'"),
        rule(
            "unknown identifier type",
            d -> product(d, 1, 0).withObjectProperty("identifiers").put("swid", "x"),
            "/statements/1/products/0/identifiers/swid",
            "unknown identifier type 'swid': expected one of [purl, cpe22, cpe23]"),
        rule(
            "hash too short",
            d -> product(d, 0, 0).withObjectProperty("hashes").put("sha-256", "abcd"),
            "/statements/0/products/0/hashes/sha-256",
            "a sha-256 hash is 64 hex characters, but this value is 4 characters: 'abcd'"),
        rule(
            "hash not hex",
            d -> product(d, 0, 0).withObjectProperty("hashes").put("sha1", "z".repeat(40)),
            "/statements/0/products/0/hashes/sha1",
            "a sha1 hash is 40 hex characters, but this value is not hexadecimal: '"
                + "z".repeat(40)
                + "'"),
        rule(
            "unknown hash algorithm",
            d -> product(d, 0, 0).withObjectProperty("hashes").put("blake3", "ab"),
            "/statements/0/products/0/hashes/blake3",
            null),
        rule(
            "product identified by hashes only",
            d -> {
              product(d, 0, 0).remove("@id");
              product(d, 0, 0).remove("identifiers");
            },
            "/statements/0/products/0",
            "the product needs an @id or identifiers (purl, cpe22, cpe23) to be identified;"
                + " hashes alone are not enough"),
        rule(
            "vulnerability without name",
            d -> statement(d, 0).withObjectProperty("vulnerability").remove("name"),
            "/statements/0/vulnerability",
            "required field 'name' is missing"),
        rule(
            "duplicate alias",
            d ->
                statement(d, 0)
                    .withObjectProperty("vulnerability")
                    .withArrayProperty("aliases")
                    .add("GHSA-qppj-fm5r-hxr3"),
            "/statements/0/vulnerability/aliases/1",
            "duplicate entry 'GHSA-qppj-fm5r-hxr3' in aliases"),
        rule(
            "duplicate statement",
            d -> d.withArray("/statements").add(statement(d, 2).deepCopy()),
            "/statements/4",
            "duplicate statement: the same statement appears earlier in the document"),
        rule(
            "statement-level subcomponents",
            d -> statement(d, 2).putArray("subcomponents").addObject().put("@id", "pkg:npm/x@1"),
            "/statements/2/subcomponents",
            null),
        rule(
            "foreign context",
            d -> d.put("@context", "https://example.test/ns"),
            "/@context",
            "expected the OpenVEX context 'https://openvex.dev/ns/v0.2.0' but was"
                + " 'https://example.test/ns'"));
  }

  static Arguments rule(
      String name, Consumer<ObjectNode> change, String pointer, String exactMessageOrNull) {
    return Arguments.of(name, change, pointer, exactMessageOrNull);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void reportsEachBrokenRuleAsAnErrorAtItsPointer(
      String name, Consumer<ObjectNode> change, String pointer, String message) {
    ValidationReport report = validate(change);
    assertThat(report.isValid()).as(report.toString()).isFalse();
    assertThat(report.errors())
        .as(report.toString())
        .anySatisfy(
            f -> {
              assertThat(f.pointer()).isEqualTo(pointer);
              if (message != null) {
                assertThat(f.message()).isEqualTo(message);
              }
            });
  }

  static Stream<Arguments> warnings() {
    return Stream.of(
        rule(
            "unknown document field",
            d -> d.put("supplier", "Acme"),
            "/supplier",
            "unknown field 'supplier' in the document: not part of OpenVEX v0.2.0; kept but"
                + " ignored"),
        rule(
            "unknown statement field (vexctl SARIF fixtures)",
            d -> statement(d, 2).put("statement", "x"),
            "/statements/2/statement",
            "unknown field 'statement' in a statement: not part of OpenVEX v0.2.0; kept but"
                + " ignored"),
        rule(
            "unknown field with a slash is escaped",
            d -> product(d, 0, 0).put("a/b~c", 1),
            "/statements/0/products/0/a~1b~0c",
            null),
        rule(
            "justification on fixed",
            d -> statement(d, 2).put("justification", "component_not_present"),
            "/statements/2/justification",
            "a justification only has meaning on a not_affected statement, but the status is"
                + " fixed"),
        rule(
            "impact statement on affected",
            d -> statement(d, 1).put("impact_statement", "meh"),
            "/statements/1/impact_statement",
            null),
        rule(
            "action statement on not_affected",
            d -> statement(d, 0).put("action_statement", "nothing"),
            "/statements/0/action_statement",
            "an action_statement on a not_affected statement is unusual: not_affected needs no"
                + " action"),
        rule(
            "no products (complete only inside an attestation)",
            d -> statement(d, 2).remove("products"),
            "/statements/2",
            "no product: the statement names none, so standalone it applies to nothing; it is"
                + " complete only inside an attestation whose subjects name the products"),
        rule(
            "a line feed in a vulnerability name",
            d ->
                statement(d, 1)
                    .withObjectProperty("vulnerability")
                    .put("name", "CVE-2024-0002\n0 to remediate"),
            "/statements/1/vulnerability/name",
            "a vulnerability name or alias is an identifier (CVE-2024-1234, GHSA-…) but"
                + " 'CVE-2024-0002\\u000a0 to remediate' holds \\u000a at index 13: names are"
                + " compared exactly, so it matches only a finding that holds it too"),
        rule(
            "a trailing space in an alias",
            d ->
                statement(d, 0)
                    .withObjectProperty("vulnerability")
                    .withArrayProperty("aliases")
                    .set(0, new TextNode("GHSA-qppj-fm5r-hxr3 ")),
            "/statements/0/vulnerability/aliases/0",
            "a vulnerability name or alias is an identifier (CVE-2024-1234, GHSA-…) but"
                + " 'GHSA-qppj-fm5r-hxr3 ' holds a space at index 19: names are compared exactly,"
                + " so it matches only a finding that holds it too"),
        rule(
            "an escape sequence in a vulnerability name",
            d ->
                statement(d, 1)
                    .withObjectProperty("vulnerability")
                    .put("name", "CVE-2024-0002\u001b[2J"),
            "/statements/1/vulnerability/name",
            "a vulnerability name or alias is an identifier (CVE-2024-1234, GHSA-…) but"
                + " 'CVE-2024-0002\\u001b[2J' holds \\u001b at index 13: names are compared"
                + " exactly, so it matches only a finding that holds it too"),
        rule(
            "relative document @id",
            d -> d.put("@id", "my-vexdoc"),
            "/@id",
            "the document @id 'my-vexdoc' is not an absolute IRI (e.g."
                + " https://openvex.dev/docs/public/vex-…)"),
        rule(
            "an escape sequence in the document @id",
            d -> d.put("@id", "https://example.com/vex/1\u001b[2J"),
            "/@id",
            "the document @id 'https://example.com/vex/1\\u001b[2J' is not an IRI: it holds"
                + " \\u001b at index 25, a control or invisible character, which RFC 3987 does"
                + " not allow"),
        rule(
            "a space in the document @id",
            d -> d.put("@id", "https://example.com/vex/a b"),
            "/@id",
            "the document @id 'https://example.com/vex/a b' is not an IRI: it holds a space at"
                + " index 25, which RFC 3987 does not allow"),
        rule(
            "a line feed in the document @id",
            d -> d.put("@id", "https://example.com/vex/a\nb"),
            "/@id",
            "the document @id 'https://example.com/vex/a\\u000ab' is not an IRI: it holds"
                + " \\u000a at index 25, a control or invisible character, which RFC 3987 does"
                + " not allow"),
        rule(
            "a right-to-left override in a statement @id",
            d -> statement(d, 0).put("@id", "https://example.com/s/\u202egnp.exe"),
            "/statements/0/@id",
            "the statement @id 'https://example.com/s/\\u202egnp.exe' is not an IRI: it holds"
                + " \\u202e at index 22, a control or invisible character, which RFC 3987 does"
                + " not allow"),
        rule(
            "a backslash in a product @id",
            d ->
                statement(d, 0)
                    .withArrayProperty("products")
                    .addObject()
                    .put("@id", "https://example.com/p\\x"),
            "/statements/0/products/1/@id",
            "the product @id 'https://example.com/p\\x' is not an IRI: it holds '\\' at index"
                + " 21, which RFC 3987 does not allow"),
        rule(
            "a stray percent sign in a vulnerability @id",
            d ->
                statement(d, 0)
                    .withObjectProperty("vulnerability")
                    .put("@id", "https://example.com/v/100%"),
            "/statements/0/vulnerability/@id",
            "the vulnerability @id 'https://example.com/v/100%' is not an IRI: '%' at index 25"
                + " does not start a percent-encoded byte (%XX)"));
  }

  @Test
  void anIriOrACpeWithOnlyAllowedCharactersIsNoFinding() {
    ValidationReport report =
        validate(
            d -> {
              d.put("@id", "https://example.com/vex/%E2%9C%93/caf\u00e9?q=a&b=c#frag");
              ArrayNode products = statement(d, 0).withArrayProperty("products");
              products.addObject().put("@id", "cpe:2.3:a:acme:foo\\+\\+:1.0:*:*:*:*:*:*:*");
              products.addObject().put("@id", "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
            });
    assertThat(report.findings()).as(report.toString()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("warnings")
  void reportsQuestionableButValidThingsAsWarnings(
      String name, Consumer<ObjectNode> change, String pointer, String message) {
    ValidationReport report = validate(change);
    assertThat(report.isValid()).as(report.toString()).isTrue();
    assertThat(report.isValid(true)).as("strict mode fails on warnings").isFalse();
    assertThat(report.warnings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(ValidationSeverity.WARNING);
              assertThat(f.pointer()).isEqualTo(pointer);
              if (message != null) {
                assertThat(f.message()).isEqualTo(message);
              }
            });
  }

  @Nested
  class BadInput {
    ValidationFinding only(byte[] bytes) {
      ValidationReport report = Validator.validate(bytes);
      assertThat(report.findings()).hasSize(1);
      ValidationFinding f = report.findings().get(0);
      assertThat(f.severity()).isEqualTo(ValidationSeverity.ERROR);
      return f;
    }

    ValidationFinding only(String text) {
      return only(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void emptyInputIsOneError() {
      assertThat(only("  \n").message())
          .isEqualTo("empty input: expected an OpenVEX JSON document");
    }

    @Test
    void arrayAtTheTopIsOneError() {
      ValidationFinding f = only("[{}]");
      assertThat(f.pointer()).isEmpty();
      assertThat(f.message())
          .isEqualTo("expected a JSON object (an OpenVEX document) but found an array");
    }

    @Test
    void truncatedJsonNamesLineAndColumn() {
      String truncated = VALID.substring(0, VALID.indexOf("\"status\": \"fixed\"") + 5);
      ValidationFinding f = only(truncated);
      assertThat(f.message())
          .startsWith("not valid JSON: ")
          .containsPattern("\\(line \\d+, column \\d+\\)");
      assertThat(f.pointer()).startsWith("/statements/2");
    }

    @Test
    void duplicateKeysAreRejectedWithTheirPointer() {
      ValidationFinding f =
          only(
              "{\"author\": \"a\", \"statements\": [{\"status\": \"fixed\", \"status\": \"affected\"}]}");
      assertThat(f.message())
          .isEqualTo("not valid JSON: duplicate field 'status' in one object (line 1, column 60)");
      assertThat(f.pointer()).isEqualTo("/statements/0/status");
    }

    @Test
    void utf8ByteOrderMarkIsAccepted() {
      byte[] body = VALID.getBytes(StandardCharsets.UTF_8);
      byte[] withBom = new byte[body.length + 3];
      withBom[0] = (byte) 0xef;
      withBom[1] = (byte) 0xbb;
      withBom[2] = (byte) 0xbf;
      System.arraycopy(body, 0, withBom, 3, body.length);
      assertThat(Validator.validate(withBom).findings()).isEmpty();
    }

    @Test
    void utf16IsRejectedByName() {
      assertThat(only(VALID.getBytes(StandardCharsets.UTF_16LE)).message())
          .isEqualTo("OpenVEX documents must be UTF-8 encoded, but this input is UTF-16LE");
      assertThat(only(VALID.getBytes(StandardCharsets.UTF_16)).message())
          .isEqualTo(
              "OpenVEX documents must be UTF-8 encoded, but this input is UTF-16BE (byte order"
                  + " mark)");
    }

    @Test
    void nestingTenThousandDeepIsOneErrorNotAStackOverflow() {
      String deep = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
      ValidationFinding f = only(deep);
      assertThat(f.message())
          .startsWith("not valid JSON: ")
          .contains("nesting deeper than 256 levels");
    }

    @Test
    void aHugeStringIsRefusedWhileReading() {
      ByteArrayOutputStream out = new ByteArrayOutputStream(70 * 1024 * 1024);
      out.writeBytes("{\"@context\": \"".getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 66; i++) {
        out.writeBytes(chunk);
      }
      out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
      ValidationFinding f = only(out.toByteArray());
      assertThat(f.message())
          .startsWith("not valid JSON: ")
          .contains("a string value longer than 67108864 characters");
    }

    @Test
    void aNumberTooLargeForADoubleWhereAStringBelongsIsAFindingNotACrash() {
      String huge = VALID.replace("\"status\": \"fixed\"", "\"status\": 1e400");
      assertThat(Validator.validate(huge).findings())
          .containsExactly(
              new ValidationFinding(
                  ValidationSeverity.ERROR,
                  "/statements/2/status",
                  "expected a string but found a number"));
      String justification =
          VALID.replace(
              "\"justification\": \"vulnerable_code_not_in_execute_path\"",
              "\"justification\": -1e400");
      assertThat(Validator.validate(justification).findings())
          .extracting(ValidationFinding::pointer, ValidationFinding::message)
          .contains(tuple("/statements/0/justification", "expected a string but found a number"));
    }

    @Test
    void invalidUtf8IsOneError() {
      byte[] bad = "{\"author\": \"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
      assertThat(only(bad).message()).startsWith("not valid JSON: ").contains("UTF-8");
    }
  }

  @Nested
  class Legacy {
    @Test
    void legacyContextIsOneClearError() {
      ValidationReport report = validate(d -> d.put("@context", "https://openvex.dev/ns"));
      assertThat(report.findings())
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.pointer()).isEqualTo("/@context");
                assertThat(f.message())
                    .isEqualTo(
                        "legacy OpenVEX context 'https://openvex.dev/ns' (unversioned: v0.0.1):"
                            + " OpenVEX v0.2.0 needs 'https://openvex.dev/ns/v0.2.0'; Waterline"
                            + " reads and upgrades the legacy form (`waterline merge FILE` writes"
                            + " it as v0.2.0)");
              });
    }

    @Test
    void stringVulnerabilityIsRecognisedAsLegacy() {
      ValidationReport report = validate(d -> statement(d, 3).put("vulnerability", "CVE-1"));
      assertThat(report.findings())
          .singleElement()
          .extracting(ValidationFinding::pointer)
          .isEqualTo("/statements/3/vulnerability");
    }

    @Test
    void stringProductsAreRecognisedAsLegacy() {
      ValidationReport report =
          validate(
              d -> {
                ArrayNode products = statement(d, 2).putArray("products");
                products.add("pkg:apk/wolfi/git@2.39.0-r1");
              });
      assertThat(report.findings())
          .singleElement()
          .extracting(ValidationFinding::pointer)
          .isEqualTo("/statements/2/products/0");
    }
  }

  @Test
  void findingsComeInDocumentOrder() {
    ValidationReport report =
        validate(
            d -> {
              d.put("version", 0);
              statement(d, 3).put("status", "nope");
              statement(d, 0).put("justification", "nope");
            });
    assertThat(report.errors())
        .extracting(ValidationFinding::pointer)
        .containsExactly("/version", "/statements/0/justification", "/statements/3/status");
  }

  @Test
  void reportSaysHowManyErrorsAndWarnings() {
    ValidationReport report =
        validate(
            d -> {
              d.put("version", 0);
              d.put("extra", true);
            });
    assertThat(report.toString())
        .startsWith("invalid, 1 error, 1 warning: [error at /version: expected an integer");
  }
}
