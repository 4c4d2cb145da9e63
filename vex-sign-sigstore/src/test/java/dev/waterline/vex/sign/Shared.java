package dev.waterline.vex.sign;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the project's shared research data (never copied into the repo); skips when absent. */
final class Shared {
  private Shared() {}

  /** {@code ${waterline.shared}/sigstore/fixtures/<sub>}, or the test is skipped. */
  static Path fixtures(String sub) {
    String shared = System.getProperty("waterline.shared");
    assumeTrue(
        shared != null, "skipped: system property waterline.shared is not set (no shared data)");
    Path dir = Path.of(shared, "sigstore", "fixtures", sub);
    assumeTrue(Files.isDirectory(dir), "skipped: shared fixtures not found at " + dir);
    return dir;
  }
}
