package dev.waterline.vex.internal.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waterline.vex.Component;
import dev.waterline.vex.HashAlgorithm;
import dev.waterline.vex.IdentifierType;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.Vulnerability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class CanonicalFormsTest {
  private static final Instant T0 = Instant.parse("2024-01-02T03:04:05Z"); // 1704164645
  private static final Instant T1 = Instant.parse("2024-01-02T03:04:06Z"); // 1704164646
  private static final Instant T2 = Instant.parse("2024-01-02T03:04:07Z"); // 1704164647

  static String sha256(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  static VexDocument.Builder doc(String author, Instant ts) {
    return VexDocument.builder(author).timestamp(ts).defaults(false);
  }

  static Statement.Builder st(String vuln, Status status) {
    return Statement.builder().vulnerability(vuln).status(status);
  }

  @Nested
  class GoVexVectors {
    @TestFactory
    Stream<DynamicTest> matchesEverySharedVector() throws Exception {
      String shared = System.getProperty("waterline.shared");
      Path file = shared == null ? null : Path.of(shared, "openvex", "canonical-hash-vectors.json");
      Assumptions.assumeTrue(
          file != null && Files.isRegularFile(file),
          "skipped: ../shared/openvex/canonical-hash-vectors.json not found (system property"
              + " waterline.shared="
              + shared
              + ")");
      JsonNode root = new ObjectMapper().readTree(file.toFile());
      assertThat(root.get("cases")).isNotEmpty();
      List<DynamicTest> tests = new ArrayList<>();
      for (JsonNode c : root.get("cases")) {
        tests.add(
            DynamicTest.dynamicTest(
                c.get("name").asText(),
                () -> {
                  VexDocument d = fromVector(c.get("document"));
                  assertThat(CanonicalForms.goVexPreimage(d))
                      .isEqualTo(c.get("canonical_string").asText());
                  assertThat(CanonicalForms.goVexHash(d)).isEqualTo(c.get("sha256").asText());
                  assertThat(CanonicalForms.goVexId(d)).isEqualTo(c.get("generated_id").asText());
                }));
      }
      return tests.stream();
    }

    private VexDocument fromVector(JsonNode j) {
      VexDocument.Builder b =
          VexDocument.builder(j.get("author").asText())
              .defaults(false)
              .context(j.get("@context").asText())
              .id(text(j, "@id"))
              .role(text(j, "role"))
              .tooling(text(j, "tooling"))
              .version(j.get("version").asInt())
              .timestamp(time(j, "timestamp"));
      for (JsonNode s : j.get("statements")) {
        JsonNode v = s.get("vulnerability");
        Vulnerability.Builder vb = Vulnerability.builder(v.get("name").asText()).id(text(v, "@id"));
        if (v.has("aliases")) {
          v.get("aliases").forEach(a -> vb.alias(a.asText()));
        }
        Statement.Builder sb =
            Statement.builder()
                .vulnerability(vb.build())
                .status(Status.parse(s.get("status").asText()))
                .timestamp(time(s, "timestamp"))
                .statusNotes(text(s, "status_notes"))
                .impactStatement(text(s, "impact_statement"))
                .actionStatement(text(s, "action_statement"));
        if (s.has("justification")) {
          sb.justification(Justification.parse(s.get("justification").asText()));
        }
        if (s.has("products")) {
          for (JsonNode p : s.get("products")) {
            List<Component> subs = new ArrayList<>();
            if (p.has("subcomponents")) {
              p.get("subcomponents").forEach(sc -> subs.add(component(sc)));
            }
            sb.product(Product.of(component(p), subs));
          }
        }
        b.statement(sb.buildLenient());
      }
      return b.buildLenient();
    }

    private Component component(JsonNode c) {
      Component.Builder b = Component.builder().id(text(c, "@id"));
      b.hashes(stringMap(c.get("hashes")));
      b.identifiers(stringMap(c.get("identifiers")));
      return b.build();
    }

    private Map<String, String> stringMap(JsonNode node) {
      Map<String, String> m = new LinkedHashMap<>();
      if (node != null) {
        node.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
      }
      return m;
    }

    private String text(JsonNode j, String field) {
      return j.has(field) ? j.get(field).asText() : null;
    }

    private Instant time(JsonNode j, String field) {
      return j.has(field) ? OffsetDateTime.parse(j.get(field).asText()).toInstant() : null;
    }
  }

  @Nested
  class GoVexHashOwnVectors {
    @Test
    void hashesSeveralHashesAndIdentifiersInSortedKeyOrderWhateverTheInsertionOrder()
        throws Exception {
      Map<String, String> hashesA = new LinkedHashMap<>();
      hashesA.put("sha-512", "bb");
      hashesA.put("sha-256", "aa");
      hashesA.put("md5", "cc");
      Map<String, String> hashesB = new LinkedHashMap<>();
      hashesB.put("md5", "cc");
      hashesB.put("sha-256", "aa");
      hashesB.put("sha-512", "bb");
      Map<String, String> idsA = new LinkedHashMap<>();
      idsA.put("purl", "pkg:deb/debian/curl@7.88");
      idsA.put("cpe23", "cpe:2.3:a:haxx:curl:7.88:*:*:*:*:*:*:*");
      idsA.put("cpe22", "cpe:/a:haxx:curl:7.88");
      Map<String, String> idsB = new LinkedHashMap<>();
      idsB.put("cpe22", "cpe:/a:haxx:curl:7.88");
      idsB.put("purl", "pkg:deb/debian/curl@7.88");
      idsB.put("cpe23", "cpe:2.3:a:haxx:curl:7.88:*:*:*:*:*:*:*");

      VexDocument a = withComponent(hashesA, idsA);
      VexDocument b = withComponent(hashesB, idsB);

      String expected =
          "1704164645:1:Acme"
              + "::CVE-2023-38545:"
              + ":fixed:"
              + ":1704164645"
              + ":curl:md5@cc:sha-256@aa:sha-512@bb"
              + ":cpe22@cpe:/a:haxx:curl:7.88"
              + ":cpe23@cpe:2.3:a:haxx:curl:7.88:*:*:*:*:*:*:*"
              + ":purl@pkg:deb/debian/curl@7.88";
      assertThat(CanonicalForms.goVexPreimage(a)).isEqualTo(expected);
      assertThat(CanonicalForms.goVexPreimage(b)).isEqualTo(expected);
      assertThat(CanonicalForms.goVexHash(a)).isEqualTo(sha256(expected));
      assertThat(CanonicalForms.goVexHash(b)).isEqualTo(CanonicalForms.goVexHash(a));
      assertThat(CanonicalForms.goVexId(b))
          .isEqualTo("https://openvex.dev/docs/public/vex-" + sha256(expected));
    }

    private VexDocument withComponent(Map<String, String> hashes, Map<String, String> ids) {
      Component c = Component.builder().id("curl").hashes(hashes).identifiers(ids).build();
      return doc("Acme", T0)
          .statement(
              Statement.builder()
                  .vulnerability("CVE-2023-38545")
                  .status(Status.FIXED)
                  .product(Product.of(c, List.of())))
          .buildLenient();
    }

    @Test
    void sortsStatementsByNameThenTimeKeepingDocumentOrderOnTies() throws Exception {
      VexDocument d =
          doc("Acme", T1)
              .version(3)
              .statement(st("CVE-2", Status.FIXED).timestamp(T2).product("p2"))
              .statement(st("CVE-2", Status.AFFECTED).timestamp(T0).product("p1"))
              .statement(st("CVE-1", Status.UNDER_INVESTIGATION).product("q"))
              .statement(st("CVE-1", Status.FIXED).timestamp(T1).product("r"))
              .buildLenient();
      // CVE-1 statements both at T1 (one inherits it): document order kept.
      String expected =
          "1704164646:3:Acme"
              + "::CVE-1::under_investigation::1704164646:q"
              + "::CVE-1::fixed::1704164646:r"
              + "::CVE-2::affected::1704164645:p1"
              + "::CVE-2::fixed::1704164647:p2";
      assertThat(CanonicalForms.goVexPreimage(d)).isEqualTo(expected);
      assertThat(CanonicalForms.goVexHash(d)).isEqualTo(sha256(expected));
    }

    @Test
    void writesVulnerabilityIdSortedAliasesJustificationAndSortedProducts() throws Exception {
      VexDocument d =
          doc("Jane <jane@example.com>", T0)
              .statement(
                  Statement.builder()
                      .vulnerability(
                          Vulnerability.builder("CVE-2023-44487")
                              .id("https://nvd.nist.gov/vuln/detail/CVE-2023-44487")
                              .aliases(List.of("GHSA-qppj-fm5r-hxr3", "GHSA-4374-p667-p6c8"))
                              .build())
                      .status(Status.NOT_AFFECTED)
                      .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH)
                      .impactStatement("not in the hash")
                      .product(Product.of("pkg:oci/b", "pkg:golang/x@1", "pkg:golang/a@2"))
                      .product("pkg:oci/a"))
              .buildLenient();
      String expected =
          "1704164645:1:Jane <jane@example.com>"
              + ":https://nvd.nist.gov/vuln/detail/CVE-2023-44487:CVE-2023-44487"
              + ":GHSA-4374-p667-p6c8:GHSA-qppj-fm5r-hxr3"
              + ":not_affected:vulnerable_code_not_in_execute_path"
              + ":1704164645"
              + ":pkg:oci/a"
              + "::pkg:oci/b:pkg:golang/x@1:pkg:golang/a@2";
      assertThat(CanonicalForms.goVexPreimage(d)).isEqualTo(expected);
      assertThat(CanonicalForms.goVexHash(d)).isEqualTo(sha256(expected));
    }

    @Test
    void hashesAKnownPreimageToAFixedValue() {
      // sha256("1704164645:1:A") computed outside Java (Python hashlib).
      VexDocument d = doc("A", T0).buildLenient();
      assertThat(CanonicalForms.goVexPreimage(d)).isEqualTo("1704164645:1:A");
      assertThat(CanonicalForms.goVexHash(d))
          .isEqualTo("ad6d3e8e22fc77176961683b8bcaca27d2266168365e7dad99efb4b2db80cc95");
    }

    @Test
    void ordersNamesByUtf8BytesAsGoDoesNotByUtf16Units() {
      // U+FB33 < U+1F600 in UTF-8 byte order; in UTF-16 unit order the emoji (D83D) comes first.
      VexDocument d =
          doc("A", T0)
              .statement(st("x\ud83d\ude00", Status.FIXED).product("p"))
              .statement(st("x\ufb33", Status.FIXED).product("p"))
              .buildLenient();
      assertThat(CanonicalForms.goVexPreimage(d))
          .isEqualTo(
              "1704164645:1:A::x\ufb33::fixed::1704164645:p::x\ud83d\ude00::fixed::1704164645:p");
    }

    @Test
    void treatsGoZeroTimeLikeAMissingTimestampWhenSortingButHashesItsSeconds() {
      Instant zero = Instant.parse("0001-01-01T00:00:00Z");
      VexDocument d =
          doc("A", T0)
              .statement(st("CVE-1", Status.FIXED).timestamp(T1).product("p"))
              .statement(st("CVE-1", Status.AFFECTED).timestamp(zero).product("p"))
              .buildLenient();
      assertThat(CanonicalForms.goVexPreimage(d))
          .isEqualTo("1704164645:1:A::CVE-1::affected::-62135596800:p::CVE-1::fixed::1704164646:p");
    }

    @Test
    void ignoresMetadataOutsideTheHash() {
      VexDocument base =
          doc("A", T0).statement(st("CVE-1", Status.FIXED).product("p")).buildLenient();
      VexDocument other =
          base.toBuilder()
              .id("urn:x")
              .role("vendor")
              .tooling("t")
              .lastUpdated(T2)
              .statements(
                  List.of(
                      base.statements().get(0).toBuilder()
                          .statusNotes("n")
                          .supplier("s")
                          .lastUpdated(T2)
                          .buildLenient()))
              .buildLenient();
      assertThat(CanonicalForms.goVexHash(other)).isEqualTo(CanonicalForms.goVexHash(base));
    }

    @Test
    void rejectsADocumentWithoutTimestamp() {
      VexDocument d = VexDocument.builder("A").defaults(false).id("urn:doc:1").buildLenient();
      assertThatThrownBy(() -> CanonicalForms.goVexId(d))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "cannot compute the go-vex canonical hash of document urn:doc:1: the document has no"
                  + " timestamp, and go-vex's hash starts with it");
    }
  }

  @Nested
  class PublicApi {
    @Test
    void givesNewDocumentsTheGoVexCanonicalIdAndExposesHashAndJson() {
      VexDocument d =
          dev.waterline.vex.Vex.document("A")
              .timestamp(T0)
              .statement(dev.waterline.vex.Vex.fixed("CVE-1", "p"))
              .buildLenient();
      String preimage = "1704164645:1:A::CVE-1::fixed::1704164645:p";
      assertThat(d.canonicalHash()).isEqualTo(CanonicalForms.goVexHash(d));
      assertThat(d.id()).contains(d.canonicalId());
      assertThat(d.canonicalId())
          .isEqualTo("https://openvex.dev/docs/public/vex-" + sha256Unchecked(preimage));
      assertThat(d.canonicalJson()).isEqualTo(CanonicalForms.rfc8785(d));
    }

    private String sha256Unchecked(String s) {
      try {
        return sha256(s);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  @Nested
  class Rfc8785OfDocuments {
    @Test
    void writesTheDocumentsJsonFormCanonically() {
      Map<String, String> unknown = new LinkedHashMap<>();
      unknown.put("x-ext", "{ \"z\": 1.50, \"a\": [true, null, \"é\"] }");
      VexDocument d =
          doc("Acme", T0)
              .id("https://example.com/vex/1")
              .lastUpdated(Instant.parse("2024-01-02T03:04:05.120Z"))
              .unknownFields(unknown)
              .statement(
                  Statement.builder()
                      .vulnerability(Vulnerability.of("CVE-1", "GHSA-1"))
                      .status(Status.NOT_AFFECTED)
                      .justification(Justification.COMPONENT_NOT_PRESENT)
                      .product(
                          Product.of(
                              Component.builder()
                                  .id("pkg:oci/app")
                                  .hash(HashAlgorithm.SHA_256, "ab")
                                  .identifier(IdentifierType.PURL, "pkg:oci/app")
                                  .build(),
                              List.of(Component.of("pkg:golang/x@1")))))
              .buildLenient();
      String expected =
          "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"@id\":\"https://example.com/vex/1\","
              + "\"author\":\"Acme\",\"last_updated\":\"2024-01-02T03:04:05.120Z\","
              + "\"statements\":[{\"justification\":\"component_not_present\","
              + "\"products\":[{\"@id\":\"pkg:oci/app\",\"hashes\":{\"sha-256\":\"ab\"},"
              + "\"identifiers\":{\"purl\":\"pkg:oci/app\"},"
              + "\"subcomponents\":[{\"@id\":\"pkg:golang/x@1\"}]}],"
              + "\"status\":\"not_affected\","
              + "\"vulnerability\":{\"aliases\":[\"GHSA-1\"],\"name\":\"CVE-1\"}}],"
              + "\"timestamp\":\"2024-01-02T03:04:05Z\",\"version\":1,"
              + "\"x-ext\":{\"a\":[true,null,\"é\"],\"z\":1.5}}";
      assertThat(new String(CanonicalForms.rfc8785(d), StandardCharsets.UTF_8)).isEqualTo(expected);
      assertThat(d.canonicalJson()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void isTheSameWhateverTheMapInsertionOrder() {
      Component c1 =
          Component.builder()
              .id("c")
              .hash(HashAlgorithm.SHA_512, "2")
              .hash(HashAlgorithm.MD5, "1")
              .build();
      Component c2 =
          Component.builder()
              .id("c")
              .hash(HashAlgorithm.MD5, "1")
              .hash(HashAlgorithm.SHA_512, "2")
              .build();
      VexDocument a =
          doc("A", T0)
              .statement(st("V", Status.FIXED).product(Product.of(c1, List.of())))
              .buildLenient();
      VexDocument b =
          doc("A", T0)
              .statement(st("V", Status.FIXED).product(Product.of(c2, List.of())))
              .buildLenient();
      assertThat(CanonicalForms.rfc8785(a)).isEqualTo(CanonicalForms.rfc8785(b));
    }

    @Test
    void rejectsAnUnknownFieldThatIsNotJsonWithItsPointer() {
      VexDocument d =
          doc("A", T0)
              .statement(st("V", Status.FIXED).product("p").unknownFields(Map.of("a/b", "{oops")))
              .buildLenient();
      assertThatThrownBy(() -> CanonicalForms.rfc8785(d))
          .isInstanceOf(VexException.class)
          .hasMessageStartingWith(
              "cannot build the canonical JSON: the unknown field at '/statements/0/a~1b' is not"
                  + " valid JSON: ");
    }

    @Test
    void rejectsAnUnknownFieldNamedLikeAKnownOne() {
      VexDocument d = doc("A", T0).unknownFields(Map.of("author", "\"B\"")).buildLenient();
      assertThatThrownBy(() -> CanonicalForms.rfc8785(d))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "cannot build the canonical JSON: the unknown field 'author' at '' has the name of a"
                  + " field Waterline knows");
    }
  }
}
