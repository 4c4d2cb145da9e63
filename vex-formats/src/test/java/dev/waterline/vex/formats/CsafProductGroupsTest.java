package dev.waterline.vex.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.VexParseException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Product groups: each use of a group names each of its members again, so a small document can name
 * a great many products. What is said about them is said once per flag, threat or remediation, and
 * a document whose groups name more than two million products in all is refused.
 */
class CsafProductGroupsTest {
  /** {@code members} products P0… in group G, the first {@code withStatus} known_not_affected. */
  static byte[] document(int members, int withStatus, List<String> flagLabels) {
    StringBuilder b =
        new StringBuilder("{" + CsafTexts.DOCUMENT + ",'product_tree':{'full_product_names':[");
    for (int i = 0; i < members; i++) {
      b.append(i == 0 ? "" : ",").append("{'name':'p").append(i).append("','product_id':'P");
      b.append(i).append("'}");
    }
    b.append("],'product_groups':[{'group_id':'G','product_ids':[");
    for (int i = 0; i < members; i++) {
      b.append(i == 0 ? "'P" : ",'P").append(i).append("'");
    }
    b.append("]}]},'vulnerabilities':[{'cve':'CVE-2024-0001','notes':[{'category':'general',");
    b.append("'text':'t'}],'product_status':{'known_not_affected':[");
    for (int i = 0; i < withStatus; i++) {
      b.append(i == 0 ? "'P" : ",'P").append(i).append("'");
    }
    b.append("]},'flags':[");
    for (int i = 0; i < flagLabels.size(); i++) {
      b.append(i == 0 ? "" : ",").append("{'label':'").append(flagLabels.get(i));
      b.append("','group_ids':['G']}");
    }
    b.append("]}]}");
    return b.toString().replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  static final List<String> TWO_FLAGS =
      List.of("component_not_present", "vulnerable_code_not_present");

  @Nested
  class Reading {
    @Test
    void saysOncePerFlagWhatItCannotCarryForTheGroupsMembers() {
      ReadResult r = VexFormats.read(document(5, 3, TWO_FLAGS));
      assertThat(r.warnings())
          .extracting(w -> w.pointer() + ": " + w.message())
          .contains(
              "/vulnerabilities/0/flags/0: names products 'P3', 'P4', which have no product status"
                  + " for this vulnerability: not carried for them",
              "/vulnerabilities/0/flags/1: names products 'P3', 'P4', which have no product status"
                  + " for this vulnerability: not carried for them",
              "/vulnerabilities/0/flags/1: products 'P0', 'P1', 'P2' already have another flag"
                  + " (CSAF mandatory test 6.1.33): this one is not carried for them")
          .filteredOn(w -> w.contains("'P3'") || w.contains("another flag"))
          .hasSize(3);
      Statement s = r.document().statements().get(0);
      assertThat(s.status()).isEqualTo(Status.NOT_AFFECTED);
      assertThat(s.justification()).contains(Justification.COMPONENT_NOT_PRESENT);
      assertThat(s.products()).hasSize(3);
    }

    @Test
    void namesHowManyMoreThanThreeProducts() {
      ReadResult r = VexFormats.read(document(1_005, 0, List.of("component_not_present")));
      assertThat(r.warnings())
          .extracting(w -> w.pointer() + ": " + w.message())
          .contains(
              "/vulnerabilities/0/flags/0: names products 'P0', 'P1', 'P2' and 1,002 more, which"
                  + " have no product status for this vulnerability: not carried for them");
    }

    @Test
    void refusesGroupsThatNameMoreThanTwoMillionProductsInAll() {
      // 2,000 products named by 1,001 flags: 2,002,000 in all, from a document of 150 kB.
      List<String> flags = java.util.Collections.nCopies(1_001, "component_not_present");
      assertThatThrownBy(() -> VexFormats.read(document(2_000, 2_000, flags)))
          .isInstanceOf(VexParseException.class)
          .hasMessage(
              "not a CSAF 2.0 document at /vulnerabilities/0/flags/1000/group_ids/0: product groups"
                  + " name more than 2,000,000 products in this document in all (each use of a"
                  + " group names each of its members again): refused");
    }
  }

  @Nested
  class Validating {
    @Test
    void givesOneFindingPerFlagThatNamesProductsAlreadyFlagged() {
      List<String> findings =
          VexFormats.validate(
                  document(
                      5,
                      3,
                      List.of(
                          "component_not_present",
                          "component_not_present",
                          "vulnerable_code_not_present")))
              .findings()
              .stream()
              .filter(f -> f.message().contains("6.1.33"))
              .map(f -> f.pointer() + ": " + f.message())
              .toList();
      assertThat(findings)
          .containsExactly(
              "/vulnerabilities/0/flags/1: 5 products already have a justification flag (the"
                  + " first, 'P0', at /vulnerabilities/0/flags/0) (CSAF 6.1.33)",
              "/vulnerabilities/0/flags/2: 5 products already have a justification flag (the"
                  + " first, 'P0', at /vulnerabilities/0/flags/0) (CSAF 6.1.33)");
    }

    @Test
    void stopsExpandingGroupsPastTwoMillionProductsWithOneFinding() {
      List<String> flags = java.util.Collections.nCopies(1_001, "component_not_present");
      List<ValidationFinding> findings =
          VexFormats.validate(document(2_000, 2_000, flags)).findings();
      assertThat(findings)
          .filteredOn(f -> f.message().startsWith("product groups name more than"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.pointer()).isEqualTo("/vulnerabilities/0/flags/1000/group_ids/0");
                assertThat(f.message())
                    .isEqualTo(
                        "product groups name more than 2,000,000 products in this document in all"
                            + " (each use of a group names each of its members again): from here"
                            + " on, the products of groups are not checked");
              });
      assertThat(findings).filteredOn(f -> f.message().contains("6.1.33")).hasSize(999);
    }
  }
}
