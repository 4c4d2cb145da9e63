package dev.waterline.vex.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.Status;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexParseException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Bad input gets what bad OpenVEX gets: a clear error with a JSON pointer, never a crash. */
class BadInputTest {
  static byte[] bytes(String s) {
    return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  static final String CSAF_HEAD =
      "{'document':{'category':'csaf_vex','csaf_version':'2.0','publisher':{'category':'vendor',"
          + "'name':'Acme','namespace':'https://acme.example'},'title':'t','tracking':{"
          + "'current_release_date':'2024-01-01T00:00:00Z','id':'ACME-1',"
          + "'initial_release_date':'2024-01-01T00:00:00Z','revision_history':[{'date':"
          + "'2024-01-01T00:00:00Z','number':'1','summary':'s'}],'status':'final','version':'1'}},"
          + "'product_tree':{'full_product_names':[{'name':'App 1','product_id':'P1'}]},";

  @Nested
  class Csaf {
    @Test
    void refusesDuplicateKeysWithTheirPointer() {
      assertThatThrownBy(
              () ->
                  VexFormats.read(
                      bytes(
                          CSAF_HEAD
                              + "'vulnerabilities':[{'cve':'CVE-2024-1','cve':'CVE-2024-2'}]}")))
          .isInstanceOf(VexParseException.class)
          .hasMessage(
              "not valid JSON at /vulnerabilities/0/cve (line 1, column 502): duplicate field"
                  + " 'cve' in one object");
    }

    @Test
    void namesAWrongTypeByItsPointer() {
      assertThatThrownBy(
              () ->
                  VexFormats.read(
                      bytes(
                          CSAF_HEAD
                              + "'vulnerabilities':[{'cve':'CVE-2024-1','product_status':{'fixed':'P1'}}]}")))
          .isInstanceOf(VexParseException.class)
          .hasMessage(
              "not a CSAF 2.0 document at /vulnerabilities/0/product_status/fixed: expected an"
                  + " array but found a string");
    }

    @Test
    void refusesAnUnknownFlagLabel() {
      assertThatThrownBy(
              () ->
                  VexFormats.read(
                      bytes(
                          CSAF_HEAD
                              + "'vulnerabilities':[{'cve':'CVE-2024-1','product_status':{'known_not_affected':['P1']},'flags':[{'label':'not_my_problem','product_ids':['P1']}]}]}")))
          .hasMessage(
              "not a CSAF 2.0 document at /vulnerabilities/0/flags/0/label: expected one of"
                  + " [component_not_present, vulnerable_code_not_present,"
                  + " vulnerable_code_not_in_execute_path,"
                  + " vulnerable_code_cannot_be_controlled_by_adversary,"
                  + " inline_mitigations_already_exist] but was 'not_my_problem'");
    }

    @Test
    void refusesAProductInContradictingStatuses() {
      assertThatThrownBy(
              () ->
                  VexFormats.read(
                      bytes(
                          CSAF_HEAD
                              + "'vulnerabilities':[{'cve':'CVE-2024-1','product_status':{'known_affected':['P1'],'fixed':['P1']}}]}")))
          .hasMessage(
              "not a CSAF 2.0 document at /vulnerabilities/0/product_status/fixed/0: product 'P1'"
                  + " is both known_affected and fixed (CSAF mandatory test 6.1.6)");
    }

    @Test
    void refusesACircleOfRelationships() {
      String doc =
          CSAF_HEAD.replace(
                  "'full_product_names':[{'name':'App 1','product_id':'P1'}]",
                  "'full_product_names':[{'name':'App 1','product_id':'P1'}],'relationships':["
                      + "{'category':'default_component_of','product_reference':'R2',"
                      + "'relates_to_product_reference':'P1','full_product_name':{'name':'r1',"
                      + "'product_id':'R1'}},{'category':'default_component_of',"
                      + "'product_reference':'R1','relates_to_product_reference':'P1',"
                      + "'full_product_name':{'name':'r2','product_id':'R2'}}]")
              + "'vulnerabilities':[{'cve':'CVE-2024-1','product_status':{'fixed':['R1']}}]}";
      assertThatThrownBy(() -> VexFormats.read(bytes(doc)))
          .hasMessage(
              "not a CSAF 2.0 document at /product_tree/relationships/0/full_product_name/product_id:"
                  + " product id 'R1' is defined through a circle of relationships (CSAF mandatory"
                  + " test 6.1.3)");
    }

    @Test
    void warnsOfAnUndefinedProductAndReadsTheRest() {
      ReadResult r =
          VexFormats.read(
              bytes(
                  CSAF_HEAD
                      + "'vulnerabilities':[{'cve':'CVE-2024-1','product_status':{'fixed':['P1','P9']}}]}"));
      assertThat(r.document().effective("App 1", "CVE-2024-1").orElseThrow().status())
          .isEqualTo(Status.FIXED);
      assertThat(r.warnings())
          .extracting(ConversionWarning::toString)
          .contains(
              "warning at /vulnerabilities/0/product_status/fixed/1: product id 'P9' is not"
                  + " defined in /product_tree (CSAF mandatory test 6.1.1): not carried");
    }

    @Test
    void refusesAnotherCsafVersion() {
      assertThatThrownBy(
              () ->
                  VexFormats.read(
                      bytes(CSAF_HEAD.replace("'2.0'", "'2.1'") + "'vulnerabilities':[]}")))
          .hasMessage(
              "not a CSAF 2.0 document at /document/csaf_version: expected '2.0' but was '2.1'"
                  + " (Waterline reads CSAF 2.0)");
    }

    @Test
    void reportsASyntaxErrorAfterTheVulnerabilitiesBeforeAnErrorInThem() {
      assertThatThrownBy(
              () ->
                  VexFormats.read(
                      bytes(
                          CSAF_HEAD
                              + "'vulnerabilities':[{'cve':'CVE-2024-1','product_status':{'fixed':'P1'}}],'x':1,'x':2}")))
          .isInstanceOf(VexParseException.class)
          .hasMessageStartingWith("not valid JSON at /x (line 1, column ")
          .hasMessageEndingWith("duplicate field 'x' in one object");
    }

    @Test
    void readsTheSameWhenTheProductTreeComesAfterTheVulnerabilities() {
      int tree = CSAF_HEAD.indexOf("'product_tree'");
      String vulnerabilities =
          "'vulnerabilities':[{'cve':'CVE-2024-1','product_status':{'fixed':['P1','P9']}}]";
      ReadResult treeFirst = VexFormats.read(bytes(CSAF_HEAD + vulnerabilities + "}"));
      ReadResult treeLast =
          VexFormats.read(
              bytes(
                  CSAF_HEAD.substring(0, tree)
                      + vulnerabilities
                      + ","
                      + CSAF_HEAD.substring(tree, CSAF_HEAD.length() - 1)
                      + "}"));
      assertThat(treeLast.document()).isEqualTo(treeFirst.document());
      assertThat(treeLast.warnings()).isEqualTo(treeFirst.warnings()).isNotEmpty();
    }
  }

  @Nested
  class CycloneDx {
    static final String HEAD = "{'bomFormat':'CycloneDX','specVersion':'1.6','version':1,";

    @Test
    void readsTheSameWhenTheComponentsComeAfterTheVulnerabilities() {
      String components = "'components':[{'type':'library','name':'a','bom-ref':'x'}]";
      String vulnerabilities =
          "'vulnerabilities':[{'id':'CVE-2024-1','analysis':{'state':'in_triage'},'affects':[{'ref':'x'},{'ref':'y'}]}]";
      ReadResult componentsFirst =
          VexFormats.read(bytes(HEAD + components + "," + vulnerabilities + "}"));
      ReadResult componentsLast =
          VexFormats.read(bytes(HEAD + vulnerabilities + "," + components + "}"));
      assertThat(componentsLast.document()).isEqualTo(componentsFirst.document());
      assertThat(componentsLast.warnings()).isEqualTo(componentsFirst.warnings()).isNotEmpty();
    }

    @Test
    void reportsASyntaxErrorAfterTheVulnerabilitiesBeforeAnErrorInThem() {
      assertThatThrownBy(
              () ->
                  VexFormats.read(
                      bytes(
                          HEAD
                              + "'serialNumber':'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79','metadata':{},'components':[],'vulnerabilities':[{'id':'CVE-2024-1','analysis':{'state':'fine'}}],'x':1,'x':2}")))
          .isInstanceOf(VexParseException.class)
          .hasMessageStartingWith("not valid JSON at /x (line 1, column ")
          .hasMessageEndingWith("duplicate field 'x' in one object");
    }

    @Test
    void refusesANegativeVersionByItsPointer() {
      assertThatThrownBy(
              () -> VexFormats.read(bytes(HEAD.replace("1,", "-1,") + "'vulnerabilities':[]}")))
          .isInstanceOf(VexParseException.class)
          .hasMessage("not a CycloneDX BOM at /version: expected an integer >= 0 but was -1");
    }

    @Test
    void refusesAnUnknownAnalysisState() {
      assertThatThrownBy(
              () ->
                  VexFormats.read(
                      bytes(
                          HEAD
                              + "'vulnerabilities':[{'id':'CVE-2024-1','analysis':{'state':'fine'},'affects':[{'ref':'pkg:npm/a@1'}]}]}")))
          .hasMessage(
              "not a CycloneDX BOM at /vulnerabilities/0/analysis/state: expected one of"
                  + " [resolved, resolved_with_pedigree, exploitable, in_triage, false_positive,"
                  + " not_affected] but was 'fine'");
    }

    @Test
    void refusesADuplicateBomRef() {
      assertThatThrownBy(
              () ->
                  VexFormats.read(
                      bytes(
                          HEAD
                              + "'components':[{'type':'library','name':'a','bom-ref':'x'},{'type':'library','name':'b','bom-ref':'x'}],'vulnerabilities':[]}")))
          .hasMessage(
              "not a CycloneDX BOM at /components/1/bom-ref: bom-ref 'x' is used twice, here and"
                  + " at /components/0");
    }

    /** The first problem in document order is the one reported, a nested bom-ref used twice too. */
    @Test
    void aDuplicateBomRefBeforeABadComponentIsTheFailureAndAfterItIsNot() {
      String dup =
          "{'type':'library','name':'a','bom-ref':'x','components':[{'type':'library','name':'b',"
              + "'bom-ref':'x'}]}";
      assertThatThrownBy(
              () ->
                  VexFormats.read(
                      bytes(HEAD + "'components':[" + dup + ",42],'vulnerabilities':[]}")))
          .hasMessage(
              "not a CycloneDX BOM at /components/0/components/0/bom-ref: bom-ref 'x' is used"
                  + " twice, here and at /components/0");
      assertThatThrownBy(
              () ->
                  VexFormats.read(
                      bytes(HEAD + "'components':[42," + dup + "],'vulnerabilities':[]}")))
          .hasMessageStartingWith("not a CycloneDX BOM at /components/0: ");
    }

    @Test
    void refusesASpecVersionWithoutVex() {
      assertThatThrownBy(
              () -> VexFormats.read(bytes(HEAD.replace("1.6", "1.3") + "'components':[]}")))
          .hasMessage(
              "not a CycloneDX BOM at /specVersion: expected one of [1.4, 1.5, 1.6, 1.7] but was"
                  + " '1.3' (Waterline reads CycloneDX 1.4 to 1.7: VEX came with 1.4)");
    }

    @Test
    void refusesDuplicateKeys() {
      assertThatThrownBy(
              () -> VexFormats.read(bytes(HEAD + "'vulnerabilities':[],'vulnerabilities':[]}")))
          .isInstanceOf(VexParseException.class)
          .hasMessageContaining("duplicate field 'vulnerabilities' in one object");
    }

    @Test
    void refusesABomLinkWithABadPercentEscapeByItsPointer() {
      assertThatThrownBy(
              () ->
                  VexFormats.read(
                      bytes(
                          HEAD
                              + "'vulnerabilities':[{'id':'CVE-2024-1','analysis':{'state':'in_triage'},'affects':[{'ref':'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#a%z'}]}]}")))
          .isInstanceOf(VexParseException.class)
          .hasMessageStartingWith(
              "not a CycloneDX BOM at /vulnerabilities/0/affects/0: the BOM-link"
                  + " 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#a%z' has a fragment that is"
                  + " not percent-encoded");
    }

    @Test
    void validationReportsMembersOfTheWrongTypeInsteadOfFailing() {
      ValidationReport r =
          VexFormats.validate(
              bytes(
                  HEAD
                      + "'components':{'a':{'bom-ref':'x'}},'vulnerabilities':{'v':{'affects':{'a':{'ref':'x'}}}}}"),
              VexFormat.CYCLONEDX);
      assertThat(r.findings())
          .extracting(ValidationFinding::pointer)
          .contains("/components", "/vulnerabilities");
    }

    @Test
    void readsAScannerListingWithoutAnalysisAsUnderInvestigationAndSaysSo() {
      ReadResult r =
          VexFormats.read(
              bytes(
                  HEAD
                      + "'vulnerabilities':[{'id':'CVE-2024-1','affects':[{'ref':'pkg:npm/a@1'}]}]}"));
      assertThat(r.document().statements().get(0).status()).isEqualTo(Status.UNDER_INVESTIGATION);
      // The first warning is the statement's; the BOM's missing author, timestamp and serial
      // number follow (GapsTest).
      assertThat(r.warnings())
          .extracting(ConversionWarning::toString)
          .first()
          .isEqualTo(
              "warning at /vulnerabilities/0: has no analysis state: read as under_investigation"
                  + " (a vulnerability a scanner lists is not a VEX statement)");
      assertThat(r.warnings()).hasSize(4);
      assertThat(r.warnings().subList(1, 4))
          .extracting(ConversionWarning::pointer)
          .containsOnly("/metadata");
    }
  }

  @Nested
  class AnyDialect {
    @Test
    void saysWhatItExpectedOfJsonThatIsNoVex() {
      assertThatThrownBy(() -> VexFormats.read(bytes("{'hello':'world'}")))
          .hasMessage(
              "not a VEX document at /: expected a VEX document: OpenVEX (an @context under"
                  + " https://openvex.dev/ns), CSAF 2.0 (a document with a csaf_version) or"
                  + " CycloneDX (bomFormat CycloneDX)");
    }

    @Test
    void reportsTruncatedJsonAsJson() {
      assertThatThrownBy(
              () -> VexFormats.read(bytes("{'bomFormat':'CycloneDX','specVersion':'1.6'")))
          .isInstanceOf(VexParseException.class)
          .hasMessageContaining("unexpected end of input: the JSON is truncated");
    }

    @Test
    void detectsTheDialectFromTheContentNotTheName() {
      assertThat(VexFormats.detect(bytes("{'specVersion':'1.5','bomFormat':'CycloneDX'}")))
          .contains(VexFormat.CYCLONEDX);
      assertThat(VexFormats.detect(bytes("{'document':{'csaf_version':'2.0'}}")))
          .contains(VexFormat.CSAF);
      assertThat(VexFormats.detect(bytes("'@context': https://openvex.dev/ns/v0.2.0\n")))
          .contains(VexFormat.OPENVEX);
      assertThat(VexFormats.detect(bytes("{'a':1}"))).isEmpty();
    }

    @Test
    void letVexReadEveryDialectThroughTheServiceLoader() {
      VexDocument doc =
          VexDocument.parse(
              bytes(
                  CSAF_HEAD
                      + "'vulnerabilities':[{'cve':'CVE-2024-1','notes':[{'category':'general','text':'x'}],'product_status':{'fixed':['P1']}}]}"));
      assertThat(doc.effective("App 1", "CVE-2024-1").orElseThrow().status())
          .isEqualTo(Status.FIXED);
    }
  }
}
