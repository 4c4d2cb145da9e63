package dev.waterline.maven;

import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * A goal's record of what it last did ({@code target/waterline/<goal>.state}): one line per input
 * ({@code name value}). When the inputs are the same again, and the goal's output is still there,
 * the goal does nothing: no second signature, no second attachment.
 */
final class UpToDate {
  private final Path file;
  private final String state;

  private UpToDate(Path file, String state) {
    this.file = file;
    this.state = state;
  }

  /** The state of the given inputs, as {@code name value} lines. */
  static UpToDate of(Path file, String... nameValuePairs) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
      sb.append(nameValuePairs[i]).append(' ').append(nameValuePairs[i + 1]).append('\n');
    }
    return new UpToDate(file, sb.toString());
  }

  /** The sha256 digest of some bytes, as {@code sha256:HEX}. */
  static String digest(byte[] bytes) {
    return Digest.of(bytes).toString();
  }

  /** Whether the last run recorded exactly this state. */
  boolean unchanged() {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      return new String(Inputs.read(file, InputKind.IMAGE_LIST), StandardCharsets.UTF_8)
          .equals(state);
    } catch (RuntimeException e) {
      return false; // an unreadable record is no record
    }
  }

  /** Records this state (after the goal did its work). */
  void record() throws MojoExecutionException {
    WaterlineMojo.writeIfChanged(file, state.getBytes(StandardCharsets.UTF_8));
  }
}
