package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read or conversion with a great many warnings prints the first ones and counts the rest. */
class ManyWarningsTest {
  @TempDir Path dir;

  /**
   * A CSAF VEX whose one vulnerability lists {@code undefined} products the tree does not define.
   */
  static String csafNaming(int undefined) {
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < undefined; i++) {
      ids.append("\"P").append(i).append("\",");
    }
    return "{\"document\":{\"category\":\"csaf_vex\",\"csaf_version\":\"2.0\","
        + "\"publisher\":{\"category\":\"vendor\",\"name\":\"X\","
        + "\"namespace\":\"https://x.example\"},\"title\":\"t\",\"tracking\":{"
        + "\"current_release_date\":\"2026-01-01T00:00:00Z\",\"id\":\"X-1\","
        + "\"initial_release_date\":\"2026-01-01T00:00:00Z\",\"revision_history\":[{"
        + "\"date\":\"2026-01-01T00:00:00Z\",\"number\":\"1\",\"summary\":\"s\"}],"
        + "\"status\":\"final\",\"version\":\"1\"}},"
        + "\"product_tree\":{\"full_product_names\":[{\"product_id\":\"A\",\"name\":\"a\"}]},"
        + "\"vulnerabilities\":[{\"cve\":\"CVE-2024-0001\",\"product_status\":{"
        + "\"known_not_affected\":["
        + ids
        + "\"A\"]},\"flags\":[{\"label\":\"component_not_present\",\"product_ids\":[\"A\"]}]}]}";
  }

  @Test
  void pastAHundredReadWarningsTheRestAreCountedInOneLineAndVerbosePrintsThemAll() {
    Path in = Cli.write(dir.resolve("many.csaf.json"), csafNaming(500));
    Cli cli = Cli.atFixedTime();
    Cli.Result r = cli.run("convert", in.toString(), "--to", "openvex");
    assertThat(r.code()).as(r.toString()).isZero();
    List<String> undefined =
        r.errLines().stream().filter(l -> l.contains("is not defined in /product_tree")).toList();
    assertThat(undefined).hasSize(DocumentIo.WARNINGS_PRINTED - 2);
    int all = 500 + 2; // the 500 undefined products, and the title and namespace not carried
    assertThat(r.errLines())
        .hasSize(DocumentIo.WARNINGS_PRINTED + 1)
        .last()
        .isEqualTo(
            "waterline: warning: "
                + (all - DocumentIo.WARNINGS_PRINTED)
                + " more warnings not shown (--verbose prints every one)");
    Cli.Result verbose = cli.run("--verbose", "convert", in.toString(), "--to", "openvex");
    assertThat(verbose.code()).isZero();
    assertThat(verbose.errLines()).hasSize(all).noneMatch(l -> l.contains("not shown"));
    assertThat(verbose.out()).isEqualTo(r.out());
  }

  @Test
  void triageCountsTheWarningsOfItsVexPastAHundredAndStillDecides() {
    Path in = Cli.write(dir.resolve("many.csaf.json"), csafNaming(500));
    Path report = Cli.write(dir.resolve("trivy.json"), TriageCommandTest.TRIVY);
    Cli.Result r =
        Cli.atFixedTime().run("triage", "--report", report.toString(), "--vex", in.toString());
    assertThat(r.errLines())
        .filteredOn(l -> l.startsWith("waterline: " + in + ": "))
        .hasSize(DocumentIo.WARNINGS_PRINTED + 1)
        .last()
        .isEqualTo(
            "waterline: "
                + in
                + ": warning: "
                + (502 - DocumentIo.WARNINGS_PRINTED)
                + " more warnings not shown (--verbose prints every one)");
    assertThat(r.out()).contains("findings:");
  }
}
