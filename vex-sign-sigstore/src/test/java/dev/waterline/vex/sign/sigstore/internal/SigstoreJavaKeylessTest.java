package dev.waterline.vex.sign.sigstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.sign.internal.KeylessProvider;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SigstoreJavaKeylessTest {
  @Nested
  class ServiceLoading {
    @Test
    void vexSignFindsThisModulesProviderOnTheClassPath() {
      assertThat(KeylessProvider.find()).get().isInstanceOf(SigstoreJavaKeyless.class);
    }

    @Test
    void requireReturnsItInsteadOfSayingToAddTheModule() {
      assertThat(KeylessProvider.require()).isInstanceOf(SigstoreJavaKeyless.class);
    }
  }
}
