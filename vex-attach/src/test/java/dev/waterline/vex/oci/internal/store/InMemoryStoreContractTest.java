package dev.waterline.vex.oci.internal.store;

import dev.waterline.vex.testkit.internal.InMemoryStore;
import org.junit.jupiter.api.Nested;

class InMemoryStoreContractTest {
  @Nested
  class WithReferrersApi extends OciStoreContract {
    @Override
    protected OciStore newStore() {
      return new InMemoryStore("api", true);
    }
  }

  @Nested
  class WithoutReferrersApi extends OciStoreContract {
    @Override
    protected OciStore newStore() {
      return new InMemoryStore("fallback", false);
    }
  }
}
