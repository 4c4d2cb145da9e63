package dev.waterline.vex.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
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
