package dev.waterline.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.policy.Decision;
import dev.waterline.vex.policy.FindingDecision;
import dev.waterline.vex.policy.Reason;
import dev.waterline.vex.policy.TriageReport;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VendorVexBelowWaterlineTest {
  static String summary(FindingDecision d) {
    return d.vulnerability()
        + " "
        + d.packageName().orElseThrow()
        + " "
        + d.position()
        + " "
        + d.decision()
        + d.notes().stream().map(Reason::rule).collect(Collectors.joining(",", " [", "]"));
  }

  @Nested
  class WithTheWaterline {
    final TriageReport report = VendorVexBelowWaterline.bundled(true);

    @Test
    void appliesTheVendorsVexBelowItOnlyAndTheTeamsEverywhere() {
      assertThat(report.decisions())
          .extracting(VendorVexBelowWaterlineTest::summary)
          .containsExactly(
              "CVE-2024-45490 libexpat1 below not_affected []",
              "CVE-2024-28757 libexpat1 below vendor []",
              "CVE-2024-5535 libssl3 below not_affected []",
              "CVE-2024-2398 curl above remediate [vendor_vex_above_waterline]",
              "CVE-2023-44487 golang.org/x/net above not_affected []");
    }

    @Test
    void saysWhoseStatementDecided() {
      List<FindingDecision> d = report.decisions();
      assertThat(d.get(0).reasons().get(0).message()).startsWith("vendor VEX says not_affected");
      assertThat(d.get(2).reasons().get(0).message()).startsWith("our VEX says not_affected");
      assertThat(d.get(4).reasons().get(0).message()).startsWith("our VEX says not_affected");
    }

    @Test
    void leavesOnlyTheFindingInTheTeamsOwnLayerToRemediate() {
      assertThat(report.needsRemediation()).isTrue();
      assertThat(report.decisions(Decision.REMEDIATE))
          .extracting(FindingDecision::vulnerability)
          .containsExactly("CVE-2024-2398");
    }
  }

  @Nested
  class WithoutTheWaterline {
    @Test
    void countsTheVendorsVexNowhere() {
      assertThat(VendorVexBelowWaterline.bundled(false).decisions())
          .extracting(VendorVexBelowWaterlineTest::summary)
          .containsExactly(
              "CVE-2024-45490 libexpat1 unknown remediate [vendor_vex_above_waterline]",
              "CVE-2024-28757 libexpat1 unknown remediate []",
              "CVE-2024-5535 libssl3 unknown not_affected []",
              "CVE-2024-2398 curl unknown remediate [vendor_vex_above_waterline]",
              "CVE-2023-44487 golang.org/x/net unknown not_affected []");
    }
  }

  @Test
  void linesShowOneFindingEach() {
    List<String> lines = VendorVexBelowWaterline.lines(VendorVexBelowWaterline.bundled(true));
    assertThat(lines).hasSize(5);
    assertThat(lines.get(3))
        .startsWith("CVE-2024-2398   curl              above   remediate    ")
        .endsWith(" [vendor_vex_above_waterline]");
  }
}
