package dev.waterline.vex.policy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import java.time.Instant;
import java.util.List;

/**
 * Fuzzes {@link SarifFilter#filter} in both modes (product-aware and vexctl-compatible): it returns
 * the filtered report or throws {@link VexException}; nothing else may escape.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/policy/SarifFilterFuzzTestInputs/}.
 */
class SarifFilterFuzzTest {
  private static final VexDocument VEX =
      Vex.document("Fuzz <fuzz@waterline.example>")
          .timestamp(Instant.parse("2025-01-01T00:00:00Z"))
          .statement(
              Vex.notAffected("CVE-2024-0001", "pkg:oci/app")
                  .subcomponent("pkg:maven/org.example/widget@1.2.3")
                  .justification(Justification.COMPONENT_NOT_PRESENT))
          .statement(Vex.fixed("CVE-2024-0002", "pkg:deb/debian/libfoo@0.1-1"))
          .build();
  private static final SarifFilter PRODUCT_AWARE = SarifFilter.of(List.of(VEX));
  private static final SarifFilter VEXCTL = PRODUCT_AWARE.vexctlCompatible();

  @FuzzTest
  void filterThrowsOnlyVexException(byte[] sarif) {
    for (SarifFilter filter : List.of(PRODUCT_AWARE, VEXCTL)) {
      try {
        if (filter.filter(sarif, "fuzz.sarif").toString().isEmpty()) {
          throw new AssertionError("prints as nothing");
        }
      } catch (VexException expected) {
        // documented: not JSON, or no runs array
      }
    }
  }
}
