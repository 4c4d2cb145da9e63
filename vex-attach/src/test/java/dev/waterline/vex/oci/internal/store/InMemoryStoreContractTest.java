package dev.waterline.vex.oci.internal.store;

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
