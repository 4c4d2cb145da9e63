package dev.waterline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.policy.ScanReport;
import dev.waterline.vex.policy.ScanReports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReportGeneratorTest {
  @ParameterizedTest
  @EnumSource(ReportGenerator.Format.class)
  void sameSeedGivesTheSameBytes(ReportGenerator.Format format) {
    assertThat(ReportGenerator.generate(format, 1, 200))
        .isEqualTo(ReportGenerator.generate(format, 1, 200))
        .isNotEqualTo(ReportGenerator.generate(format, 2, 200));
  }

  @ParameterizedTest
  @EnumSource(ReportGenerator.Format.class)
  void readsBackWithEveryFindingAndWhatTriageNeeds(ReportGenerator.Format format) {
    ScanReport report = ScanReports.read(ReportGenerator.generate(format, 42, 500));
    // The benchmark's own check, which must pass here and fail on a wrong count.
    ReportParseBenchmark.check(report, format, 500);
    assertThatThrownBy(() -> ReportParseBenchmark.check(report, format, 501))
        .isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @EnumSource(ReportGenerator.Format.class)
  void hasTheSizeOfRealReports(ReportGenerator.Format format) {
    int perFinding = ReportGenerator.generate(format, 42, 1000).length / 1000;
    assertThat(perFinding).isBetween(1200, 3500);
  }
}
