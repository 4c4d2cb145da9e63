package dev.waterline.vex.oci.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.OciStoreContract;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.oci.internal.store.TagConflictException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on our in-process OCI 1.1 registry (referrers API, honoured If-Match), behind
 * the fault proxy without faults (it answers a TLS hello as a plain server does).
 */
class OciApiRegistryStoreContractTest extends OciStoreContract {
  static OciApiRegistry registry;
  static FaultProxy proxy;
  static RegistryClient client;
  static final AtomicInteger REPO = new AtomicInteger();

  @BeforeAll
  static void start() throws IOException {
    registry = new OciApiRegistry(2);
    proxy = new FaultProxy(registry.host());
    client =
        new RegistryClient(
            proxy.host(),
            new RegistryConfig(null, null, null, Set.of(), 1 << 20, 2, Duration.ofMillis(5)));
  }

  @AfterAll
  static void stop() throws IOException {
    proxy.close();
    registry.close();
  }

  @Override
  protected OciStore newStore() {
    return client.repository("api/r" + REPO.incrementAndGet());
  }

  @Test
  void theReferrersApiIsDetected() {
    assertThat(store.supportsReferrers()).isTrue();
  }

  @Test
  void aStaleIfMatchIsAConflictWhereTheRegistryHonoursIt() {
    StoredManifest first = ImageWriter.write(store, "1.0", "f", "a", List.of("linux/amd64"));
    StoredManifest second = ImageWriter.write(store, "2.0", "f", "b", List.of("linux/amd64"));
    store.putManifestIfCurrent(second.bytes(), second.mediaType(), "1.0", first.digest());

    assertThatThrownBy(
            () ->
                store.putManifestIfCurrent(first.bytes(), first.mediaType(), "1.0", first.digest()))
        .isInstanceOf(TagConflictException.class)
        .hasMessageContaining("the tag 1.0 in " + proxy.host() + "/");
    assertThatThrownBy(
            () -> store.putManifestIfCurrent(first.bytes(), first.mediaType(), "2.0", null))
        .isInstanceOf(TagConflictException.class);
  }

  @Test
  void tagsArePagedThroughLinkHeaders() {
    List<String> expected = new ArrayList<>();
    StoredManifest m = ImageWriter.write(store, "t0", "f", "x", List.of("linux/amd64"));
    expected.add("t0");
    for (int i = 1; i < 5; i++) {
      store.putManifest(m.bytes(), m.mediaType(), "t" + i);
      expected.add("t" + i);
    }
    assertThat(store.tags()).containsExactlyElementsOf(expected); // 3 pages of 2
  }
}
