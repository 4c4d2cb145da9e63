package dev.waterline.vex.oci.internal.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LayoutStoreContractTest extends OciStoreContract {
  @TempDir Path dir;

  @Override
  protected OciStore newStore() {
    return LayoutStore.create(dir.resolve("layout"));
  }
}
