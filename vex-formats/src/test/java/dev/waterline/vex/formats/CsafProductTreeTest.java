package dev.waterline.vex.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexParseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The product tree as vendors write it, resolved to OpenVEX products and subcomponents. */
class CsafProductTreeTest {
  /**
   * A CSAF VEX in the shape Red Hat publishes: product streams with CPEs, components with purls.
   */
  static final String RED_HAT_SHAPE =
      ("{'document':{'category':'csaf_vex','csaf_version':'2.0','publisher':{'category':'vendor',"
              + "'name':'Red Hat Product Security','namespace':'https://www.redhat.com'},'title':"
              + "'kernel: example','tracking':{'current_release_date':'2024-05-02T00:00:00Z','id':"
              + "'CVE-2024-1086','initial_release_date':'2024-01-31T00:00:00Z','revision_history':"
              + "[{'date':'2024-05-02T00:00:00Z','number':'1','summary':'Initial'}],'status':"
              + "'final','version':'1'}},'product_tree':{'branches':[{'category':'vendor','name':"
              + "'Red Hat','branches':[{'category':'product_family','name':'Red Hat Enterprise"
              + " Linux','branches':[{'category':'product_name','name':'Red Hat Enterprise Linux"
              + " 8','product':{'name':'Red Hat Enterprise Linux 8','product_id':"
              + "'red_hat_enterprise_linux_8','product_identification_helper':{'cpe':"
              + "'cpe:/o:redhat:enterprise_linux:8'}}},{'category':'product_name','name':'Red Hat"
              + " Enterprise Linux 9','product':{'name':'Red Hat Enterprise Linux 9','product_id':"
              + "'red_hat_enterprise_linux_9','product_identification_helper':{'cpe':"
              + "'cpe:/o:redhat:enterprise_linux:9'}}}]},{'category':'product_version','name':"
              + "'kernel','product':{'name':'kernel','product_id':'kernel','product_identification_helper':"
              + "{'purl':'pkg:rpm/redhat/kernel?arch=src'}}}]}],'relationships':[{'category':"
              + "'default_component_of','full_product_name':{'name':'kernel as a component of Red"
              + " Hat Enterprise Linux 8','product_id':'red_hat_enterprise_linux_8:kernel'},"
              + "'product_reference':'kernel','relates_to_product_reference':"
              + "'red_hat_enterprise_linux_8'},{'category':'default_component_of',"
              + "'full_product_name':{'name':'kernel as a component of Red Hat Enterprise Linux 9',"
              + "'product_id':'red_hat_enterprise_linux_9:kernel'},'product_reference':'kernel',"
              + "'relates_to_product_reference':'red_hat_enterprise_linux_9'}]},"
              + "'vulnerabilities':[{'cve':'CVE-2024-1086','notes':[{'category':'description',"
              + "'text':'A use-after-free flaw.'}],'product_status':{'fixed':["
              + "'red_hat_enterprise_linux_9:kernel'],'known_affected':["
              + "'red_hat_enterprise_linux_8:kernel']},'remediations':[{'category':'vendor_fix',"
              + "'date':'2024-03-12T00:00:00Z','details':'For details on how to apply this update,"
              + " see the errata.','product_ids':['red_hat_enterprise_linux_9:kernel'],'url':"
              + "'https://access.redhat.com/errata/RHSA-2024:1249'},{'category':'none_available',"
              + "'details':'Affected','product_ids':['red_hat_enterprise_linux_8:kernel']}],"
              + "'scores':[{'cvss_v3':{'baseScore':7.8,'baseSeverity':'HIGH','vectorString':"
              + "'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H','version':'3.1'},'products':["
              + "'red_hat_enterprise_linux_8:kernel']}]}]}")
          .replace('\'', '"');

  @Nested
  class RelationshipsAsProductAndSubcomponent {
    final ReadResult read = VexFormats.read(RED_HAT_SHAPE.getBytes(StandardCharsets.UTF_8));

    @Test
    void nameTheStreamByItsCpeAndTheComponentByItsPurl() {
      VexDocument doc = read.document();
      EffectiveStatement rhel9 =
          doc.effective("cpe:/o:redhat:enterprise_linux:9", "CVE-2024-1086").orElseThrow();
      assertThat(rhel9.status()).isEqualTo(Status.FIXED);
      Statement s = rhel9.statement();
      assertThat(s.products().get(0).subcomponents().get(0).id())
          .contains("pkg:rpm/redhat/kernel?arch=src");
      assertThat(s.actionStatement())
          .contains(
              "For details on how to apply this update, see the errata."
                  + " https://access.redhat.com/errata/RHSA-2024:1249");
      assertThat(s.timestamp()).hasToString("Optional[2024-03-12T00:00:00Z]");
    }

    @Test
    void keepTheRemediationCategoryWhereItIsNotTheDefault() {
      Statement rhel8 =
          read.document()
              .effective("cpe:/o:redhat:enterprise_linux:8", "CVE-2024-1086")
              .orElseThrow()
              .statement();
      assertThat(rhel8.status()).isEqualTo(Status.AFFECTED);
      assertThat(rhel8.actionStatement()).contains("None available: Affected");
    }

    @Test
    void warnOfTheScoresOnly() {
      assertThat(read.warnings())
          .extracting(ConversionWarning::toString)
          .containsExactly(
              "warning at /document/publisher/namespace: publisher namespace"
                  + " 'https://www.redhat.com' is not carried: OpenVEX has none",
              "warning at /document: not carried by OpenVEX: title",
              "warning at /vulnerabilities/0: not carried by OpenVEX: scores");
    }

    @Test
    void surviveARoundTripThroughEachDialect() {
      for (VexFormat f : VexFormat.values()) {
        VexDocument back = VexFormats.read(VexFormats.write(read.document(), f).bytes()).document();
        assertThat(
                dev.waterline.vex.VexIndex.of(back)
                    .effective(
                        "cpe:/o:redhat:enterprise_linux:8",
                        "CVE-2024-1086",
                        "pkg:rpm/redhat/kernel?arch=src")
                    .map(EffectiveStatement::status))
            .as(f.label())
            .contains(Status.AFFECTED);
      }
    }

    @Test
    void aProductWhoseIdIsARelationshipsIdKeepsItsOwnStatusAndTheIdsStayUnique() {
      VexDocument doc = pipeInAProductId();
      WriteResult written = VexFormats.write(doc, VexFormat.CSAF);
      String csaf = new String(written.bytes(), StandardCharsets.UTF_8);
      assertThat(csaf)
          .contains("\"product_id\": \"pkg:generic/a|pkg:generic/b\"")
          .contains("\"product_id\": \"pkg:generic/a|pkg:generic/b#2\"");
      assertThat(written.warnings())
          .extracting(ConversionWarning::toString)
          .containsExactly(
              "warning at /statements/0: purl 'pkg:generic/a|pkg:generic/b' is written as"
                  + " 'pkg:generic/a%7Cpkg:generic/b' in the product tree: CSAF takes a purl only as"
                  + " a URI, so the characters a URI does not allow are percent-encoded (the same"
                  + " purl)");
      VexDocument back = VexFormats.read(written.bytes()).document();
      assertThat(
              back.effective("pkg:generic/a|pkg:generic/b", "CVE-2024-0001")
                  .map(EffectiveStatement::status))
          .contains(Status.NOT_AFFECTED);
      assertThat(
              dev.waterline.vex.VexIndex.of(back)
                  .effective("pkg:generic/a", "CVE-2024-0001", "pkg:generic/b")
                  .map(EffectiveStatement::status))
          .contains(Status.AFFECTED);
    }
  }

  @Nested
  class IdentificationHelpers {
    @Test
    void purlsThatAreNoUrisAreWrittenPercentEncodedAndCpesOutsideCsafsPatternAreLeftOut() {
      WriteResult written = VexFormats.write(oddIdentifiers(), VexFormat.CSAF);
      String csaf = new String(written.bytes(), StandardCharsets.UTF_8);
      assertThat(csaf)
          .contains("\"purl\": \"pkg:generic/a%7Cb\"")
          .contains("\"purl\": \"pkg:npm/caf%C3%A9@1.0.0\"")
          .contains("\"purl\": \"pkg:npm/q%22uote@1.0.0\"")
          .contains("\"purl\": \"pkg:npm/%40scope/fine@1.0.0\"")
          .contains("\"cpe\": \"cpe:2.3:a:example:fine:1.0:*:*:*:*:*:*:*\"")
          .doesNotContain("\"cpe\": \"cpe:2.3:a:example:with space");
      assertThat(written.warnings())
          .extracting(ConversionWarning::toString)
          .containsExactly(
              "warning at /statements/0: purl 'pkg:generic/a|b' is written as"
                  + " 'pkg:generic/a%7Cb' in the product tree: CSAF takes a purl only as a URI, so"
                  + " the characters a URI does not allow are percent-encoded (the same purl)",
              "warning at /statements/1: purl 'pkg:npm/café@1.0.0' is written as"
                  + " 'pkg:npm/caf%C3%A9@1.0.0' in the product tree: CSAF takes a purl only as a"
                  + " URI, so the characters a URI does not allow are percent-encoded (the same"
                  + " purl)",
              "warning at /statements/2: purl 'pkg:npm/q\"uote@1.0.0' is written as"
                  + " 'pkg:npm/q%22uote@1.0.0' in the product tree: CSAF takes a purl only as a"
                  + " URI, so the characters a URI does not allow are percent-encoded (the same"
                  + " purl)",
              "warning at /statements/5: CPE 'cpe:2.3:a:example:with space:1.0:*:*:*:*:*:*:*' is"
                  + " not a CPE as CSAF's schema takes it (a CPE 2.3 formatted string or a CPE 2.2"
                  + " URI): not carried in its product identification helper");
      VexDocument back = VexFormats.read(written.bytes()).document();
      for (Statement s : oddIdentifiers().statements()) {
        String id = s.products().get(0).component().id().orElseThrow();
        assertThat(back.effective(id, "CVE-2024-0001").map(EffectiveStatement::status))
            .as(id)
            .contains(Status.AFFECTED);
      }
    }
  }

  @Nested
  class Validation {
    @Test
    void refusesAHelperPurlThatIsNoUriAsTheBsiValidatorDoes() {
      String written =
          new String(
              VexFormats.write(oddIdentifiers(), VexFormat.CSAF).bytes(), StandardCharsets.UTF_8);
      assertThat(VexFormats.validate(written.getBytes(StandardCharsets.UTF_8)).errors()).isEmpty();
      byte[] broken =
          written
              .replace("\"purl\": \"pkg:generic/a%7Cb\"", "\"purl\": \"pkg:generic/a|b\"")
              .getBytes(StandardCharsets.UTF_8);
      assertThat(VexFormats.validate(broken).errors())
          .extracting(f -> f.pointer() + " " + f.message())
          .containsExactly(
              "/product_tree/full_product_names/0/product_identification_helper/purl schema:"
                  + " format: does not match the uri pattern must be a valid RFC 3986 URI");
    }
  }

  /**
   * Products whose purl is valid in OpenVEX but no URI as it stands ({@code |}, not ASCII, a
   * quote), one that is, a CPE in CSAF's pattern and one that is not.
   */
  static VexDocument oddIdentifiers() {
    java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
    java.util.List<Statement> statements = new java.util.ArrayList<>();
    for (String id :
        java.util.List.of(
            "pkg:generic/a|b",
            "pkg:npm/caf\u00e9@1.0.0",
            "pkg:npm/q\"uote@1.0.0",
            "pkg:npm/%40scope/fine@1.0.0",
            "cpe:2.3:a:example:fine:1.0:*:*:*:*:*:*:*",
            "cpe:2.3:a:example:with space:1.0:*:*:*:*:*:*:*")) {
      statements.add(
          Statement.builder()
              .vulnerability(dev.waterline.vex.Vulnerability.builder("CVE-2024-0001").build())
              .status(Status.AFFECTED)
              .actionStatement("Upgrade.")
              .timestamp(t)
              .product(
                  dev.waterline.vex.Product.of(
                      dev.waterline.vex.Component.of(id), java.util.List.of()))
              .build());
    }
    return VexDocument.builder("Example Security Team <psirt@example.com>")
        .id("https://vex.example.com/docs/odd")
        .timestamp(t)
        .statements(statements)
        .build();
  }

  /**
   * A product whose id is what a relationship of two other products is named by ({@code
   * product|subcomponent}): not affected, while the subcomponent in the other product is affected.
   */
  static VexDocument pipeInAProductId() {
    java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
    dev.waterline.vex.Vulnerability v =
        dev.waterline.vex.Vulnerability.builder("CVE-2024-0001").build();
    Statement plain =
        Statement.builder()
            .vulnerability(v)
            .status(Status.NOT_AFFECTED)
            .justification(dev.waterline.vex.Justification.COMPONENT_NOT_PRESENT)
            .timestamp(t)
            .product(
                dev.waterline.vex.Product.of(
                    dev.waterline.vex.Component.of("pkg:generic/a|pkg:generic/b"),
                    java.util.List.of()))
            .build();
    Statement related =
        Statement.builder()
            .vulnerability(v)
            .status(Status.AFFECTED)
            .actionStatement("Upgrade b.")
            .timestamp(t)
            .product(
                dev.waterline.vex.Product.of(
                    dev.waterline.vex.Component.of("pkg:generic/a"),
                    java.util.List.of(dev.waterline.vex.Component.of("pkg:generic/b"))))
            .build();
    return VexDocument.builder("Example Security Team <psirt@example.com>")
        .id("https://vex.example.com/docs/pipe")
        .timestamp(t)
        .statements(java.util.List.of(plain, related))
        .build();
  }

  /**
   * The products of the full product names and relationships are defined as the parser reaches
   * them; the answers, and which failure comes first, do not depend on where they are in the input.
   */
  /**
   * Relationships that relate relationships: a hostile document can chain tens of thousands. Each
   * is read and validated once (it took 9 s to read and 4 minutes to validate a chain of 60,000,
   * following the chain again from every relationship on it).
   */
  @Nested
  class ChainsOfRelationships {
    static final String HEAD =
        "{"
            + CsafTexts.DOCUMENT
            + ",'product_tree':{'full_product_names':[{'name':'app','product_id':"
            + "'app','product_identification_helper':{'purl':'pkg:oci/app@sha256%3Aabc'}},{'name':"
            + "'lib','product_id':'lib','product_identification_helper':{'purl':"
            + "'pkg:npm/lib@1.0.0'}}],'relationships':[";

    /** R1 puts lib in {@code first}, each next R puts lib in the one before; then {@code extra}. */
    private byte[] chain(int n, String first, String extraRelationships, String listed) {
      StringBuilder b = new StringBuilder(HEAD);
      for (int i = 1; i <= n; i++) {
        b.append(i == 1 ? "" : ",")
            .append("{'category':'default_component_of','full_product_name':{'name':'r")
            .append(i)
            .append("','product_id':'R")
            .append(i)
            .append("'},'product_reference':'lib','relates_to_product_reference':'")
            .append(i == 1 ? first : "R" + (i - 1))
            .append("'}");
      }
      b.append(extraRelationships)
          .append("]},'vulnerabilities':[{'cve':'CVE-2024-0001','notes':[{'category':'general',")
          .append("'text':'t'}],'product_status':{'fixed':[")
          .append(listed)
          .append("]}}]}");
      return b.toString().replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private String all(int n) {
      StringBuilder b = new StringBuilder();
      for (int i = n; i >= 1; i--) {
        b.append(i == n ? "" : ",").append("'R").append(i).append("'");
      }
      return b.toString();
    }

    @Test
    void everyRelationshipOfALongChainIsReadAsTheProductAndComponentAtItsEnds() {
      int n = 30_000;
      ReadResult r = VexFormats.read(chain(n, "app", "", all(n)));
      assertThat(r.document().statements()).hasSize(1);
      Statement s = r.document().statements().get(0);
      assertThat(s.status()).isEqualTo(Status.FIXED);
      assertThat(s.products())
          .isNotEmpty()
          .allSatisfy(
              p -> {
                assertThat(p.component().displayName()).isEqualTo("pkg:oci/app@sha256%3Aabc");
                assertThat(p.subcomponents())
                    .singleElement()
                    .satisfies(c -> assertThat(c.displayName()).isEqualTo("pkg:npm/lib@1.0.0"));
              });
      assertThat(r.warnings())
          .filteredOn(w -> w.message().startsWith("nested relationships carried as product"))
          .hasSize(n - 1);
    }

    @Test
    void aLongChainThatEndsInACircleIsRefusedAtTheFirstRelationshipUsed() {
      int n = 30_000;
      // R1 relates lib to C2, which relates lib to C1, which relates lib to C2: R30000 … R1 lead
      // into the circle without being on it.
      String circle =
          ",{'category':'default_component_of','full_product_name':{'name':'c1','product_id':"
              + "'C1'},'product_reference':'lib','relates_to_product_reference':'C2'},"
              + "{'category':'default_component_of','full_product_name':{'name':'c2','product_id':"
              + "'C2'},'product_reference':'lib','relates_to_product_reference':'C1'}";
      byte[] intoCircle = chain(n, "C2", circle, "'R" + n + "'");
      assertThatThrownBy(() -> VexFormats.read(intoCircle))
          .isInstanceOf(VexParseException.class)
          .hasMessageEndingWith(
              "product id 'R"
                  + n
                  + "' is defined through a circle of relationships (CSAF mandatory test 6.1.3)");
    }

    @Test
    void validationFlagsExactlyTheRelationshipsOnACircleOfALongChain() {
      int n = 30_000;
      // C1 and C2 relate each other, S relates itself, R1 … R30000 lead into C1 without being on
      // a circle.
      String extra =
          ",{'category':'default_component_of','full_product_name':{'name':'c1','product_id':"
              + "'C1'},'product_reference':'lib','relates_to_product_reference':'C2'},"
              + "{'category':'default_component_of','full_product_name':{'name':'c2','product_id':"
              + "'C2'},'product_reference':'C1','relates_to_product_reference':'app'},"
              + "{'category':'default_component_of','full_product_name':{'name':'s','product_id':"
              + "'S'},'product_reference':'S','relates_to_product_reference':'app'},"
              + "{'category':'default_component_of','full_product_name':{'name':'t','product_id':"
              + "'T'},'product_reference':'lib','relates_to_product_reference':'R1'}";
      ValidationReport report = VexFormats.validate(chain(n, "C1", extra, all(n)));
      assertThat(report.findings())
          .filteredOn(f -> f.message().contains("(CSAF 6.1.3)"))
          .extracting(ValidationFinding::pointer)
          .containsExactly(
              "/product_tree/relationships/" + n + "/full_product_name/product_id",
              "/product_tree/relationships/" + (n + 1) + "/full_product_name/product_id",
              "/product_tree/relationships/" + (n + 2) + "/full_product_name/product_id");
    }
  }

  @Nested
  class ProductTreeInAnyOrder {
    static final String DOCUMENT =
        CsafTexts.DOCUMENT.replace("'csaf_version':'2.0'", "'csaf_version':'VERSION'");
    static final String RELATIONSHIPS =
        "'relationships':[{'category':'default_component_of','full_product_name':{'name':"
            + "'lib in app','product_id':'app:lib'},'product_reference':'lib',"
            + "'relates_to_product_reference':'app'}]";
    static final String NAMES =
        "'full_product_names':[{'name':'lib','product_id':'lib','product_identification_helper':"
            + "{'purl':'pkg:npm/lib@1.0.0'}}]";
    static final String BRANCHES =
        "'branches':[{'category':'product_name','name':'app','product':{'name':'app',"
            + "'product_id':'app','product_identification_helper':{'purl':"
            + "'pkg:oci/app@sha256%3Aabc'}}}]";
    static final String VULNERABILITIES =
        "'vulnerabilities':[{'cve':'CVE-2024-0001','product_status':{'known_affected':"
            + "['app:lib']}}]";

    private VexDocument read(String... members) {
      String json = ("{" + String.join(",", members) + "}").replace('\'', '"');
      return VexFormats.read(json.getBytes(StandardCharsets.UTF_8)).document();
    }

    private String tree(String... members) {
      return "'product_tree':{" + String.join(",", members) + "}";
    }

    @Test
    void relationshipsBeforeTheProductsTheyRelateAndVulnerabilitiesFirstResolveAlike() {
      String document = DOCUMENT.replace("VERSION", "2.0");
      for (VexDocument doc :
          java.util.List.of(
              read(document, tree(BRANCHES, NAMES, RELATIONSHIPS), VULNERABILITIES),
              read(document, tree(RELATIONSHIPS, NAMES, BRANCHES), VULNERABILITIES),
              read(VULNERABILITIES, tree(RELATIONSHIPS, BRANCHES, NAMES), document))) {
        assertThat(
                dev.waterline.vex.VexIndex.of(doc)
                    .effective("pkg:oci/app@sha256%3Aabc", "CVE-2024-0001", "pkg:npm/lib@1.0.0")
                    .map(EffectiveStatement::status))
            .contains(Status.AFFECTED);
      }
    }

    @Test
    void theDocumentsOwnChecksComeBeforeAFailureInTheProductTree() {
      String broken = RELATIONSHIPS.replace("'product_reference':'lib',", "");
      assertThatThrownBy(
              () -> read(tree(broken, NAMES), DOCUMENT.replace("VERSION", "2.1"), VULNERABILITIES))
          .isInstanceOf(VexParseException.class)
          .hasMessageContaining("/document/csaf_version")
          .hasMessageContaining("Waterline reads CSAF 2.0");
      assertThatThrownBy(
              () -> read(tree(broken, NAMES), DOCUMENT.replace("VERSION", "2.0"), VULNERABILITIES))
          .isInstanceOf(VexParseException.class)
          .hasMessageContaining("/product_tree/relationships/0")
          .hasMessageContaining("product_reference");
    }

    @Test
    void aSyntaxErrorAfterAFailureInTheProductTreeIsTheOneReported() {
      String broken = RELATIONSHIPS.replace("'product_reference':'lib',", "");
      String json =
          ("{" + DOCUMENT.replace("VERSION", "2.0") + "," + tree(broken, NAMES) + ",'x':[1,}")
              .replace('\'', '"');
      assertThatThrownBy(() -> VexFormats.read(json.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(VexParseException.class)
          .hasMessageNotContaining("product_reference")
          .hasMessageContaining("/x");
    }

    @Test
    void aProductIdDefinedTwiceNamesBothPlaces() {
      String twice = NAMES.replace("'product_id':'lib'", "'product_id':'app'");
      assertThatThrownBy(
              () ->
                  read(DOCUMENT.replace("VERSION", "2.0"), tree(BRANCHES, twice), VULNERABILITIES))
          .isInstanceOf(VexParseException.class)
          .hasMessageContaining("product id 'app' is defined twice")
          .hasMessageContaining("/product_tree/full_product_names/0")
          .hasMessageContaining("/product_tree/branches/0/product");
    }
  }

  @Nested
  class GoVexsCsafTestData {
    @Test
    void givesWhatGoVexsOwnTestExpects() throws Exception {
      String shared = System.getProperty("waterline.shared", "");
      Path file = Path.of(shared, "openvex/examples/csaf/go-vex_testdata_csaf.json");
      assumeThat(!shared.isEmpty() && Files.isRegularFile(file))
          .as("skipped: ../shared (waterline.shared) with go-vex's CSAF test data is not here")
          .isTrue();
      VexDocument doc = VexFormats.read(Files.readAllBytes(file)).document();
      assertThat(doc.id()).contains("2022-EVD-UC-01-NA-001");
      assertThat(doc.statements()).hasSize(1);
      Statement s = doc.statements().get(0);
      assertThat(s.vulnerability().name()).isEqualTo("CVE-2009-4487");
      assertThat(s.status()).isEqualTo(Status.NOT_AFFECTED);
      assertThat(doc.effective("pkg:golang/github.com/go-homedir@v1.2.0", "CVE-2009-4487"))
          .isPresent();
    }
  }
}
