package dev.waterline.vex.oci.internal.json;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.oci.OciException;

/**
 * Fuzzes {@link OciJson#parseIndex} (image indexes, referrers responses, {@code index.json} of a
 * layout): it returns an index or throws {@link OciException}; nothing else may escape. An index
 * that was read writes bytes that read back to an equal index.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/oci/internal/json/OciIndexFuzzTestInputs/}.
 */
class OciIndexFuzzTest {

  @FuzzTest
  @DictionaryEntries({
    "\"schemaVersion\"",
    "\"mediaType\"",
    "\"application/vnd.oci.image.index.v1+json\"",
    "\"application/vnd.docker.distribution.manifest.list.v2+json\"",
    "\"application/vnd.oci.image.manifest.v1+json\"",
    "\"artifactType\"",
    "\"manifests\"",
    "\"subject\"",
    "\"annotations\"",
    "\"org.opencontainers.image.ref.name\"",
    "\"digest\"",
    "\"size\"",
    "\"urls\"",
    "\"data\"",
    "\"platform\"",
    "\"architecture\"",
    "\"os\"",
    "\"os.version\"",
    "\"os.features\"",
    "\"variant\"",
    "\"features\"",
    "\"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"",
    "\"config\"",
    "\"layers\""
  })
  void parseIndexThrowsOnlyOciExceptionAndRoundTrips(byte[] json) {
    ImageIndex index;
    try {
      index = OciJson.parseIndex(json, "the fuzz input", null);
    } catch (OciException expected) {
      return;
    }
    ImageIndex again = OciJson.parseIndex(OciJson.write(index), "the written form", null);
    if (!again.equals(index)) {
      throw new AssertionError(
          "read, written and read again, the index changed:\n" + index + "\n" + again);
    }
  }
}
