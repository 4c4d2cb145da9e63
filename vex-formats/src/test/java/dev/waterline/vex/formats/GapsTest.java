package dev.waterline.vex.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.internal.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What OpenVEX requires and a CycloneDX or CSAF document did not say: what is read is a valid
 * OpenVEX document, each gap filled and warned, and written back to the dialect as it was.
 */
class GapsTest {
  /** A Dependency-Track-like VEX: analyses that OpenVEX would need more words for. */
  static final String CDX =
      "{'bomFormat':'CycloneDX','specVersion':'1.6','version':1,"
          + "'serialNumber':'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',"
          + "'metadata':{'timestamp':'2026-11-01T10:00:00Z','authors':[{'name':'Team'}]},"
          + "'components':[{'type':'library','name':'a','version':'1','purl':'pkg:npm/a@1',"
          + "'bom-ref':'a'}],'vulnerabilities':["
          + "{'id':'CVE-2024-0001','analysis':{'state':'exploitable'},'affects':[{'ref':'a'}]},"
          + "{'id':'CVE-2024-0002','analysis':{'state':'not_affected'},'affects':[{'ref':'a'}]},"
          + "{'id':'CVE-2024-0003','analysis':{'state':'false_positive'},'affects':[{'ref':'a'}]},"
          + "{'id':'CVE-2024-0004','analysis':{'state':'false_positive','detail':'wrong package'},"
          + "'affects':[{'ref':'a'}]},"
          + "{'id':'CVE-2024-0005','analysis':{'state':'not_affected',"
          + "'justification':'code_not_reachable'},'affects':[{'ref':'a'}]},"
          + "{'id':'CVE-2024-0006','analysis':{'state':'exploitable','response':['can_not_fix',"
          + "'will_not_fix']},'affects':[{'ref':'a'}]}]}";

  @Nested
  class FromCycloneDx {
    @Test
    void analysesWithoutTheWordsOpenVexNeedsReadAsAValidDocumentEachGapWarned() {
      ReadResult r = VexFormats.read(BadInputTest.bytes(CDX));
      VexDocument doc = r.document();
      assertThat(doc.validate().errors()).isEmpty();
      assertThat(doc.statements())
          .extracting(Statement::status)
          .containsExactly(
              Status.AFFECTED,
              Status.NOT_AFFECTED,
              Status.NOT_AFFECTED,
              Status.NOT_AFFECTED,
              Status.NOT_AFFECTED,
              Status.AFFECTED);
      // responses alone are an action already: nothing filled in
      assertThat(doc.statements().get(5).actionStatement())
          .hasValue("Response: can_not_fix, will_not_fix");
      assertThat(doc.statements().get(0).actionStatement())
          .hasValue("No action statement was given.");
      assertThat(doc.statements().get(1).impactStatement())
          .hasValue("No impact statement was given.");
      assertThat(doc.statements().get(2).impactStatement())
          .hasValue("No impact statement was given.");
      // a detail, or a justification, is reason enough: nothing filled in
      assertThat(doc.statements().get(3).impactStatement()).hasValue("wrong package");
      assertThat(doc.statements().get(4).impactStatement()).isEmpty();
      assertThat(r.warnings())
          .extracting(ConversionWarning::toString)
          .containsExactly(
              "warning at /vulnerabilities/0: affected without an action statement: OpenVEX needs"
                  + " one, the action statement 'No action statement was given.' is read",
              "warning at /vulnerabilities/1: not_affected with neither a justification nor an"
                  + " impact statement: OpenVEX needs one, the impact statement 'No impact"
                  + " statement was given.' is read",
              "warning at /vulnerabilities/2: not_affected with neither a justification nor an"
                  + " impact statement: OpenVEX needs one, the impact statement 'No impact"
                  + " statement was given.' is read");
    }

    @Test
    void convertedToOpenVexAndBackTheAnalysesAreWrittenAsTheyWere() {
      WriteResult openVex = VexFormats.convert(BadInputTest.bytes(CDX), VexFormat.OPENVEX);
      assertThat(VexFormats.validate(openVex.bytes()).errors()).isEmpty();
      WriteResult back = VexFormats.convert(openVex.bytes(), VexFormat.CYCLONEDX);
      JsonNode in = Json.readTree(BadInputTest.bytes(CDX)).path("vulnerabilities");
      JsonNode out = Json.readTree(back.bytes()).path("vulnerabilities");
      assertThat(out.size()).isEqualTo(in.size());
      for (int i = 0; i < in.size(); i++) {
        assertThat(out.get(i).path("analysis"))
            .as("analysis %d", i)
            .isEqualTo(in.get(i).path("analysis"));
        assertThat(out.get(i).has("recommendation")).as("recommendation %d", i).isFalse();
      }
    }

    @Test
    void aBomWithoutAuthorTimestampOrSerialNumberGetsOpenVexsOwnEachWarned() {
      ReadResult r =
          VexFormats.read(
              BadInputTest.bytes(
                  "{'bomFormat':'CycloneDX','specVersion':'1.5','version':1,'vulnerabilities':["
                      + "{'id':'CVE-2024-0001','analysis':{'state':'resolved'},"
                      + "'affects':[{'ref':'pkg:npm/a@1'}]}]}"));
      VexDocument doc = r.document();
      assertThat(doc.validate().errors()).isEmpty();
      assertThat(doc.author()).isEqualTo("Unknown Author");
      assertThat(doc.timestamp()).hasValue(Instant.EPOCH);
      assertThat(doc.id()).hasValue(doc.withId("x").canonicalId());
      assertThat(r.warnings())
          .extracting(ConversionWarning::toString)
          .containsExactly(
              "warning at /metadata: the document names no author: OpenVEX needs one, 'Unknown"
                  + " Author' is read",
              "warning at /metadata: the document has no timestamp: OpenVEX needs one,"
                  + " 1970-01-01T00:00:00Z is read (so its statements without a time of their own"
                  + " stay the oldest)",
              "warning at /metadata: the document has no id: OpenVEX needs an @id, go-vex's"
                  + " canonical id "
                  + doc.id().orElseThrow()
                  + " is read");
    }

    @Test
    void aBomThatSaysEverythingOpenVexNeedsIsReadWithoutAWordAdded() {
      ReadResult r =
          VexFormats.read(
              BadInputTest.bytes(
                  "{'bomFormat':'CycloneDX','specVersion':'1.6','version':1,"
                      + "'serialNumber':'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',"
                      + "'metadata':{'timestamp':'2026-11-01T10:00:00Z',"
                      + "'authors':[{'name':'Team'}]},'vulnerabilities':["
                      + "{'id':'CVE-2024-0001','analysis':{'state':'exploitable',"
                      + "'detail':'upgrade to 2'},'affects':[{'ref':'pkg:npm/a@1'}]}]}"));
      assertThat(r.warnings()).isEmpty();
      assertThat(r.document().statements().get(0).actionStatement()).hasValue("upgrade to 2");
      assertThat(r.document().validate().errors()).isEmpty();
    }
  }

  @Nested
  class FromCsaf {
    /** A security advisory (not the VEX profile): no remediation or flag is required there. */
    static final String ADVISORY =
        "{'document':{'category':'csaf_security_advisory','csaf_version':'2.0','publisher':{"
            + "'category':'vendor','name':'Acme','namespace':'https://acme.example'},'title':'t',"
            + "'tracking':{'current_release_date':'2024-01-01T00:00:00Z','id':'ACME-1',"
            + "'initial_release_date':'2024-01-01T00:00:00Z','revision_history':[{'date':"
            + "'2024-01-01T00:00:00Z','number':'1','summary':'s'}],'status':'final',"
            + "'version':'1'}},'product_tree':{'full_product_names':["
            + "{'name':'App 1','product_id':'P1','product_identification_helper':"
            + "{'purl':'pkg:npm/app@1'}},{'name':'App 2','product_id':'P2',"
            + "'product_identification_helper':{'purl':'pkg:npm/app@2'}}]},"
            + "'vulnerabilities':[{'cve':'CVE-2024-0001','product_status':{"
            + "'known_affected':['P1'],'known_not_affected':['P2']}}]}";

    @Test
    void anAdvisorysAffectedAndNotAffectedProductsWithoutRemediationOrFlagReadAsValidOpenVex() {
      ReadResult r = VexFormats.read(BadInputTest.bytes(ADVISORY));
      VexDocument doc = r.document();
      assertThat(doc.validate().errors()).isEmpty();
      assertThat(doc.effective("pkg:npm/app@1", "CVE-2024-0001").orElseThrow().statement())
          .satisfies(
              s -> {
                assertThat(s.status()).isEqualTo(Status.AFFECTED);
                assertThat(s.actionStatement()).hasValue("No action statement was given.");
              });
      assertThat(doc.effective("pkg:npm/app@2", "CVE-2024-0001").orElseThrow().statement())
          .satisfies(
              s -> {
                assertThat(s.status()).isEqualTo(Status.NOT_AFFECTED);
                assertThat(s.impactStatement()).hasValue("No impact statement was given.");
              });
      assertThat(r.warnings())
          .extracting(ConversionWarning::message)
          .contains(
              "affected without an action statement: OpenVEX needs one, the action statement"
                  + " 'No action statement was given.' is read",
              "not_affected with neither a justification nor an impact statement: OpenVEX needs"
                  + " one, the impact statement 'No impact statement was given.' is read");
    }

    @Test
    void writtenAsCsafAgainTheFilledTextsAreWhatTheWriterWritesForTheirAbsence() {
      WriteResult csaf = VexFormats.convert(BadInputTest.bytes(ADVISORY), VexFormat.CSAF);
      JsonNode v = Json.readTree(csaf.bytes()).path("vulnerabilities").get(0);
      assertThat(v.path("remediations").get(0).path("category").textValue())
          .isEqualTo("none_available");
      assertThat(v.path("remediations").get(0).path("details").textValue())
          .isEqualTo("No action statement was given.");
      assertThat(v.path("threats").get(0).path("details").textValue())
          .isEqualTo("No impact statement was given.");
      // and read once more, nothing changes
      WriteResult again = VexFormats.convert(csaf.bytes(), VexFormat.CSAF);
      assertThat(Json.readTree(again.bytes()).path("vulnerabilities"))
          .isEqualTo(Json.readTree(csaf.bytes()).path("vulnerabilities"));
    }
  }
}
