package dev.waterline.vex.oci.internal.json;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.oci.OciException;

/**
 * Fuzzes {@link OciJson#parseManifest} with bytes as a registry or layout might serve them: it
 * returns a manifest or throws {@link OciException}; nothing else may escape. A manifest that was
 * read writes bytes that read back to an equal manifest. {@link OciJson#declaredMediaType} gets the
 * same bytes under the same contract.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/oci/internal/json/OciManifestFuzzTestInputs/}.
 */
class OciManifestFuzzTest {

  @FuzzTest
  @DictionaryEntries({
    "\"schemaVersion\"",
    "\"mediaType\"",
    "\"application/vnd.oci.image.manifest.v1+json\"",
    "\"application/vnd.docker.distribution.manifest.v2+json\"",
    "\"artifactType\"",
    "\"config\"",
    "\"layers\"",
    "\"subject\"",
    "\"annotations\"",
    "\"digest\"",
    "\"size\"",
    "\"urls\"",
    "\"data\"",
    "\"platform\"",
    "\"os.features\"",
    "\"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"",
    "\"sha512:\"",
    "\"manifests\"",
    "9223372036854775807",
    "-1",
    "2.0"
  })
  void parseManifestThrowsOnlyOciExceptionAndRoundTrips(byte[] json) {
    try {
      OciJson.declaredMediaType(json, "the fuzz input", null);
    } catch (OciException expected) {
      // documented
    }
    ImageManifest manifest;
    try {
      manifest = OciJson.parseManifest(json, "the fuzz input", null);
    } catch (OciException expected) {
      return;
    }
    ImageManifest again = OciJson.parseManifest(OciJson.write(manifest), "the written form", null);
    if (!again.equals(manifest)) {
      throw new AssertionError(
          "read, written and read again, the manifest changed:\n" + manifest + "\n" + again);
    }
  }
}
