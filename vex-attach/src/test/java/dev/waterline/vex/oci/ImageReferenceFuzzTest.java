package dev.waterline.vex.oci;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link ImageReference#parse} and {@link Digest#parse} with any text: each returns a value
 * or throws {@link OciException}; nothing else may escape. A reference that was read prints a
 * normalised form that reads back to an equal reference, and a digest prints itself.
 *
 * <p>Seeds and crash regressions: {@code
 * src/test/resources/dev/waterline/vex/oci/ImageReferenceFuzzTestInputs/}.
 */
class ImageReferenceFuzzTest {

  @FuzzTest
  @DictionaryEntries({
    "oci:",
    "@sha256:",
    "@sha512:",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "localhost",
    "docker.io",
    "index.docker.io",
    "library/",
    "[::1]",
    ":5000",
    ":latest",
    "127.0.0.1"
  })
  void parseThrowsOnlyOciExceptionAndRoundTrips(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      Digest digest = Digest.parse(text);
      if (!Digest.parse(digest.toString()).equals(digest)) {
        throw new AssertionError("digest " + text + " printed as " + digest + " reads differently");
      }
    } catch (OciException expected) {
      // documented
    }
    ImageReference reference;
    try {
      reference = ImageReference.parse(text);
    } catch (OciException expected) {
      return;
    }
    reference.isLoopback();
    reference.target();
    reference.name();
    String printed = reference.toString();
    ImageReference again;
    try {
      again = ImageReference.parse(printed);
    } catch (OciException e) {
      throw new AssertionError(
          "\"" + text + "\" was read but its printed form \"" + printed + "\" is rejected", e);
    }
    if (!again.equals(reference)) {
      throw new AssertionError(
          "\"" + text + "\" printed as \"" + printed + "\" reads back as \"" + again + "\"");
    }
  }
}
