package dev.waterline.vex.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/** Test helpers: our own fixtures and the optional shared examples. */
final class Fixtures {
  static final String A = "sha256:" + "a".repeat(64);
  static final String B = "sha256:" + "b".repeat(64);
  static final String C = "sha256:" + "c".repeat(64);

  private Fixtures() {}

  static byte[] resource(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/reports/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ScanReport report(String name) {
    return ScanReports.read(resource(name));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A file under the shared examples; the test is skipped when they are absent. */
  static Path shared(String relative) {
    String dir = System.getProperty("waterline.shared");
    Assumptions.assumeTrue(
        dir != null && Files.isDirectory(Paths.get(dir)),
        "shared examples not available (system property waterline.shared=" + dir + "); skipped");
    Path p = Paths.get(dir).resolve(relative);
    Assumptions.assumeTrue(Files.isRegularFile(p), "shared example " + p + " is absent; skipped");
    return p;
  }
}
