package dev.waterline.vex.workflow;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.ImageName;
import dev.waterline.vex.VexException;
import dev.waterline.vex.policy.InputParseException;

/**
 * Fuzzes the SBOM reader ({@link Sbom#parse}): it returns an SBOM or throws {@link
 * InputParseException} (or the one JSON layer's {@link dev.waterline.vex.VexParseException} for
 * bytes that are not UTF-8); nothing else may escape, and what it reads can be given to a {@link
 * CarryImage}.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/workflow/SbomFuzzTestInputs/}.
 */
class SbomFuzzTest {
  static final ImageName IMAGE = ImageName.parse("registry.local/app@sha256:" + "0a".repeat(32));

  @FuzzTest
  @DictionaryEntries({
    "\"bomFormat\":\"CycloneDX\"",
    "\"specVersion\":\"1.6\"",
    "\"components\":[",
    "\"properties\":[{\"name\":\"syft:location:0:layerID\",\"value\":\"sha256:",
    "\"aquasecurity:trivy:LayerDiffID\"",
    "\"spdxVersion\":\"SPDX-2.3\"",
    "\"packages\":[",
    "\"externalRefs\":[{\"referenceType\":\"purl\",\"referenceLocator\":\"pkg:npm/a@1\"}]",
    "\"_type\":\"https://in-toto.io/Statement/v1\"",
    "\"subject\":[{\"digest\":{\"sha256\":\"",
    "\"predicate\":",
    "\"payloadType\":"
  })
  void readsOrThrowsOnlyVexException(byte[] input) {
    Sbom sbom;
    try {
      sbom = Sbom.parse(input, "fuzz");
    } catch (VexException expected) {
      return;
    }
    try {
      CarryImage.of(IMAGE).withSbom(sbom);
    } catch (VexException aboutAnotherImage) {
      if (sbom.subjects().isEmpty()) {
        throw new AssertionError("a bare SBOM refused", aboutAnotherImage);
      }
    }
  }
}
