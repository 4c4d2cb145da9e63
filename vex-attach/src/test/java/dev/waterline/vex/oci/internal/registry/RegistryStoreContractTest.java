package dev.waterline.vex.oci.internal.registry;

import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.OciStoreContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on a real registry (distribution 2.8.2, plain HTTP), a new repository each.
 */
class RegistryStoreContractTest extends OciStoreContract {
  @TempDir static Path dir;
  static DistributionRegistry registry;
  static RegistryClient client;
  static final AtomicInteger REPO = new AtomicInteger();

  @BeforeAll
  static void start() {
    registry = DistributionRegistry.plain(dir);
    client =
        new RegistryClient(
            registry.host(),
            new RegistryConfig(null, null, null, Set.of(), 1 << 20, 2, Duration.ofMillis(10)));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Override
  protected OciStore newStore() {
    return client.repository("contract/r" + REPO.incrementAndGet());
  }
}
