package dev.waterline.vex.oci.internal.registry;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Pushes small sample images to a test registry (used by vex-cli's tests through the test-jar). */
public final class TestImages {
  private TestImages() {}

  /**
   * Pushes a sample image ({@code hello.txt}, one manifest per platform, an index over several) to
   * {@code repository:tag} on {@code server} and returns its digest.
   */
  public static Digest push(
      DistributionRegistry server, String repository, String tag, String... platforms) {
    RegistryClient client =
        new RegistryClient(
            server.host(),
            new RegistryConfig(null, null, null, Set.of(), 1 << 20, 2, Duration.ofMillis(10)));
    return ImageWriter.write(
            client.repository(repository),
            tag,
            "hello.txt",
            "hello " + repository,
            platforms.length == 0 ? List.of("linux/amd64") : List.of(platforms))
        .digest();
  }
}
