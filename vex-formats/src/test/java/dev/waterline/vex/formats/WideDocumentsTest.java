package dev.waterline.vex.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.Component;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.Vulnerability;
import dev.waterline.vex.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Statements that name many products or subcomponents, some more than once: each is named once, in
 * first-appearance order (the readers and writers keep sets past a few, see
 * WideDocumentsBenchmark).
 */
class WideDocumentsTest {
  private static final int WIDTH = 30;

  private static String ref(int i) {
    return "r" + i;
  }

  @Test
  void aCycloneDxVulnerabilityNamingNestedComponentsTwiceGivesEachSubcomponentOnce() {
    StringBuilder comps = new StringBuilder();
    StringBuilder affects = new StringBuilder();
    for (int i = 0; i < WIDTH; i++) {
      comps
          .append(i == 0 ? "" : ",")
          .append("{'type':'library','name':'c")
          .append(i)
          .append("','purl':'pkg:npm/c")
          .append(i)
          .append("@1','bom-ref':'")
          .append(ref(i))
          .append("'}");
    }
    // every ref twice, the second time in reverse order
    for (int i = 0; i < 2 * WIDTH; i++) {
      int k = i < WIDTH ? i : 2 * WIDTH - 1 - i;
      affects.append(i == 0 ? "" : ",").append("{'ref':'").append(ref(k)).append("'}");
    }
    String bom =
        "{'bomFormat':'CycloneDX','specVersion':'1.6','version':1,"
            + "'serialNumber':'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',"
            + "'metadata':{'timestamp':'2026-11-01T10:00:00Z','authors':[{'name':'T'}]},"
            + "'components':[{'type':'container','name':'app','purl':'pkg:oci/app@sha256:"
            + "a".repeat(64)
            + "','bom-ref':'app','components':["
            + comps
            + "]}],'vulnerabilities':[{'id':'CVE-2024-0001','analysis':{'state':'not_affected',"
            + "'justification':'code_not_reachable'},'affects':["
            + affects
            + "]}]}";
    VexDocument doc =
        VexFormats.read(bom.replace('\'', '"').getBytes(StandardCharsets.UTF_8)).document();
    assertThat(doc.statements()).hasSize(1);
    assertThat(doc.statements().get(0).products()).hasSize(1);
    assertThat(doc.statements().get(0).products().get(0).subcomponents())
        .extracting(Component::displayName)
        .containsExactlyElementsOf(
            IntStream.range(0, WIDTH).mapToObj(i -> "pkg:npm/c" + i + "@1").toList());
  }

  @Test
  void aCsafFlagNamingProductsTwiceAndThroughAGroupAppliesToEachOnce() {
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < WIDTH; i++) {
      names
          .append(i == 0 ? "" : ",")
          .append("{'name':'P")
          .append(i)
          .append("','product_id':'P")
          .append(i)
          .append("','product_identification_helper':{'purl':'pkg:npm/p")
          .append(i)
          .append("@1'}}");
    }
    String ids =
        IntStream.range(0, WIDTH).mapToObj(i -> "'P" + i + "'").collect(Collectors.joining(","));
    String csaf =
        "{'document':{'category':'csaf_vex','csaf_version':'2.0','publisher':{'category':"
            + "'vendor','name':'Acme','namespace':'https://acme.example'},'title':'t','tracking':{"
            + "'current_release_date':'2024-01-01T00:00:00Z','id':'ACME-1',"
            + "'initial_release_date':'2024-01-01T00:00:00Z','revision_history':[{'date':"
            + "'2024-01-01T00:00:00Z','number':'1','summary':'s'}],'status':'final',"
            + "'version':'1'}},'product_tree':{'full_product_names':["
            + names
            + "],'product_groups':[{'group_id':'G','product_ids':["
            + ids
            + "]}]},'vulnerabilities':[{'cve':'CVE-2024-0001','notes':[{'category':'description',"
            + "'text':'x'}],'product_status':{'known_not_affected':["
            + ids
            + "]},'flags':[{'label':'vulnerable_code_not_present','group_ids':['G'],"
            + "'product_ids':["
            + ids
            + ","
            + ids
            + "]}]}]}";
    ReadResult r = VexFormats.read(csaf.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    assertThat(r.document().statements()).hasSize(1);
    Statement s = r.document().statements().get(0);
    assertThat(s.justification()).hasValue(Justification.VULNERABLE_CODE_NOT_PRESENT);
    assertThat(s.products())
        .extracting(p -> p.component().displayName())
        .containsExactlyElementsOf(
            IntStream.range(0, WIDTH).mapToObj(i -> "pkg:npm/p" + i + "@1").toList());
  }

  @Test
  void aStatementNamingProductsAndSubcomponentsTwiceAffectsEachBomRefOnce() {
    List<Component> subs = new ArrayList<>();
    for (int i = 0; i < WIDTH; i++) {
      subs.add(Component.of("pkg:npm/c" + i + "@1"));
    }
    List<Component> twice = new ArrayList<>(subs);
    twice.addAll(subs);
    Component image = Component.of("pkg:oci/app@sha256:" + "a".repeat(64));
    List<Product> products = new ArrayList<>();
    products.add(Product.of(image, twice));
    for (int i = 0; i < 2 * WIDTH; i++) {
      products.add(Product.of(Component.of("pkg:npm/p" + i % WIDTH + "@1"), List.of()));
    }
    VexDocument doc =
        VexDocument.builder("Vendor <psirt@vendor.example>")
            .id("https://vendor.example/vex/1")
            .timestamp(Instant.parse("2026-11-01T00:00:00Z"))
            .statements(
                List.of(
                    Statement.builder()
                        .vulnerability(Vulnerability.builder("CVE-2024-0001").build())
                        .products(products)
                        .status(Status.FIXED)
                        .buildLenient()))
            .buildLenient();
    JsonNode affects =
        Json.readTree(VexFormats.write(doc, VexFormat.CYCLONEDX).bytes())
            .path("vulnerabilities")
            .get(0)
            .path("affects");
    List<String> refs = new ArrayList<>();
    affects.forEach(a -> refs.add(a.path("ref").textValue()));
    assertThat(refs).hasSize(2 * WIDTH).doesNotHaveDuplicates();
    assertThat(refs.get(0)).endsWith("|pkg:npm/c0@1");
    assertThat(refs.get(WIDTH)).isEqualTo("pkg:npm/p0@1");
  }

  /** 20,000 names, the first 1,000 given twice: each once, in first-appearance order. */
  private static List<String> manyNamesSomeTwice() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      names.add("GHSA-" + i);
    }
    names.addAll(names.subList(0, 1_000));
    return names;
  }

  /** The vulnerability of the first statement read from a document written with single quotes. */
  private static Vulnerability firstVulnerability(String singleQuoted) {
    byte[] json = singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    return VexFormats.read(json).document().statements().get(0).vulnerability();
  }

  private static List<String> expectedAliases() {
    return IntStream.range(0, 20_000).mapToObj(i -> "GHSA-" + i).collect(Collectors.toList());
  }

  @Test
  void aCsafVulnerabilityWithThousandsOfIdsGivesEachAliasOnce() {
    String ids =
        manyNamesSomeTwice().stream()
            .map(n -> "{'system_name':'GHSA','text':'" + n + "'}")
            .collect(Collectors.joining(","));
    String csaf =
        "{"
            + CsafTexts.DOCUMENT
            + ",'product_tree':{'full_product_names':[{'name':'app','product_id':"
            + "'app'}]},'vulnerabilities':[{'cve':'CVE-2024-0001','ids':["
            + ids
            + "],'product_status':{'fixed':['app']}}]}";
    Vulnerability v = firstVulnerability(csaf);
    assertThat(v.name()).isEqualTo("CVE-2024-0001");
    assertThat(v.aliases()).containsExactlyElementsOf(expectedAliases());
  }

  @Test
  void aCycloneDxVulnerabilityWithThousandsOfReferencesGivesEachAliasOnce() {
    String references =
        manyNamesSomeTwice().stream()
            .map(n -> "{'id':'" + n + "','source':{'url':'https://github.com/advisories'}}")
            .collect(Collectors.joining(","));
    String bom =
        "{'bomFormat':'CycloneDX','specVersion':'1.6','version':1,'components':[{'type':"
            + "'library','name':'foo','purl':'pkg:npm/foo@1.0','bom-ref':'foo'}],"
            + "'vulnerabilities':[{'id':'CVE-2024-0001','references':["
            + references
            + "],'analysis':{'state':'resolved'},'affects':[{'ref':'foo'}]}]}";
    Vulnerability v = firstVulnerability(bom);
    assertThat(v.aliases()).containsExactlyElementsOf(expectedAliases());
  }

  @Test
  void csafWrittenForAVulnerabilityWithThousandsOfAliasesHasEachIdOnce() {
    VexDocument doc =
        VexDocument.builder("T")
            .id("https://vex.example.com/wide")
            .timestamp(Instant.parse("2026-11-01T10:00:00Z"))
            .statement(
                Statement.builder()
                    .vulnerability(
                        Vulnerability.builder("CVE-2024-0001")
                            .aliases(manyNamesSomeTwice())
                            .build())
                    .product(Product.of("pkg:npm/foo@1.0"))
                    .status(Status.FIXED)
                    // as a lenient reader gives it: the aliases named twice are invalid OpenVEX
                    .buildLenient())
            .buildLenient();
    byte[] csaf = VexFormats.write(doc, VexFormat.CSAF).bytes();
    Vulnerability back = VexFormats.read(csaf).document().statements().get(0).vulnerability();
    assertThat(back.aliases()).containsExactlyElementsOf(expectedAliases());
  }

  @Test
  void thousandsOfProductsThatShareAnIdEachGetTheirOwnInEitherDialect() {
    List<Product> products = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      products.add(
          Product.of(
              Component.builder()
                  .id("pkg:npm/foo@1.0")
                  .hashes(java.util.Map.of("sha-256", String.format("%064x", i)))
                  .build(),
              List.of()));
    }
    VexDocument doc =
        VexDocument.builder("T")
            .id("https://vex.example.com/same-id")
            .timestamp(Instant.parse("2026-11-01T10:00:00Z"))
            .statement(
                Statement.builder()
                    .vulnerability(Vulnerability.builder("CVE-2024-0001").build())
                    .products(products)
                    .status(Status.FIXED)
                    .build())
            .build();
    for (VexFormat format : List.of(VexFormat.CSAF, VexFormat.CYCLONEDX)) {
      WriteResult written = VexFormats.write(doc, format);
      assertThat(written.warnings())
          .as("%s", format)
          .filteredOn(w -> w.message().startsWith("two different products are both"))
          .hasSize(format == VexFormat.CSAF ? 4_999 : 0);
      List<Statement> back = VexFormats.read(written.bytes()).document().statements();
      assertThat(back.stream().flatMap(s -> s.products().stream()).distinct().count())
          .as("%s", format)
          .isEqualTo(5_000);
    }
  }
}
