package dev.waterline.vex.oci;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.waterline.vex.oci.internal.embed.TarScanner;
import dev.waterline.vex.oci.internal.embed.TarScanner.LayerException;

/**
 * Fuzzes {@link TarScanner#scan} (every layer {@code embed --list} reads) with any bytes, plain or
 * gzipped: it returns or throws {@link LayerException}; nothing else may escape. Every entry handed
 * over has a normalised name (relative, no {@code .}, {@code ..} or empty component), and a kept
 * file's content is exactly its size.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/oci/TarScannerFuzzTestInputs/}.
 */
class TarScannerFuzzTest {

  @FuzzTest
  @DictionaryEntries({
    "ustar\u000000",
    "ustar  ",
    "path=",
    "linkpath=",
    "size=",
    "././@LongLink",
    "usr/share/vex/",
    ".openvex.json",
    "../",
    "0000644",
    "00000000000"
  })
  void scanThrowsOnlyLayerExceptionAndHandsOverNormalisedEntries(byte[] input) {
    try {
      TarScanner.scan(input, 1 << 20, name -> true, 1 << 16, TarScannerFuzzTest::check);
    } catch (LayerException expected) {
      // documented
    }
  }

  private static void check(TarScanner.Entry e) {
    String name = e.name();
    if (name.startsWith("/") || name.endsWith("/")) {
      throw new AssertionError("not normalised: " + name);
    }
    for (String part : name.split("/", -1)) {
      if (!name.isEmpty() && (part.isEmpty() || part.equals(".") || part.equals(".."))) {
        throw new AssertionError("not normalised: " + name);
      }
    }
    byte[] content = e.content();
    if (content != null && content.length != e.size()) {
      throw new AssertionError(
          name + ": content of " + content.length + " bytes, size " + e.size());
    }
  }
}
